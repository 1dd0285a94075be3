package dev.hft.journal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
        ensure(digits + 8); // writeNumber may use up to 8 bytes past the digits as scratch
        writeNumber(bytes, length, v, digits);
        length += digits;
        return this;
    }

    /**
     * {@code v} as a fixed-point number with {@code decimals} fraction digits, trailing zeros (and a bare point)
     * left out: 4200000000000 with 8 decimals is {@code 42000}, 150000000 is {@code 1.5}.
     */
    public AsciiBuilder appendFixed(long v, int decimals) {
        if (decimals == 0) {
            return append(v);
        }
        long one = POW10[decimals];
        if (v < 0) {
            if (v == Long.MIN_VALUE) { // -v does not exist: whole and fraction parts of the magnitude separately
                append('-');
                append(-(v / one));
                return fraction(-(v % one), decimals);
            }
            append('-');
            v = -v;
        }
        // the two scales the journal writes (Fixed's 8 decimals, ratios' 9) divide by a constant: a multiplication
        long whole = decimals == 8 ? v / 100_000_000L : decimals == 9 ? v / 1_000_000_000L : v / one;
        append(whole);
        return fraction(v - whole * one, decimals);
    }

    /** The fraction digits of {@code 0 <= frac < 10^decimals}, zero-padded, then trailing zeros cut. */
    private AsciiBuilder fraction(long frac, int decimals) {
        if (frac == 0) {
            return this;
        }
        ensure(decimals + 1);
        bytes[length++] = '.';
        if (decimals == 8) { // Fixed's scale: one word, its trailing zero digits counted from its top bytes
            long word = digits8((int) frac);
            LONGS.set(bytes, length, word + ZEROS);
            length += 8 - Long.numberOfLeadingZeros(word) / 8;
            return this;
        }
        writeDigits(bytes, length, frac, decimals);
        length += decimals;
        while (bytes[length - 1] == '0') { // frac != 0: stops at a digit before reaching the point
            length--;
        }
        return this;
    }

    /** Decimal digits of {@code v >= 0}. */
    static int digits(long v) {
        if (v < 10) {
            return 1;
        }
        int t = ((64 - Long.numberOfLeadingZeros(v)) * 1233) >>> 12; // floor(bits x log10(2)): digits - 1 or digits
        return v >= POW10[t] ? t + 1 : t;
    }

    /** Little-endian 8-byte stores into a byte array (one instruction where the JIT intrinsifies it). */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    /** '0' in each byte: turns eight digit values into their characters. */
    private static final long ZEROS = 0x3030_3030_3030_3030L;

    /**
     * The eight decimal digits of {@code 0 <= c < 10^8} as byte values 0..9, the most significant in the lowest
     * byte (the first in memory when stored little-endian). Lane arithmetic in one long instead of eight
     * dependent divisions: split into two halves of four digits (32-bit lanes), each into two pairs (16-bit lanes,
     * /100 as {@code *10486 >> 20}, exact below 43,690), each pair into tens and units (8-bit lanes, /10 as
     * {@code *103 >> 10}, exact below 179). No lane's product reaches the next lane's bits that are kept.
     */
    static long digits8(int c) {
        int hi = c / 10_000;
        long halves = hi | ((long) (c - hi * 10_000) << 32);
        long hundreds = ((halves * 10_486) >>> 20) & 0x0000_007F_0000_007FL;
        long pairs = hundreds | ((halves - hundreds * 100) << 16);
        long tens = ((pairs * 103) >>> 10) & 0x000F_000F_000F_000FL;
        return tens | ((pairs - tens * 10) << 8);
    }

    /**
     * Writes {@code 0 <= v < 10^width} as exactly {@code width} digits (zero-padded) at {@code at}: eight digits
     * per (constant) long division, each eight as one word.
     */
    static void writeDigits(byte[] out, int at, long v, int width) {
        int k = at + width;
        while (k - at >= 8) {
            long q = v / 100_000_000L;
            LONGS.set(out, k - 8, digits8((int) (v - q * 100_000_000L)) + ZEROS);
            k -= 8;
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
            out[--k] = (byte) ('0' + w);
        }
    }

    /**
     * Writes {@code v >= 0}, which has exactly {@code digits} digits, at {@code at}, in whole words: with fewer
     * than 8 digits it writes {@code v * 10^(8 - digits)} and the bytes after the number are scratch, so the
     * array needs 8 bytes of room from {@code at} (the caller writes over them next).
     */
    static void writeNumber(byte[] out, int at, long v, int digits) {
        if (digits <= 8) {
            LONGS.set(out, at, digits8((int) v * INT_POW10[8 - digits]) + ZEROS);
        } else if (digits <= 16) {
            long hi = v / 100_000_000L;
            int head = digits - 8;
            LONGS.set(out, at, digits8((int) hi * INT_POW10[8 - head]) + ZEROS);
            LONGS.set(out, at + head, digits8((int) (v - hi * 100_000_000L)) + ZEROS);
        } else {
            writeDigits(out, at, v, digits);
        }
    }

    private static final int[] INT_POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    /** "00" to "99", for the digits before the last whole word. */
    private static final byte[] PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    /**
     * A constant's bytes, prepared once (field names, punctuation) for {@link #append(byte[])}.
     *
     * @throws IllegalArgumentException when {@code s} is not ASCII
     */
    public static byte[] ascii(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (s.charAt(k) >= 128) {
                throw new IllegalArgumentException("journal record must be ASCII: " + s);
            }
        }
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Appends bytes prepared by {@link #ascii(String)} (ASCII by construction). */
    public AsciiBuilder append(byte[] ascii) {
        ensure(ascii.length);
        System.arraycopy(ascii, 0, bytes, length, ascii.length);
        length += ascii.length;
        return this;
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
