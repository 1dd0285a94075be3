package dev.hft.core;

/**
 * Port through which the engine sends orders: the simulated exchange in backtest and paper mode, the venue
 * adapter in live mode. Outcomes come back through {@link ExecutionListener}, never as return values, so the
 * engine handles a simulated and a real venue the same way.
 */
public interface ExecutionClient {
    void submit(Order order);

    void cancel(String clientOrderId);

    /**
     * A market event the engine accepted, before any decision on it. The simulated exchange matches working
     * orders against it here (fills come back through {@link ExecutionListener}); a real venue ignores it.
     */
    default void onMarketData(Bar bar) {
    }

    /**
     * Asks the venue where an order is (reconciliation after a restart). The answer is only information: the
     * engine turns what it learns into ordinary execution reports. A venue that cannot tell answers UNKNOWN.
     */
    default VenueOrderStatus query(String clientOrderId) {
        return VenueOrderStatus.UNKNOWN;
    }
}
