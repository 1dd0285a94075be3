package dev.hft.engine;

import dev.hft.core.Bar;
import dev.hft.core.Fill;
import dev.hft.core.Order;
import dev.hft.core.ReasonCode;
import dev.hft.engine.risk.TradingState;
import dev.hft.api.Decision;

/**
 * Observer of what the engine did: one typed callback per event. Called on the engine thread, synchronously,
 * through the {@link dev.hft.engine.bus.EventBus}: an observer must return quickly and must not block (one that
 * needs to do I/O copies what it needs and hands it to its own thread). The arguments are the engine's own
 * objects, valid only during the call: {@link Bar} and {@link Decision} are reused for the next event.
 */
public interface EngineListener {
    /** A market event passed the sanitizer and is about to be used. */
    default void onBar(Bar bar) {
    }

    default void onMarketDataRejected(Bar bar, ReasonCode reason) {
    }

    /** The strategy's decision on an accepted bar (skips included). */
    default void onDecision(int instrument, Decision decision, long nowMs) {
    }

    default void onOrderSubmitted(Order order) {
    }

    /** An order the engine wanted to send was denied before it left (risk guard or exchange filters). */
    default void onOrderDenied(int instrument, ReasonCode reason, long nowMs) {
    }

    default void onFill(Order order, Fill fill) {
    }

    default void onOrderRejected(Order order, ReasonCode reason) {
    }

    default void onOrderCanceled(Order order) {
    }

    default void onTradeClosed(TradeRecord trade) {
    }

    /** The strategy of {@code instrument} threw and decides nothing more ({@code failure}: exception and frames). */
    default void onStrategyFailed(int instrument, String failure, long nowMs) {
    }

    default void onInstrumentFrozen(int instrument, ReasonCode reason, long nowMs) {
    }

    default void onInstrumentThawed(int instrument, long nowMs) {
    }

    default void onRiskStateChanged(TradingState from, TradingState to, ReasonCode reason, long nowMs) {
    }
}
