package dev.hft.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hft.backtest.data.BarSeries;
import dev.hft.core.Fixed;
import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Binance's public market data, for {@code hft paper --replay}: on loopback, it answers
 * {@code GET /api/v3/time} and {@code GET /api/v3/klines} as Binance does, and streams closed klines on the
 * combined-stream WebSocket {@code /stream}, replaying recorded (or generated) bars at an accelerated clock. The
 * paper session connects to it as it would to Binance: the same node, only the source differs.
 *
 * <p>Time is the replay's: the first {@code historyBars} bar times are already past (the warm-up history the
 * session asks for over REST), and each tick, {@code intervalMs / speed} wall-clock milliseconds apart, closes the
 * next bar time of every symbol that has a bar then, and sends it. {@code /api/v3/time} says the replay's now, so
 * the session's clock follows it ({@code --clock stream}). Klines are only served once closed.
 */
final class ReplayVenue implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<BarSeries> series;
    private final long[] times;
    private final int[] cursor;
    private final long intervalMs;
    private final String interval;
    private final Javalin app;
    private final Set<WsContext> sessions = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "replay-ticker");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger next;
    private final long tickMs;
    private final long pingMs;
    private volatile long nowMs;
    private boolean started;

    /** Binance pings every 20 s; sessions count a ping as life, so a slow replay is not taken for a dead stream. */
    static final long PING_MS = 20_000;

    private ReplayVenue(List<BarSeries> series, int historyBars, double speed, long pingMs) {
        this.pingMs = pingMs;
        this.series = List.copyOf(series);
        this.intervalMs = series.get(0).intervalMs();
        this.interval = intervalName(intervalMs);
        TreeSet<Long> all = new TreeSet<>();
        for (BarSeries s : series) {
            for (int i = 0; i < s.size(); i++) {
                all.add(s.openTime(i));
            }
        }
        this.times = all.stream().mapToLong(Long::longValue).toArray();
        this.cursor = new int[series.size()];
        int first = Math.min(historyBars, times.length);
        this.next = new AtomicInteger(first);
        this.nowMs = first == 0 ? times[0] : times[first - 1] + intervalMs;
        this.tickMs = Math.max(1, Math.round(intervalMs / speed));
        this.app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.startupWatcherEnabled = false;
        });
        app.get("/api/v3/time", ctx -> ctx.contentType("application/json").result("{\"serverTime\":" + nowMs + "}"));
        app.get("/api/v3/klines", ctx -> ctx.contentType("application/json").result(klines(
                ctx.queryParam("symbol"), parse(ctx.queryParam("startTime"), Long.MIN_VALUE),
                parse(ctx.queryParam("endTime"), Long.MAX_VALUE), (int) parse(ctx.queryParam("limit"), 500))));
        app.ws("/stream", ws -> {
            ws.onConnect(ctx -> {
                sessions.add(ctx);
                startTicking();
            });
            ws.onClose(sessions::remove);
            ws.onError(sessions::remove);
        });
        app.start("127.0.0.1", 0);
    }

    /**
     * Starts the venue on a free loopback port. {@code series}: one per symbol, same interval (1m, 5m, 15m, 1h, 4h or
     * 1d); {@code historyBars}: bar times already past at the start; {@code speed}: bar intervals per interval of
     * wall time (60 replays a 1-minute bar a second).
     */
    static ReplayVenue start(List<BarSeries> series, int historyBars, double speed) {
        return start(series, historyBars, speed, PING_MS);
    }

    /** As above, pinging every session every {@code pingMs} of wall time (tests shorten it). */
    static ReplayVenue start(List<BarSeries> series, int historyBars, double speed, long pingMs) {
        if (series.isEmpty() || series.stream().anyMatch(s -> s.size() == 0)) {
            throw new UserError("--replay: no bars to replay");
        }
        if (!(speed > 0)) {
            throw new UserError("--speed must be positive, got " + speed);
        }
        return new ReplayVenue(series, historyBars, speed, pingMs);
    }

    URI streamUrl() {
        return URI.create("ws://127.0.0.1:" + app.port());
    }

    URI restUrl() {
        return URI.create("http://127.0.0.1:" + app.port());
    }

    /** The kline interval's name as Binance spells it. */
    String interval() {
        return interval;
    }

    /** Bar times still to be streamed. */
    int barsToReplay() {
        return times.length - next.get();
    }

    /**
     * Moves the replay's start past {@code openMs} (the last bar a recovered session already has), before any
     * session connected: what is left streams from the next bar time. Returns the bar times left.
     */
    synchronized int resumeAfter(long openMs) {
        if (started) {
            throw new IllegalStateException("the replay has started");
        }
        int k = 0;
        while (k < times.length && times[k] <= openMs) {
            k++;
        }
        next.set(k);
        nowMs = k == 0 ? times[0] : times[k - 1] + intervalMs;
        return times.length - k;
    }

    private synchronized void startTicking() {
        if (!started) {
            started = true;
            ticker.scheduleAtFixedRate(this::tick, tickMs, tickMs, TimeUnit.MILLISECONDS);
            ticker.scheduleAtFixedRate(this::ping, pingMs, pingMs, TimeUnit.MILLISECONDS);
        }
    }

    /** Closes the next bar time: sends each symbol's bar then (as closed klines) and moves the clock past it. */
    private void tick() {
        int k = next.get();
        if (k >= times.length) {
            return;
        }
        long t = times[k];
        nowMs = t + intervalMs;
        for (int s = 0; s < series.size(); s++) {
            BarSeries bs = series.get(s);
            while (cursor[s] < bs.size() && bs.openTime(cursor[s]) < t) {
                cursor[s]++;
            }
            if (cursor[s] < bs.size() && bs.openTime(cursor[s]) == t) {
                String msg = streamMessage(bs, cursor[s]);
                for (WsContext ctx : sessions) {
                    try {
                        ctx.send(msg);
                    } catch (RuntimeException e) {
                        sessions.remove(ctx);
                    }
                }
            }
        }
        next.incrementAndGet();
    }

    private void ping() {
        for (WsContext ctx : sessions) {
            try {
                ctx.sendPing();
            } catch (RuntimeException e) {
                sessions.remove(ctx);
            }
        }
    }

    /** Bar {@code i} as a closed kline in the combined-stream wrapper, sent at its close. */
    private String streamMessage(BarSeries s, int i) {
        String sym = s.symbol();
        long open = s.openTime(i);
        ObjectNode k = JSON.createObjectNode().put("t", open).put("T", open + intervalMs - 1).put("s", sym)
                .put("i", interval).put("o", Fixed.format(s.open(i))).put("c", Fixed.format(s.close(i)))
                .put("h", Fixed.format(s.high(i))).put("l", Fixed.format(s.low(i)))
                .put("v", Fixed.format(s.volume(i))).put("n", s.trades(i)).put("x", true)
                .put("q", Fixed.format(s.quoteVolume(i))).put("V", Fixed.format(s.takerBuyVolume(i)));
        ObjectNode d = JSON.createObjectNode().put("e", "kline").put("E", open + intervalMs).put("s", sym);
        d.set("k", k);
        ObjectNode m = JSON.createObjectNode().put("stream", sym.toLowerCase(Locale.ROOT) + "@kline_" + interval);
        m.set("data", d);
        return m.toString();
    }

    /** Closed klines of {@code symbol} opened in {@code [from, to]}, at most {@code limit}, as Binance's arrays. */
    private String klines(String symbol, long from, long to, int limit) {
        ArrayNode out = JSON.createArrayNode();
        for (BarSeries s : series) {
            if (!s.symbol().equals(symbol)) {
                continue;
            }
            long closedBefore = nowMs;
            for (int i = 0; i < s.size() && out.size() < Math.min(limit, 1000); i++) {
                long open = s.openTime(i);
                if (open >= from && open <= to && open + intervalMs <= closedBefore) {
                    ArrayNode row = out.addArray();
                    row.add(open).add(Fixed.format(s.open(i))).add(Fixed.format(s.high(i)))
                            .add(Fixed.format(s.low(i))).add(Fixed.format(s.close(i)))
                            .add(Fixed.format(s.volume(i))).add(open + intervalMs - 1)
                            .add(Fixed.format(s.quoteVolume(i))).add(s.trades(i))
                            .add(Fixed.format(s.takerBuyVolume(i))).add("0").add("0");
                }
            }
        }
        return out.toString();
    }

    private static long parse(String v, long fallback) {
        try {
            return v == null ? fallback : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static String intervalName(long ms) {
        for (String n : List.of("1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d")) {
            if (dev.hft.binance.stream.MarketStream.intervalMs(n) == ms) {
                return n;
            }
        }
        throw new UserError("--replay: bars of " + ms + " ms have no Binance kline interval");
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        app.stop();
    }

    /** For tests: every time the replay will stream, after the history. */
    List<Long> replayTimes() {
        List<Long> out = new ArrayList<>();
        for (int k = next.get(); k < times.length; k++) {
            out.add(times[k]);
        }
        return out;
    }
}
