package dev.hft.engine;

import dev.hft.api.Decision;
import dev.hft.core.ExecutionClient;
import dev.hft.core.Fill;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.Order;
import dev.hft.core.OrderType;
import dev.hft.core.ReasonCode;
import dev.hft.core.Side;
import dev.hft.engine.bus.EventBus;
import dev.hft.engine.journal.EngineJournal;
import dev.hft.engine.market.MarketStage;
import dev.hft.engine.risk.RiskGuard;
import dev.hft.engine.risk.TradingState;

/**
 * The kernel's order manager: turns a decision into orders and execution reports into positions. It sizes and gates
 * entries (one position per instrument, the operator's pause, the reconciliation gate, the market stage's entry block,
 * the risk guard), sends exits, places and re-places the protective pair (stop and take-profit, one-cancels-other),
 * replaces resting entries, gives client order ids, journals every command before it leaves, and books fills into
 * the {@link Portfolio}. Strategies are not its business: the {@link TradingEngine} tells them what happened.
 *
 * <p>Invariants: an order leaves only after its submit is journaled and the reconciliation gate is down; a position
 * that is open and not exiting has its stop working, or the denial that kept it from working was counted; every
 * order it follows is in {@link #working} until it is filled in full, canceled or rejected. Single-threaded, on the
 * engine's thread; "now" is the {@link EventClock}'s.
 */
final class OrderManager {
    private final EngineConfig config;
    private final Instrument[] instruments;
    private final Portfolio portfolio;
    private final PositionState[] positions;
    private final ExecutionClient execution;
    private final EventBus bus;
    private final MarketStage market;
    private final RiskGuard risk;
    private final ReasonLedger ledger;
    private final EventClock clock;
    private final String runId;
    /** Orders sent and not final, with what of each was applied and whether its cancel was asked. */
    final WorkingOrders working = new WorkingOrders();
    private EngineJournal journal = EngineJournal.NONE;
    /** The gate raised after a restart until the venue has been asked (see {@link #finishReconciliation}). */
    boolean unreconciled;
    /** Operator pause: no new entries; exits, stops and take-profits work as usual. */
    boolean paused;
    /** The number of the last client order id given. */
    long orderSeq;

    OrderManager(EngineConfig config, Instrument[] instruments, Portfolio portfolio, ExecutionClient execution,
                 EventBus bus, MarketStage market, RiskGuard risk, ReasonLedger ledger, EventClock clock,
                 String runId) {
        this.config = config;
        this.instruments = instruments;
        this.portfolio = portfolio;
        this.positions = portfolio.positions;
        this.execution = execution;
        this.bus = bus;
        this.market = market;
        this.risk = risk;
        this.ledger = ledger;
        this.clock = clock;
        this.runId = runId;
    }

    void setJournal(EngineJournal journal) {
        this.journal = journal;
    }

    /**
     * Lowers the reconciliation gate: journals it, sends again every cancel wanted for an order the venue still has
     * working, and gives every open position without a protective stop its pair from the average entry price.
     */
    void finishReconciliation() {
        if (!journal.operator("reconciled", null, clock.now())) {
            journalFailed();
        }
        unreconciled = false;
        for (Order o : working.orders()) {
            WorkingOrders.Working w = working.get(o.clientOrderId);
            if (w != null && w.cancelRequested) {
                cancelOrder(o.clientOrderId);
            }
        }
        for (PositionState pos : positions) {
            if (pos.quantity != 0 && pos.stopOrderId == null && pos.pendingMarketOrderId == null) {
                Order stop = stopOrder(pos, pos.avgEntryPrice);
                placePair(pos, stop, pos.takeProfitOrderId == null ? takeProfitLevel(pos, pos.avgEntryPrice) : 0,
                        pos.avgEntryPrice);
            }
        }
    }

