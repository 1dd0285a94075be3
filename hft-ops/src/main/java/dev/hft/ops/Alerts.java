package dev.hft.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operator alerts: halts, the kill switch, freezes, unknown and lost orders, reconciliation differences, drawdown
 * thresholds. Every alert goes to the console sink (stdout and the {@code hft.alert} log) at once; those that pass
 * the rate limit are also POSTed to a webhook as JSON: generic, Slack ({@code {"text": ...}}) or Telegram
 * ({@code sendMessage} with {@code chat_id}).
 *
 * <p>Admission is decided on the caller's thread (cheap, under a lock): the same key again within the dedupe window
 * is suppressed, and at most {@code perMinute} alerts leave per rolling minute, so an alert storm cannot flood the
 * channel; what was suppressed is counted and reported with the next alert that leaves. Delivery runs on its own
 * thread (a few retries on 5xx and network errors, never on 4xx), so the engine thread never waits on the network.
 * A webhook URL can hold a secret (Slack's path, Telegram's bot token): only its host is ever printed.
 */
public final class Alerts implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("hft.alert");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Payload shapes. */
    public enum Format { GENERIC, SLACK, TELEGRAM }

    public enum Severity { INFO, WARNING, CRITICAL }

    /**
     * Where and how alerts go. {@code webhook} null: console only.
     *
     * @param perMinute at most this many webhook posts per rolling minute
     * @param dedupe    the same key again within this window is suppressed
     */
    public record Settings(URI webhook, Format format, String chatId, int perMinute, Duration dedupe, String source) {
        public Settings {
            if (perMinute < 1) {
                throw new IllegalArgumentException("alerts perMinute must be at least 1, got " + perMinute);
            }
            if (format == Format.TELEGRAM && webhook != null && (chatId == null || chatId.isBlank())) {
                throw new IllegalArgumentException("telegram alerts need a chatId");
            }
        }

        public static Settings consoleOnly(String source) {
            return new Settings(null, Format.GENERIC, null, 6, Duration.ofMinutes(5), source);
        }

        @Override
        public String toString() {
            return "Settings[" + (webhook == null ? "console only" : format + " to " + webhook.getHost()) + "]";
        }
    }

    private final Settings settings;
    private final Consumer<String> console;
    private final LongSupplier clockMs;
    private final HttpClient http;
    private final ExecutorService sender;
    private final ArrayDeque<Long> sentTimes = new ArrayDeque<>();
    private final Map<String, Long> lastByKey = new HashMap<>();
    private long suppressed;
    private long suppressedTotal;
    private volatile long delivered;
    private volatile long failed;

    public Alerts(Settings settings, Consumer<String> console, LongSupplier clockMs, HttpClient http) {
        this.settings = settings;
        this.console = console;
        this.clockMs = clockMs;
        this.http = http;
        this.sender = settings.webhook() == null ? null : Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "alerts");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Raises an alert. {@code key} identifies "the same" alert for deduplication (say, "freeze:BTCUSDT"). Returns
     * whether it was admitted for the webhook (the console always gets it).
     */
    public boolean alert(Severity severity, String kind, String key, String message) {
        String line = "ALERT " + severity + " " + kind + ": " + message;
        console.accept(line);
        if (severity == Severity.INFO) {
            LOG.info(line);
        } else {
            LOG.warn(line);
        }
        if (sender == null) {
            return false;
        }
        long now = clockMs.getAsLong();
        long note;
        synchronized (this) {
            Long last = lastByKey.get(key);
            while (!sentTimes.isEmpty() && now - sentTimes.peekFirst() >= 60_000) {
                sentTimes.pollFirst();
            }
            if (last != null && now - last < settings.dedupe().toMillis() || sentTimes.size() >= settings.perMinute()) {
                suppressed++;
                suppressedTotal++;
                return false;
            }
            lastByKey.put(key, now);
            sentTimes.addLast(now);
            note = suppressed;
            suppressed = 0;
        }
        String text = message + (note > 0 ? " (" + note + " more alerts suppressed by the rate limit)" : "");
        String body = payload(severity, kind, text, now);
        sender.execute(() -> deliver(body));
        return true;
    }

    String payload(Severity severity, String kind, String text, long nowMs) {
        ObjectNode n = JSON.createObjectNode();
        String headline = "[" + settings.source() + "] " + severity + " " + kind + ": " + text;
        switch (settings.format()) {
            case SLACK -> n.put("text", headline);
            case TELEGRAM -> {
                n.put("chat_id", settings.chatId());
                n.put("text", headline);
                n.put("disable_web_page_preview", true);
            }
            default -> {
                n.put("source", settings.source());
                n.put("severity", severity.name());
                n.put("kind", kind);
                n.put("message", text);
                n.put("time", Instant.ofEpochMilli(nowMs).toString());
            }
        }
        return n.toString();
    }

    private void deliver(String body) {
        HttpRequest req = HttpRequest.newBuilder(settings.webhook()).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                HttpResponse<Void> r = http.send(req, HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 == 2) {
                    delivered++;
                    return;
                }
                LOG.warn("alert webhook {} answered HTTP {} (attempt {})", settings.webhook().getHost(),
                        r.statusCode(), attempt);
                if (r.statusCode() / 100 == 4 && r.statusCode() != 429) {
                    break; // the request itself is wrong: sending it again will not help
                }
            } catch (java.io.IOException e) {
                LOG.warn("alert webhook {} unreachable: {} (attempt {})", settings.webhook().getHost(),
                        e.getClass().getSimpleName(), attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                Thread.sleep(1000L * attempt); // back-off between delivery attempts on the alerts thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        failed++;
    }

    /** Alerts delivered to the webhook so far. */
    public long delivered() {
        return delivered;
    }

    /** Alerts given up after the retries. */
    public long failed() {
        return failed;
    }

    /** Alerts kept from the webhook by the rate limit or deduplication. */
    public synchronized long suppressed() {
        return suppressedTotal;
    }

    /** Delivers what is queued (waiting up to 30 s), then stops the sender. */
    @Override
    public void close() throws InterruptedException {
        if (sender != null) {
            sender.shutdown();
            if (!sender.awaitTermination(30, TimeUnit.SECONDS)) {
                sender.shutdownNow();
            }
        }
    }

    /** {@link #close()}, keeping the interrupt flag when interrupted. */
    public void closeQuietly() {
        try {
            close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Alerts[%s]", settings);
    }
}
