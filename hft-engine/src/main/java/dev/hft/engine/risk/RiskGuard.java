package dev.hft.engine.risk;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import dev.hft.api.state.StateIO;
import dev.hft.api.state.Snapshottable;

import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.OrderType;
import dev.hft.core.ReasonCode;
import dev.hft.engine.bus.EventBus;

/**
 * "DRB-Guard": checked before every order, fail-closed. An order is allowed only when every check passes;
 * otherwise the first failing check's reason code is returned and the order never leaves.
 *
 * <p>Trading state follows the equity: a daily loss beyond the limit means REDUCING for the rest of the UTC day;
 * a drawdown from the peak beyond {@code drawdownReducingPct} means REDUCING while it lasts; beyond
 * {@code drawdownHaltPct} trading halts and stays halted until an operator releases it. The kill switch halts
 * too, and stays on until released (the journal will carry it across restarts). A halt with open positions
 * first flattens them (state REDUCING, flatten pending) and becomes HALTED once flat, so no order at all is
 * sent in HALTED.
 *
 * <p>Single-threaded (engine thread); no allocation per check.
 */
public final class RiskGuard implements Snapshottable {
    private static final long DAY_MS = 86_400_000L;
    private static final int RATE_WINDOW = 1024;

    private final RiskLimits limits;
    private final EventBus bus;
    private final long[] denials = new long[ReasonCode.values().length];
    // order-rate throttle: ring of recent send times (event time)
    private final long[] sendTimes = new long[RATE_WINDOW];
    private int sendHead;
    private long sends;

    private TradingState state = TradingState.ACTIVE;
    private ReasonCode stateReason;
    private boolean killSwitch;
    private boolean haltLatched;
    private ReasonCode haltReason;
    /** The flatten of the current halt was asked for (asked once per halt). */
    private boolean haltFlattenRequested;
    /** The journal failed: halted with no way to send anything, until a restart recovers. */
    private boolean journalFailed;
    private long day = Long.MIN_VALUE;
    private long dayStartEquity;
    private boolean dailyLossHit;
    private long peakEquity;
    private long lastEquity;
    private double maxDrawdownPct;
    private long stateChanges;

    public RiskGuard(RiskLimits limits, EventBus bus) {
        this.limits = limits;
        this.bus = bus;
    }

    /**
     * Re-evaluates the trading state from marked equity. Returns true when open positions must be flattened
     * now (a halt with {@code flattenOnHalt}); the engine then sends the reduce-only exits.
     */
    public boolean onEquity(long nowMs, long equity, int openPositions) {
        lastEquity = equity;
        long d = Math.floorDiv(nowMs, DAY_MS);
        if (d != day) {
            day = d;
            dayStartEquity = equity;
            dailyLossHit = false;
        }
        if (equity > peakEquity) {
            peakEquity = equity;
        }
        double dd = drawdownPct(peakEquity, equity);
        maxDrawdownPct = Math.max(maxDrawdownPct, dd);
        if (dailyLoss(dayStartEquity, equity)) {
            dailyLossHit = true;
        }
        if (!haltLatched && limits.drawdownHaltPct() > 0 && dd >= limits.drawdownHaltPct()) {
            haltLatched = true;
            haltReason = ReasonCode.RISK_DRAWDOWN;
            haltFlattenRequested = false;
        }
        return update(nowMs, openPositions);
    }

    /**
     * The drawdown from {@code peak} at {@code equity}, in percent. No division at a peak or above it: the quotient
     * would be 0 or negative there, below any positive limit (the same outcome, on most bars of a rising account).
     */
    private static double drawdownPct(long peak, long equity) {
        return peak > 0 && equity < peak ? 100.0 * (peak - equity) / peak : 0;
    }

    /** Whether {@code equity} is down the daily loss limit from the day's start. */
    private boolean dailyLoss(long dayStart, long equity) {
        return limits.dailyLossPct() > 0 && dayStart > 0 && equity < dayStart
                && 100.0 * (dayStart - equity) / dayStart >= limits.dailyLossPct();
    }