    /**
     * The venue refused {@code order}: journaled, forgotten, counted and published; a lost stop is placed again, a
     * refused exit gets its pair back.
     *
     * @return whether the order was an entry another one waits to replace ({@link #sendReplacement} is next)
     */
    boolean rejected(Order order, ReasonCode reason) {
        if (!journal.rejected(order, reason, clock.now())) {
            journalFailed();
        }
        PositionState pos = positions[order.instrument];
        boolean wasStop = order.clientOrderId.equals(pos.stopOrderId);
        boolean exitOrder = order.reduceOnly && order.clientOrderId.equals(pos.pendingMarketOrderId);
        boolean replaced = order.clientOrderId.equals(pos.replacedId);
        clearIds(pos, order);
        working.remove(order.clientOrderId);
        ledger.count(reason);
        bus.onOrderRejected(order, reason);
        if (wasStop && reason == ReasonCode.REJECT_LOST && pos.quantity != 0) {
            // a position must never be without its stop: place it again, from the average entry price
            Order stop = stopOrder(pos, pos.avgEntryPrice);
            if (stop != null) {
                pos.stopOrderId = stop.clientOrderId;
                if (!send(stop)) {
                    pos.stopOrderId = null;
                }
            }
        } else if (exitOrder && pos.quantity != 0 && pos.stopOrderId == null && !unreconciled) {
            protectAgain(pos); // the exit canceled the pair before it was refused: the position is protected again
        }
        return replaced;
    }

    /**
     * The venue canceled {@code order}: journaled, forgotten and published.
     *
     * @return whether it was an entry another one waits to replace ({@link #sendReplacement} is next)
     */
    boolean canceled(Order order) {
        if (!journal.canceled(order, clock.now())) {
            journalFailed();
        }
        working.remove(order.clientOrderId);
        PositionState pos = positions[order.instrument];
        clearIds(pos, order);
        bus.onOrderCanceled(order);
        return order.clientOrderId.equals(pos.replacedId);
    }

    void flatten(ReasonCode reason) {
        boolean accounting = reason == ReasonCode.EXIT_END_OF_DATA;
        for (PositionState pos : positions) {
            if (pos.quantity != 0 && (pos.pendingMarketOrderId == null || pendingEntry(pos))) {
                exit(pos, reason, null, pos.lastPrice, accounting, 0);
            }
        }
    }

    /** Cancels entry orders still waiting to fill (an entry must not fill once trading left ACTIVE). */
    void cancelPendingEntries() {
        for (PositionState pos : positions) {
            if (pendingEntry(pos)) {
                cancelOrder(pos.pendingMarketOrderId);
            }
        }
    }

    /** Whether the order working for {@code pos} besides its protective pair is an entry (maybe a scale-in). */
    boolean pendingEntry(PositionState pos) {
        if (pos.pendingMarketOrderId == null) {
            return false;
        }
        if (pos.quantity == 0) {
            return true; // flat: only an entry can be pending
        }
        Order o = working.order(pos.pendingMarketOrderId);
        return o != null && !o.reduceOnly;
    }

