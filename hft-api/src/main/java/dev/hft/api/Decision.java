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

    /** Back to "no action, no signal"; the engine calls it before each bar. */
    public void reset() {
        action = Action.NONE;
        reason = ReasonCode.SKIP_NO_SIGNAL;
        confidence = 0;
        stopLossFrac = 0;
        takeProfitFrac = 0;
    }

    /** No trade on this bar, and why (a {@code SKIP_*} code, counted in {@code reasons.csv}). */
    public Decision skip(ReasonCode why) {
        action = Action.NONE;
        reason = why;
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
        return this;
    }

    /** Close the open position at market, for {@code why} (an {@code EXIT_*} code). */
    public Decision exit(ReasonCode why) {
        action = Action.EXIT;
        reason = why;
        confidence = 1;
        return this;
    }
}
