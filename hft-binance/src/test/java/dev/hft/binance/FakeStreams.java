package dev.hft.binance;


import dev.hft.core.Fixed;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.PingFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A local Binance market-stream server (combined streams): the test pushes kline events, drops connections,
 * sends pings and a serverShutdown notice. Connections and pongs are observable as queues to wait on.
 */
public final class FakeStreams implements AutoCloseable {
    public final BlockingQueue<String> connections = new LinkedBlockingQueue<>();
    public final BlockingQueue<String> pongs = new LinkedBlockingQueue<>();
    private final Set<WebSocket> open = ConcurrentHashMap.newKeySet();
    private final WebSocketServer server;

    public FakeStreams() throws InterruptedException {
        server = new WebSocketServer(new InetSocketAddress("127.0.0.1", 0)) {
            @Override
            public void onOpen(WebSocket conn, ClientHandshake handshake) {
                open.add(conn);
                connections.add(handshake.getResourceDescriptor());
            }

            @Override
            public void onClose(WebSocket conn, int code, String reason, boolean remote) {
                open.remove(conn);
            }

            @Override
            public void onMessage(WebSocket conn, String message) {
            }

            @Override
            public void onError(WebSocket conn, Exception ex) {
            }

            @Override
            public void onStart() {
            }

            @Override
            public void onWebsocketPong(WebSocket conn, Framedata f) {
                pongs.add(StandardCharsets.UTF_8.decode(f.getPayloadData()).toString());
            }
        };
        start(server);
    }

    /**
     * Starts a test WebSocket server and waits until its port is bound: once start() has run its selector (before
     * that getPort() is 0, then -1 while the channel is open but unbound), without sleeping.
     */
    static void start(WebSocketServer server) {
        server.setReuseAddr(true);
        server.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (server.getPort() <= 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        if (server.getPort() <= 0) {
            throw new IllegalStateException("the WebSocket test server did not bind");
        }
    }

    public URI base() {
        return URI.create("ws://127.0.0.1:" + server.getPort());
    }

    public int openConnections() {
        return open.size();
    }

    public void send(String text) {
        for (WebSocket c : open) {
            c.send(text);
        }
    }

    /** A closed 1m kline event in Binance's combined-stream wrapper. */
    public static String closedKline(String symbol, long openMs, String close) {
        return "{\"stream\":\"" + symbol.toLowerCase() + "@kline_1m\",\"data\":{\"e\":\"kline\",\"E\":"
                + (openMs + 60_000) + ",\"s\":\"" + symbol + "\",\"k\":{\"t\":" + openMs + ",\"T\":" + (openMs + 59_999)
                + ",\"s\":\"" + symbol + "\",\"i\":\"1m\",\"f\":1,\"L\":2,\"o\":\"" + close + "\",\"c\":\"" + close
                + "\",\"h\":\"" + close + "\",\"l\":\"" + close + "\",\"v\":\"1.5\",\"n\":10,\"x\":true,"
                + "\"q\":\"60000\",\"V\":\"0.7\",\"Q\":\"28000\",\"B\":\"0\"}}}";
    }

    /** A closed 1m kline with its own open, high, low, close and trade count. */
    public static String closedKline(String symbol, long openMs, String o, String h, String l, String c, long n) {
        return "{\"stream\":\"" + symbol.toLowerCase() + "@kline_1m\",\"data\":{\"e\":\"kline\",\"E\":"
                + (openMs + 60_000) + ",\"s\":\"" + symbol + "\",\"k\":{\"t\":" + openMs + ",\"T\":" + (openMs + 59_999)
                + ",\"s\":\"" + symbol + "\",\"i\":\"1m\",\"f\":1,\"L\":2,\"o\":\"" + o + "\",\"c\":\"" + c
                + "\",\"h\":\"" + h + "\",\"l\":\"" + l + "\",\"v\":\"1.5\",\"n\":" + n + ",\"x\":true,"
                + "\"q\":\"60000\",\"V\":\"0.7\",\"Q\":\"28000\",\"B\":\"0\"}}}";
    }

    /** An aggTrade event (trades {@code first..last} at {@code price}) in the combined-stream wrapper. */
    public static String aggTrade(String symbol, long aggId, String price, long first, long last, long timeMs) {
        return "{\"stream\":\"" + symbol.toLowerCase() + "@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":"
                + timeMs + ",\"s\":\"" + symbol + "\",\"a\":" + aggId + ",\"p\":\"" + price + "\",\"q\":\"0.1\","
                + "\"f\":" + first + ",\"l\":" + last + ",\"T\":" + timeMs + ",\"m\":false,\"M\":true}}";
    }

    /** A spot bookTicker event (no event type or time, as Binance sends it) in the combined-stream wrapper. */
    public static String bookTicker(String symbol, String bid, String ask) {
        return "{\"stream\":\"" + symbol.toLowerCase() + "@bookTicker\",\"data\":{\"u\":400900217,\"s\":\""
                + symbol + "\",\"b\":\"" + bid + "\",\"B\":\"31.2\",\"a\":\"" + ask + "\",\"A\":\"40.6\"}}";
    }

    /** A USD-M forceOrder (liquidation) event in the combined-stream wrapper; side SELL closes a long. */
    public static String forceOrder(String symbol, String side, String price, String qty, long timeMs) {
        return "{\"stream\":\"" + symbol.toLowerCase() + "@forceOrder\",\"data\":{\"e\":\"forceOrder\",\"E\":"
                + timeMs + ",\"o\":{\"s\":\"" + symbol + "\",\"S\":\"" + side + "\",\"o\":\"LIMIT\",\"f\":\"IOC\","
                + "\"q\":\"" + qty + "\",\"p\":\"" + price + "\",\"ap\":\"" + price + "\",\"X\":\"FILLED\",\"l\":\""
                + qty + "\",\"z\":\"" + qty + "\",\"T\":" + timeMs + "}}}";
    }

    /** The same kline as REST would return it. */
    public static Kline kline(String symbol, long openMs, String close) {
        long c = Fixed.parse(close);
        return new Kline(symbol, openMs, openMs + 59_999, c, c, c, c, Fixed.parse("1.5"), Fixed.parse("60000"), 10,
                Fixed.parse("0.7"), openMs + 59_999);
    }

    /**
     * 1m klines of {@code symbol} opening at {@code last + k} minutes for k from {@code from} to {@code to}
     * (inclusive), closing at {@code price.apply(k)}: a warm-up history for a fake venue's REST klines.
     */
    public static java.util.List<Kline> history(String symbol, long last, int from, int to,
                                                java.util.function.IntFunction<String> price) {
        java.util.List<Kline> out = new java.util.ArrayList<>();
        for (int k = from; k <= to; k++) {
            out.add(kline(symbol, last + k * 60_000L, price.apply(k)));
        }
        return out;
    }

    /** Drops every connection abruptly (no close handshake), as a network failure would. */
    public void dropAll() {
        for (WebSocket c : open) {
            c.closeConnection(1006, "dropped");
        }
    }

    public void ping(String payload) {
        for (WebSocket c : open) {
            PingFrame f = new PingFrame();
            f.setPayload(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)));
            c.sendFrame(f);
        }
    }

    public List<WebSocket> sockets() {
        return List.copyOf(open);
    }

    @Override
    public void close() throws InterruptedException {
        server.stop(1000);
    }
}
