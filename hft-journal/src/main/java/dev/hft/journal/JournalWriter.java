package dev.hft.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Appends records to a journal directory (format in {@link JournalFormat}). Single writer, single thread.
 *
 * <p>Records are encoded into a reusable buffer (no allocation per record) and written to the segment's
 * channel when the buffer fills, on a forced sync, or on close. The {@link FsyncPolicy} decides when the bytes
 * are forced to disk: {@code PER_ORDER} forces after every command record, so an order is durable before it
 * leaves. A write or force that fails marks the writer failed for good: the exception says so, and every later
 * append fails at once. Bytes that did not reach the disk are never written again as if they had.
 */
public final class JournalWriter implements AutoCloseable {
    private java.util.function.LongConsumer fsyncObserver;
    /** Opens a segment file for appending (tests substitute a faulty channel). */
    public interface ChannelOpener {
        FileChannel open(Path file) throws IOException;
    }

    public static final ChannelOpener FILES = f -> FileChannel.open(f, StandardOpenOption.CREATE,
            StandardOpenOption.WRITE);

    /**
     * The writer's buffer, and the largest record it writes. A record reaches the file in one channel write of at
     * most this many bytes, so a crash can tear at most this much: {@link JournalRecovery} calls a longer
     * incomplete tail corruption.
     */
    public static final int BUFFER_BYTES = 1 << 18;

    private final Path dir;
    private final String run;
    private final JournalConfig config;
    private final ChannelOpener opener;
    private final CRC32C crc = new CRC32C();
    private final StringBuilder json = new StringBuilder(512);
    /** The record's fixed parts as bytes, and each record type's name (a handful of constants) once encoded. */
    private static final byte[] SEQ = AsciiBuilder.ascii("{\"seq\":");
    private static final byte[] RUN = AsciiBuilder.ascii(",\"run\":\"");
    private static final byte[] TYPE = AsciiBuilder.ascii("\",\"type\":\"");
    private static final byte[] TS = AsciiBuilder.ascii("\",\"ts\":");
    private static final byte[] DATA = AsciiBuilder.ascii(",\"data\":");
    private byte[] runBytes;
    private final java.util.Map<String, byte[]> typeBytes = new java.util.HashMap<>();
    private byte[] buf = new byte[BUFFER_BYTES];
    private int used;
    private FileChannel channel;
    private long segmentBytes;
    private long nextSeq;
    private long lastDurableSeq;
    private long lastForceNs;
    private String failure;
    private long bytesWritten;

    private JournalWriter(Path dir, String run, JournalConfig config, ChannelOpener opener, long nextSeq) {
        this.dir = dir;
        this.run = run;
        this.config = config;
        this.opener = opener;
        this.nextSeq = nextSeq;
        this.lastDurableSeq = nextSeq - 1;
    }

    /** Starts a new journal in an empty (or missing) directory. */
    public static JournalWriter create(Path dir, String runId, JournalConfig config, ChannelOpener opener) {
        checkRunId(runId);
        try {
            Files.createDirectories(dir);
            for (Path seg : JournalRecovery.segments(dir)) {
                if (Files.size(seg) > 0) {
                    throw new JournalException("journal directory " + dir + " already holds a journal; recover it "
                            + "or choose another directory");
                }
            }
            // empty segments hold nothing (a crash after creating one, before its first record was written)
            for (Path seg : JournalRecovery.segments(dir)) {
                Files.delete(seg);
            }
        } catch (IOException e) {
            throw new JournalException("cannot create journal directory " + dir + ": " + e.getMessage(), e);
        }
        JournalWriter w = new JournalWriter(dir, runId, config, opener, 1);
        w.openSegment(1, 0);
        return w;
    }

    /** Continues a recovered journal: appends after its last valid record, with the same run id. */
    public static JournalWriter resume(Path dir, JournalRecovery.Result recovered, JournalConfig config,
                                       ChannelOpener opener) {
        if (!recovered.usable()) {
            throw new JournalException("refusing to write to journal " + dir + ": " + recovered.message());
        }
        if (recovered.lastSegment() == null) {
            throw new JournalException("nothing to resume in " + dir + ": the journal is empty");
        }
        JournalWriter w = new JournalWriter(dir, recovered.runId(), config, opener, recovered.lastSeq() + 1);
        w.openSegment(JournalFormat.firstSeqOf(recovered.lastSegment()), recovered.lastSegmentBytes());
        return w;
    }

