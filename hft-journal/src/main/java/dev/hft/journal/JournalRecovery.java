package dev.hft.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The start-up scan of a journal directory. Every record is checked: the line is complete, its CRC32C matches,
 * its header parses, its seq is the next one (contiguous from 1), and its run id is the journal's.
 *
 * <ul>
 *   <li>An <b>incomplete</b> last line (no end of line) of at most {@link JournalWriter#BUFFER_BYTES} with no valid
 *       record after it (in its segment or any later one) is a <b>torn tail</b>: the write that was in progress at
 *       a crash, which is at most one write of the writer's buffer. With {@code repair}, the cut bytes are first
 *       copied to a side file in {@code torn/} (named after the segment and offset, so nothing is destroyed), then
 *       the segment is truncated at that record and any later (invalid) segments are moved there too; the valid
 *       records are all kept.</li>
 *   <li>Anything else that is not a valid record is <b>corruption</b>: nothing is changed on disk (the files are
 *       kept as evidence), the result is not usable, and the message says which file, byte offset and seq. That
 *       includes a <em>complete</em> line (end of line present) whose checksum fails, even the last one (a crash
 *       does not write a whole line wrongly: a flipped bit in the final record must not be mistaken for a tear and
 *       the record's order sent again), a longer incomplete tail, line ends rewritten (CRLF), a valid record from
 *       another run, and a seq that does not follow.</li>
 *   <li>A segment of 0 bytes (created just before a crash) holds no record and is no tear.</li>
 * </ul>
 */
public final class JournalRecovery {
    private JournalRecovery() {
    }

    /** What the scan found. */
    public enum Status { EMPTY, CLEAN, TORN_TAIL_TRUNCATED, TORN_TAIL, CORRUPT }

    /**
     * @param status           outcome
     * @param runId            run id of the journal (null when empty)
     * @param lastSeq          seq of the last valid record (0 when empty)
     * @param records          valid records delivered
     * @param lastSegment      file name of the segment holding the last valid record (null when empty)
     * @param lastSegmentBytes length of that segment up to and including its last valid record
     * @param truncatedBytes   bytes removed as a torn tail (or that would be, without repair)
     * @param message          human-readable account, naming file, offset and seq for a bad record
     */
    public record Result(Status status, String runId, long lastSeq, long records, String lastSegment,
                         long lastSegmentBytes, long truncatedBytes, String message) {
        /** True when trading may start from this journal. */
        public boolean usable() {
            return status != Status.CORRUPT;
        }
    }

    /** Scans without a run-id expectation. */
    public static Result scan(Path dir, Consumer<JournalRecord> sink, boolean repair) {
        return scan(dir, null, sink, repair);
    }

    /**
     * Scans {@code dir}, handing every valid record to {@code sink} in order.
     *
     * @param expectedRun the run id the journal must have, or null to take it from the first record
     * @param repair      truncate a torn tail (else only report it)
     */
    public static Result scan(Path dir, String expectedRun, Consumer<JournalRecord> sink, boolean repair) {
        List<Path> segments = segments(dir);
        if (segments.isEmpty()) {
            return new Result(Status.EMPTY, null, 0, 0, null, 0, 0, "no journal in " + dir);
        }
        String run = expectedRun;
        long expected = 1;
        long count = 0;
        String lastSegment = null;
        long lastSegmentBytes = 0;
        for (int s = 0; s < segments.size(); s++) {
            Path seg = segments.get(s);
            String name = seg.getFileName().toString();
            byte[] bytes = read(seg);
            int pos = 0;
            if (JournalFormat.firstSeqOf(name) != expected) {
                if (anyValidRecord(bytes, 0) || anyValidLater(segments, s + 1)) {
                    return corrupt(name, 0, expected, "segment name says seq " + JournalFormat.firstSeqOf(name)
                            + " but the next record must be seq " + expected, count, run);
                }
                return tornTail(segments, s, bytes, 0, expected, "segment name out of sequence", repair, run,
                        count, lastSegment, lastSegmentBytes);
            }
            while (pos < bytes.length) {
                int nl = indexOf(bytes, (byte) '\n', pos);
                String problem;
                Header h = null;
                if (nl < 0) {
                    problem = "incomplete record (no end of line)";
                } else {
                    h = parse(bytes, pos, nl);
                    if (h == null) {
                        problem = "bad checksum or malformed record";
                    } else if (h.seq != expected) {
                        problem = "seq " + h.seq + " where " + expected + " was expected";
                    } else if (run != null && !run.equals(h.run)) {
                        problem = "record of run '" + h.run + "' in the journal of run '" + run + "'";
                    } else {
                        problem = null;
                    }
                }
                if (problem != null) {
                    if (nl >= 0) { // a complete line: no crash wrote it, something changed it
                        return corrupt(name, pos, expected, problem + " in a complete line" + (nl > pos
                                && bytes[nl - 1] == '\r' ? " (it ends in CR LF: was the file converted to Windows "
                                + "line ends?)" : ""), count, run);
                    }
                    if (bytes.length - pos > JournalWriter.BUFFER_BYTES) {
                        return corrupt(name, pos, expected, problem + " over " + (bytes.length - pos)
                                + " bytes, more than one write of the journal writer can leave", count, run);
                    }
                    if (anyValidLater(segments, s + 1)) {
                        return corrupt(name, pos, expected, problem, count, run);
                    }
                    return tornTail(segments, s, bytes, pos, expected, problem, repair, run, count, lastSegment,
                            lastSegmentBytes);
                }
                if (run == null) {
                    run = h.run;
                }
                String json = new String(bytes, pos + 9, nl - pos - 9, StandardCharsets.US_ASCII);
                sink.accept(new JournalRecord(h.seq, h.run, h.type, h.ts, json, name, pos));
                count++;
                expected++;
                pos = nl + 1;
                lastSegment = name;
                lastSegmentBytes = pos;
            }
        }
        return new Result(count == 0 ? Status.EMPTY : Status.CLEAN, run, expected - 1, count, lastSegment,
                lastSegmentBytes, 0, count + " records, last seq " + (expected - 1));
    }

    private static Result corrupt(String file, long offset, long seq, String problem, long count, String run) {
        return new Result(Status.CORRUPT, run, seq - 1, count, null, 0, 0,
                "journal corrupt: " + file + " at byte " + offset + " (seq " + seq + "): " + problem
                        + "; not a torn write (a crash leaves at most one incomplete last line). Files left "
                        + "untouched; refusing to start trading.");
    }

    /** {@code bytes}: the torn segment's content as the scan read it (not read again). */
    private static Result tornTail(List<Path> segments, int s, byte[] bytes, int offset, long seq, String problem,
                                   boolean repair, String run, long count, String lastSegment, long lastSegmentBytes) {
        Path seg = segments.get(s);
        long removed = 0;
        try {
            removed += bytes.length - offset;
            for (int k = s + 1; k < segments.size(); k++) {
                removed += Files.size(segments.get(k));
            }
            if (repair) {
                Path torn = seg.resolveSibling(TORN_DIR);
                Files.createDirectories(torn);
                if (offset == 0 && s > 0) {
                    keep(seg, sideFile(torn, seg, 0));
                } else if (bytes.length > offset) {
                    try (FileChannel c = FileChannel.open(sideFile(torn, seg, offset), StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE)) {
                        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes, offset, bytes.length - offset);
                        while (b.hasRemaining()) {
                            c.write(b);
                        }
                        c.force(true);
                    }
                    try (FileChannel c = FileChannel.open(seg, StandardOpenOption.WRITE)) {
                        c.truncate(offset);
                        c.force(true);
                    }
                }
                for (int k = s + 1; k < segments.size(); k++) {
                    keep(segments.get(k), sideFile(torn, segments.get(k), 0));
                }
            }
        } catch (IOException e) {
            throw new JournalException("cannot repair torn tail of " + seg + ": " + e.getMessage(), e);
        }
        String file = seg.getFileName().toString();
        // the journal now ends in this segment, unless the tear is at the very start of a later segment
        // (removed), in which case it ends where the previous segment's last record ends
        boolean endsHere = offset > 0 || s == 0;
        String endSegment = endsHere ? file : lastSegment;
        long endBytes = endsHere ? offset : lastSegmentBytes;
        return new Result(repair ? Status.TORN_TAIL_TRUNCATED : Status.TORN_TAIL, run, seq - 1, count, endSegment,
                endBytes, removed, "torn tail at " + file + " byte " + offset + " (seq " + seq + "): "
                + problem + "; " + (repair ? "cut " + removed + " bytes, kept in " + TORN_DIR + "/"
                : "would cut " + removed + " bytes") + ", " + count + " complete records kept");
    }

    /** Where a repair keeps the bytes it cuts, beside the segments. */
    public static final String TORN_DIR = "torn";

    /**
     * A side file for the bytes of {@code seg} cut at {@code offset}, named after both; never an existing one (a
     * later crash can tear at the same place again, and the earlier evidence stays).
     */
    private static Path sideFile(Path torn, Path seg, long offset) {
        String name = seg.getFileName() + ".at-" + offset;
        Path p = torn.resolve(name + ".torn");
        for (int n = 2; Files.exists(p); n++) {
            p = torn.resolve(name + "." + n + ".torn");
        }
        return p;
    }

    /** Moves a cut segment aside (never deleted: it is evidence). */
    private static void keep(Path from, Path to) throws IOException {
        Files.move(from, to);
    }

    private static boolean anyValidLater(List<Path> segments, int from) {
        for (int k = from; k < segments.size(); k++) {
            if (anyValidRecord(read(segments.get(k)), 0)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when a complete, valid record starts anywhere at or after {@code from}: not only at line starts, since
     * a damaged newline joins two lines and hides the second record inside the first.
     */
    private static boolean anyValidRecord(byte[] bytes, int from) {
        for (int p = Math.max(0, from); p + 10 < bytes.length; p++) {
            if (bytes[p + 8] != ' ' || bytes[p + 9] != '{' || Character.digit(bytes[p], 16) < 0) {
                continue;
            }
            int nl = indexOf(bytes, (byte) '\n', p);
            if (nl < 0) {
                return false;
            }
            if (parse(bytes, p, nl) != null) {
                return true;
            }
        }
        return false;
    }

    private record Header(long seq, String run, String type, long ts) {
    }

    /** Parses and checks one line {@code [from, nl)}; null when it is not a valid record. */
    private static Header parse(byte[] b, int from, int nl) {
        int jsonStart = from + 9;
        if (nl - from < 12 || b[from + 8] != ' ') {
            return null;
        }
        int want = 0;
        for (int k = 0; k < 8; k++) {
            int d = Character.digit(b[from + k], 16);
            if (d < 0 || (b[from + k] >= 'A' && b[from + k] <= 'F')) {
                return null;
            }
            want = (want << 4) | d;
        }
        if (JournalFormat.crc(b, jsonStart, nl) != want) {
            return null;
        }
        int[] p = {jsonStart};
        if (!expect(b, p, "{\"seq\":")) {
            return null;
        }
        long seq = number(b, p);
        if (seq < 0 || !expect(b, p, ",\"run\":\"")) {
            return null;
        }
        String run = string(b, p, nl);
        if (run == null || !expect(b, p, ",\"type\":\"")) {
            return null;
        }
        String type = string(b, p, nl);
        if (type == null || !expect(b, p, ",\"ts\":")) {
            return null;
        }
        long ts = number(b, p);
        if (ts < 0 || !expect(b, p, ",\"data\":") || b[nl - 1] != '}') {
            return null;
        }
        return new Header(seq, run, type, ts);
    }

    private static boolean expect(byte[] b, int[] p, String s) {
        if (p[0] + s.length() > b.length) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            if (b[p[0] + k] != s.charAt(k)) {
                return false;
            }
        }
        p[0] += s.length();
        return true;
    }

    private static long number(byte[] b, int[] p) {
        long v = 0;
        int start = p[0];
        while (p[0] < b.length && b[p[0]] >= '0' && b[p[0]] <= '9' && p[0] - start < 19) {
            v = v * 10 + (b[p[0]++] - '0');
        }
        return p[0] == start ? -1 : v;
    }

    private static String string(byte[] b, int[] p, int limit) {
        int start = p[0];
        while (p[0] < limit && b[p[0]] != '"') {
            p[0]++;
        }
        if (p[0] >= limit) {
            return null;
        }
        String s = new String(b, start, p[0] - start, StandardCharsets.US_ASCII);
        p[0]++;
        return s;
    }

    private static int indexOf(byte[] b, byte v, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new JournalException("cannot read journal segment " + p + ": " + e.getMessage(), e);
        }
    }

    /** Segment files of a journal directory in seq order (empty when the directory does not exist). */
    public static List<Path> segments(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> out = new ArrayList<>(s.filter(p -> JournalFormat.firstSeqOf(p.getFileName().toString()) >= 0)
                    .toList());
            out.sort((a, b) -> Long.compare(JournalFormat.firstSeqOf(a.getFileName().toString()),
                    JournalFormat.firstSeqOf(b.getFileName().toString())));
            return out;
        } catch (IOException e) {
            throw new JournalException("cannot list journal " + dir + ": " + e.getMessage(), e);
        }
    }
}
