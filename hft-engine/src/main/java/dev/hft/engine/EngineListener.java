package dev.hft.engine;

import dev.hft.core.Fill;
import dev.hft.core.Order;
import dev.hft.core.ReasonCode;

/** Observers of what the engine did (reports, metrics). Called on the engine thread; must not block. */
public interface EngineListener {
    default void onOrderSubmitted(Order order) {
    }

    default void onFill(Order order, Fill fill) {
    }

    default void onOrderRejected(Order order, ReasonCode reason) {
    }

    default void onTradeClosed(TradeRecord trade) {
    }
}
