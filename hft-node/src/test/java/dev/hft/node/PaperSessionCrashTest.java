package dev.hft.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.core.ExecutionClient;
import dev.hft.core.Order;
import dev.hft.engine.journal.EngineJournal;
import dev.hft.journal.JournalRecord;
import dev.hft.journal.JournalRecovery;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * T1-WAL: a child JVM runs a paper-style session (engine, journal with per-order fsync, snapshots, a journaled
 * simulated venue) and is killed with SIGKILL at random moments; after each kill: no acknowledged record is lost,
 * no order ever reached the venue twice, and the next child's recovered state equals a reference rebuilt from the
 * surviving journal. At the end the whole session's journal replays byte for byte. Kills: {@code hft.crash.kills}
 * (5 in the default build, 200 with -Pcrash-soak).
 */
class PaperSessionCrashTest {
    @TempDir
    Path tmp;

    @Test
    void killNineAtRandomMomentsShouldLoseNothingAndSendNothingTwice() throws Exception {
        int kills = Integer.getInteger("hft.crash.kills", 5);
        SplittableRandom rnd = new SplittableRandom(Long.getLong("hft.crash.seed", 20261124L));
        // -Dhft.crash.dir=... keeps the session for a post-mortem with ./hft replay
        Path dir = System.getProperty("hft.crash.dir") != null ? Path.of(System.getProperty("hft.crash.dir"))
                : tmp.resolve("session");
        // long enough that every kill lands mid-session: 10 days for the default 5 kills, 35 for 200
        int days = 10 + kills / 8;
        long maxAck = 0;
        int killed = 0;
        String expectedDigest = null;
        boolean done = false;
        for (int round = 0; !done; round++) {
            Process p = new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"),
                    PaperCrashChild.class.getName(), dir.toString(), "" + days).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.US_ASCII));
            String start = out.readLine();
            assertThat(start).as("round " + round).startsWith("start ");
            String digest = start.substring(start.indexOf(' ', 6) + 1);
            if (expectedDigest != null) {
                assertThat(digest).as("round " + round + ": recovered state equals the reference")
                        .isEqualTo(expectedDigest);
            }
            boolean kill = killed < kills;
            int acks = kill ? rnd.nextInt(8) : Integer.MAX_VALUE;
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ack ")) {
                    maxAck = Math.max(maxAck, Long.parseLong(line.substring(4)));
                    if (kill && acks-- <= 0) {
                        break;
                    }
                } else if (line.startsWith("done ")) {
                    assertThat(line).isEqualTo("done 0");
                    done = true;
                    break;
                } else {
                    throw new AssertionError("child said: " + line + drain(out));
                }
            }
            if (!done) {
                p.destroyForcibly(); // SIGKILL, at a random point of the session
                killed++;
            }
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

            List<JournalRecord> records = new ArrayList<>();
            JournalRecovery.Result scan = JournalRecovery.scan(dir.resolve("journal"), records::add, false);
            assertThat(scan.usable()).as(scan.message()).isTrue();
            assertThat(scan.lastSeq()).as("every acknowledged record survives").isGreaterThanOrEqualTo(maxAck);
            assertThat(duplicateOrderIds(dir.resolve("venue"))).as("no order reached the venue twice").isEmpty();
            if (!done) {
                expectedDigest = reference(dir, round);
            }
        }
        assertThat(killed).isEqualTo(kills);
        ReplayRunner.Result replay = ReplayRunner.replay(dir.resolve("journal"));
        assertThat(replay.difference()).as("the whole session, across every restart, replays").isNull();
        assertThat(maxAck).as("the session traded").isGreaterThan(10);
    }

    /** The state rebuilt from a copy of the surviving journal, as recovery sees it. */
    private String reference(Path dir, int round) throws IOException {
        Path copy = (System.getProperty("hft.crash.dir") != null ? dir.getParent() : tmp).resolve("ref-" + round);
        try (Stream<Path> s = Files.walk(dir.resolve("journal"))) {
            for (Path p : s.toList()) {
                Path target = copy.resolve(dir.resolve("journal").relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        // finishing an input journaled just before the kill happens behind the reconciliation gate: nothing may
        // leave before the venue has been asked, neither an order nor a cancel
        ExecutionClient nowhere = new ExecutionClient() {
            @Override
            public void submit(Order order) {
                throw new AssertionError("round " + round + ": " + order.clientOrderId + " sent before reconciling");
            }

            @Override
            public void cancel(String clientOrderId) {
                throw new AssertionError("round " + round + ": cancel of " + clientOrderId + " sent before "
                        + "reconciling");
            }
        };
        return ReplayRunner.recover(copy, EngineJournal.NONE, nowhere, true).engine().stateDigest();
    }

    private static Set<String> duplicateOrderIds(Path venueDir) {
        Set<String> seen = new HashSet<>();
        Set<String> dups = new HashSet<>();
        JournalRecovery.scan(venueDir, r -> {
            if (r.type().equals("submit")) {
                String id = r.data().substring(7, r.data().indexOf('"', 7));
                if (!seen.add(id)) {
                    dups.add(id);
                }
            }
        }, false);
        return dups;
    }

    private static String drain(BufferedReader r) throws IOException {
        StringBuilder sb = new StringBuilder();
        String l;
        while ((l = r.readLine()) != null && sb.length() < 4000) {
            sb.append('\n').append(l);
        }
        return sb.toString();
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