    void enter(PositionState pos, Side side, long refPrice, Decision d) {
        int i = pos.instrument;
        Instrument inst = instruments[i];
        String replacing = null; // the resting entry this one replaces: only one that has not filled in part
        if (d.replace && pendingEntry(pos) && pos.replacement == null
                && !working.partlyFilled(pos.pendingMarketOrderId)) {
            replacing = pos.pendingMarketOrderId;
        }
        if (pos.pendingMarketOrderId != null && replacing == null || pos.quantity != 0
                && (Long.signum(pos.quantity) != side.sign() || pos.entries >= risk.limits().maxEntries())) {
            // one position per instrument, built from at most maxEntries entries on its side: a strategy that asks
            // again is not allowed to pyramid by accident, nor to flip without an exit
            ledger.count(ReasonCode.SKIP_IN_POSITION);
            return;
        }
        if (unreconciled) {
            deny(i, ReasonCode.RISK_UNRECONCILED);
            return;
        }
        if (paused) {
            deny(i, ReasonCode.RISK_PAUSED);
            return;
        }
        if (side == Side.SELL && !risk.limits().shortSelling()) {
            // spot: selling what the session does not hold would sell the user's own coins, or fail at the venue
            deny(i, ReasonCode.RISK_NO_SHORT_SELLING);
            return;
        }
        ReasonCode blocked = market.entryBlock(i);
        if (blocked != null) {
            deny(i, blocked);
            return;
        }
        if (refPrice <= 0) {
            deny(i, ReasonCode.RISK_NO_PRICE);
            return;
        }
        OrderType type = d.entryType;
        long limit = 0;
        long trigger = 0;
        long sizingPrice = refPrice; // what one unit is expected to cost: the decision's close, or the order's price
        if (type == OrderType.LIMIT) {
            // on the tick in the trader's favour: a buy limit never pays more than asked, a sell never gets less
            limit = inst.roundPriceAdverse(Fixed.fromDouble(d.entryPrice), side.opposite());
            sizingPrice = limit;
        } else if (type == OrderType.STOP_MARKET) {
            trigger = inst.roundPrice(Fixed.fromDouble(d.entryPrice));
            sizingPrice = trigger;
        } else if (type == OrderType.STOP_LIMIT) {
            trigger = inst.roundPrice(Fixed.fromDouble(d.entryPrice));
            limit = inst.roundPriceAdverse(Fixed.fromDouble(d.entryLimitPrice), side.opposite());
            sizingPrice = limit; // the worst price it may fill at
        }
        if (sizingPrice <= 0) {
            deny(i, ReasonCode.REJECT_PRICE_FILTER);
            return;
        }
        double stopFrac = d.stopLossFrac;
        if (d.trailDistance > 0) { // a trailing distance in price: the venues trail by a fraction
            stopFrac = d.trailDistance / Fixed.toDouble(sizingPrice);
            if (!(stopFrac >= 0.001 && stopFrac <= 0.1)) {
                deny(i, ReasonCode.REJECT_TRAIL_DISTANCE);
                return;
            }
        }
        long qty = 0;
        long eq = portfolio.equity();
        if (eq > 0) {
            qty = inst.floorQty(Fixed.div(entryNotional(d, eq, stopFrac), sizingPrice));
        }
        ReasonCode denied = risk.check(i, inst, type, type == OrderType.MARKET ? refPrice : sizingPrice, qty, refPrice,
                RiskGuard.OrderIntent.ENTRY, clock.now(), portfolio);
        if (denied == null && side == Side.BUY && Fixed.mul(qty, sizingPrice) > portfolio.cash()) {
            denied = ReasonCode.REJECT_INSUFFICIENT_FUNDS;
        }
        if (denied != null) {
            deny(i, denied);
            return;
        }
        pos.pendingStopFrac = risk.stopLossFrac(stopFrac);
        pos.pendingTrail = d.trailStop;
        pos.pendingTakeProfitFrac = d.takeProfitFrac;
        pos.pendingConfidence = d.confidence;
        Order o = new Order(nextId(), i, side, type, qty, limit, trigger, false, d.reason, clock.now(), refPrice);
        o.strategyReason = d.strategyReason == null ? null : d.strategyReason.name();
        o.timeInForce = type == OrderType.LIMIT ? d.entryTimeInForce : dev.hft.core.TimeInForce.GTC;
        boolean waits = type != OrderType.MARKET && (o.timeInForce == dev.hft.core.TimeInForce.GTC
                || o.timeInForce == dev.hft.core.TimeInForce.GTX);
        pos.entryBarsLeft = waits ? d.entryExpiryBars : 0;
        if (replacing != null) { // sent when the cancel is confirmed (onOrderCanceled), so never both at once
            pos.replacement = o;
            pos.replacedId = replacing;
            cancelOrder(replacing);
            return;
        }
        pos.pendingMarketOrderId = o.clientOrderId;
        if (!send(o)) {
            pos.pendingMarketOrderId = null;
        }
    }

    /**
     * The notional (quote asset, fixed point) the decided entry may buy at equity {@code eq}, by its sizing rule;
     * {@code stopFrac} is the entry's stop distance (0: the risk guard's default).
     */
    private long entryNotional(Decision d, long eq, double stopFrac) {
        double equity = Fixed.toDouble(eq);
        double budget = switch (d.sizing) {
            case DEFAULT -> equity * config.positionFraction();
            case FRACTION -> equity * d.sizeValue;
            case NOTIONAL -> d.sizeValue;
            // the loss at the stop is notional x stop fraction: solve it for the notional
            case RISK -> equity * d.sizeValue / risk.stopLossFrac(stopFrac);
        };
        // keep the fee inside the budget so a fully-invested account can still pay it (a fixed notional is the
        // order's own notional)
        long notional = Fixed.fromDouble(budget);
        return d.sizing == dev.hft.api.Decision.Sizing.NOTIONAL ? notional
                : Fixed.div(notional, Fixed.ONE + config.feeRate());
    }