    private static void checkRunId(String runId) {
        if (runId == null || runId.isEmpty() || !runId.chars().allMatch(c -> c > 32 && c < 127
                && c != '"' && c != '\\')) {
            throw new IllegalArgumentException("run id must be printable ASCII without quotes: '" + runId + "'");
        }
    }

    private void openSegment(long firstSeq, long existingBytes) {
        Path file = dir.resolve(JournalFormat.segmentName(firstSeq));
        try {
            boolean created = !Files.exists(file);
            channel = opener.open(file);
            channel.position(existingBytes);
            segmentBytes = existingBytes;
            if (created && config.fsync() != FsyncPolicy.NONE) {
                forceDirectory();
            }
        } catch (IOException e) {
            fail("cannot open journal segment " + file, e);
        }
    }

    private void forceDirectory() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    /**
     * Appends one record. {@code data} is the record's JSON object (ASCII). A {@code command} record is forced to
     * disk before this returns under {@link FsyncPolicy#PER_ORDER}.
     *
     * @return the record's sequence number
     * @throws JournalException when the journal has failed (now or before); the record is then not durable
     */
    public long append(String type, long tsMs, CharSequence data, boolean command) {
        if (failure != null) {
            throw new JournalException("journal failed earlier: " + failure);
        }
        if (data instanceof AsciiBuilder a) {
            return appendBytes(type, tsMs, a, command);
        }
        long seq = nextSeq;
        json.setLength(0);
        json.append("{\"seq\":").append(seq).append(",\"run\":\"").append(run).append("\",\"type\":\"").append(type)
                .append("\",\"ts\":").append(tsMs).append(",\"data\":").append(data).append('}');
        int len = json.length() + 10;
        int start = reserve(seq, len);
        for (int k = 0, n = json.length(); k < n; k++) {
            char c = json.charAt(k);
            if (c >= 128) {
                throw new IllegalArgumentException("journal record must be ASCII: " + type);
            }
            buf[start + 9 + k] = (byte) c;
        }
        return seal(start, len, command);
    }

    /**
     * The same record as {@link #append} writes, built straight into the buffer: the header's numbers as digits,
     * the data's bytes copied as they are (no characters in between).
     */
    private long appendBytes(String type, long tsMs, AsciiBuilder data, boolean command) {
        if (!data.isAscii()) {
            throw new IllegalArgumentException("journal record must be ASCII: " + type);
        }
        long seq = nextSeq;
        if (runBytes == null) {
            runBytes = AsciiBuilder.ascii(run);
        }
        byte[] typeName = typeBytes.computeIfAbsent(type, AsciiBuilder::ascii);
        int seqDigits = AsciiBuilder.digits(seq);
        boolean negativeTs = tsMs < 0;
        long tsAbs = negativeTs ? -tsMs : tsMs;
        int tsDigits = tsMs == Long.MIN_VALUE ? 19 : AsciiBuilder.digits(tsAbs);
        int body = SEQ.length + seqDigits + RUN.length + runBytes.length + TYPE.length + typeName.length + TS.length
                + (negativeTs ? 1 : 0) + tsDigits + DATA.length + data.length() + 1;
        int len = body + 10;
        int start = reserve(seq, len);
        int at = start + 9;
        at = put(SEQ, at);
        AsciiBuilder.writeNumber(buf, at, seq, seqDigits); // its scratch bytes fall where RUN goes next
        at += seqDigits;
        at = put(RUN, at);
        at = put(runBytes, at);
        at = put(TYPE, at);
        at = put(typeName, at);
        at = put(TS, at);
        if (negativeTs) {
            buf[at++] = '-';
        }
        if (tsMs == Long.MIN_VALUE) {
            at = put(AsciiBuilder.ascii("9223372036854775808"), at);
        } else {
            AsciiBuilder.writeNumber(buf, at, tsAbs, tsDigits); // scratch bytes fall where DATA goes next
            at += tsDigits;
        }
        at = put(DATA, at);
        System.arraycopy(data.bytes(), 0, buf, at, data.length());
        at += data.length();
        buf[at] = '}';
        return seal(start, len, command);
    }

