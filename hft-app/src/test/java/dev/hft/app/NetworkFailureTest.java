package dev.hft.app;

import static dev.hft.app.CliTest.hft;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One rule for every command when the venue cannot answer: the message names the endpoint and the cause, no stack
 * trace, exit 75 for a temporary outage (a service manager restarts) and 2 for a definite refusal (HTTP 451).
 */
class NetworkFailureTest {
    @TempDir
    Path tmp;

    private Path keys() throws Exception {
        Path k = tmp.resolve("keys.yaml");
        Files.writeString(k, "binance:\n  apiKey: net-key\n  secretKey: net-secret\n");
        Files.setPosixFilePermissions(k, PosixFilePermissions.fromString("rw-------"));
        return k;
    }

    @Test
    void anUnreachableVenueExitsSeventyFiveNamingTheEndpointAndCause() throws Exception {
        CliTest.Run paper = hft("paper", "--rest-url", "http://127.0.0.1:9", "--stream-url", "ws://127.0.0.1:9",
                "--http-port", "-1", "--out", tmp.resolve("p").toString());
        CliTest.Run live = hft("live", "--keys", keys().toString(), "--rest-url", "http://127.0.0.1:9",
                "--stream-url", "ws://127.0.0.1:9", "--http-port", "-1", "--out", tmp.resolve("l").toString());
        CliTest.Run dns = hft("paper", "--rest-url", "http://no-such-host.invalid", "--http-port", "-1", "--out",
                tmp.resolve("d").toString());
        for (CliTest.Run r : new CliTest.Run[] {paper, live}) {
            assertThat(r.code()).as(r.err()).isEqualTo(Main.EXIT_UNAVAILABLE);
            assertThat(r.err()).contains("http://127.0.0.1:9", "connection refused", "try again later")
                    .doesNotContain("Exception", "\tat ");
        }
        assertThat(dns.code()).isEqualTo(Main.EXIT_UNAVAILABLE);
        assertThat(dns.err()).contains("no-such-host.invalid", "DNS");
        assertThat(live.err()).doesNotContain("net-secret", "net-key");
    }

    @Test
    void aRestrictedLocationIsARefusalNotAnOutage() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            byte[] body = ("{\"code\":0,\"msg\":\"Service unavailable from a restricted location according to 'b. "
                    + "Eligibility' in https://www.binance.com/en/terms.\"}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(451, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            CliTest.Run r = hft("paper", "--rest-url", "http://127.0.0.1:" + server.getAddress().getPort(),
                    "--http-port", "-1", "--out", tmp.resolve("p").toString());
            assertThat(r.code()).as(r.err()).isEqualTo(Main.EXIT_BAD_INPUT);
            assertThat(r.err()).contains("HTTP 451", "restricted location", "serves no clients from this location");
        } finally {
            server.stop(0);
        }
    }
}
