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
     * Whether {@link #submitOco} places a stop and a take-profit as one order list. A spot account holds a position's
     * quantity once, so two resting sells of it are not both accepted; a venue with order lists (Binance spot's OCO)
     * locks it once for both legs. Without them the engine sends the legs one by one.
     */
    default boolean placesOrderLists() {
        return false;
    }

    /**
     * A protective stop and a take-profit over the same position, as one order list: when one executes the venue
     * expires the other. Called only when {@link #placesOrderLists()}; both are journaled before this call, and
     * reports of either leg come back through the listener, never from inside it.
     */
    default void submitOco(Order stop, Order takeProfit) {
        throw new UnsupportedOperationException("this venue places no order lists");
    }

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

    /**
     * Reconciliation of an order the engine believes is working after a restart: where the venue has it, as
     * {@link #query}, and from now on the client follows it as one of its own (fills, cancels, final states), with
     * the executed quantity reported here counted as already told. A client that follows orders by itself must
     * take the order over here, or a cancel of it would never leave and its fills would be dropped.
     */
    default VenueOrderStatus reconcile(Order order) {
        return query(order.clientOrderId);
    }
}