    /**
     * Whether {@link #onEquity} at {@code nowMs} with {@code equity} would change nothing but the figures it keeps
     * (last equity, peak, largest drawdown): trading is ACTIVE and stays so, on the same UTC day as the last look, with
     * no daily loss, drawdown halt or drawdown reduction reached. Changes nothing itself.
     */
    public boolean quietAt(long nowMs, long equity) {
        if (state != TradingState.ACTIVE || haltLatched || dailyLossHit || Math.floorDiv(nowMs, DAY_MS) != day) {
            return false;
        }
        double dd = drawdownPct(Math.max(peakEquity, equity), equity);
        return !dailyLoss(dayStartEquity, equity)
                && !(limits.drawdownHaltPct() > 0 && dd >= limits.drawdownHaltPct())
                && !(limits.drawdownReducingPct() > 0 && dd >= limits.drawdownReducingPct());
    }

    /** The UTC day (days since the epoch) of the last look at equity, or {@code Long.MIN_VALUE} before the first. */
    public long day() {
        return day;
    }

    /** Engages the kill switch. Returns true when positions must be flattened now. */
    public boolean killSwitch(long nowMs, int openPositions) {
        if (!killSwitch) {
            haltFlattenRequested = false;
        }
        killSwitch = true;
        haltLatched = true;
        haltReason = ReasonCode.RISK_KILL_SWITCH;
        return update(nowMs, openPositions);
    }

    /**
     * The journal could not make a record durable: no order may leave (it could not be journaled first), so this
     * halts at once, without a flatten, and no operator release lifts it; only a restart with recovery does.
     */
    public void journalFailed(long nowMs) {
        if (journalFailed) {
            return;
        }
        journalFailed = true;
        haltLatched = true;
        haltReason = ReasonCode.RISK_JOURNAL_FAILURE;
        transition(nowMs, TradingState.HALTED, ReasonCode.RISK_JOURNAL_FAILURE);
    }

    /** Operator release of the kill switch and of a latched halt; the drawdown peak restarts at current equity. */
    public void release(long nowMs, int openPositions) {
        if (journalFailed) {
            return;
        }
        killSwitch = false;
        haltLatched = false;
        haltReason = null;
        peakEquity = lastEquity;
        transition(nowMs, TradingState.ACTIVE, ReasonCode.RISK_RELEASED);
        update(nowMs, openPositions);
    }

    /** Call when the number of open positions changed (a flatten completing turns REDUCING into HALTED). */
    public boolean update(long nowMs, int openPositions) {
        TradingState target;
        ReasonCode why;
        boolean flattenNow = false;
        if (journalFailed) {
            target = TradingState.HALTED;
            why = ReasonCode.RISK_JOURNAL_FAILURE;
        } else if (haltLatched) {
            if (openPositions > 0 && limits.flattenOnHalt()) {
                flattenNow = !haltFlattenRequested;
                haltFlattenRequested = true;
                target = TradingState.REDUCING;
            } else {
                target = TradingState.HALTED;
            }
            why = haltReason;
        } else if (dailyLossHit) {
            target = TradingState.REDUCING;
            why = ReasonCode.RISK_DAILY_LOSS;
        } else if (limits.drawdownReducingPct() > 0
                && drawdownPct(peakEquity, lastEquity) >= limits.drawdownReducingPct()) {
            target = TradingState.REDUCING;
            why = ReasonCode.RISK_DRAWDOWN;
        } else {
            target = TradingState.ACTIVE;
            why = ReasonCode.RISK_RELEASED;
        }
        if (target != state || (target != TradingState.ACTIVE && why != stateReason)) {
            transition(nowMs, target, why);
        }
        return flattenNow;
    }

    private void transition(long nowMs, TradingState to, ReasonCode why) {
        TradingState from = state;
        state = to;
        stateReason = why;
        stateChanges++;
        bus.onRiskStateChanged(from, to, why, nowMs);
    }

