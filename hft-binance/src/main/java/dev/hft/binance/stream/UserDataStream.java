package dev.hft.binance.stream;

import dev.hft.binance.auth.ApiKeys;
import dev.hft.binance.http.BinanceRest;
import dev.hft.binance.http.RequestParams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Binance user data stream, in one of two forms.
 *
 * <p><b>Spot</b>, on the WebSocket API (the listenKey streams are deprecated there): connects to
 * {@code /ws-api/v3}, subscribes with {@code userDataStream.subscribe.signature} (apiKey, timestamp, signature
 * over the sorted parameters: works with HMAC and Ed25519 keys in any session), and hands every event
 * ({@code executionReport}, {@code outboundAccountPosition}, ...) to the sink. A closed or failed connection, a
 * refused subscription and {@code eventStreamTerminated} all lead to a new connection after a backoff (1 s
 * doubling to 60 s); each new subscription is reported as {@code subscribed}, so the owner can ask REST for what
 * happened meanwhile. The API key and the signature are sent on the socket only, never logged.
 *
 * <p><b>USD-M futures</b> ({@link #futures}), with a listenKey: {@code POST /fapi/v1/listenKey} before each
 * connection, then {@code <base>/ws/<listenKey>}; the events ({@code ORDER_TRADE_UPDATE}, {@code ALGO_UPDATE},
 * {@code ACCOUNT_UPDATE}) come unwrapped, and the stream counts as subscribed once the connection is open. The key
 * is kept alive with {@code PUT} every {@code keepAlive} (Binance closes it after 60 minutes without); a -1125
 * answer or a {@code listenKeyExpired} event leads to a new key and a new connection. The listenKey is a
 * credential to the account's events: it appears in no log or status line.
 */
public final class UserDataStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UserDataStream.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Receives events and status changes on the socket's thread: hand them over, do not block. */
    public interface Sink {
        void onEvent(JsonNode event);

        /** {@code subscribed}, {@code disconnected} or {@code refused}, with a detail for people. */
        void onStatus(String status, String detail);
    }

    private final URI uri;
    private final ApiKeys keys;
    private final LongSupplier serverTimeMs;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final Sink sink;
    private final Reconnects reconnects;
    private final AtomicLong subscriptions = new AtomicLong();
    private volatile long subscribedGeneration = -1;
    private final Duration subscribeTimeout;
    private final Duration silence;
    private volatile WebSocket socket;
    /** USD-M: the REST client that issues listenKeys (null for spot), and how often the key is kept alive. */
    private BinanceRest listenKeys;
    private Duration keepAlive;

    /**
     * @param wsApi        the WebSocket API endpoint, e.g. wss://ws-api.binance.com:443/ws-api/v3
     * @param serverTimeMs the venue's clock as the REST client measured it (for the signed timestamp)
     */
    public UserDataStream(URI wsApi, ApiKeys keys, LongSupplier serverTimeMs, HttpClient http,
                          ScheduledExecutorService scheduler, Sink sink, Duration initialBackoff) {
        this(wsApi, keys, serverTimeMs, http, scheduler, sink, initialBackoff, Duration.ofSeconds(10),
                Duration.ofSeconds(60));
    }

    /**
     * As above; a subscription not answered within {@code subscribeTimeout} is tried again on a new connection, and
     * so is a connection that sent nothing, not even a ping, for {@code silence} (Binance pings every 20 s): after
     * an abrupt drop the JDK client can stay half-open without ever reporting the death.
     */
    public UserDataStream(URI wsApi, ApiKeys keys, LongSupplier serverTimeMs, HttpClient http,
                          ScheduledExecutorService scheduler, Sink sink, Duration initialBackoff,
                          Duration subscribeTimeout, Duration silence) {
        this.subscribeTimeout = subscribeTimeout;
        this.silence = silence;
        this.uri = wsApi;
        this.keys = keys;
        this.serverTimeMs = serverTimeMs;
        this.http = http;
        this.scheduler = scheduler;
        this.sink = sink;
        this.reconnects = new Reconnects(scheduler, initialBackoff, Duration.ofSeconds(60), this::connect);
    }

    /**
     * The USD-M futures user data stream.
     *
     * @param base      the private stream base, e.g. wss://fstream.binance.com/private ({@code /ws/<key>} is added)
     * @param rest      a USD-M REST client with the account's API key (for {@code /fapi/v1/listenKey})
     * @param keepAlive how often the key is kept alive (Binance: within 60 minutes; 30 is customary)
     * @param silence   a connection that sent nothing for this long is restarted (Binance pings every 3 minutes)
     */
    public static UserDataStream futures(URI base, BinanceRest rest, ApiKeys keys, HttpClient http,
                                         ScheduledExecutorService scheduler, Sink sink, Duration initialBackoff,
                                         Duration keepAlive, Duration silence) {
        UserDataStream s = new UserDataStream(base, keys, () -> 0L, http, scheduler, sink, initialBackoff,
                Duration.ofSeconds(10), silence);
        s.listenKeys = rest;
        s.keepAlive = keepAlive;
        return s;
    }

    public void start() {
        if (listenKeys != null) {
            scheduler.execute(this::connect); // the listenKey request blocks: not on the caller's thread
            scheduler.scheduleAtFixedRate(this::keepKeyAlive, keepAlive.toMillis(), keepAlive.toMillis(),
                    TimeUnit.MILLISECONDS);
        } else {
            connect();
        }
        long period = Math.max(1, silence.toMillis() / 4);
        scheduler.scheduleAtFixedRate(this::checkSilence, period, period, TimeUnit.MILLISECONDS);
    }

    /** USD-M: keeps the listenKey alive; a key the venue no longer knows (-1125) means a new key and connection. */
    private void keepKeyAlive() {
        long gen = reconnects.current();
        if (reconnects.closed() || subscribedGeneration != gen) {
            return;
        }
        BinanceRest.Reply r = listenKeys.listenKey(true);
        if (r instanceof BinanceRest.Reply.Rejected rej && rej.code() == -1125) {
            sink.onStatus("disconnected", "listenKey no longer valid (-1125); a new one");
            restart(gen);
        } else if (!(r instanceof BinanceRest.Reply.Ok)) {
            LOG.warn("listenKey keepalive not confirmed ({}); trying again in {} s", r.getClass().getSimpleName(),
                    keepAlive.toSeconds());
        }
    }

    private void checkSilence() {
        long gen = reconnects.current();
        if (!reconnects.closed() && socket != null && reconnects.silentFor(silence)) {
            sink.onStatus("disconnected", "nothing received for " + silence.toMillis() + " ms");
            restart(gen);
        }
    }

    /** Subscriptions acknowledged so far (the first one and every one after a reconnect). */
    public long subscriptions() {
        return subscriptions.get();
    }

    private void connect() {
        if (reconnects.closed()) {
            return;
        }
        long gen = reconnects.next();
        URI target = uri;
        if (listenKeys != null) {
            BinanceRest.Reply r = listenKeys.listenKey(false);
            String key = r instanceof BinanceRest.Reply.Ok ok ? ok.body().path("listenKey").asText("") : "";
            if (key.isEmpty()) {
                sink.onStatus("disconnected", "no listenKey: " + r);
                reconnects.later(gen);
                return;
            }
            String base = uri.toString();
            target = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/ws/"
                    + RequestParams.encode(key));
        }
        http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(target, reconnects.listener(gen,
                        this::handle, why -> sink.onStatus("disconnected", why)))
                .whenComplete((ws, err) -> {
                    if (err != null) {
                        sink.onStatus("disconnected", "connect failed: " + err.getClass().getSimpleName());
                        reconnects.later(gen);
                        return;
                    }
                    socket = ws;
                    reconnects.heard();
                    if (listenKeys != null) {
                        subscribed(gen, "listenKey stream open");
                        return;
                    }
                    ws.sendText(subscribeRequest(gen), true).whenComplete((w, sendErr) -> {
                        if (sendErr != null) {
                            sink.onStatus("disconnected", "subscription not sent: "
                                    + sendErr.getClass().getSimpleName());
                            restart(gen);
                        }
                    });
                    // a subscription nobody answers is no subscription: try again on a new connection
                    scheduler.schedule(() -> {
                        if (reconnects.isCurrent(gen) && subscribedGeneration != gen && !reconnects.closed()) {
                            sink.onStatus("disconnected", "no answer to the subscription within "
                                    + subscribeTimeout.toMillis() + " ms");
                            restart(gen);
                        }
                    }, subscribeTimeout.toMillis(), TimeUnit.MILLISECONDS);
                });
    }

    /** The signed subscription request of connection {@code gen}. */
    String subscribeRequest(long gen) {
        RequestParams p = new RequestParams().put("apiKey", keys.headerValue()).put("timestamp",
                serverTimeMs.getAsLong());
        String signature = keys.signer().sign(p.sortedPlain());
        ObjectNode msg = JSON.createObjectNode().put("id", "uds-" + gen).put("method",
                "userDataStream.subscribe.signature");
        ObjectNode params = msg.putObject("params");
        p.asMap().forEach(params::put);
        params.put("signature", signature);
        return msg.toString();
    }

    /** One whole text message of connection {@code gen}. */
    void handle(long gen, String text) {
        if (!reconnects.isCurrent(gen)) {
            return;
        }
        JsonNode m;
        try {
            m = JSON.readTree(text);
        } catch (IOException e) {
            LOG.warn("undecodable user stream message ({} chars) ignored", text.length());
            return;
        }
        if (listenKeys != null) {
            String type = m.path("e").asText();
            if (type.equals("listenKeyExpired")) {
                sink.onStatus("disconnected", "listenKeyExpired; a new key");
                restart(gen);
            } else if (!type.isEmpty()) {
                sink.onEvent(m);
            }
            return;
        }
        if (m.has("event")) {
            JsonNode e = m.get("event");
            if ("eventStreamTerminated".equals(e.path("e").asText())) {
                sink.onStatus("disconnected", "eventStreamTerminated; subscribing again");
                restart(gen);
                return;
            }
            sink.onEvent(e);
            return;
        }
        if (m.path("id").asText().equals("uds-" + gen)) {
            if (m.path("status").asInt() == 200) {
                subscribed(gen, "subscription " + m.at("/result/subscriptionId").asText());
            } else {
                JsonNode err = m.path("error");
                sink.onStatus("refused", "HTTP " + m.path("status").asInt() + " code " + err.path("code").asInt()
                        + " " + err.path("msg").asText());
                if (err.path("code").asInt() == -1021) {
                    resync.run(); // at the first refusal, as the REST client does, not after the backoff gives up
                }
                restart(gen);
            }
        }
    }

    /**
     * Called when the venue refuses a subscription's timestamp (-1021: the exchange's clock moved): resync the clock
     * the signed timestamp comes from, so the next subscription is not refused for the same reason.
     */
    public void onClockRejected(Runnable resync) {
        this.resync = resync;
    }

    private volatile Runnable resync = () -> { };

    private void subscribed(long gen, String detail) {
        reconnects.up();
        subscriptions.incrementAndGet();
        subscribedGeneration = gen;
        sink.onStatus("subscribed", detail);
    }

    private void restart(long gen) {
        WebSocket ws = socket;
        reconnects.later(gen);
        if (ws != null) {
            ws.abort();
        }
    }

    @Override
    public void close() {
        reconnects.close();
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }

    @Override
    public String toString() {
        return "UserDataStream[" + uri.getHost() + ", key " + keys.fingerprint() + "]";
    }
}
