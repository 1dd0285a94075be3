package dev.hft.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpResponseException;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The session's web endpoint (Javalin on Jetty): the dashboard ({@code /}), its live updates as server-sent events
 * ({@code /events}), the state as JSON ({@code /api/status}, also what {@code hft status} prints), Prometheus
 * metrics ({@code /metrics}), health ({@code /health}: 200 when ready, 503 when not), and the control actions
 * ({@code POST /api/control/kill|pause|resume|release}).
 *
 * <p>Control needs the token from the config, sent as {@code Authorization: Bearer <token>} and compared in
 * constant time; without a configured token the endpoint is read-only (403), a missing or wrong token is 401.
 * The token is never printed or put in the view. Binds to 127.0.0.1 unless told otherwise.
 *
 * <p>Hardening, each against a measured attack:
 * <ul>
 *   <li>A token must hold at least {@value #MIN_TOKEN_BITS} bits by its length and alphabet
 *       ({@link #tokenBits(String)}); a shorter one is refused at start, not used.</li>
 *   <li>Every request's {@code Host} must be an IP literal, {@code localhost}, or a name the config allows; a page
 *       on another site whose name was re-pointed at this machine (DNS rebinding) carries its own name and is
 *       refused (421). A request with an {@code Origin} must come from the same host and port (403), so another
 *       site cannot post a control action from a browser that knows the token.</li>
 *   <li>Jetty caches header values per connection and by default matches them ignoring case; a cached
 *       {@code Authorization} value could then stand in for a differently cased one. The cache is case-sensitive
 *       here, so the header the handler reads is always the bytes the client sent.</li>
 * </ul>
 */
public final class OpsServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Least estimated entropy of a control token, in bits. */
    public static final int MIN_TOKEN_BITS = 128;

    private final Javalin app;
    private final SessionMonitor monitor;
    private final Controls controls;
    private final byte[] token;
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final ExecutorService pusher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dashboard-push");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean pushPending = new AtomicBoolean();
    /** Host names (lower case, no port) a request may name besides IP literals and localhost. */
    private final Set<String> allowedHosts;

    private OpsServer(String host, int port, SessionMonitor monitor, OpsMetrics metrics, Controls controls,
                      String token, Collection<String> allowedHosts) {
        this.monitor = monitor;
        this.controls = controls;
        if (token != null && !token.isEmpty() && tokenBits(token) < MIN_TOKEN_BITS) {
            // the message names the length, never the token
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the control token is too weak: about %d"
                    + " bits from its %d characters, at least %d needed (e.g. openssl rand -hex 16)",
                    tokenBits(token), token.length(), MIN_TOKEN_BITS));
        }
        this.token = token == null || token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
        Set<String> hosts = new HashSet<>();
        for (String h : allowedHosts) {
            hosts.add(h.toLowerCase(Locale.ROOT));
        }
        if (!isWildcard(host)) {
            hosts.add(host.toLowerCase(Locale.ROOT));
        }
        this.allowedHosts = Set.copyOf(hosts);
        QueuedThreadPool pool = new QueuedThreadPool(8, 2);
        pool.setName("ops-http");
        pool.setDaemon(true);
        app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.startupWatcherEnabled = false;
            c.jetty.threadPool = pool;
            c.jetty.modifyHttpConfiguration(h -> h.setHeaderCacheCaseSensitive(true));
        });
        app.beforeMatched(this::checkOrigin);
        app.get("/", ctx -> resource(ctx, "dev/hft/ops/dashboard.html", "text/html; charset=utf-8"));
        app.get("/dashboard.js", ctx -> resource(ctx, "dev/hft/ops/dashboard.js", "text/javascript"));
        app.get("/echarts.min.js", ctx -> resource(ctx, echartsPath(), "text/javascript"));
        app.get("/api/status", ctx -> json(ctx, 200, current()));
        app.get("/health", this::health);
        app.get("/metrics", ctx -> {
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
            ctx.result(metrics == null ? "" : metrics.scrape());
        });
        app.post("/api/control/{action}", this::control);
        app.sse("/events", client -> {
            client.keepAlive();
            clients.add(client);
            client.onClose(() -> clients.remove(client));
            SessionView v = monitor.view();
            if (v != null) {
                client.sendEvent("state", write(v));
            }
        });
        monitor.subscribe(v -> {
            if (pushPending.compareAndSet(false, true)) {
                pusher.execute(this::push);
            }
        });
        app.start(host, port);
    }

    /**
     * Starts the server. {@code port} 0 picks a free one ({@link #port()}); {@code token} null or empty: read-only.
     *
     * @throws IllegalArgumentException when the token holds fewer than {@value #MIN_TOKEN_BITS} bits
     */
    public static OpsServer start(String host, int port, SessionMonitor monitor, OpsMetrics metrics,
                                  Controls controls, String token) {
        return start(host, port, monitor, metrics, controls, token, List.of());
    }

    /** As {@link #start(String, int, SessionMonitor, OpsMetrics, Controls, String)}, also accepting these names. */
    public static OpsServer start(String host, int port, SessionMonitor monitor, OpsMetrics metrics,
                                  Controls controls, String token, Collection<String> allowedHosts) {
        return new OpsServer(host, port, monitor, metrics, controls, token, allowedHosts);
    }

    /** True when {@code host} is not a loopback address or name: the endpoint is then reachable from elsewhere. */
    public static boolean beyondLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return !(h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]"));
    }

    /**
     * An upper estimate of a token's entropy: its length times the bits of the smallest alphabet it fits (hex 4,
     * then by the character classes it uses: digits, lower and upper case letters, 33 others). Refuses obvious
     * weak tokens; it cannot tell a random token from a long memorable one.
     */
    public static int tokenBits(String token) {
        boolean hex = token.chars().allMatch(ch -> Character.digit(ch, 16) >= 0);
        int alphabet;
        if (hex) {
            alphabet = 16;
        } else {
            alphabet = 0;
            alphabet += token.chars().anyMatch(ch -> ch >= '0' && ch <= '9') ? 10 : 0;
            alphabet += token.chars().anyMatch(ch -> ch >= 'a' && ch <= 'z') ? 26 : 0;
            alphabet += token.chars().anyMatch(ch -> ch >= 'A' && ch <= 'Z') ? 26 : 0;
            alphabet += token.chars().anyMatch(ch -> !Character.isLetterOrDigit(ch)) ? 33 : 0;
        }
        return (int) Math.floor(token.length() * Math.log(Math.max(alphabet, 2)) / Math.log(2));
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") || host.isEmpty();
    }

    /** Refuses a request naming a host this server does not answer for, or sent from another origin. */
    private void checkOrigin(Context ctx) {
        String host = ctx.header("Host");
        String name = host == null ? null : hostName(host);
        if (name == null || !(allowedHosts.contains(name) || name.equals("localhost") || isIpLiteral(name))) {
            throw new HttpResponseException(421, "this endpoint does not answer for host '" + host
                    + "'; add it to ops.allowedHosts if it is yours");
        }
        String origin = ctx.header("Origin");
        if (origin != null && !(origin.equalsIgnoreCase("http://" + host)
                || origin.equalsIgnoreCase("https://" + host))) {
            throw new ForbiddenResponse("cross-origin request from '" + origin + "' refused");
        }
    }

    /** The host name of a {@code Host} header value, lower case, without the port; null when malformed. */
    static String hostName(String hostHeader) {
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? null : h.substring(1, end);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    /** An IPv4 dotted quad or an IPv6 literal: names no DNS answer can re-point. */
    static boolean isIpLiteral(String name) {
        if (name.contains(":")) {
            return name.chars().allMatch(ch -> Character.digit(ch, 16) >= 0 || ch == ':' || ch == '.');
        }
        String[] parts = name.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    public int port() {
        return app.port();
    }

    /** Sends the newest view to every dashboard; runs on the push thread, coalescing bursts of updates. */
    private void push() {
        pushPending.set(false);
        SessionView v = monitor.view();
        if (v == null) {
            return;
        }
        String data = write(v);
        for (SseClient c : clients) {
            if (c.terminated()) {
                clients.remove(c);
            } else {
                c.sendEvent("state", data);
            }
        }
    }

    private SessionView current() {
        return monitor.view();
    }

    private void health(Context ctx) {
        SessionView v = monitor.view();
        ObjectNode n = JSON.createObjectNode();
        n.put("live", true);
        boolean reconciled = v != null && v.reconciled();
        boolean streams = monitor.streamUp();
        n.put("ready", reconciled && streams);
        n.put("reconciled", reconciled);
        n.put("streamUp", streams);
        if (v != null) {
            n.put("risk", v.risk());
            n.put("killSwitch", v.killSwitch());
            n.put("lastBarMs", v.lastBarMs());
        }
        json(ctx, reconciled && streams ? 200 : 503, n);
    }

    private void control(Context ctx) {
        String action = ctx.pathParam("action");
        if (!Controls.ACTIONS.contains(action)) {
            json(ctx, 404, Map.of("error", "unknown action '" + action + "'; one of " + Controls.ACTIONS));
            return;
        }
        if (token == null) {
            json(ctx, 403, Map.of("error", "read-only: no control token configured (ops.token in the config or "
                    + "HFT_OPS_TOKEN)"));
            return;
        }
        String auth = ctx.header("Authorization");
        byte[] given = auth != null && auth.startsWith("Bearer ")
                ? auth.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(given, token)) {
            json(ctx, 401, Map.of("error", auth == null ? "control needs the token (Authorization: Bearer ...)"
                    : "wrong token"));
            return;
        }
        try {
            SessionView v = controls.apply(action).get(10, TimeUnit.SECONDS);
            json(ctx, 200, Map.of("action", action, "state", v));
        } catch (TimeoutException e) {
            json(ctx, 504, Map.of("error", "the engine did not take '" + action + "' within 10 s"));
        } catch (ExecutionException e) {
            json(ctx, 409, Map.of("error", action + " failed: " + e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            json(ctx, 503, Map.of("error", "interrupted"));
        }
    }

    /** ECharts from its WebJar (the version the build ships; the jar keeps only the minified library). */
    static String echartsPath() throws IOException {
        java.util.Properties p = new java.util.Properties();
        try (InputStream in = OpsServer.class.getClassLoader().getResourceAsStream(
                "META-INF/maven/org.webjars/echarts/pom.properties")) {
            if (in == null) {
                throw new IOException("the ECharts WebJar is missing from the class path");
            }
            p.load(in);
        }
        return "META-INF/resources/webjars/echarts/" + p.getProperty("version") + "/echarts.min.js";
    }

    private static void resource(Context ctx, String path, String type) throws IOException {
        try (InputStream in = OpsServer.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                ctx.status(404).result("missing resource " + path);
                return;
            }
            ctx.contentType(type);
            ctx.header("Cache-Control", "no-store");
            ctx.result(in.readAllBytes());
        }
    }

    private static void json(Context ctx, int status, Object body) {
        ctx.status(status);
        ctx.contentType("application/json");
        ctx.header("Cache-Control", "no-store");
        ctx.result(write(body));
    }

    static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (SseClient c : clients) {
            c.close();
        }
        pusher.shutdownNow();
        app.stop();
    }

    @Override
    public String toString() {
        return "OpsServer[port " + port() + (token == null ? ", read-only" : ", controls on") + "]";
    }
}
