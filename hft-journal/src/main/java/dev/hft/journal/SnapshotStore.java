package dev.hft.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Snapshots of state anchored at a journal seq, stored beside the journal. Bytes only: what the state means is
 * the caller's business.
 *
 * <pre>
 *   snapshot-&lt;seq, 20 digits&gt;.bin
 *   +------------+---------+------------+-------------+----------------+---------+------------+
 *   | "HFTSNAP1" | seq (8) | runLen (2) | run (ASCII) | payloadLen (4) | payload | CRC32C (4) |
 *   +------------+---------+------------+-------------+----------------+---------+------------+
 *   (the CRC32C covers every byte before it)
 * </pre>
 *
 * Written to a temporary file, forced, renamed atomically into place, then the directory is forced: a snapshot
 * is there whole or not at all. Reading skips (never deletes) a file that is short, fails its CRC, belongs to
 * another run, or is anchored beyond the journal's last record.
 */
public final class SnapshotStore {
    private static final byte[] MAGIC = "HFTSNAP1".getBytes(StandardCharsets.US_ASCII);
    private static final String PREFIX = "snapshot-";
    private static final String SUFFIX = ".bin";

    private SnapshotStore() {
    }

    /** A snapshot read back. */
    public record Snapshot(long seq, String run, byte[] payload, Path file) {
    }

    public static String fileName(long seq) {
        return PREFIX + String.format("%020d", seq) + SUFFIX;
    }

    /** Writes a snapshot of {@code payload} anchored at {@code seq}, atomically. */
    public static Path write(Path dir, long seq, String run, byte[] payload) {
        byte[] runBytes = run.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 8 + 2 + runBytes.length + 4 + payload.length + 4);
        b.put(MAGIC).putLong(seq).putShort((short) runBytes.length).put(runBytes).putInt(payload.length).put(payload);
        b.putInt(JournalFormat.crc(b.array(), 0, b.position()));
        b.flip();
        Path target = dir.resolve(fileName(seq));
        Path tmp = dir.resolve(fileName(seq) + ".tmp");
        try {
            try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                while (b.hasRemaining()) {
                    c.write(b);
                }
                c.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            }
            return target;
        } catch (IOException e) {
            throw new JournalException("cannot write snapshot " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * The newest valid snapshot of {@code run} anchored at or before {@code maxSeq}, or null. Invalid files are
     * reported to {@code skipped} (may be null) with the reason, and left in place.
     */
    public static Snapshot latest(Path dir, String run, long maxSeq, List<String> skipped) {
        return latest(dir, run, maxSeq, skipped, payload -> null);
    }

    /**
     * As above, also passing over a snapshot whose payload the caller cannot read: {@code payloadProblem} says
     * why (a snapshot written by another version of the state layout, say), or null when it can.
     */
    public static Snapshot latest(Path dir, String run, long maxSeq, List<String> skipped,
                                  java.util.function.Function<byte[], String> payloadProblem) {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> {
                    String n = p.getFileName().toString();
                    return n.startsWith(PREFIX) && n.endsWith(SUFFIX);
                }).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new JournalException("cannot list snapshots in " + dir + ": " + e.getMessage(), e);
            }
        }
        for (int k = files.size() - 1; k >= 0; k--) {
            Path f = files.get(k);
            String problem;
            try {
                byte[] bytes = Files.readAllBytes(f);
                Snapshot s = parse(bytes, f);
                if (s == null) {
                    problem = "short or failed its checksum";
                } else if (!s.run().equals(run)) {
                    problem = "of run '" + s.run() + "'";
                } else if (s.seq() > maxSeq) {
                    problem = "anchored at seq " + s.seq() + ", beyond the journal's last record " + maxSeq;
                } else {
                    problem = payloadProblem.apply(s.payload());
                    if (problem == null) {
                        return s;
                    }
                }
            } catch (IOException e) {
                problem = "unreadable: " + e.getMessage();
            }
            if (skipped != null) {
                skipped.add(f.getFileName() + ": " + problem);
            }
        }
        return null;
    }

    private static Snapshot parse(byte[] bytes, Path f) {
        int min = MAGIC.length + 8 + 2 + 4 + 4;
        if (bytes.length < min) {
            return null;
        }
        int end = bytes.length - 4;
        int stored = ByteBuffer.wrap(bytes, end, 4).getInt();
        if (JournalFormat.crc(bytes, 0, end) != stored) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, end);
        byte[] magic = new byte[MAGIC.length];
        b.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            return null;
        }
        long seq = b.getLong();
        int runLen = b.getShort();
        if (runLen < 0 || runLen > b.remaining()) {
            return null;
        }
        byte[] run = new byte[runLen];
        b.get(run);
        int len = b.getInt();
        if (len != b.remaining()) {
            return null;
        }
        byte[] payload = new byte[len];
        b.get(payload);
        return new Snapshot(seq, new String(run, StandardCharsets.US_ASCII), payload, f);
    }
}