    /**
     * @param own      the strategy's own exit reason (a declared name), or null
     * @param fraction the part of the position to close, in (0, 1), or 0 for all of it
     */
    void exit(PositionState pos, ReasonCode reason, String own, long refPrice, boolean accounting,
              double fraction) {
        if (pos.quantity == 0 || pos.pendingMarketOrderId != null && !pendingEntry(pos)) {
            return; // flat, or an exit is already on its way
        }
        int i = pos.instrument;
        long qty = sellable(pos);
        if (fraction > 0) {
            Instrument inst = instruments[i];
            long part = inst.floorQty(Fixed.mul(Math.abs(pos.quantity), Fixed.fromDouble(fraction)));
            long rest = qty - part;
            // what remains must be sellable on its own later; else the whole position goes now
            boolean restSellable = rest >= Math.max(inst.minQty(), Math.max(1, inst.stepSize()))
                    && Fixed.mul(rest, refPrice) >= inst.minNotional();
            if (part <= 0) {
                deny(i, ReasonCode.REJECT_LOT_SIZE);
                return;
            }
            if (restSellable) {
                qty = part;
            }
        }
        if (unreconciled && !accounting) {
            deny(i, ReasonCode.RISK_UNRECONCILED);
            return;
        }
        if (!accounting) {
            ReasonCode denied = risk.check(i, instruments[i], OrderType.MARKET, refPrice, qty, refPrice,
                    RiskGuard.OrderIntent.EXIT, clock.now(), portfolio);
            if (denied != null) {
                deny(i, denied);
                return;
            }
        }
        if (pos.pendingMarketOrderId != null) { // a resting scale-in gives way to the exit
            String id = pos.pendingMarketOrderId;
            pos.pendingMarketOrderId = null;
            pos.entryBarsLeft = 0;
            cancelOrder(id);
        }
        // on spot the pair holds the coins: it is canceled first, and placed again for what a partial exit leaves
        cancelProtective(pos);
        Side side = pos.quantity > 0 ? Side.SELL : Side.BUY;
        Order o = new Order(nextId(), i, side, OrderType.MARKET, qty, 0, 0, true, reason, clock.now(), refPrice);
        o.strategyReason = own;
        pos.pendingMarketOrderId = o.clientOrderId;
        if (!send(o)) {
            pos.pendingMarketOrderId = null;
        }
    }

    /**
     * The quantity an exit of {@code pos} may carry: the position floored to the step (it is on the step unless a
     * commission was taken from the coins bought; the rest is dust the venue would refuse).
     */
    private long sellable(PositionState pos) {
        long q = Math.abs(pos.quantity);
        long floored = instruments[pos.instrument].floorQty(q);
        return floored > 0 ? floored : q;
    }

    /**
     * Places the protective pair of the whole position at the strategy's (or default) distances from {@code ref}, the
     * entry's fill price (or the average entry price after a scale-in), and keeps its levels.
     */
    private void placeProtective(PositionState pos, long ref) {
        if (unreconciled) { // finishReconciliation() protects the position once the venue has been asked
            deny(pos.instrument, ReasonCode.RISK_UNRECONCILED);
            return;
        }
        pos.stopTrigger = stopTrigger(pos, ref);
        pos.takeProfitPrice = takeProfitLevel(pos, ref);
        placePair(pos, stopAt(pos, pos.stopTrigger, ref), pos.takeProfitPrice, ref);
    }

