package dev.hft.engine;

import dev.hft.core.Bar;
import dev.hft.core.ExecutionClient;
import dev.hft.core.ExecutionListener;
import dev.hft.core.Fill;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.Order;
import dev.hft.core.OrderType;
import dev.hft.core.ReasonCode;
import dev.hft.core.Side;
import dev.hft.engine.strategy.Action;
import dev.hft.engine.strategy.Decision;
import dev.hft.engine.strategy.Strategy;
import java.util.List;
import java.util.Objects;

/**
 * The single-threaded kernel. Market events go in through {@link #onBar}, execution reports through the
 * {@link ExecutionListener} methods; orders leave through the {@link ExecutionClient}. "Now" is always the time
 * of the event being processed: nothing here reads a wall clock, which is what makes a run reproducible and a
 * journal replayable.
 *
 * <p>Per bar: the strategy updates and decides; an entry is sized as a fraction of marked equity and floored to
 * the instrument's step; it goes out as a market order. When the entry fills, the engine places the protective
 * pair (stop-market and take-profit limit, one-cancels-other) at the distances the strategy asked for. An exit
 * decision cancels the protective pair and sends a reduce-only market order.
 */
public final class TradingEngine implements ExecutionListener {
    private final EngineConfig config;
    private final Instrument[] instruments;
    private final Strategy[] strategies;
    private final PositionState[] positions;
    private final ExecutionClient execution;
    private final EngineListener listener;
    private final String runId;
    private final ReasonLedger ledger = new ReasonLedger();
    private final Decision decision = new Decision();

    private long cash;
    private long totalFees;
    private long orderSeq;
    private long nowMs;
    private long barsProcessed;

