package dev.hft.journal;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The on-disk format, in one place. A journal is a directory of segment files {@code journal-<firstSeq>.jsonl}
 * (first seq zero-padded to 20 digits, so names sort in order). Each record is one line:
 *
 * <pre>
 *   c0ffee12 {"seq":1,"run":"r1","type":"bar","ts":1704067259999,"data":{...}}\n
 *   |------| |-----------------------------------------------------------------|
 *   CRC32C of the JSON bytes (8 lowercase hex digits), one space, the JSON, a newline
 * </pre>
 *
 * The JSON's first four fields are always {@code seq}, {@code run}, {@code type}, {@code ts} in that order,
 * then {@code data}. JSON text is ASCII (the engine escapes nothing else). Read it with standard tools:
 * {@code cut -d' ' -f2- journal-*.jsonl | jq .}. See docs/JOURNAL.md.
 */
public final class JournalFormat {
    public static final String PREFIX = "journal-";
    public static final String SUFFIX = ".jsonl";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JournalFormat() {
    }

    public static String segmentName(long firstSeq) {
        return PREFIX + String.format("%020d", firstSeq) + SUFFIX;
    }

    /** First seq from a segment name, or -1 when it is not one. */
    public static long firstSeqOf(String name) {
        if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX)) {
            return -1;
        }
        String digits = name.substring(PREFIX.length(), name.length() - SUFFIX.length());
        if (digits.length() != 20 || !digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Long.parseLong(digits);
    }

    public static int crc(byte[] bytes, int from, int to) {
        CRC32C c = new CRC32C();
        c.update(bytes, from, to - from);
        return (int) c.getValue();
    }

    static void hex(int v, byte[] out, int at) {
        for (int k = 7; k >= 0; k--) {
            out[at + k] = (byte) HEX[v & 0xf];
            v >>>= 4;
        }
    }

    /** The full line (CRC, space, JSON, newline) of a JSON record, for tests and tools. */
    public static byte[] line(String json) {
        byte[] j = json.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[j.length + 10];
        hex(crc(j, 0, j.length), out, 0);
        out[8] = ' ';
        System.arraycopy(j, 0, out, 9, j.length);
        out[out.length - 1] = '\n';
        return out;
    }
}
