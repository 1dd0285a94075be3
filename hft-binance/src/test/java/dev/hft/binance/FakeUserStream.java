package dev.hft.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * The user data stream of Binance's WebSocket API for {@link FakeBinance}: {@code userDataStream.subscribe.signature}
 * with the venue's key check (api key, signature over the sorted parameters), then an {@code executionReport}
 * for every change of an order at the venue, wrapped as {@code {"subscriptionId":..,"event":{..}}} (the shapes of
 * the reference's section 9.1). Faults: {@link #muted} drops events (a lost message), {@link #terminate()} sends
 * {@code eventStreamTerminated}, {@link #dropAll()} closes every connection.
 *
 * <p>USD-M futures: a connection to {@code /ws/<listenKey>} with the venue's current listenKey gets the futures
 * events unwrapped: {@code ORDER_TRADE_UPDATE} for orders, {@code ALGO_UPDATE} for conditional orders (field names
 * of reference §9.2 and Binance's Event-Algo-Order-Update page); {@link #expireListenKey()} sends
 * {@code listenKeyExpired}.
 */
public final class FakeUserStream implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Subscription requests received (for the tests: how often the client subscribed). */
    public final BlockingQueue<String> subscribed = new LinkedBlockingQueue<>();
    /** Events not sent while true. */
    public volatile boolean muted;
    /** Subscription requests go unanswered while true (a server that hangs). */
    public volatile boolean silent;
    private final FakeBinance venue;
    private final Map<WebSocket, Integer> subscribers = new ConcurrentHashMap<>();
    private final Map<WebSocket, String> futuresSubscribers = new ConcurrentHashMap<>();
    /** Futures connections accepted so far (each also put on {@link #futuresOpened}, for tests to wait on). */
    public final AtomicInteger futuresConnections = new AtomicInteger();
    public final BlockingQueue<String> futuresOpened = new LinkedBlockingQueue<>();
    private final AtomicInteger nextId = new AtomicInteger();
    private final WebSocketServer server;

    public FakeUserStream(FakeBinance venue) {
        this.venue = venue;
        server = new WebSocketServer(new InetSocketAddress("127.0.0.1", 0)) {
            @Override
            public void onOpen(WebSocket conn, ClientHandshake handshake) {
                String path = handshake.getResourceDescriptor();
                int at = path.indexOf("/ws/");
                if (at >= 0) {
                    String key = path.substring(at + 4);
                    if (key.equals(venue.listenKey)) {
                        futuresSubscribers.put(conn, key);
                        futuresConnections.incrementAndGet();
                        futuresOpened.add(key);
                    } else {
                        conn.close(1008, "invalid listenKey");
                    }
                }
            }

            @Override
            public void onClose(WebSocket conn, int code, String reason, boolean remote) {
                subscribers.remove(conn);
                futuresSubscribers.remove(conn);
            }

            @Override
            public void onMessage(WebSocket conn, String message) {
                request(conn, message);
            }

            @Override
            public void onError(WebSocket conn, Exception ex) {
            }

            @Override
            public void onStart() {
            }
        };
        server.setConnectionLostTimeout(1); // pings every second, as Binance pings every 20 s
        FakeStreams.start(server);
        venue.userStream = this;
    }

    /** The WebSocket API endpoint. */
    public URI uri() {
        return URI.create("ws://127.0.0.1:" + server.getPort() + "/ws-api/v3");
    }

    private void request(WebSocket conn, String message) {
        try {
            if (silent) {
                return;
            }
            JsonNode m = JSON.readTree(message);
            ObjectNode reply = JSON.createObjectNode().put("id", m.path("id").asText());
            JsonNode p = m.path("params");
            String payload = "apiKey=" + p.path("apiKey").asText() + "&timestamp=" + p.path("timestamp").asText();
            if (!m.path("method").asText().equals("userDataStream.subscribe.signature")) {
                reply.put("status", 400).putObject("error").put("code", -1100).put("msg", "unknown method");
            } else if (!venue.acceptsKey(p.path("apiKey").asText(), payload, p.path("signature").asText())) {
                reply.put("status", 400).putObject("error").put("code", -1022)
                        .put("msg", "Signature for this request is not valid.");
            } else if (!venue.acceptsTimestamp(p.path("timestamp").asLong())) {
                reply.put("status", 400).putObject("error").put("code", -1021)
                        .put("msg", "Timestamp for this request is outside of the recvWindow.");
            } else {
                int id = nextId.getAndIncrement();
                subscribers.put(conn, id);
                reply.put("status", 200).putObject("result").put("subscriptionId", id);
                subscribed.add(m.path("id").asText());
            }
            conn.send(reply.toString());
        } catch (java.io.IOException e) {
            conn.close(1003, "bad request");
        }
    }

    /** The futures user stream's base (the client adds {@code /ws/<listenKey>}). */
    public URI futuresBase() {
        return URI.create("ws://127.0.0.1:" + server.getPort() + "/private");
    }

    /** Binance expired the listenKey: the client must get a new one and connect again. */
    public void expireListenKey() {
        venue.listenKey = null;
        futuresSubscribers.keySet().forEach(c -> c.send("{\"e\":\"listenKeyExpired\",\"E\":"
                + System.currentTimeMillis() + ",\"listenKey\":\"gone\"}"));
    }

    /** Sends the execution report of {@code o} after a change ({@code x}: NEW, TRADE, CANCELED, ...). */
    void report(FakeBinance.VenueOrder o, String x, String lastQty, String lastPrice, long tradeId, long timeMs) {
        if (muted) {
            return;
        }
        if (o.futures) {
            String text = (o.algo ? algoUpdate(o, timeMs) : tradeUpdate(o, x, lastQty, lastPrice, tradeId, timeMs))
                    .toString();
            futuresSubscribers.keySet().forEach(c -> c.send(text));
            return;
        }
        BigDecimal z = new BigDecimal(o.executedQty);
        ObjectNode e = JSON.createObjectNode().put("e", "executionReport").put("E", timeMs).put("s", o.symbol)
                .put("c", o.clientOrderId).put("S", o.side).put("o", o.type).put("f", "GTC").put("q", o.quantity)
                .put("p", "0.00000000").put("P", "0.00000000").put("C", "").put("x", x).put("X", o.status);
        if (x.equals("CANCELED")) {
            // as Binance does: the cancel request's own id in c, the canceled order's id in C
            e.put("c", "cancel-" + o.orderId).put("C", o.clientOrderId);
        }
        e.put("r", "NONE").put("i", o.orderId).put("l", lastQty).put("z", o.executedQty).put("L", lastPrice)
                .put("n", o.baseCommission() ? new BigDecimal(lastQty).multiply(new BigDecimal("0.001")).toPlainString()
                        : new BigDecimal(lastQty).multiply(new BigDecimal(lastPrice)).multiply(new BigDecimal("0.001"))
                        .toPlainString()).put("N", o.baseCommission() ? o.symbol.substring(0, o.symbol.length() - 4)
                        : "USDT").put("T", timeMs).put("t", tradeId).put("w", true)
                .put("m", false).put("Z", z.multiply(new BigDecimal(lastPrice)).toPlainString());
        subscribers.forEach((conn, id) -> {
            ObjectNode wrapped = JSON.createObjectNode().put("subscriptionId", id);
            wrapped.set("event", e);
            conn.send(wrapped.toString());
        });
    }

    private static ObjectNode tradeUpdate(FakeBinance.VenueOrder o, String x, String lastQty, String lastPrice,
                                          long tradeId, long timeMs) {
        ObjectNode e = JSON.createObjectNode().put("e", "ORDER_TRADE_UPDATE").put("E", timeMs).put("T", timeMs);
        BigDecimal last = new BigDecimal(lastQty);
        e.putObject("o").put("s", o.symbol).put("c", o.clientOrderId).put("S", o.side).put("o", o.type)
                .put("f", "GTC").put("q", o.quantity).put("p", "0").put("ap", new BigDecimal(o.executedQty).signum()
                        > 0 ? lastPrice : "0").put("sp", "0").put("x", x).put("X", o.status).put("i", o.orderId)
                .put("l", lastQty).put("z", o.executedQty).put("L", lastPrice).put("N", "USDT")
                .put("n", last.multiply(new BigDecimal(lastPrice)).multiply(new BigDecimal("0.0005"))
                        .toPlainString()).put("T", timeMs).put("t", tradeId).put("m", false)
                .put("R", o.reduceOnly).put("wt", "CONTRACT_PRICE").put("ot", o.type).put("ps", "BOTH")
                .put("rp", "0");
        return e;
    }

    private ObjectNode algoUpdate(FakeBinance.VenueOrder o, long timeMs) {
        ObjectNode e = JSON.createObjectNode().put("e", "ALGO_UPDATE").put("T", timeMs).put("E", timeMs);
        boolean triggered = !o.algoStatus.equals("NEW") && !o.algoStatus.equals("CANCELED");
        ObjectNode b = e.putObject("o").put("caid", o.clientOrderId).put("aid", o.orderId).put("at", "CONDITIONAL")
                .put("o", o.type).put("s", o.symbol).put("S", o.side).put("ps", "BOTH").put("f", "GTC")
                .put("q", o.quantity).put("X", o.algoStatus).put("ai", triggered ? "trig-" + o.orderId : "");
        if (triggered) {
            b.put("ap", new BigDecimal(o.executedQty).signum() > 0 ? venueFillPrice() : "0.00000")
                    .put("aq", o.executedQty).put("act", "MARKET");
        }
        b.put("tp", o.triggerPrice).put("p", "0").put("wt", "CONTRACT_PRICE").put("R", o.reduceOnly);
        return e;
    }

    private String venueFillPrice() {
        return venue.fillPrice;
    }

    /** Binance ends the subscription (say, the key was revoked or the session expired). */
    public void terminate() {
        subscribers.forEach((conn, id) -> {
            ObjectNode wrapped = JSON.createObjectNode().put("subscriptionId", id);
            wrapped.putObject("event").put("e", "eventStreamTerminated").put("E", System.currentTimeMillis());
            conn.send(wrapped.toString());
        });
    }

    public void dropAll() {
        for (WebSocket c : server.getConnections()) {
            c.closeConnection(1006, "dropped");
        }
    }

    @Override
    public void close() throws InterruptedException {
        venue.userStream = null;
        server.stop(1000);
    }
}
