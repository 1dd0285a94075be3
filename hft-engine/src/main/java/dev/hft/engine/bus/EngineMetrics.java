package dev.hft.engine.bus;

import dev.hft.core.Bar;
import dev.hft.core.Fill;
import dev.hft.core.Order;
import dev.hft.core.ReasonCode;
import dev.hft.engine.EngineListener;
import dev.hft.engine.risk.TradingState;
import dev.hft.api.Decision;

/**
 * Counters fed by the event bus: events by type, decisions and denials by reason, orders sent, filled,
 * rejected and cancelled, freezes, thaws and risk state changes. Plain long arrays written on the engine
 * thread; the Prometheus endpoint (operations issue) will read them as gauges.
 */
public final class EngineMetrics implements EngineListener {
    private static final int REASONS = ReasonCode.values().length;

    private long bars;
    private long rejectedEvents;
    private long ordersSubmitted;
    private long ordersDenied;
    private long fills;
    private long ordersRejected;
    private long ordersCanceled;
    private long trades;
    private long freezes;
    private long thaws;
    private long riskStateChanges;
    private final long[] decisionsByReason = new long[REASONS];
    private final long[] deniedByReason = new long[REASONS];
    private TradingState riskState = TradingState.ACTIVE;

    @Override
    public void onBar(Bar bar) {
        bars++;
    }

    @Override
    public void onMarketDataRejected(Bar bar, ReasonCode reason) {
        rejectedEvents++;
    }

    @Override
    public void onDecision(int instrument, Decision decision, long nowMs) {
        decisionsByReason[decision.reason.ordinal()]++;
    }

    @Override
    public void onOrderSubmitted(Order order) {
        ordersSubmitted++;
    }

    @Override
    public void onOrderDenied(int instrument, ReasonCode reason, long nowMs) {
        ordersDenied++;
        deniedByReason[reason.ordinal()]++;
    }

    @Override
    public void onFill(Order order, Fill fill) {
        fills++;
    }

    @Override
    public void onOrderRejected(Order order, ReasonCode reason) {
        ordersRejected++;
    }

    @Override
    public void onOrderCanceled(Order order) {
        ordersCanceled++;
    }

    @Override
    public void onTradeClosed(dev.hft.engine.TradeRecord trade) {
        trades++;
    }

    @Override
    public void onInstrumentFrozen(int instrument, ReasonCode reason, long nowMs) {
        freezes++;
    }

    @Override
    public void onInstrumentThawed(int instrument, long nowMs) {
        thaws++;
    }

    @Override
    public void onRiskStateChanged(TradingState from, TradingState to, ReasonCode reason, long nowMs) {
        riskStateChanges++;
        riskState = to;
    }

    public long bars() {
        return bars;
    }

    public long rejectedEvents() {
        return rejectedEvents;
    }

    public long ordersSubmitted() {
        return ordersSubmitted;
    }

    public long ordersDenied() {
        return ordersDenied;
    }

    public long fills() {
        return fills;
    }

    public long ordersRejected() {
        return ordersRejected;
    }

    public long ordersCanceled() {
        return ordersCanceled;
    }

    public long trades() {
        return trades;
    }

    public long freezes() {
        return freezes;
    }

    public long thaws() {
        return thaws;
    }

    public long riskStateChanges() {
        return riskStateChanges;
    }

    public TradingState riskState() {
        return riskState;
    }

    public long decisions(ReasonCode reason) {
        return decisionsByReason[reason.ordinal()];
    }

    public long denied(ReasonCode reason) {
        return deniedByReason[reason.ordinal()];
    }
}