    /**
     * Places the pair again at the levels it had, for the quantity the position has now (after a partial exit, or an
     * exit the venue refused). A trailing stop keeps the ground it gained: it starts from the best price since the
     * entry, never behind where it was.
     */
    private void protectAgain(PositionState pos) {
        cancelProtective(pos);
        if (pos.stopTrigger == 0) {
            placeProtective(pos, pos.avgEntryPrice);
            return;
        }
        int dir = pos.quantity > 0 ? 1 : -1;
        long trigger = pos.stopTrigger;
        if (pos.pendingTrail && pos.bestPrice > 0) {
            long bps = Math.round(pos.pendingStopFrac * 10_000);
            // as the simulator trails: rounded to the tick away from the market (down for a long's stop)
            long trailed = instruments[pos.instrument].roundPriceAdverse(
                    Fixed.mul(pos.bestPrice, Fixed.ONE - dir * bps * (Fixed.ONE / 10_000)), dir > 0 ? Side.SELL
                            : Side.BUY);
            trigger = dir > 0 ? Math.max(trigger, trailed) : Math.min(trigger, trailed);
        }
        pos.stopTrigger = trigger;
        placePair(pos, stopAt(pos, trigger, pos.avgEntryPrice), pos.takeProfitPrice, pos.avgEntryPrice);
    }

    /** The protective stop of a position at the strategy's (or default) distance from {@code ref}; null if denied. */
    Order stopOrder(PositionState pos, long ref) {
        return stopAt(pos, stopTrigger(pos, ref), ref);
    }

    /** The stop's trigger at the strategy's (or default) distance from {@code ref}, on the tick. */
    private long stopTrigger(PositionState pos, long ref) {
        int dir = pos.quantity > 0 ? 1 : -1;
        long stopDist = Fixed.mul(ref, Fixed.fromDouble(pos.pendingStopFrac));
        return instruments[pos.instrument].roundPrice(ref - dir * stopDist);
    }

    /** The take-profit's limit at the strategy's distance from {@code ref}, on the tick; 0 when it wants none. */
    long takeProfitLevel(PositionState pos, long ref) {
        if (pos.pendingTakeProfitFrac <= 0) {
            return 0;
        }
        int dir = pos.quantity > 0 ? 1 : -1;
        long dist = Fixed.mul(ref, Fixed.fromDouble(pos.pendingTakeProfitFrac));
        return instruments[pos.instrument].roundPrice(ref + dir * dist);
    }

    /** The protective stop of the whole position at {@code trigger}; null if the risk guard denies it. */
    private Order stopAt(PositionState pos, long trigger, long ref) {
        int i = pos.instrument;
        Instrument inst = instruments[i];
        Side exitSide = pos.quantity > 0 ? Side.SELL : Side.BUY;
        long qty = sellable(pos);
        ReasonCode stopDenied = risk.check(i, inst, OrderType.STOP_MARKET, trigger, qty, ref,
                RiskGuard.OrderIntent.PROTECTIVE, clock.now(), portfolio);
        if (stopDenied != null) {
            deny(i, stopDenied);
            return null;
        }
        Order stop = new Order(nextId(), i, exitSide, OrderType.STOP_MARKET, qty, 0, trigger, true,
                ReasonCode.EXIT_STOP_LOSS, clock.now(), ref);
        stop.trailBps = pos.pendingTrail ? (int) Math.round(pos.pendingStopFrac * 10_000) : 0;
        return stop;
    }

    /**
     * The stop (if not null) and the take-profit at {@code limit} (if not 0), for the whole position: an OCO pair.
     * {@code entryPrice} is the risk guard's reference price.
     */
    void placePair(PositionState pos, Order stop, long limit, long entryPrice) {
        int i = pos.instrument;
        Instrument inst = instruments[i];
        Side exitSide = pos.quantity > 0 ? Side.SELL : Side.BUY;
        long qty = sellable(pos);
        Order tp = null;
        if (limit > 0) {
            ReasonCode tpDenied = risk.check(i, inst, OrderType.LIMIT, limit, qty, entryPrice,
                    RiskGuard.OrderIntent.PROTECTIVE, clock.now(), portfolio);
            if (tpDenied == null) {
                tp = new Order(nextId(), i, exitSide, OrderType.LIMIT, qty, limit, 0, true,
                        ReasonCode.EXIT_TAKE_PROFIT, clock.now(), entryPrice);
            } else {
                deny(i, tpDenied);
            }
        }
        if (stop != null && tp != null) {
            stop.ocoPeerId = tp.clientOrderId;
            tp.ocoPeerId = stop.clientOrderId;
        }
        // ids are recorded before sending: a venue may answer (fill, reject) before submit returns
        if (stop != null && tp != null && execution.placesOrderLists()) {
            // one order list: both legs are journaled before it leaves, and neither leaves without the other
            pos.stopOrderId = stop.clientOrderId;
            pos.takeProfitOrderId = tp.clientOrderId;
            boolean stopIn = admit(stop);
            boolean tpIn = stopIn && admit(tp);
            if (tpIn) {
                execution.submitOco(stop, tp);
                return;
            }
            pos.takeProfitOrderId = null;
            if (stopIn) {
                execution.submit(stop); // the take-profit could not be journaled: the stop still protects
            } else {
                pos.stopOrderId = null;
            }
            return;
        }
        if (stop != null) {
            pos.stopOrderId = stop.clientOrderId;
            if (!send(stop)) {
                pos.stopOrderId = null;
            }
        }
        if (tp != null && pos.quantity != 0) {
            pos.takeProfitOrderId = tp.clientOrderId;
            if (!send(tp)) {
                pos.takeProfitOrderId = null;
            }
        }
    }

