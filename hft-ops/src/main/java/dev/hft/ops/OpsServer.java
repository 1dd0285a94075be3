package dev.hft.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
 */
public final class OpsServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

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

    private OpsServer(String host, int port, SessionMonitor monitor, OpsMetrics metrics, Controls controls,
                      String token) {
        this.monitor = monitor;
        this.controls = controls;
        this.token = token == null || token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
        QueuedThreadPool pool = new QueuedThreadPool(8, 2);
        pool.setName("ops-http");
        pool.setDaemon(true);
        app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.startupWatcherEnabled = false;
            c.jetty.threadPool = pool;
        });
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
     */
    public static OpsServer start(String host, int port, SessionMonitor monitor, OpsMetrics metrics,
                                  Controls controls, String token) {
        return new OpsServer(host, port, monitor, metrics, controls, token);
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
