package dev.hft.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Asks a running paper or live session for its state (its {@code /api/status}) and prints it. */
@Command(name = "status", description = "Print the state of a running paper or live session.")
final class StatusCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--session", paramLabel = "DIR", description = "Session directory (its ops.json names the "
            + "endpoint).")
    Path session;

    @Option(names = "--url", paramLabel = "URL", description = "The session's endpoint (default "
            + "http://127.0.0.1:8321/).")
    URI url;

    @Option(names = "--json", description = "Print the raw JSON state.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        URI base = endpoint();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r;
        URI status = base.resolve("api/status");
        try {
            r = http.send(HttpRequest.newBuilder(status).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            spec.commandLine().getErr().println("error: no session answers at " + base + " ("
                    + e.getClass().getSimpleName() + "); is it running?");
            return Main.EXIT_INTERNAL;
        }
        if (r.statusCode() != 200) {
            spec.commandLine().getErr().println("error: " + status + " answered HTTP " + r.statusCode());
            return Main.EXIT_INTERNAL;
        }
        if (json) {
            out.println(r.body());
            out.flush();
            return Main.EXIT_OK;
        }
        JsonNode s = new ObjectMapper().readTree(r.body());
        print(out, s);
        out.flush();
        return Main.EXIT_OK;
    }

    private URI endpoint() throws IOException {
        if (session != null && url != null) {
            throw new UserError("--session and --url are alternatives");
        }
        if (session != null) {
            Path f = session.resolve("ops.json");
            if (!Files.isRegularFile(f)) {
                throw new UserError(f + " not found: the session is not running, or runs with --http-port -1");
            }
            JsonNode n = new ObjectMapper().readTree(f.toFile());
            if (n == null || !n.hasNonNull("url")) {
                throw new UserError(f + ": no \"url\" field");
            }
            return URI.create(n.get("url").asText());
        }
        URI u = url != null ? url : URI.create("http://127.0.0.1:8321/");
        return u.getPath() == null || u.getPath().endsWith("/") ? u : URI.create(u + "/");
    }

    static void print(PrintWriter out, JsonNode s) {
        long up = s.path("updatedMs").asLong() - s.path("startedMs").asLong();
        out.printf(Locale.ROOT, "%s session %s (%s on %s), up %s%n", s.path("mode").asText(),
                s.path("session").asText(), s.path("strategy").asText(), join(s.path("symbols")),
                uptime(Math.max(0, up)));
        out.printf(Locale.ROOT, "ready %s (reconciled %s, stream %s)%n", yes(s, "ready"), yes(s, "reconciled"),
                s.path("streamUp").asBoolean() ? "up" : "down");
        out.printf(Locale.ROOT, "risk %s%s, kill switch %s, entries %s%n", s.path("risk").asText(),
                s.path("riskReason").asText().isEmpty() ? "" : " (" + s.path("riskReason").asText() + ")",
                s.path("killSwitch").asBoolean() ? "ENGAGED" : "off", s.path("paused").asBoolean() ? "PAUSED" : "on");
        long lastBar = s.path("lastBarMs").asLong();
        out.printf(Locale.ROOT, "bars %,d, last bar %s%n", s.path("bars").asLong(),
                lastBar > 0 ? Instant.ofEpochMilli(lastBar).toString() : "none");
        out.printf(Locale.ROOT, "equity %.2f (peak %.2f, drawdown %.2f%%), cash %.2f; journal seq %,d (lag %d)%n",
                s.path("equity").asDouble(), s.path("peakEquity").asDouble(), s.path("drawdownPct").asDouble(),
                s.path("cash").asDouble(), s.path("journalSeq").asLong(), s.path("journalLag").asLong());
        for (JsonNode p : s.path("positions")) {
            out.printf(Locale.ROOT, "  %-10s qty %s%s last %.2f%s%n", p.path("symbol").asText(),
                    p.path("quantity").asText(), p.path("quantity").asDouble() == 0 ? ""
                            : String.format(Locale.ROOT, " @ %.2f unrealized %.2f", p.path("avgEntry").asDouble(),
                            p.path("unrealized").asDouble()), p.path("lastPrice").asDouble(),
                    p.path("frozen").asBoolean() ? " FROZEN" : "");
        }
        out.printf(Locale.ROOT, "open orders: %d%n", s.path("orders").size());
        for (JsonNode o : s.path("orders")) {
            out.printf(Locale.ROOT, "  %s %s %s %s %s%s%n", o.path("id").asText(), o.path("symbol").asText(),
                    o.path("side").asText(), o.path("type").asText(), o.path("quantity").asText(),
                    o.path("trigger").asDouble() > 0 ? " trigger " + o.path("trigger").asText() : "");
        }
        JsonNode t = s.path("tca");
        out.printf(Locale.ROOT, "TCA: %d filled orders, estimated %.2f bps, shortfall %.2f bps (delay %.2f, "
                + "spread %.2f, slippage %.2f, fee %.2f)%n", t.path("orders").asLong(),
                t.path("estimatedBps").asDouble(), t.path("shortfallBps").asDouble(), t.path("delayBps").asDouble(),
                t.path("spreadBps").asDouble(), t.path("slippageBps").asDouble(), t.path("feeBps").asDouble());
    }

    static String uptime(long ms) {
        long m = ms / 60_000;
        return m >= 1440 ? String.format(Locale.ROOT, "%dd %02dh%02dm", m / 1440, m / 60 % 24, m % 60)
                : String.format(Locale.ROOT, "%dh%02dm", m / 60, m % 60);
    }

    private static String yes(JsonNode s, String field) {
        return s.path(field).asBoolean() ? "yes" : "no";
    }

    private static String join(JsonNode arr) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode n : arr) {
            sb.append(sb.length() == 0 ? "" : ", ").append(n.asText());
        }
        return sb.toString();
    }
}