    /** Room for a record of {@code len} bytes (a new segment or a flush first if needed): where it starts. */
    private int reserve(long seq, int len) {
        if (segmentBytes + used > 0 && segmentBytes + used + len > config.segmentBytes()) {
            roll(seq);
        }
        if (len > BUFFER_BYTES) {
            throw new JournalException("journal record of " + len + " bytes is over the " + BUFFER_BYTES
                    + "-byte limit (seq " + seq + ")");
        }
        if (used + len > buf.length) {
            flush();
        }
        return used;
    }

    /** Frames the record whose body is in place at {@code start + 9}: checksum, space, newline; then counts it. */
    private long seal(int start, int len, boolean command) {
        crc.reset();
        crc.update(buf, start + 9, len - 10);
        JournalFormat.hex((int) crc.getValue(), buf, start);
        buf[start + 8] = ' ';
        buf[start + len - 1] = '\n';
        return written(len, command);
    }

    private int put(byte[] b, int at) {
        System.arraycopy(b, 0, buf, at, b.length);
        return at + b.length;
    }

    /** A record of {@code len} bytes is in the buffer: count it and force it to disk as the policy says. */
    private long written(int len, boolean command) {
        long seq = nextSeq;
        used += len;
        nextSeq++;
        switch (config.fsync()) {
            case PER_ORDER -> {
                if (command) {
                    sync();
                }
            }
            case INTERVAL -> {
                long now = System.nanoTime();
                if (now - lastForceNs >= config.intervalMs() * 1_000_000L) {
                    sync();
                }
            }
            default -> {
                // NONE: the OS writes back when it likes; close() flushes
            }
        }
        return seq;
    }

    private void roll(long firstSeqOfNext) {
        flush();
        try {
            if (config.fsync() != FsyncPolicy.NONE) {
                channel.force(false);
                lastDurableSeq = firstSeqOfNext - 1;
            }
            channel.close();
        } catch (IOException e) {
            fail("cannot close journal segment", e);
        }
        openSegment(firstSeqOfNext, 0);
    }

    /** Writes buffered records to the channel (not forced). */
    public void flush() {
        if (used == 0) {
            return;
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(buf, 0, used);
            while (b.hasRemaining()) {
                channel.write(b);
            }
            segmentBytes += used;
            bytesWritten += used;
            used = 0;
        } catch (IOException e) {
            used = 0; // never written again as if it had succeeded
            fail("journal write failed", e);
        }
    }

    /** Called with the duration in nanoseconds of every fsync (metrics); on the writing thread. */
    public void setFsyncObserver(java.util.function.LongConsumer observer) {
        this.fsyncObserver = observer;
    }

    /** Writes and forces everything appended so far to disk. */
    public void sync() {
        flush();
        try {
            long t0 = System.nanoTime();
            channel.force(false);
            lastDurableSeq = nextSeq - 1;
            lastForceNs = System.nanoTime();
            if (fsyncObserver != null) {
                fsyncObserver.accept(lastForceNs - t0);
            }
        } catch (IOException e) {
            fail("journal fsync failed", e);
        }
    }

    private void fail(String what, IOException e) {
        failure = what + ": " + e.getMessage();
        throw new JournalException(failure, e);
    }

    /** Flushes (and forces unless the policy is NONE), then closes. */
    @Override
    public void close() {
        if (channel == null || !channel.isOpen()) {
            return;
        }
        try {
            if (failure == null) {
                if (config.fsync() == FsyncPolicy.NONE) {
                    flush();
                } else {
                    sync();
                }
            }
        } finally {
            try {
                channel.close();
            } catch (IOException e) {
                // the failure, if any, was already reported
            }
        }
    }

    public boolean failed() {
        return failure != null;
    }

    public String failure() {
        return failure;
    }

    /** Sequence number of the last appended record. */
    public long lastSeq() {
        return nextSeq - 1;
    }

    /** Sequence number of the last record known to be on disk (forced). */
    public long lastDurableSeq() {
        return lastDurableSeq;
    }

    public String runId() {
        return run;
    }

    public Path dir() {
        return dir;
    }

    public JournalConfig config() {
        return config;
    }

    public long bytesWritten() {
        return bytesWritten;
    }
}
