package dev.hft.app;

import dev.hft.engine.TradingEngine;
import dev.hft.journal.JournalWriter;
import dev.hft.ops.Alerts;
import dev.hft.ops.Controls;
import dev.hft.ops.OpsMetrics;
import dev.hft.ops.OpsServer;
import dev.hft.ops.SessionMonitor;
import dev.hft.ops.SessionView;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The operations side of a paper or live session: metrics, the session monitor, alerts and the web endpoint
 * (dashboard, /metrics, /health, control). The endpoint's address is written to {@code <session>/ops.json}, where
 * {@code hft status --session} finds it; the file goes when the session stops.
 */
final class SessionOps implements AutoCloseable {
    final OpsMetrics metrics;
    final Alerts alerts;
    final SessionMonitor monitor;
    private final OpsServer server;
    private final Path opsFile;

    private SessionOps(OpsMetrics metrics, Alerts alerts, SessionMonitor monitor, OpsServer server, Path opsFile) {
        this.metrics = metrics;
        this.alerts = alerts;
        this.monitor = monitor;
        this.server = server;
        this.opsFile = opsFile;
    }

    /**
     * Starts everything for {@code engine}. Control actions run on the engine thread through {@code toEngine} (the
     * ring), then {@code journal} is forced to disk, so an acknowledged kill switch survives a crash.
     */
    static SessionOps start(AppConfig cfg, SessionOptions options, TradingEngine engine, String mode, Path dir,
                            String strategy, java.util.function.Consumer<Runnable> toEngine, JournalWriter journal,
                            PrintWriter stdout) {
        AppConfig.OpsSection ops = cfg.ops;
        String host = options.httpHost != null ? options.httpHost : ops.host;
        int port = options.httpPort != null ? options.httpPort : ops.port == null ? 8321 : ops.port;
        String token = ops.token != null ? ops.token : System.getenv("HFT_OPS_TOKEN");
        Alerts alerts = new Alerts(alertSettings(ops.alerts, mode + " " + dir.getFileName()), line -> {
            synchronized (stdout) {
                stdout.println(line);
                stdout.flush();
            }
        }, System::currentTimeMillis, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
        OpsMetrics metrics = new OpsMetrics(symbols(engine));
        boolean controls = port >= 0 && token != null && !token.isEmpty();
        SessionMonitor monitor = new SessionMonitor(engine, mode, dir.toString(), strategy, System.currentTimeMillis(),
                metrics, alerts, controls, ops.alerts.drawdownPct == null ? new double[0] : ops.alerts.drawdownPct);
        monitor.journal(journal);
        monitor.publish(System.currentTimeMillis());
        OpsServer server = null;
        Path opsFile = dir.resolve("ops.json");
        if (port >= 0) {
            Controls c = action -> {
                CompletableFuture<SessionView> f = new CompletableFuture<>();
                toEngine.accept(() -> {
                    try {
                        switch (action) {
                            case "kill" -> engine.killSwitch();
                            case "pause" -> engine.pause();
                            case "resume" -> engine.resume();
                            case "release" -> engine.release();
                            default -> throw new IllegalArgumentException("unknown action " + action);
                        }
                        journal.sync();
                        f.complete(monitor.publish(System.currentTimeMillis()));
                    } catch (RuntimeException e) {
                        f.completeExceptionally(e);
                    }
                });
                return f;
            };
            if (OpsServer.beyondLoopback(host)) {
                stdout.printf(Locale.ROOT, "WARNING: the dashboard listens on %s, beyond this machine: anyone who can "
                        + "reach it reads positions and orders%s%n", host,
                        controls ? ", and the token is sent in clear over plain HTTP (put TLS in front)" : "");
            }
            try {
                server = OpsServer.start(host, port, monitor, metrics, c, token,
                        ops.allowedHosts == null ? java.util.List.of() : ops.allowedHosts);
            } catch (IllegalArgumentException e) {
                alerts.closeQuietly();
                throw new UserError("ops.token (or HFT_OPS_TOKEN): " + e.getMessage());
            } catch (RuntimeException e) {
                alerts.closeQuietly();
                throw new UserError("cannot serve the dashboard on " + host + ":" + port + " (" + rootMessage(e)
                        + "); choose another with --http-port (0 = any free port, -1 = off)", e);
            }
            String url = String.format(Locale.ROOT, "http://%s:%d/", host.contains(":") ? "[" + host + "]" : host,
                    server.port());
            writeOpsFile(opsFile, url, mode);
            stdout.printf(Locale.ROOT, "dashboard %s (metrics %smetrics, health %shealth), control %s%n", url, url, url,
                    controls ? "on (token)" : "off (read-only: no ops.token)");
        }
        return new SessionOps(metrics, alerts, monitor, server, opsFile);
    }

    private static java.util.List<String> symbols(TradingEngine e) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < e.instrumentCount(); i++) {
            out.add(e.instrument(i).symbol());
        }
        return out;
    }

    static Alerts.Settings alertSettings(AppConfig.AlertsSection a, String source) {
        Alerts.Format format;
        try {
            format = Alerts.Format.valueOf(a.format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserError("ops.alerts.format must be generic, slack or telegram, got '" + a.format + "'");
        }
        URI hook = null;
        if (a.webhook != null && !a.webhook.isBlank()) {
            try {
                hook = URI.create(a.webhook.trim());
            } catch (IllegalArgumentException e) {
                hook = null;
            }
            if (hook == null || hook.getHost() == null || !("https".equals(hook.getScheme())
                    || "http".equals(hook.getScheme()))) {
                // the URL may hold a secret (Slack's path, Telegram's bot token): never quoted
                throw new UserError("ops.alerts.webhook must be an http(s) URL with a host");
            }
        }
        try {
            return new Alerts.Settings(hook, format, a.chatId, a.perMinute == null ? 6 : a.perMinute,
                    Duration.ofMinutes(a.dedupeMinutes == null ? 5 : a.dedupeMinutes), source);
        } catch (IllegalArgumentException e) {
            throw new UserError("ops.alerts: " + e.getMessage());
        }
    }

    private static void writeOpsFile(Path file, String url, String mode) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, String.format(Locale.ROOT, "{\"url\":\"%s\",\"mode\":\"%s\",\"pid\":%d}%n", url,
                    mode, ProcessHandle.current().pid()));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserError("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** Port of the endpoint, or -1 when it is off. */
    int port() {
        return server == null ? -1 : server.port();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
            try {
                Files.deleteIfExists(opsFile);
            } catch (IOException e) {
                // a stale ops.json only makes `hft status` report the session as unreachable
            }
        }
        alerts.closeQuietly();
    }
}