    void cancelProtective(PositionState pos) {
        if (pos.stopOrderId != null) {
            String id = pos.stopOrderId;
            pos.stopOrderId = null;
            cancelOrder(id);
        }
        if (pos.takeProfitOrderId != null) {
            String id = pos.takeProfitOrderId;
            pos.takeProfitOrderId = null;
            cancelOrder(id);
        }
    }

    /**
     * Journals the command, then sends it; an order that could not be journaled never leaves. While reconciliation
     * is pending nothing leaves (not even a protective order: the venue may already hold it, or the position may be
     * gone); {@link #finishReconciliation()} protects every open position once the venue has been asked.
     */
    boolean send(Order o) {
        if (!admit(o)) {
            return false;
        }
        execution.submit(o);
        return true;
    }

    /** {@link #send} up to the venue: gated, journaled, followed as working; false when it must not leave. */
    private boolean admit(Order o) {
        if (unreconciled) {
            deny(o.instrument, ReasonCode.RISK_UNRECONCILED);
            return false;
        }
        if (!journal.submit(o, clock.now())) {
            journalFailed();
            return false;
        }
        working.add(o);
        risk.onOrderSent(clock.now());
        bus.onOrderSubmitted(o);
        return true;
    }

    /**
     * A cancel only reduces risk, so it goes out even when the journal failed (the halt follows). While
     * reconciliation is pending it is journaled and remembered but not sent: reconciliation sends it to an order
     * the venue still has working.
     */
    void cancelOrder(String id) {
        if (!journal.cancel(id, clock.now())) {
            journalFailed();
        }
        working.requestCancel(id);
        if (!unreconciled) {
            execution.cancel(id);
        }
    }

    /**
     * The part of a venue's fills of {@code o} the engine has not applied: fills wholly within the quantity applied
     * are skipped; when the venue's fills do not split exactly there (an aggregate fill), the rest is one fill at
     * the average price of the rest, its fee in proportion.
     */
    java.util.List<Fill> unapplied(Order o, java.util.List<Fill> venue) {
        WorkingOrders.Working w = working.get(o.clientOrderId);
        long doneQty = w == null ? 0 : w.executedQty;
        long doneNotional = w == null ? 0 : w.executedNotional;
        long qty = 0;
        long notional = 0;
        long fees = 0;
        int k = 0;
        while (k < venue.size() && qty + venue.get(k).quantity() <= doneQty) {
            Fill f = venue.get(k++);
            qty += f.quantity();
            notional += Fixed.mul(f.price(), f.quantity());
        }
        if (qty == doneQty) {
            return venue.subList(k, venue.size());
        }
        long total = qty;
        long totalNotional = notional;
        long time = 0;
        ReasonCode reason = o.reason;
        for (; k < venue.size(); k++) {
            Fill f = venue.get(k);
            total += f.quantity();
            totalNotional += Fixed.mul(f.price(), f.quantity());
            fees += f.fee();
            time = f.timeMs();
            reason = f.reason();
        }
        long rest = total - doneQty;
        if (rest <= 0) {
            return java.util.List.of();
        }
        long price = Fixed.div(totalNotional - doneNotional, rest);
        long fee = Fixed.div(Fixed.mul(fees, rest), total - qty);
        return java.util.List.of(new Fill(o.clientOrderId, o.instrument, o.side, price, rest, fee, time, reason));
    }

