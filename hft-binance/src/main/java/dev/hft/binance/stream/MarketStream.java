package dev.hft.binance.stream;

import dev.hft.binance.Kline;
import dev.hft.binance.http.BinanceRest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hft.core.Fixed;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closed klines of several symbols from one combined Binance stream ({@code /stream?streams=a@kline_1m/...}), in
 * order and without holes when it can be helped: a kline whose open time skips ahead (a reconnect, a lost
 * message) triggers a REST fetch of the missing klines, delivered first and marked as backfill; if they cannot be
 * fetched the kline is delivered anyway and the engine's sanitizer freezes the symbol on the gap. Duplicates are
 * dropped. The connection is re-opened with exponential backoff after any close or error, on a
 * {@code serverShutdown} event, and before Binance's 24-hour cut-off. Pings are answered by the JDK's WebSocket
 * (a Pong with the Ping's payload).
 *
 * <p>Threads: messages arrive on the WebSocket's thread, one at a time; reconnects run on {@code scheduler}. The
 * sink is called from those threads only, never concurrently (it hands klines to the engine's ring).
 */
public final class MarketStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MarketStream.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where klines and connection events go. */
    public interface Sink {
        /** A closed kline; {@code backfill} when it came from REST after a gap; {@code receiveMs} local arrival. */
        void onKline(Kline k, boolean backfill, long receiveMs);

        /** connected, disconnected, gap-filled, gap-open, shutdown-notice: for logs, metrics and health. */
        void onStatus(String event, String detail);

        /** Any other stream's event (bookTicker, forceOrder, ...); {@code stream} names it, e.g. btcusdt@bookTicker. */
        default void onEvent(String stream, JsonNode data) {
        }
    }

    private final URI uri;
    private final String interval;
    private final long intervalMs;
    private final BinanceRest rest;
    private final HttpClient http;
    private final LongSupplier clock;
    private final Sink sink;
    private final ScheduledExecutorService scheduler;
    private final Duration maxConnection;
    private final Duration silence;
    private final Reconnects reconnects;
    private ScheduledFuture<?> watchdog;
    private final Map<String, Long> lastOpen = new HashMap<>();
    private volatile WebSocket socket;
    private ScheduledFuture<?> rotation;
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong gapsFilled = new AtomicLong();
    private final AtomicLong gapsOpen = new AtomicLong();

    /**
     * @param streamBase     e.g. wss://stream.binance.com:9443 (or a local server)
     * @param rest           for backfill; null to leave gaps to the sanitizer
     * @param maxConnection  re-open the connection after this long (Binance cuts at 24 h)
     * @param silence        re-open when nothing (message or ping) arrived for this long: a half-open TCP
     *                       connection never reports its death (Binance pings every 20 s)
     */
    public MarketStream(URI streamBase, List<String> symbols, String interval, BinanceRest rest, HttpClient http,
                     LongSupplier clock, Sink sink, ScheduledExecutorService scheduler, Duration initialBackoff,
                     Duration maxBackoff, Duration maxConnection, Duration silence) {
        this(streamBase, symbols, interval, List.of(), rest, http, clock, sink, scheduler, initialBackoff, maxBackoff,
                maxConnection, silence);
    }

    /**
     * As above, also following {@code extra} streams of every symbol (e.g. {@code bookTicker}, {@code forceOrder}),
     * whose events go to {@link Sink#onEvent}. {@code interval} null: no klines (a feed of extra streams only).
     */
    public MarketStream(URI streamBase, List<String> symbols, String interval, List<String> extra, BinanceRest rest,
                     HttpClient http, LongSupplier clock, Sink sink, ScheduledExecutorService scheduler,
                     Duration initialBackoff, Duration maxBackoff, Duration maxConnection, Duration silence) {
        StringBuilder streams = new StringBuilder();
        for (String s : symbols) {
            String sym = s.toLowerCase(Locale.ROOT);
            if (interval != null) {
                streams.append(streams.length() == 0 ? "" : "/").append(sym).append("@kline_").append(interval);
            }
            for (String x : extra) {
                streams.append(streams.length() == 0 ? "" : "/").append(sym).append('@').append(x);
            }
        }
        String base = streamBase.toString();
        // appended, not resolved: a base with a path (futures' wss://fstream.binance.com/market) keeps it
        this.uri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + "/stream?streams=" + streams);
        this.interval = interval;
        this.intervalMs = interval == null ? 0 : intervalMs(interval);
        this.rest = rest;
        this.http = http;
        this.clock = clock;
        this.sink = sink;
        this.scheduler = scheduler;
        this.maxConnection = maxConnection;
        this.silence = silence;
        this.reconnects = new Reconnects(scheduler, initialBackoff, maxBackoff, this::connect);
    }

    public static long intervalMs(String interval) {
        long n = Long.parseLong(interval.substring(0, interval.length() - 1));
        return switch (interval.charAt(interval.length() - 1)) {
            case 's' -> n * 1_000L;
            case 'm' -> n * 60_000L;
            case 'h' -> n * 3_600_000L;
            case 'd' -> n * 86_400_000L;
            default -> throw new IllegalArgumentException("unsupported interval " + interval);
        };
    }

    /** Seeds the last open time of a symbol (e.g. after a REST warm-up) so the first live kline is checked. */
    public synchronized void seed(String symbol, long lastOpenMs) {
        lastOpen.put(symbol, lastOpenMs);
    }

    public void start() {
        connect();
        long period = Math.max(1, silence.toMillis() / 4);
        watchdog = scheduler.scheduleAtFixedRate(this::checkSilence, period, period, TimeUnit.MILLISECONDS);
    }

    /** Re-opens a connection that has gone quiet for longer than {@code silence}. */
    private void checkSilence() {
        WebSocket ws = socket;
        if (reconnects.closed() || ws == null || !reconnects.silentFor(silence)) {
            return;
        }
        sink.onStatus("disconnected", "nothing received for " + silence.toMillis() + " ms; reconnecting");
        connect();
        ws.abort();
    }

    private void connect() {
        if (reconnects.closed()) {
            return;
        }
        long gen = reconnects.next();
        http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, reconnects.listener(gen,
                        this::handle, why -> sink.onStatus("disconnected", why)))
                .whenComplete((ws, err) -> {
                    if (err != null) {
                        sink.onStatus("disconnected", "connect failed: " + err.getClass().getSimpleName()
                                + (err.getMessage() == null ? "" : " (" + err.getMessage() + ")"));
                        reconnects.later(gen);
                        return;
                    }
                    synchronized (this) {
                        socket = ws;
                        reconnects.up();
                        connects.incrementAndGet();
                        if (rotation != null) {
                            rotation.cancel(false);
                        }
                        rotation = scheduler.schedule(() -> rotate(gen), maxConnection.toMillis(),
                                TimeUnit.MILLISECONDS);
                    }
                    sink.onStatus("connected", uri.toString());
                });
    }

    /** Planned re-open before Binance's 24-hour cut-off. */
    private void rotate(long gen) {
        if (reconnects.isCurrent(gen) && !reconnects.closed()) {
            sink.onStatus("disconnected", "planned reconnect before the 24 h limit");
            WebSocket old = socket;
            connect();
            if (old != null) {
                old.abort();
            }
        }
    }

    /** One text message of connection {@code gen}. */
    synchronized void handle(long gen, String text) {
        if (!reconnects.isCurrent(gen)) {
            return; // a message of a connection already replaced
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            LOG.warn("undecodable stream message ({} chars) ignored", text.length());
            return;
        }
        JsonNode d = root.has("data") ? root.get("data") : root;
        String e = d.path("e").asText();
        if (e.equals("serverShutdown")) {
            sink.onStatus("shutdown-notice", "serverShutdown received; reconnecting");
            WebSocket old = socket;
            connect();
            if (old != null) {
                old.abort();
            }
            return;
        }
        if (e.equals("kline")) {
            Kline kl = closedKline(d);
            if (kl != null) {
                deliver(kl, clock.getAsLong());
            }
            return;
        }
        sink.onEvent(root.path("stream").asText(), d);
    }

    /**
     * The closed kline of a stream event ({@code data} of a combined-stream message, or a raw-stream message), or
     * null when the event is something else or the kline is still open (only closed klines are bars).
     */
    public static Kline closedKline(JsonNode d) {
        if (!"kline".equals(d.path("e").asText()) || !d.path("k").path("x").asBoolean(false)) {
            return null;
        }
        JsonNode k = d.get("k");
        return new Kline(k.path("s").asText(), k.path("t").asLong(), k.path("T").asLong(),
                Fixed.parse(k.path("o").asText()), Fixed.parse(k.path("h").asText()), Fixed.parse(k.path("l").asText()),
                Fixed.parse(k.path("c").asText()), Fixed.parse(k.path("v").asText()), Fixed.parse(k.path("q").asText()),
                k.path("n").asLong(), Fixed.parse(k.path("V").asText()), d.path("E").asLong());
    }

    private void deliver(Kline k, long receiveMs) {
        Long last = lastOpen.get(k.symbol());
        if (last != null && k.openTimeMs() <= last) {
            duplicates.incrementAndGet();
            return;
        }
        if (last != null && k.openTimeMs() > last + intervalMs) {
            long missing = (k.openTimeMs() - last) / intervalMs - 1;
            List<Kline> fill = rest == null ? null
                    : rest.klines(k.symbol(), interval, last + intervalMs, k.openTimeMs() - 1, (int) missing);
            boolean complete = fill != null && fill.size() == missing;
            if (fill != null) {
                for (Kline b : fill) {
                    if (b.openTimeMs() > lastOpen.get(k.symbol()) && b.openTimeMs() < k.openTimeMs()) {
                        lastOpen.put(k.symbol(), b.openTimeMs());
                        sink.onKline(b, true, receiveMs);
                    }
                }
            }
            if (complete) {
                gapsFilled.incrementAndGet();
                sink.onStatus("gap-filled", k.symbol() + ": " + missing + " klines fetched over REST");
            } else {
                gapsOpen.incrementAndGet();
                sink.onStatus("gap-open", k.symbol() + ": " + missing + " klines missing, "
                        + (fill == null ? 0 : fill.size()) + " fetched; the sanitizer freezes the symbol");
            }
        }
        lastOpen.put(k.symbol(), k.openTimeMs());
        sink.onKline(k, false, receiveMs);
    }

    public long connects() {
        return connects.get();
    }

    public long duplicates() {
        return duplicates.get();
    }

    public long gapsFilled() {
        return gapsFilled.get();
    }

    public long gapsOpen() {
        return gapsOpen.get();
    }

    @Override
    public synchronized void close() {
        reconnects.close();
        if (watchdog != null) {
            watchdog.cancel(false);
        }
        if (rotation != null) {
            rotation.cancel(false);
        }
        if (socket != null) {
            socket.abort();
        }
    }
}
