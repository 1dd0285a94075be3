package dev.hft.binance.execution;

import dev.hft.binance.http.BinanceRest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An order whose placement outcome is unknown (timeout, connection lost, 5xx, -1006, -1007). It counts as
 * exposure until resolved, and it is resolved only by asking the venue about its client order id, never by
 * sending it again: a resend after the first one filled would be accepted as a second order (Binance rejects a
 * duplicate client order id only while the first order is open). After {@link #MAX_NOT_FOUND} consecutive
 * "order does not exist" answers it is LOST: the caller freezes the symbol and alerts.
 */
public final class UnknownOrder {
    public static final int MAX_NOT_FOUND = 3;

    /** Where the resolution stands. */
    public enum State { UNKNOWN, FOUND, LOST }

    private final String symbol;
    private final String clientOrderId;
    private final boolean algo;
    private int notFound;
    private int queries;
    private State state = State.UNKNOWN;
    private JsonNode order;

    public UnknownOrder(String symbol, String clientOrderId) {
        this(symbol, clientOrderId, false);
    }

    /** @param algo a USD-M conditional order: asked for by client algo id at the Algo Service */
    public UnknownOrder(String symbol, String clientOrderId, boolean algo) {
        this.symbol = symbol;
        this.clientOrderId = clientOrderId;
        this.algo = algo;
    }

    /** One query; call again later while the state is UNKNOWN (the user data stream may answer first). */
    public State poll(BinanceRest rest) {
        if (state != State.UNKNOWN) {
            return state;
        }
        queries++;
        BinanceRest.Reply r = algo ? rest.queryAlgoOrder(clientOrderId) : rest.queryOrder(symbol, clientOrderId);
        if (r instanceof BinanceRest.Reply.Ok ok) {
            order = ok.body();
            state = State.FOUND;
        } else if (r instanceof BinanceRest.Reply.Rejected rej && rej.code() == -2013) {
            notFound++;
            if (notFound >= MAX_NOT_FOUND) {
                state = State.LOST;
            }
        } else {
            notFound = 0; // no answer is not a "not found"
        }
        return state;
    }

    /** Resolved by the user data stream (an execution report for this client order id). */
    public void resolvedBy(JsonNode executionReport) {
        order = executionReport;
        state = State.FOUND;
    }

    public State state() {
        return state;
    }

    /** The venue's order (status, executed quantity) once FOUND. */
    public JsonNode order() {
        return order;
    }

    public int queries() {
        return queries;
    }

    public String clientOrderId() {
        return clientOrderId;
    }
}