    void journalFailed() {
        risk.journalFailed(clock.now());
        ledger.count(ReasonCode.RISK_JOURNAL_FAILURE);
    }

    void deny(int instrument, ReasonCode reason) {
        ledger.count(reason);
        bus.onOrderDenied(instrument, reason, clock.now());
    }

    private String nextId() {
        return runId + "-" + (++orderSeq);
    }

    void applyFill(Order order, Fill fill) {
        clock.advanceTo(fill.timeMs());
        if (!journal.fill(order, fill, clock.now())) {
            journalFailed(); // the fill happened at the venue: account for it anyway, then stay halted
        }
        PositionState pos = positions[order.instrument];
        boolean exitOrder = order.reduceOnly && order.clientOrderId.equals(pos.pendingMarketOrderId);
        if (order.clientOrderId.equals(pos.replacedId)) { // it filled before its cancel landed: it stands, alone
            pos.replacement = null;
            pos.replacedId = null;
            ledger.count(ReasonCode.SKIP_ENTRY_CANCELED);
        }
        boolean complete = working.fill(order, fill.quantity(), fill.price());
        if (complete) { // final: the order's whole quantity executed, in one fill or several
            clearIds(pos, order); // a part-filled order still works for the position (its rest may fill)
        }
        portfolio.bookCash(order, fill);
        bus.onFill(order, fill); // listeners see the cash that includes the fill, the position before it
        Portfolio.Effect effect = portfolio.bookPosition(order, fill);
        switch (effect) {
            case OPENED -> {
                if (!order.reduceOnly) {
                    placeProtective(pos, fill.price());
                }
            }
            case ADDED -> {
                if (!order.reduceOnly) { // a scale-in or the next part of an entry: one pair, from the average
                    cancelProtective(pos);
                    placeProtective(pos, pos.avgEntryPrice);
                }
            }
            case REDUCED -> {
                if (exitOrder && complete) {
                    protectAgain(pos); // a partial exit done: the pair again, for what remains
                }
            }
            case CLOSED -> {
                cancelProtective(pos);
                ledger.count(order.reason, order.strategyReason);
                bus.onTradeClosed(portfolio.closedTrade());
                // a completed flatten turns a pending halt into HALTED
                risk.update(clock.now(), portfolio.openPositions());
            }
            default -> throw new IllegalStateException(effect.name());
        }
    }

    private static void clearIds(PositionState pos, Order order) {
        if (order.clientOrderId.equals(pos.pendingMarketOrderId)) {
            pos.pendingMarketOrderId = null;
        }
        if (order.clientOrderId.equals(pos.stopOrderId)) {
            pos.stopOrderId = null;
        }
        if (order.clientOrderId.equals(pos.takeProfitOrderId)) {
            pos.takeProfitOrderId = null;
        }
    }

    /**
     * The replaced entry's cancel is confirmed: its replacement leaves now, unless trading changed meanwhile (out of
     * ACTIVE, paused, the strategy failed, another order pending), which drops it.
     *
     * @param stopped whether the instrument's strategy stopped deciding (it threw)
     */
    void sendReplacement(PositionState pos, boolean stopped) {
        Order r = pos.replacement;
        pos.replacement = null;
        pos.replacedId = null;
        if (r == null || pos.pendingMarketOrderId != null || paused || stopped
                || risk.state() != TradingState.ACTIVE) {
            ledger.count(ReasonCode.SKIP_ENTRY_CANCELED);
            return;
        }
        pos.pendingMarketOrderId = r.clientOrderId;
        if (!send(r)) {
            pos.pendingMarketOrderId = null;
        }
    }

    /** Flat, no order working or waiting: nothing the position holds can change on a bar. */
    boolean idlePosition(PositionState p) {
        return p.quantity == 0 && p.pendingMarketOrderId == null && p.stopOrderId == null
                && p.takeProfitOrderId == null && p.replacement == null && !working.anyFor(p.instrument);
    }

}
