package dev.hft.app;

import static dev.hft.app.CliTest.hft;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.binance.FakeBinance;
import dev.hft.binance.FakeStreams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real {@code hft paper} child stopped by SIGINT (Ctrl-C) or SIGTERM (systemd, docker stop) in the middle of its
 * stream: it drains, writes its reports, closes its journal at a record boundary, removes ops.json, exits 0, and its
 * journal replays byte for byte.
 */
class GracefulStopTest {
    private static final long MIN = 60_000;

    @TempDir
    Path tmp;

    private static String price(int k) {
        return String.format(Locale.ROOT, "%.2f", 42_000 + 400 * Math.sin(k / 3.0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void aStopSignalDrainsTheSessionAndItsJournalReplays(String signal) throws Exception {
        // a child inherits an ignored signal, and the JVM cannot catch it: the case says nothing then (the build was
        // started in the background by a non-interactive shell, which ignores SIGINT for its background jobs)
        org.junit.jupiter.api.Assumptions.assumeFalse(StopSignals.ignored(signal), "SIG" + signal + " is ignored "
                + "in this JVM, so in its children too (run the build in the foreground)");
        long last = Math.floorDiv(System.currentTimeMillis(), MIN) * MIN - MIN;
        try (FakeBinance rest = FakeBinance.hmac("k", "s", System::currentTimeMillis);
             FakeStreams streams = new FakeStreams()) {
            rest.klineHistory.put("BTCUSDT", FakeStreams.history("BTCUSDT", last, -60, 0, GracefulStopTest::price));
            Path dir = tmp.resolve("paper");
            Path log = tmp.resolve("child.log");
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), Main.class.getName(), "paper", "--symbol", "BTCUSDT",
                    "--strategy", "sma-cross", "--param", "fast=2", "--param", "slow=5", "--clock", "stream",
                    "--stream-url", streams.base().toString(), "--rest-url", rest.base().toString(),
                    "--http-port", "0", "--liquidations-url", "off", "--report-every", "1000", "--out",
                    dir.toString());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                assertThat(streams.connections.poll(60, TimeUnit.SECONDS)).as("connected").isNotNull();
                for (int k = 1; k <= 12; k++) {
                    streams.send(FakeStreams.closedKline("BTCUSDT", last + k * MIN, price(k)));
                }
                streams.ping("read");
                assertThat(streams.pongs.poll(60, TimeUnit.SECONDS)).as("the child read every bar").isEqualTo("read");
                assertThat(dir.resolve("ops.json")).exists();
                // more bars on their way while the signal arrives
                for (int k = 13; k <= 20; k++) {
                    streams.send(FakeStreams.closedKline("BTCUSDT", last + k * MIN, price(k)));
                }
                int code = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
                assertThat(code).isZero();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    // a hang: ask the child for its thread dump (SIGQUIT, into its log) so the failure says where
                    new ProcessBuilder("kill", "-QUIT", Long.toString(p.pid())).start().waitFor();
                    p.waitFor(5, TimeUnit.SECONDS); // it does not exit on QUIT: this only gives it time to write
                    throw new AssertionError("the child did not stop within a minute of SIG" + signal + "; its log "
                            + "and thread dump:\n" + Files.readString(log));
                }
            } finally {
                p.destroyForcibly();
            }
            String out = Files.readString(log);
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("stopping (SIG" + signal + ")", "stopped after");
            assertThat(dir.resolve("ops.json")).as("the endpoint's address goes with it").doesNotExist();
            assertThat(dir.resolve("report/metrics.json")).exists();
            assertThat(dir.resolve("report/report.html")).exists();
            CliTest.Run replay = hft("replay", "--journal", dir.toString());
            assertThat(replay.code()).as(replay.out() + replay.err()).isZero();
            assertThat(replay.out()).contains("byte-identical").doesNotContain("incomplete");
        }
    }
}
