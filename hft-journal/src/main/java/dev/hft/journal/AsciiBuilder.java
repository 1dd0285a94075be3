package dev.hft.journal;

import java.util.Arrays;

/**
 * A growable ASCII text built straight into bytes, for journal records on the hot path: numbers are written as
 * digits without going through {@code String} or {@code char}, and {@link JournalWriter} copies the bytes as they
 * are. A character outside ASCII is remembered ({@link #isAscii()}) and the record is refused when written.
 * Also a {@link CharSequence}, so it reads like the text it holds.
 */
public final class AsciiBuilder implements CharSequence {
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private byte[] bytes;
    private int length;
    private boolean ascii = true;

    public AsciiBuilder(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    public AsciiBuilder clear() {
        length = 0;
        ascii = true;
        return this;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    public AsciiBuilder append(char c) {
        ensure(1);
        if (c >= 128) {
            ascii = false;
            c = '?';
        }
        bytes[length++] = (byte) c;
        return this;
    }

    public AsciiBuilder append(String s) {
        int n = s.length();
        ensure(n);
        for (int k = 0; k < n; k++) {
            char c = s.charAt(k);
            if (c >= 128) {
                ascii = false;
                c = '?';
            }
            bytes[length + k] = (byte) c;
        }
        length += n;
        return this;
    }

    public AsciiBuilder append(boolean b) {
        return append(b ? "true" : "false");
    }

    public AsciiBuilder append(long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                return append("-9223372036854775808");
            }
            append('-');
            v = -v;
        }
        int digits = digits(v);
        ensure(digits);
        writeDigits(bytes, length, v, digits);
        length += digits;
        return this;
    }

    /**
     * {@code v} as a fixed-point number with {@code decimals} fraction digits, trailing zeros (and a bare point)
     * left out: 4200000000000 with 8 decimals is {@code 42000}, 150000000 is {@code 1.5}.
     */
    public AsciiBuilder appendFixed(long v, int decimals) {
        long one = POW10[decimals];
        if (v < 0) {
            if (v == Long.MIN_VALUE) { // -v does not exist: whole and fraction parts of the magnitude separately
                if (decimals == 0) {
                    return append(v);
                }
                append('-');
                append(-(v / one));
                return fraction(-(v % one), decimals);
            }
            append('-');
            v = -v;
        }
        append(v / one);
        return fraction(v % one, decimals);
    }

    private AsciiBuilder fraction(long frac, int decimals) {
        if (frac == 0) {
            return this;
        }
        int width = decimals;
        while (frac % 10 == 0) {
            frac /= 10;
            width--;
        }
        ensure(width + 1);
        bytes[length++] = '.';
        writeDigits(bytes, length, frac, width);
        length += width;
        return this;
    }

    /** Decimal digits of {@code v >= 0}. */
    static int digits(long v) {
        int d = 1;
        while (d < 19 && v >= POW10[d]) {
            d++;
        }
        return d;
    }

    /** "00" to "99": two digits per division. */
    private static final byte[] PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    /** Writes {@code v >= 0} as exactly {@code width} digits (zero-padded) at {@code at}. */
    static void writeDigits(byte[] out, int at, long v, int width) {
        int k = at + width;
        while (v > Integer.MAX_VALUE) { // long division only while it must
            long q = v / 100;
            int r = (int) (v - q * 100);
            out[--k] = PAIRS[2 * r + 1];
            out[--k] = PAIRS[2 * r];
            v = q;
        }
        int w = (int) v;
        while (k - at >= 2) {
            int q = w / 100;
            int r = w - q * 100;
            out[--k] = PAIRS[2 * r + 1];
            out[--k] = PAIRS[2 * r];
            w = q;
        }
        if (k > at) {
            out[--k] = (byte) ('0' + w % 10);
        }
    }

    /** Whether every character appended since {@link #clear()} was ASCII. */
    public boolean isAscii() {
        return ascii;
    }

    /** The bytes; valid up to {@link #length()}. */
    byte[] bytes() {
        return bytes;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        return (char) bytes[index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return toString().substring(start, end);
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
