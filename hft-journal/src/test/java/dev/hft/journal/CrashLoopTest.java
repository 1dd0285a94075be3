package dev.hft.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * T1-WAL, journal level: a child JVM appends with per-order fsync and is killed with SIGKILL at random moments,
 * many times. After each kill: recovery is usable (a torn tail at most), every record the child acknowledged
 * survived, the records are exactly the contiguous sequence the child wrote (a prefix of its writes), and the
 * next child resumes the same run right after the last complete record. The number of kills is small in the
 * default build ({@code -Dhft.crash.kills}, default 5) and large with {@code mvn verify -Pcrash-soak}.
 */
class CrashLoopTest {
    @TempDir
    Path tmp;

    @Test
    void killNineAtRandomMomentsShouldLoseNoAcknowledgedRecord() throws Exception {
        int kills = Integer.getInteger("hft.crash.kills", 5);
        SplittableRandom rnd = new SplittableRandom(Long.getLong("hft.crash.seed", 20261124L));
        Path dir = tmp.resolve("journal");
        long lastAckEver = 0;
        long expectedStart = 1;
        for (int k = 0; k < kills; k++) {
            Process p = new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"),
                    CrashChild.class.getName(), dir.toString()).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.US_ASCII));
            String first = out.readLine();
            assertThat(first).as("child " + k + " starts where the journal ends").isEqualTo("start " + expectedStart);
            // let it run for a random number of acknowledged commands, then kill it without warning
            int acksBeforeKill = 1 + rnd.nextInt(200);
            long lastAck = 0;
            String line;
            while (acksBeforeKill-- > 0 && (line = out.readLine()) != null) {
                assertThat(line).startsWith("ack ");
                lastAck = Long.parseLong(line.substring(4));
            }
            p.destroyForcibly(); // SIGKILL
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            lastAckEver = Math.max(lastAckEver, lastAck);

            List<JournalRecord> records = new ArrayList<>();
            JournalRecovery.Result r = JournalRecovery.scan(dir, records::add, true);
            assertThat(r.usable()).as(r.message()).isTrue();
            assertThat(r.lastSeq()).as("kill " + k + ": acknowledged seq " + lastAck + " survives")
                    .isGreaterThanOrEqualTo(lastAckEver);
            for (int i = 0; i < records.size(); i++) {
                JournalRecord rec = records.get(i);
                assertThat(rec.seq()).isEqualTo(i + 1);
                assertThat(rec.run()).isEqualTo("crash-run");
                assertThat(rec.data()).isEqualTo("{\"v\":\"" + JournalTest.payload(rec.seq()) + "\"}");
            }
            expectedStart = r.lastSeq() + 1;
        }
        assertThat(lastAckEver).as("the children made progress").isGreaterThan(kills);
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
