package dev.hft.api;

import dev.hft.core.OrderType;
import dev.hft.core.ReasonCode;
import dev.hft.core.TimeInForce;

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
    /**
     * How an entry goes out: {@code MARKET} (the default), {@code LIMIT} (rests at {@link #entryPrice} or better) or
     * {@code STOP_MARKET} (a market order once the price trades at {@link #entryPrice}: a breakout). Set with
     * {@link #limit} or {@link #stop} after {@code enter}.
     */
    public OrderType entryType = OrderType.MARKET;
    /** The limit or trigger price of a {@code LIMIT}, {@code STOP_MARKET} or {@code STOP_LIMIT} entry; else 0. */
    public double entryPrice;
    /** The limit price a {@code STOP_LIMIT} entry becomes once triggered, in the quote asset; else 0. */
    public double entryLimitPrice;
    /** Bars of the instrument after which an entry that has not filled is canceled; 0: good till canceled. */
    public int entryExpiryBars;
    /** How long a limit entry may wait: {@code GTC} unless {@link #ioc()}, {@link #fok()} or {@link #postOnly()}. */
    public TimeInForce entryTimeInForce = TimeInForce.GTC;
    /** Whether the entry's protective stop trails the best price since the fill ({@link #trailStop()}). */
    public boolean trailStop;
    /** A trailing stop's distance as a price in the quote asset ({@link #trailStopBy}); 0 when set as a fraction. */
    public double trailDistance;
    /** How the entry is sized: {@link Sizing#DEFAULT} (the run's position fraction) unless a sizing method set it. */
    public Sizing sizing = Sizing.DEFAULT;
    /** The sizing's amount: a fraction of equity, a notional in the quote asset, or the fraction of equity at risk. */
    public double sizeValue;
    /** The part of the position an exit closes, in (0, 1); 0 closes all of it ({@link #exitPart}). */
    public double exitFraction;
    /** Whether this entry replaces the entry still resting ({@link #replacing()}). */
    public boolean replace;

    /** The sizing rules of an entry; the quantity is floored to the step and checked by the risk guard. */
    public enum Sizing {
        /** The run's position fraction of equity ({@code --position-pct}). */
        DEFAULT,
        /** {@code sizeValue} of equity, e.g. 0.05 for 5%, the fee kept inside. */
        FRACTION,
        /** A fixed notional of {@code sizeValue} in the quote asset, e.g. 500 USDT. */
        NOTIONAL,
        /**
         * Risk per trade: the quantity whose loss at the protective stop is {@code sizeValue} of equity, i.e.
         * {@code equity * sizeValue / (price * stopFraction)}, with the stop the entry asked for (or the risk guard's
         * default).
         */
        RISK
    }

    /** Back to "no action, no signal"; the engine calls it before each bar. */
    public void reset() {
        action = Action.NONE;
        reason = ReasonCode.SKIP_NO_SIGNAL;
        confidence = 0;
        stopLossFrac = 0;
        takeProfitFrac = 0;
        strategyReason = null;
        entryType = OrderType.MARKET;
        entryPrice = 0;
        entryLimitPrice = 0;
        entryExpiryBars = 0;
        entryTimeInForce = TimeInForce.GTC;
        trailStop = false;
        trailDistance = 0;
        sizing = Sizing.DEFAULT;
        sizeValue = 0;
        exitFraction = 0;
        replace = false;
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
     * With a position open on the same side this adds to it (scale-in) when the run allows more than one entry per
     * position ({@code risk.maxEntries}); the protective pair is then placed again for the whole position, at these
     * fractions from the new average entry price. Otherwise it is skipped ({@code SKIP_IN_POSITION}).
     */
    public Decision enter(Action side, ReasonCode why, double confidence, double stopLossFrac,
                          double takeProfitFrac) {
        this.action = side;
        this.reason = why;
        this.confidence = confidence;
        this.stopLossFrac = stopLossFrac;
        this.takeProfitFrac = takeProfitFrac;
        this.strategyReason = null;
        this.entryType = OrderType.MARKET;
        this.entryPrice = 0;
        this.entryLimitPrice = 0;
        this.entryExpiryBars = 0;
        this.entryTimeInForce = TimeInForce.GTC;
        this.trailStop = false;
        this.trailDistance = 0;
        this.sizing = Sizing.DEFAULT;
        this.sizeValue = 0;
        this.replace = false;
        return this;
    }

    /**
     * Makes the entry just decided replace the entry order still resting (cancel/replace): to move a limit, change a
     * stop's trigger, resize or reshape it. The engine cancels the resting order and sends this one only once the
     * cancel is confirmed, so both can never fill (live, an order that fills before the cancel lands stands, and this
     * one is dropped). With no entry resting it is an ordinary entry; an entry that has partly filled is not replaced
     * ({@code SKIP_IN_POSITION}).
     */
    public Decision replacing() {
        if (action != Action.ENTER_LONG && action != Action.ENTER_SHORT) {
            throw new IllegalStateException("replacing shapes an entry: call enter(...) first");
        }
        replace = true;
        return this;
    }

    /**
     * Makes the protective stop of the entry just decided a trailing stop: it keeps {@code stopLossFrac} from the
     * best price since the fill (the highest for a long, the lowest for a short) and never moves back. The distance
     * must lie in [0.001, 0.1] (0.1% to 10%), what both Binance spot ({@code trailingDelta}) and USD-M
     * ({@code TRAILING_STOP_MARKET}) accept. In backtest and paper it trails from each bar's extreme after the bar
     * was checked against the level it had (docs/FILL_RULES.md).
     */
    public Decision trailStop() {
        if (action != Action.ENTER_LONG && action != Action.ENTER_SHORT) {
            throw new IllegalStateException("a trailing stop belongs to an entry: call enter(...) first");
        }
        if (!(stopLossFrac >= 0.001 && stopLossFrac <= 0.1)) {
            throw new IllegalArgumentException("a trailing stop needs its distance in [0.001, 0.1] as the entry's "
                    + "stopLossFrac, got " + stopLossFrac);
        }
        trailStop = true;
        trailDistance = 0;
        return this;
    }

    /**
     * Makes the protective stop of the entry just decided trail the best price by a price distance (e.g. 150 for
     * 150 USDT) instead of a fraction. Venues trail by percent only, so the engine turns it into the fraction of the
     * entry's price (its limit or trigger, else the deciding close) when the entry leaves; that fraction is then the
     * stop's distance, also for {@link #sizeRisk}. It must come to 0.1% to 10% of that price, or the entry is refused
     * ({@code REJECT_TRAIL_DISTANCE}).
     */
    public Decision trailStopBy(double priceDistance) {
        if (action != Action.ENTER_LONG && action != Action.ENTER_SHORT) {
            throw new IllegalStateException("a trailing stop belongs to an entry: call enter(...) first");
        }
        if (!(priceDistance > 0) || Double.isInfinite(priceDistance)) {
            throw new IllegalArgumentException("a trailing distance must be a positive price, got " + priceDistance);
        }
        trailStop = true;
        trailDistance = priceDistance;
        return this;
    }

    /** Sizes the entry just decided at {@code fraction} of equity (0 to 1], instead of the run's default. */
    public Decision sizeFraction(double fraction) {
        return size(Sizing.FRACTION, fraction, fraction <= 1);
    }

    /** Sizes the entry just decided at a fixed notional in the quote asset (e.g. 500 for 500 USDT). */
    public Decision sizeNotional(double quote) {
        return size(Sizing.NOTIONAL, quote, true);
    }

    /**
     * Sizes the entry just decided so that its protective stop, if hit, loses {@code riskFraction} of equity
     * (0.01: 1%): quantity = equity x riskFraction / (price x stop fraction). A tight stop makes a large position;
     * the risk guard's exposure limits still apply.
     */
    public Decision sizeRisk(double riskFraction) {
        return size(Sizing.RISK, riskFraction, riskFraction <= 1);
    }

    private Decision size(Sizing mode, double value, boolean inRange) {
        if (action != Action.ENTER_LONG && action != Action.ENTER_SHORT) {
            throw new IllegalStateException("a size belongs to an entry: call enter(...) first");
        }
        if (!(value > 0) || Double.isInfinite(value) || !inRange) {
            throw new IllegalArgumentException(mode + " size must be positive" + (mode == Sizing.NOTIONAL ? ""
                    : " and at most 1") + ", got " + value);
        }
        sizing = mode;
        sizeValue = value;
        return this;
    }

    /**
     * Makes the entry just decided a resting limit order at {@code price} (rounded to the tick in the trader's
     * favour: down for a buy, up for a sell). In backtest and paper it fills when a later bar trades through the
     * price, at the price, as a maker (at the open, if the bar opens beyond it); see {@code docs/FILL_RULES.md}. The
     * stop-loss and take-profit fractions apply to the fill price. It is canceled after {@code expiryBars} bars of
     * the instrument without a fill (0: good till canceled, or until {@link #cancelEntry()}).
     */
    public Decision limit(double price, int expiryBars) {
        return entryOrder(OrderType.LIMIT, price, expiryBars);
    }

    /**
     * Makes the entry just decided a stop entry: a market order once a later bar trades at {@code trigger} (above
     * the market for a buy, below for a sell: a breakout), filled at the trigger with slippage, or at the open if the
     * bar opens beyond it. Canceled after {@code expiryBars} bars without a trigger (0: good till canceled).
     */
    public Decision stop(double trigger, int expiryBars) {
        return entryOrder(OrderType.STOP_MARKET, trigger, expiryBars);
    }

    /**
     * Makes the entry just decided a stop-limit entry: once a later bar trades at {@code trigger} it becomes a limit
     * order at {@code limit}, so it never fills worse than {@code limit} (a stop entry may, on a gap). It fills at
     * the trigger when the trigger is within the limit, at the open when the bar opens beyond the trigger but within
     * the limit; beyond the limit it rests as a limit from the next bar. Canceled after {@code expiryBars} bars
     * without a fill (0: good till canceled).
     */
    public Decision stopLimit(double trigger, double limit, int expiryBars) {
        entryOrder(OrderType.STOP_LIMIT, trigger, expiryBars);
        if (!(limit > 0) || Double.isInfinite(limit)) {
            throw new IllegalArgumentException("the limit of a stop-limit entry must be positive, got " + limit);
        }
        entryLimitPrice = limit;
        return this;
    }

    /**
     * Makes the limit entry just shaped immediate-or-cancel: it trades on arrival (the next bar's open in backtest,
     * when the open is at the limit or better) or is canceled. Without partial fills on bars, FOK fills the same way.
     */
    public Decision ioc() {
        return timeInForce(TimeInForce.IOC);
    }

    /** Makes the limit entry just shaped fill-or-kill: all of it trades on arrival, or it is canceled. */
    public Decision fok() {
        return timeInForce(TimeInForce.FOK);
    }

    /**
     * Makes the limit entry just shaped post-only: it must rest as a maker; if it would trade on arrival it is
     * rejected ({@code REJECT_POST_ONLY}) instead of taking liquidity.
     */
    public Decision postOnly() {
        return timeInForce(TimeInForce.GTX);
    }

    private Decision timeInForce(TimeInForce tif) {
        if (entryType != OrderType.LIMIT) {
            throw new IllegalStateException("a time in force belongs to a limit entry: call limit(...) first");
        }
        entryTimeInForce = tif;
        return this;
    }

    private Decision entryOrder(OrderType type, double price, int expiryBars) {
        if (action != Action.ENTER_LONG && action != Action.ENTER_SHORT) {
            throw new IllegalStateException("limit and stop shape an entry: call enter(...) first");
        }
        if (!(price > 0) || Double.isInfinite(price) || expiryBars < 0) {
            throw new IllegalArgumentException("entry price must be positive and expiry bars >= 0, got " + price
                    + " and " + expiryBars);
        }
        entryType = type;
        entryPrice = price;
        entryLimitPrice = 0;
        entryExpiryBars = expiryBars;
        entryTimeInForce = TimeInForce.GTC;
        return this;
    }

    /** Cancels the entry order still resting, if any; counted as {@code SKIP_ENTRY_CANCELED}. */
    public Decision cancelEntry() {
        reset();
        action = Action.CANCEL_ENTRY;
        reason = ReasonCode.SKIP_ENTRY_CANCELED;
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
        exitFraction = 0;
        return this;
    }

    /** Close the open position at market, for one of the strategy's own {@code EXIT} reasons. */
    public Decision exit(Reason why) {
        exit(ReasonCode.EXIT_SIGNAL);
        strategyReason = own(why, ReasonCode.Kind.EXIT);
        return this;
    }

    /**
     * Close {@code fraction} of the open position at market (0.5: half), for {@code why}: a partial exit. The quantity
     * is floored to the step; when what would remain is less than one step the whole position closes. The position's
     * protective stop and take-profit stay at their prices and are placed again for the quantity that remains; the
     * round trip (one row of {@code trades.csv}) ends when the position is flat.
     */
    public Decision exitPart(double fraction, ReasonCode why) {
        exit(why);
        return part(fraction);
    }

    /** A partial exit ({@link #exitPart(double, ReasonCode)}) for one of the strategy's own {@code EXIT} reasons. */
    public Decision exitPart(double fraction, Reason why) {
        exit(why);
        return part(fraction);
    }

    private Decision part(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("a partial exit closes a fraction in (0, 1) of the position, got "
                    + fraction + " (exit(...) closes all of it)");
        }
        exitFraction = fraction;
        return this;
    }

    private static Reason own(Reason why, ReasonCode.Kind kind) {
        if (why == null || why.kind() != kind) {
            throw new IllegalArgumentException("reason " + why + " is not a " + kind + " reason");
        }
        return why;
    }
}
