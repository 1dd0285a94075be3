package dev.hft.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path tmp;

    /** Deterministic payload of a record, so a reader can check every byte came back. */
    static String payload(long seq) {
        return Long.toHexString(seq * 0x9E3779B97F4A7C15L) + "-" + seq;
    }

    private static String data(int i) {
        return "{\"i\":" + i + ",\"px\":\"4228" + (i % 10) + ".58\",\"reason\":\"ENTRY_LIQ_LONG\"}";
    }

    /** Writes n records (every third a command) and returns their JSON lines as appended. */
    private List<String> write(Path dir, int n, JournalConfig cfg) {
        List<String> out = new ArrayList<>();
        try (JournalWriter w = JournalWriter.create(dir, "run-1", cfg, JournalWriter.FILES)) {
            for (int i = 1; i <= n; i++) {
                long seq = w.append(i % 3 == 0 ? "submit" : "bar", 1_704_067_200_000L + i, data(i), i % 3 == 0);
                assertThat(seq).isEqualTo(i);
                out.add("{\"seq\":" + i + ",\"run\":\"run-1\",\"type\":\"" + (i % 3 == 0 ? "submit" : "bar")
                        + "\",\"ts\":" + (1_704_067_200_000L + i) + ",\"data\":" + data(i) + "}");
            }
        }
        return out;
    }

    private static List<String> recovered(Path dir, boolean repair, JournalRecovery.Result[] result) {
        List<String> got = new ArrayList<>();
        result[0] = JournalRecovery.scan(dir, r -> got.add(r.json()), repair);
        return got;
    }

    @Test
    void shouldReadBackEveryRecordAcrossSegmentsInOrder() throws IOException {
        Path dir = tmp.resolve("j");
        List<String> written = write(dir, 500, new JournalConfig(FsyncPolicy.NONE, 100, 4096));
        assertThat(JournalRecovery.segments(dir)).hasSizeGreaterThan(5);
        JournalRecovery.Result[] r = new JournalRecovery.Result[1];
        assertThat(recovered(dir, true, r)).isEqualTo(written);
        assertThat(r[0].status()).isEqualTo(JournalRecovery.Status.CLEAN);
        assertThat(r[0].lastSeq()).isEqualTo(500);
        assertThat(r[0].runId()).isEqualTo("run-1");
        // every line is the CRC of its JSON, a space, the JSON: readable with cut and jq
        String first = Files.readAllLines(JournalRecovery.segments(dir).get(0)).get(0);
        assertThat(first).isEqualTo(new String(JournalFormat.line(written.get(0))).strip());
        List<JournalRecord> records = new ArrayList<>();
        JournalRecovery.scan(dir, records::add, false);
        assertThat(records.get(2).type()).isEqualTo("submit");
        assertThat(records.get(2).data()).isEqualTo(data(3));
        assertThat(records.get(0).ts()).isEqualTo(1_704_067_200_001L);
    }

    @Test
    void resumeShouldContinueTheSameRunAfterTheLastRecord() {
        Path dir = tmp.resolve("j");
        write(dir, 10, JournalConfig.of(FsyncPolicy.PER_ORDER));
        JournalRecovery.Result r = JournalRecovery.scan(dir, x -> { }, true);
        try (JournalWriter w = JournalWriter.resume(dir, r, JournalConfig.of(FsyncPolicy.PER_ORDER),
                JournalWriter.FILES)) {
            assertThat(w.append("bar", 1, "{}", false)).isEqualTo(11);
            assertThat(w.runId()).isEqualTo("run-1");
        }
        assertThat(JournalRecovery.scan(dir, x -> { }, false).lastSeq()).isEqualTo(11);
        assertThatThrownBy(() -> JournalWriter.create(dir, "run-2", JournalConfig.of(FsyncPolicy.NONE),
                JournalWriter.FILES)).hasMessageContaining("already holds a journal");
    }

    @Test
    void truncationAtEveryByteOffsetOfTheLastRecordsShouldKeepExactlyTheCompleteOnes() throws IOException {
        Path dir = tmp.resolve("j");
        List<String> written = write(dir, 12, JournalConfig.of(FsyncPolicy.NONE));
        Path seg = JournalRecovery.segments(dir).get(0);
        byte[] full = Files.readAllBytes(seg);
        int lastFour = 0;
        for (int i = 8; i < 12; i++) {
            lastFour += JournalFormat.line(written.get(i)).length;
        }
        for (int cut = full.length - lastFour; cut <= full.length; cut++) {
            Files.write(seg, java.util.Arrays.copyOf(full, cut));
            JournalRecovery.Result[] r = new JournalRecovery.Result[1];
            List<String> got = recovered(dir, true, r);
            int complete = 0;
            int end = 0;
            while (complete < written.size() && end + JournalFormat.line(written.get(complete)).length <= cut) {
                end += JournalFormat.line(written.get(complete)).length;
                complete++;
            }
            assertThat(got).as("cut at " + cut).isEqualTo(written.subList(0, complete));
            assertThat(r[0].usable()).isTrue();
            assertThat(r[0].status()).isEqualTo(cut == end ? JournalRecovery.Status.CLEAN
                    : JournalRecovery.Status.TORN_TAIL_TRUNCATED);
            assertThat(Files.size(seg)).as("torn bytes truncated").isEqualTo(end);
            // and the journal goes on from there
            try (JournalWriter w = JournalWriter.resume(dir, r[0], JournalConfig.of(FsyncPolicy.NONE),
                    JournalWriter.FILES)) {
                assertThat(w.append("bar", 1, "{}", false)).isEqualTo(complete + 1);
            }
            assertThat(JournalRecovery.scan(dir, x -> { }, false).status()).isEqualTo(JournalRecovery.Status.CLEAN);
        }
    }

    @Test
    void aFlippedNewlineJoiningTheLastTwoRecordsShouldBeCorruptionNotATornTail() throws IOException {
        Path dir = tmp.resolve("nl");
        List<String> written = write(dir, 30, JournalConfig.of(FsyncPolicy.NONE));
        Path seg = JournalRecovery.segments(dir).get(0);
        byte[] bytes = Files.readAllBytes(seg);
        int lastLine = JournalFormat.line(written.get(29)).length;
        int newline = bytes.length - lastLine - 1; // the end of record 29
        assertThat(bytes[newline]).isEqualTo((byte) '\n');
        bytes[newline] ^= 0x20;
        Files.write(seg, bytes);
        JournalRecovery.Result r = JournalRecovery.scan(dir, x -> { }, true);
        assertThat(r.status()).as("record 30 is intact behind the damage").isEqualTo(JournalRecovery.Status.CORRUPT);
        assertThat(Files.readAllBytes(seg)).isEqualTo(bytes);
    }

    @Property(tries = 1000)
    void aBitFlipShouldBeCorruptionInTheMiddleAndATornTailAtTheEnd(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE)
                                                                   long seed) throws IOException {
        Path dir = Files.createTempDirectory("flip");
        try {
            List<String> written = write(dir, 30, JournalConfig.of(FsyncPolicy.NONE));
            Path seg = JournalRecovery.segments(dir).get(0);
            byte[] bytes = Files.readAllBytes(seg);
            int lastLine = JournalFormat.line(written.get(29)).length;
            SplittableRandom rnd = new SplittableRandom(seed);
            int at = rnd.nextInt(bytes.length);
            bytes[at] ^= (byte) (1 << rnd.nextInt(8));
            Files.write(seg, bytes);
            JournalRecovery.Result[] r = new JournalRecovery.Result[1];
            List<String> got = recovered(dir, true, r);
            if (at < bytes.length - 1) {
                // anywhere in a complete line, the last one included (a flip in the final forced order record
                // read as a tear would send that order again)
                assertThat(r[0].status()).as("flip at " + at).isEqualTo(JournalRecovery.Status.CORRUPT);
                assertThat(r[0].usable()).isFalse();
                assertThat(r[0].message()).contains(seg.getFileName().toString(), "at byte ", "(seq ");
                assertThat(Files.readAllBytes(seg)).as("evidence kept untouched").isEqualTo(bytes);
            } else {
                // the last line's end of line is gone: an incomplete last line, which is what a crash leaves
                assertThat(r[0].status()).isEqualTo(JournalRecovery.Status.TORN_TAIL_TRUNCATED);
                assertThat(got).isEqualTo(written.subList(0, 29));
                Path side = dir.resolve(JournalRecovery.TORN_DIR).resolve(seg.getFileName() + ".at-"
                        + (bytes.length - lastLine) + ".torn");
                assertThat(Files.readAllBytes(side)).as("the cut bytes are kept").isEqualTo(
                        java.util.Arrays.copyOfRange(bytes, bytes.length - lastLine, bytes.length));
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Property(tries = 200)
    void afterAPowerLossEveryForcedRecordSurvivesAndTheLogIsAPrefix(
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed, @ForAll @IntRange(min = 1, max = 30) int k)
            throws IOException {
        Path dir = Files.createTempDirectory("power");
        try {
            SplittableRandom rnd = new SplittableRandom(seed);
            JournalConfig cfg = new JournalConfig(FsyncPolicy.PER_ORDER, 100, 2048);
            List<String> appended = new ArrayList<>();
            long durable;
            JournalWriter w = JournalWriter.create(dir, "r", cfg, f -> new FaultyChannel(JournalWriter.FILES.open(f), k,
                    rnd));
            try {
                for (int i = 1; i <= 200; i++) {
                    boolean command = rnd.nextInt(4) == 0;
                    appended.add("{\"seq\":" + i + ",\"run\":\"r\",\"type\":\"t\",\"ts\":" + i + ",\"data\":"
                            + data(i) + "}");
                    w.append("t", i, data(i), command);
                }
            } catch (JournalException e) {
                assertThat(e.getMessage()).contains("simulated power loss");
                assertThat(w.failed()).isTrue();
                assertThatThrownBy(() -> w.append("t", 0, "{}", true)).hasMessageContaining("failed earlier");
            }
            durable = w.lastDurableSeq();
            JournalRecovery.Result[] r = new JournalRecovery.Result[1];
            List<String> got = recovered(dir, true, r);
            assertThat(r[0].usable()).as(r[0].message()).isTrue();
            assertThat((long) got.size()).as("every forced record survives").isGreaterThanOrEqualTo(durable);
            assertThat(got).as("a prefix of what was written").isEqualTo(appended.subList(0, got.size()));
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void lineEndsConvertedToCrLfAreRefusedWithTheirLocationAndNothingIsCut() throws IOException {
        Path dir = tmp.resolve("crlf");
        write(dir, 40, JournalConfig.of(FsyncPolicy.NONE));
        Path seg = JournalRecovery.segments(dir).get(0);
        byte[] crlf = new String(Files.readAllBytes(seg), java.nio.charset.StandardCharsets.US_ASCII)
                .replace("\n", "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Files.write(seg, crlf);
        JournalRecovery.Result r = JournalRecovery.scan(dir, x -> { }, true);
        assertThat(r.status()).isEqualTo(JournalRecovery.Status.CORRUPT);
        assertThat(r.message()).contains(seg.getFileName().toString(), "at byte 0", "(seq 1)", "CR LF");
        assertThat(Files.readAllBytes(seg)).as("not truncated to nothing: every byte kept").isEqualTo(crlf);
    }

    @Test
    void anIncompleteTailLongerThanOneWriteIsCorruptionNotATear() throws IOException {
        Path dir = tmp.resolve("long-tail");
        write(dir, 3, JournalConfig.of(FsyncPolicy.NONE));
        Path seg = JournalRecovery.segments(dir).get(0);
        byte[] clean = Files.readAllBytes(seg);
        byte[] tail = new byte[JournalWriter.BUFFER_BYTES + 1];
        java.util.Arrays.fill(tail, (byte) 'x');
        Files.write(seg, tail, java.nio.file.StandardOpenOption.APPEND);
        JournalRecovery.Result r = JournalRecovery.scan(dir, x -> { }, true);
        assertThat(r.status()).isEqualTo(JournalRecovery.Status.CORRUPT);
        assertThat(r.message()).contains("at byte " + clean.length, "(seq 4)", "more than one write");
        assertThat(Files.size(seg)).isEqualTo(clean.length + tail.length);
    }

    @Test
    void aSecondTearAtTheSamePlaceKeepsTheFirstTearsBytes() throws IOException {
        Path dir = tmp.resolve("twice");
        write(dir, 3, JournalConfig.of(FsyncPolicy.NONE));
        Path seg = JournalRecovery.segments(dir).get(0);
        long end = Files.size(seg);
        for (String tail : new String[] {"first tear", "second tear"}) {
            Files.write(seg, tail.getBytes(java.nio.charset.StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
            assertThat(JournalRecovery.scan(dir, x -> { }, true).status())
                    .isEqualTo(JournalRecovery.Status.TORN_TAIL_TRUNCATED);
        }
        Path torn = dir.resolve(JournalRecovery.TORN_DIR);
        assertThat(Files.readString(torn.resolve(seg.getFileName() + ".at-" + end + ".torn"))).isEqualTo("first tear");
        assertThat(Files.readString(torn.resolve(seg.getFileName() + ".at-" + end + ".2.torn")))
                .isEqualTo("second tear");
    }

    @Test
    void anEmptySegmentLeftByACrashDoesNotBlockANewJournal() throws IOException {
        Path dir = tmp.resolve("empty");
        JournalWriter.create(dir, "r", JournalConfig.of(FsyncPolicy.PER_ORDER), JournalWriter.FILES); // killed here
        assertThat(JournalRecovery.segments(dir)).singleElement().satisfies(p -> assertThat(Files.size(p)).isZero());
        assertThat(JournalRecovery.scan(dir, x -> { }, true).status()).isEqualTo(JournalRecovery.Status.EMPTY);
        try (JournalWriter w = JournalWriter.create(dir, "r2", JournalConfig.of(FsyncPolicy.PER_ORDER),
                JournalWriter.FILES)) {
            w.append("start", 1, "{}", true);
        }
        List<JournalRecord> got = new ArrayList<>();
        JournalRecovery.scan(dir, got::add, false);
        assertThat(got).singleElement().satisfies(x -> assertThat(x.run()).isEqualTo("r2"));
    }

    @Test
    void aValidRecordOfAnotherRunOrOutOfSequenceShouldBeCorruption() throws IOException {
        Path dir = tmp.resolve("j");
        write(dir, 5, JournalConfig.of(FsyncPolicy.NONE));
        Path seg = JournalRecovery.segments(dir).get(0);
        byte[] clean = Files.readAllBytes(seg);
        Files.write(seg, JournalFormat.line("{\"seq\":6,\"run\":\"other\",\"type\":\"bar\",\"ts\":1,\"data\":{}}"),
                StandardOpenOption.APPEND);
        JournalRecovery.Result r = JournalRecovery.scan(dir, x -> { }, true);
        assertThat(r.status()).isEqualTo(JournalRecovery.Status.CORRUPT);
        assertThat(r.message()).contains("run 'other'", "(seq 6)");
        Files.write(seg, clean);
        Files.write(seg, JournalFormat.line("{\"seq\":3,\"run\":\"run-1\",\"type\":\"bar\",\"ts\":1,\"data\":{}}"),
                StandardOpenOption.APPEND);
        r = JournalRecovery.scan(dir, x -> { }, true);
        assertThat(r.status()).isEqualTo(JournalRecovery.Status.CORRUPT);
        assertThat(r.message()).contains("seq 3 where 6 was expected");
        assertThatThrownBy(() -> JournalWriter.resume(dir, JournalRecovery.scan(dir, x -> { }, true),
                JournalConfig.of(FsyncPolicy.NONE), JournalWriter.FILES)).hasMessageContaining("refusing to write");
        JournalRecovery.Result wrongRun = JournalRecovery.scan(dir, "someone-else", x -> { }, false);
        assertThat(wrongRun.status()).isEqualTo(JournalRecovery.Status.CORRUPT);
        assertThat(JournalRecovery.scan(tmp.resolve("none"), x -> { }, true).status())
                .isEqualTo(JournalRecovery.Status.EMPTY);
    }

    @Test
    void aFailedWriteShouldFailForGoodAndNeverPretend() {
        Path dir = tmp.resolve("j");
        JournalWriter w = JournalWriter.create(dir, "r", JournalConfig.of(FsyncPolicy.PER_ORDER), f -> {
            FileChannel real = JournalWriter.FILES.open(f);
            return new FaultyChannel(real, Integer.MAX_VALUE, new SplittableRandom(1)) {
                @Override
                public int write(ByteBuffer src) throws IOException {
                    throw new IOException("No space left on device");
                }
            };
        });
        w.append("bar", 1, "{}", false); // buffered, not yet written
        assertThatThrownBy(() -> w.append("submit", 2, "{}", true)).isInstanceOf(JournalException.class)
                .hasMessageContaining("No space left on device");
        assertThat(w.failed()).isTrue();
        assertThat(w.lastDurableSeq()).isZero();
        assertThatThrownBy(() -> w.append("bar", 3, "{}", false)).hasMessageContaining("failed earlier");
        w.close();
    }

    @Test
    void policiesShouldForceWhenTheySay() {
        try (JournalWriter w = JournalWriter.create(tmp.resolve("a"), "r", JournalConfig.of(FsyncPolicy.PER_ORDER),
                JournalWriter.FILES)) {
            w.append("bar", 1, "{}", false);
            assertThat(w.lastDurableSeq()).isZero();
            w.append("submit", 2, "{}", true);
            assertThat(w.lastDurableSeq()).as("a command is durable before append returns").isEqualTo(2);
        }
        try (JournalWriter w = JournalWriter.create(tmp.resolve("b"), "r", JournalConfig.of(FsyncPolicy.NONE),
                JournalWriter.FILES)) {
            w.append("submit", 1, "{}", true);
            assertThat(w.lastDurableSeq()).isZero();
            assertThat(w.config().describe()).isEqualTo("journal fsync=none, segments of 64 MiB");
        }
        try (JournalWriter w = JournalWriter.create(tmp.resolve("c"), "r",
                new JournalConfig(FsyncPolicy.INTERVAL, 60_000, 1 << 20), JournalWriter.FILES)) {
            w.append("bar", 1, "{}", false); // the first append finds the interval elapsed since start
            assertThat(w.lastDurableSeq()).isEqualTo(1);
            w.append("bar", 2, "{}", false);
            assertThat(w.lastDurableSeq()).as("within the interval").isEqualTo(1);
            assertThat(w.config().describe()).contains("interval every 60000 ms");
        }
        assertThatThrownBy(() -> new JournalConfig(FsyncPolicy.NONE, 0, 1 << 20)).hasMessageContaining("intervalMs");
        assertThatThrownBy(() -> JournalWriter.create(tmp.resolve("d"), "bad\"id", JournalConfig.of(FsyncPolicy.NONE),
                JournalWriter.FILES)).hasMessageContaining("run id");
        assertThat(JournalFormat.firstSeqOf("journal-1.jsonl")).isEqualTo(-1);
        assertThat(JournalFormat.segmentName(7)).isEqualTo("journal-00000000000000000007.jsonl");
    }
}
