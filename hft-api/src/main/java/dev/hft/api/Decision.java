package dev.hft.api;

import dev.hft.core.ReasonCode;

/**
 * A strategy's answer to one event. The engine owns one instance and passes it to the strategy to fill, so
 * deciding allocates nothing. Exit distances are fractions of the entry fill price (0.02 = 2%); 0 means
 * "none" (the engine then applies its default protective stop).
 */
public final class Decision {
    public Action action = Action.NONE;
    public ReasonCode reason = ReasonCode.SKIP_NO_SIGNAL;
    /** Confidence in [0, 1]; 1 for rule-based strategies without a score. */
    public double confidence;
    public double stopLossFrac;
    public double takeProfitFrac;
    /**
     * The strategy's own reason ({@link Reason}), or null when {@link #reason} is a built-in code. When set,
     * {@link #reason} holds the generic built-in code of its kind ({@code ENTRY_STRATEGY}, {@code EXIT_SIGNAL},
     * {@code SKIP_STRATEGY}) and reports show this one.
     */
    public Reason strategyReason;

    /** Back to "no action, no signal"; the engine calls it before each bar. */
    public void reset() {
        action = Action.NONE;
        reason = ReasonCode.SKIP_NO_SIGNAL;
        confidence = 0;
        stopLossFrac = 0;
        takeProfitFrac = 0;
        strategyReason = null;
    }

    /** No trade on this bar, and why (a {@code SKIP_*} code, counted in {@code reasons.csv}). */
    public Decision skip(ReasonCode why) {
        action = Action.NONE;
        reason = why;
        strategyReason = null;
        return this;
    }

    /** No trade on this bar, for one of the strategy's own {@code SKIP} reasons. */
    public Decision skip(Reason why) {
        action = Action.NONE;
        reason = ReasonCode.SKIP_STRATEGY;
        strategyReason = own(why, ReasonCode.Kind.SKIP);
        return this;
    }

    /**
     * Enter at market on {@code side}, for {@code why}. {@code confidence} is in [0, 1]; the exits are
     * fractions of the entry fill price (0.02 = 2%), 0 for none (the engine then applies its default protective stop).
     */
    public Decision enter(Action side, ReasonCode why, double confidence, double stopLossFrac,
                          double takeProfitFrac) {
        this.action = side;
        this.reason = why;
        this.confidence = confidence;
        this.stopLossFrac = stopLossFrac;
        this.takeProfitFrac = takeProfitFrac;
        this.strategyReason = null;
        return this;
    }

    /** Enter as {@link #enter(Action, ReasonCode, double, double, double)}, for one of the strategy's own reasons. */
    public Decision enter(Action side, Reason why, double confidence, double stopLossFrac, double takeProfitFrac) {
        enter(side, ReasonCode.ENTRY_STRATEGY, confidence, stopLossFrac, takeProfitFrac);
        strategyReason = own(why, ReasonCode.Kind.ENTRY);
        return this;
    }

    /** Close the open position at market, for {@code why} (an {@code EXIT_*} code). */
    public Decision exit(ReasonCode why) {
        action = Action.EXIT;
        reason = why;
        confidence = 1;
        strategyReason = null;
        return this;
    }

    /** Close the open position at market, for one of the strategy's own {@code EXIT} reasons. */
    public Decision exit(Reason why) {
        exit(ReasonCode.EXIT_SIGNAL);
        strategyReason = own(why, ReasonCode.Kind.EXIT);
        return this;
    }

    private static Reason own(Reason why, ReasonCode.Kind kind) {
        if (why == null || why.kind() != kind) {
            throw new IllegalArgumentException("reason " + why + " is not a " + kind + " reason");
        }
        return why;
    }
}
