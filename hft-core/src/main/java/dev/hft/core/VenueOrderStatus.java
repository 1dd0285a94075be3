package dev.hft.core;

import java.util.List;

/**
 * What a venue says about an order when asked by client order id (reconciliation after a restart).
 *
 * @param state where the order is
 * @param fills every fill the venue made for it, in order
 */
public record VenueOrderStatus(State state, List<Fill> fills) {
    /** Where the venue has the order. */
    public enum State {
        /** The venue never received it. */
        UNKNOWN,
        WORKING,
        FILLED,
        CANCELED,
        REJECTED
    }

    public static final VenueOrderStatus UNKNOWN = new VenueOrderStatus(State.UNKNOWN, List.of());

    public VenueOrderStatus {
        fills = List.copyOf(fills);
    }
}