    /** What an order does, which decides the checks it faces ({@link #check}). */
    public enum OrderIntent {
        /** Adds exposure: every check, the exposure limits and the order-rate throttle included. */
        ENTRY,
        /** Takes exposure off (a strategy's exit, a flatten): reduce-only, allowed in REDUCING, never throttled. */
        EXIT,
        /** A position's protective stop or take-profit: reduce-only, allowed even when HALTED. */
        PROTECTIVE
    }

    /**
     * Checks an order. {@code price} is the limit price (LIMIT), trigger (STOP_MARKET) or the reference price
     * (MARKET); {@code refPrice} is the last trusted market price. Protective stop orders of open positions are
     * always allowed while a position exists (a position must never lose its stop); every other reduce-only order
     * passes in ACTIVE and REDUCING; only orders that add exposure face the exposure limits.
     *
     * @return null when allowed, else the denial reason (counted here)
     */
    public ReasonCode check(int instrument, Instrument inst, OrderType type, long price, long qty, long refPrice,
                            OrderIntent intent, long nowMs, PortfolioView portfolio) {
        ReasonCode r = evaluate(instrument, inst, type, price, qty, refPrice, intent, nowMs, portfolio);
        if (r != null) {
            denials[r.ordinal()]++;
        }
        return r;
    }

    private ReasonCode evaluate(int instrument, Instrument inst, OrderType type, long price, long qty, long refPrice,
                                OrderIntent intent, long nowMs, PortfolioView portfolio) {
        boolean reduceOnly = intent != OrderIntent.ENTRY;
        boolean protective = intent == OrderIntent.PROTECTIVE;
        if (refPrice <= 0 || price <= 0) {
            return ReasonCode.RISK_NO_PRICE;
        }
        long equity = portfolio.equity();
        if (equity <= 0 && !reduceOnly) {
            return ReasonCode.RISK_NO_EQUITY;
        }
        if (state == TradingState.HALTED && !(protective && reduceOnly)) {
            return killSwitch ? ReasonCode.RISK_KILL_SWITCH : ReasonCode.RISK_HALTED;
        }
        if (state == TradingState.REDUCING && !reduceOnly) {
            return killSwitch ? ReasonCode.RISK_KILL_SWITCH : ReasonCode.RISK_REDUCING;
        }
        ReasonCode filter = inst.checkOrder(type == OrderType.MARKET ? inst.roundPrice(price) : price, qty, reduceOnly);
        if (filter != null) {
            return filter;
        }
        if ((type == OrderType.LIMIT || type == OrderType.STOP_LIMIT) && limits.fatFingerPct() > 0
                && Math.abs((double) (price - refPrice) / refPrice) * 100 > limits.fatFingerPct()) {
            return ReasonCode.RISK_FAT_FINGER;
        }
        long notional = Fixed.mul(type == OrderType.MARKET ? refPrice : price, qty);
        if (limits.maxOrderNotional() > 0 && notional > limits.maxOrderNotional()) {
            return ReasonCode.RISK_MAX_NOTIONAL;
        }
        if (limits.maxOrderQty() > 0 && qty > limits.maxOrderQty()) {
            return ReasonCode.RISK_MAX_QTY;
        }
        if (!reduceOnly) {
            double eq = Fixed.toDouble(equity);
            double newSymbol = Fixed.toDouble(portfolio.exposure(instrument)) + Fixed.toDouble(notional);
            if (limits.maxSymbolExposurePct() > 0 && newSymbol > eq * limits.maxSymbolExposurePct() / 100) {
                return ReasonCode.RISK_SYMBOL_EXPOSURE;
            }
            double newTotal = Fixed.toDouble(portfolio.totalExposure()) + Fixed.toDouble(notional);
            if (limits.maxTotalExposurePct() > 0 && newTotal > eq * limits.maxTotalExposurePct() / 100) {
                return ReasonCode.RISK_TOTAL_EXPOSURE;
            }
            if (limits.maxOpenPositions() > 0 && portfolio.exposure(instrument) == 0
                    && portfolio.openPositions() >= limits.maxOpenPositions()) {
                return ReasonCode.RISK_MAX_POSITIONS;
            }
        }
        // the throttle stops runaway entries; an exit only takes risk off (one per position, never repeated while
        // pending), so no reduce-only order waits for it: a flood of bars after a reconnect must not keep a
        // position open. The venue's own request limits still apply.
        if (!reduceOnly && throttled(nowMs)) {
            return ReasonCode.RISK_ORDER_RATE;
        }
        return null;
    }

