package dev.hft.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTest {
    @TempDir
    Path dir;

    private static byte[] payload(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void shouldReturnTheNewestValidSnapshotNotBeyondTheJournal() throws IOException {
        SnapshotStore.write(dir, 100, "r", payload("at 100"));
        SnapshotStore.write(dir, 200, "r", payload("at 200"));
        Path newest = SnapshotStore.write(dir, 300, "r", payload("at 300"));
        assertThat(newest.getFileName().toString()).isEqualTo("snapshot-00000000000000000300.bin");
        assertThat(new String(SnapshotStore.latest(dir, "r", 1000, null).payload(), StandardCharsets.US_ASCII))
                .isEqualTo("at 300");
        List<String> skipped = new ArrayList<>();
        SnapshotStore.Snapshot s = SnapshotStore.latest(dir, "r", 250, skipped);
        assertThat(s.seq()).as("the journal ends at 250: a snapshot at 300 cannot be trusted").isEqualTo(200);
        assertThat(skipped).singleElement().asString().contains("beyond the journal's last record 250");
        assertThat(SnapshotStore.latest(dir, "other-run", 1000, skipped)).isNull();
        assertThat(SnapshotStore.latest(dir.resolve("missing"), "r", 1000, null)).isNull();
    }

    @Test
    void aDamagedOrHalfWrittenSnapshotShouldBePassedOverAndKept() throws IOException {
        SnapshotStore.write(dir, 100, "r", payload("good"));
        Path bad = SnapshotStore.write(dir, 200, "r", payload("will be damaged"));
        byte[] b = Files.readAllBytes(bad);
        b[b.length / 2] ^= 0x10;
        Files.write(bad, b);
        Files.write(dir.resolve("snapshot-00000000000000000300.bin"), new byte[] {1, 2, 3}); // truncated
        Files.write(dir.resolve("snapshot-00000000000000000400.bin.tmp"), payload("a crash mid-write"));
        List<String> skipped = new ArrayList<>();
        SnapshotStore.Snapshot s = SnapshotStore.latest(dir, "r", 1000, skipped);
        assertThat(s.seq()).isEqualTo(100);
        assertThat(skipped).hasSize(2).allMatch(x -> x.contains("short or failed its checksum"));
        assertThat(Files.readAllBytes(bad)).as("evidence kept").isEqualTo(b);
    }

    @Test
    void aSnapshotTheCallerCannotReadShouldBePassedOverWithItsReason() throws IOException {
        SnapshotStore.write(dir, 100, "r", payload("v3 state"));
        SnapshotStore.write(dir, 200, "r", payload("v2 state"));
        List<String> skipped = new ArrayList<>();
        SnapshotStore.Snapshot s = SnapshotStore.latest(dir, "r", 1000, skipped,
                p -> new String(p, StandardCharsets.US_ASCII).startsWith("v3") ? null : "another layout");
        assertThat(s.seq()).isEqualTo(100);
        assertThat(skipped).singleElement().asString().contains("00200.bin: another layout");
    }
}