    public TradingEngine(EngineConfig config, List<Instrument> instruments, List<Strategy> strategies,
                         ExecutionClient execution, EngineListener listener, String runId) {
        if (instruments.size() != strategies.size()) {
            throw new IllegalArgumentException("one strategy per instrument expected");
        }
        this.config = Objects.requireNonNull(config);
        this.instruments = instruments.toArray(new Instrument[0]);
        this.strategies = strategies.toArray(new Strategy[0]);
        this.execution = Objects.requireNonNull(execution);
        this.listener = listener == null ? new EngineListener() { } : listener;
        this.runId = Objects.requireNonNull(runId);
        this.positions = new PositionState[this.instruments.length];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = new PositionState(i);
        }
        this.cash = config.initialCapital();
    }

    /** Processes one closed bar: mark, decide, act. */
    public void onBar(Bar bar) {
        nowMs = bar.closeTimeMs;
        barsProcessed++;
        PositionState pos = positions[bar.instrument];
        pos.lastPrice = bar.close;
        if (pos.quantity != 0) {
            pos.barsHeld++;
        }
        decision.reset();
        strategies[bar.instrument].onBar(bar, pos, decision);
        if (decision.action != Action.EXIT) {
            ledger.count(decision.reason); // exits are counted once, when the trade closes
        }
        if (decision.action == Action.ENTER_LONG || decision.action == Action.ENTER_SHORT) {
            enter(pos, decision.action == Action.ENTER_LONG ? Side.BUY : Side.SELL, bar.close);
        } else if (decision.action == Action.EXIT) {
            exit(pos, decision.reason, bar.close);
        }
    }

    /** Closes every open position at market with the given reason (end of data, shutdown). */
    public void flattenAll(ReasonCode reason) {
        for (PositionState pos : positions) {
            if (pos.quantity != 0 && pos.pendingMarketOrderId == null) {
                exit(pos, reason, pos.lastPrice);
            }
        }
    }

    private void enter(PositionState pos, Side side, long refPrice) {
        Instrument inst = instruments[pos.instrument];
        if (pos.quantity != 0 || pos.pendingMarketOrderId != null) {
            // one position per instrument: a strategy that asks again is not allowed to pyramid by accident
            ledger.count(ReasonCode.SKIP_IN_POSITION);
            return;
        }
        if (refPrice <= 0) {
            reject(ReasonCode.REJECT_NO_PRICE);
            return;
        }
        long budget = Fixed.fromDouble(Fixed.toDouble(equity()) * config.positionFraction());
        // keep the fee inside the budget so a fully-invested account can still pay it
        long notional = Fixed.div(budget, Fixed.ONE + config.feeRate());
        long qty = inst.floorQty(Fixed.div(notional, refPrice));
        ReasonCode bad = inst.checkOrder(inst.roundPrice(refPrice), qty);
        if (bad != null) {
            reject(bad);
            return;
        }
        if (side == Side.BUY && Fixed.mul(qty, refPrice) > cash) {
            reject(ReasonCode.REJECT_INSUFFICIENT_FUNDS);
            return;
        }
        pos.pendingStopFrac = decision.stopLossFrac;
        pos.pendingTakeProfitFrac = decision.takeProfitFrac;
        pos.pendingConfidence = decision.confidence;
        Order o = new Order(nextId(), pos.instrument, side, OrderType.MARKET, qty, 0, 0, false, decision.reason,
                nowMs, refPrice);
        pos.pendingMarketOrderId = o.clientOrderId;
        send(o);
    }

    private void exit(PositionState pos, ReasonCode reason, long refPrice) {
        if (pos.quantity == 0 || pos.pendingMarketOrderId != null) {
            return;
        }
        cancelProtective(pos);
        Side side = pos.quantity > 0 ? Side.SELL : Side.BUY;
        Order o = new Order(nextId(), pos.instrument, side, OrderType.MARKET, Math.abs(pos.quantity), 0, 0, true,
                reason, nowMs, refPrice);
        pos.pendingMarketOrderId = o.clientOrderId;
        send(o);
    }

    private void placeProtective(PositionState pos, Fill entry) {
        Instrument inst = instruments[pos.instrument];
        Side exitSide = pos.quantity > 0 ? Side.SELL : Side.BUY;
        int dir = pos.quantity > 0 ? 1 : -1;
        long qty = Math.abs(pos.quantity);
        Order stop = null;
        Order tp = null;
        if (pos.pendingStopFrac > 0) {
            long dist = Fixed.mul(entry.price(), Fixed.fromDouble(pos.pendingStopFrac));
            long trigger = inst.roundPrice(entry.price() - dir * dist);
            if (trigger > 0) {
                stop = new Order(nextId(), pos.instrument, exitSide, OrderType.STOP_MARKET, qty, 0, trigger, true,
                        ReasonCode.EXIT_STOP_LOSS, nowMs, entry.price());
            }
        }
        if (pos.pendingTakeProfitFrac > 0) {
            long dist = Fixed.mul(entry.price(), Fixed.fromDouble(pos.pendingTakeProfitFrac));
            long limit = inst.roundPrice(entry.price() + dir * dist);
            if (limit > 0) {
                tp = new Order(nextId(), pos.instrument, exitSide, OrderType.LIMIT, qty, limit, 0, true,
                        ReasonCode.EXIT_TAKE_PROFIT, nowMs, entry.price());
            }
        }
        if (stop != null && tp != null) {
            stop.ocoPeerId = tp.clientOrderId;
            tp.ocoPeerId = stop.clientOrderId;
        }
        if (stop != null) {
            pos.stopOrderId = stop.clientOrderId;
            send(stop);
        }
        if (tp != null) {
            pos.takeProfitOrderId = tp.clientOrderId;
            send(tp);
        }
    }

    private void cancelProtective(PositionState pos) {
        if (pos.stopOrderId != null) {
            String id = pos.stopOrderId;
            pos.stopOrderId = null;
            execution.cancel(id);
        }
        if (pos.takeProfitOrderId != null) {
            String id = pos.takeProfitOrderId;
            pos.takeProfitOrderId = null;
            execution.cancel(id);
        }
    }

    private void send(Order o) {
        listener.onOrderSubmitted(o);
        execution.submit(o);
    }

    private void reject(ReasonCode reason) {
        ledger.count(reason);
    }

    private String nextId() {
        return runId + "-" + (++orderSeq);
    }

    @Override
    public void onOrderFilled(Order order, Fill fill) {
        nowMs = Math.max(nowMs, fill.timeMs());
        PositionState pos = positions[order.instrument];
        if (order.clientOrderId.equals(pos.pendingMarketOrderId)) {
            pos.pendingMarketOrderId = null;
        }
        if (order.clientOrderId.equals(pos.stopOrderId)) {
            pos.stopOrderId = null;
        }
        if (order.clientOrderId.equals(pos.takeProfitOrderId)) {
            pos.takeProfitOrderId = null;
        }
        long signedQty = fill.side().sign() * fill.quantity();
        long notional = Fixed.mul(fill.price(), fill.quantity());
        cash -= fill.side().sign() * notional + fill.fee();
        totalFees += fill.fee();
        pos.lastPrice = pos.lastPrice == 0 ? fill.price() : pos.lastPrice;
        listener.onFill(order, fill);

        boolean opening = pos.quantity == 0 || Long.signum(pos.quantity) == Long.signum(signedQty);
        if (opening) {
            if (pos.quantity == 0) {
                pos.resetRoundTrip();
                pos.entryTimeMs = fill.timeMs();
                pos.entryReason = order.reason;
                pos.entryConfidence = pos.pendingConfidence;
            }
            long oldAbs = Math.abs(pos.quantity);
            long newAbs = oldAbs + fill.quantity();
            // volume-weighted average entry price, exact to the 8th decimal
            pos.avgEntryPrice = Fixed.div(Fixed.mul(pos.avgEntryPrice, oldAbs) + notional, newAbs);
            pos.quantity += signedQty;
            pos.openedQty += fill.quantity();
            pos.entryFees += fill.fee();
            if (!order.reduceOnly) {
                placeProtective(pos, fill);
            }
            return;
        }
        // reducing (never flips: exits are reduce-only and sized to the position)
        long closeQty = Math.min(fill.quantity(), Math.abs(pos.quantity));
        int dir = pos.quantity > 0 ? 1 : -1;
        pos.realizedGross += dir * (Fixed.mul(fill.price(), closeQty) - Fixed.mul(pos.avgEntryPrice, closeQty));
        pos.exitFees += fill.fee();
        pos.exitQty += closeQty;
        pos.exitNotional += Fixed.mul(fill.price(), closeQty);
        pos.quantity += dir * -closeQty;
        if (pos.quantity == 0) {
            cancelProtective(pos);
            long fees = pos.entryFees + pos.exitFees;
            TradeRecord t = new TradeRecord(pos.instrument, dir > 0 ? Side.BUY : Side.SELL, pos.entryTimeMs,
                    pos.avgEntryPrice, fill.timeMs(), Fixed.div(pos.exitNotional, pos.exitQty), pos.exitQty,
                    pos.realizedGross - fees, fees, pos.entryReason, order.reason, pos.entryConfidence);
            pos.resetRoundTrip();
            ledger.count(order.reason);
            listener.onTradeClosed(t);
        }
    }

    @Override
    public void onOrderRejected(Order order, ReasonCode reason) {
        PositionState pos = positions[order.instrument];
        if (order.clientOrderId.equals(pos.pendingMarketOrderId)) {
            pos.pendingMarketOrderId = null;
        }
        if (order.clientOrderId.equals(pos.stopOrderId)) {
            pos.stopOrderId = null;
        }
        if (order.clientOrderId.equals(pos.takeProfitOrderId)) {
            pos.takeProfitOrderId = null;
        }
        ledger.count(reason);
        listener.onOrderRejected(order, reason);
    }

    @Override
    public void onOrderCanceled(Order order) {
        PositionState pos = positions[order.instrument];
        if (order.clientOrderId.equals(pos.stopOrderId)) {
            pos.stopOrderId = null;
        }
        if (order.clientOrderId.equals(pos.takeProfitOrderId)) {
            pos.takeProfitOrderId = null;
        }
        if (order.clientOrderId.equals(pos.pendingMarketOrderId)) {
            pos.pendingMarketOrderId = null;
        }
    }

    /** Cash plus every position marked at its last price (fixed-point, quote asset). */
    public long equity() {
        long e = cash;
        for (PositionState p : positions) {
            e += p.markValue();
        }
        return e;
    }

    public long cash() {
        return cash;
    }

    public long totalFees() {
        return totalFees;
    }

    /** Signed quantity held on an instrument. */
    public long positionQuantity(int instrument) {
        return positions[instrument].quantity;
    }

    public ReasonLedger ledger() {
        return ledger;
    }

    public long barsProcessed() {
        return barsProcessed;
    }

    public EngineConfig config() {
        return config;
    }
}