    private boolean throttled(long nowMs) {
        int perSecond = limits.maxOrdersPerSecond();
        int perMinute = Math.min(limits.maxOrdersPerMinute(), RATE_WINDOW);
        return (perSecond > 0 && sentWithin(nowMs, 1_000) >= perSecond)
                || (perMinute > 0 && sentWithin(nowMs, 60_000) >= perMinute);
    }

    private int sentWithin(long nowMs, long windowMs) {
        int n = 0;
        long count = Math.min(sends, RATE_WINDOW);
        for (int k = 1; k <= count; k++) {
            long t = sendTimes[(sendHead - k + RATE_WINDOW) % RATE_WINDOW];
            if (nowMs - t >= windowMs) {
                break;
            }
            n++;
        }
        return n;
    }

    /** Records that an order left (for the throttle). */
    public void onOrderSent(long nowMs) {
        sendTimes[sendHead] = nowMs;
        sendHead = (sendHead + 1) % RATE_WINDOW;
        sends++;
    }

    public TradingState state() {
        return state;
    }

    public ReasonCode stateReason() {
        return stateReason;
    }

    public boolean killSwitchEngaged() {
        return killSwitch;
    }

    public long denials(ReasonCode reason) {
        return denials[reason.ordinal()];
    }

    public RiskLimits limits() {
        return limits;
    }

    /** The equity peak the drawdown limits measure from (restarts at current equity on a release). */
    public long peakEquity() {
        return peakEquity;
    }

    public double maxDrawdownPct() {
        return maxDrawdownPct;
    }

    public long stateChanges() {
        return stateChanges;
    }

    /** Applies the default protective stop when the strategy set none (fraction of the entry price). */
    public double stopLossFrac(double strategyFrac) {
        return strategyFrac > 0 ? strategyFrac : limits.defaultStopLossPct() / 100;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        StateIO.longs(out, denials);
        StateIO.longs(out, sendTimes);
        out.writeInt(sendHead);
        out.writeLong(sends);
        StateIO.enumValue(out, state);
        StateIO.enumValue(out, stateReason);
        out.writeBoolean(killSwitch);
        out.writeBoolean(haltLatched);
        StateIO.enumValue(out, haltReason);
        out.writeBoolean(haltFlattenRequested);
        out.writeBoolean(journalFailed);
        out.writeLong(day);
        out.writeLong(dayStartEquity);
        out.writeBoolean(dailyLossHit);
        out.writeLong(peakEquity);
        out.writeLong(lastEquity);
        StateIO.dbl(out, maxDrawdownPct);
        out.writeLong(stateChanges);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        StateIO.longs(in, denials);
        StateIO.longs(in, sendTimes);
        sendHead = in.readInt();
        sends = in.readLong();
        state = StateIO.enumValue(in, TradingState.class);
        stateReason = StateIO.enumValue(in, ReasonCode.class);
        killSwitch = in.readBoolean();
        haltLatched = in.readBoolean();
        haltReason = StateIO.enumValue(in, ReasonCode.class);
        haltFlattenRequested = in.readBoolean();
        journalFailed = in.readBoolean();
        day = in.readLong();
        dayStartEquity = in.readLong();
        dailyLossHit = in.readBoolean();
        peakEquity = in.readLong();
        lastEquity = in.readLong();
        maxDrawdownPct = StateIO.dbl(in);
        stateChanges = in.readLong();
    }
}
