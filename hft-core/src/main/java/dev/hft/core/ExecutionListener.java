package dev.hft.core;

/** Execution reports flowing back into the engine. */
public interface ExecutionListener {
    void onOrderFilled(Order order, Fill fill);

    void onOrderRejected(Order order, ReasonCode reason);

    void onOrderCanceled(Order order);
}
