package dev.hft.api.state;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Array, string and enum helpers for {@link Snapshottable}; a length mismatch on read is an error. */
public final class StateIO {
    private StateIO() {
    }

    /** Writes the length, then each value as raw bits. */
    public static void doubles(DataOutput out, double[] a) throws IOException {
        out.writeInt(a.length);
        for (double d : a) {
            out.writeLong(Double.doubleToRawLongBits(d));
        }
    }

    /** Reads into {@code a}, which must have the written length. */
    public static void doubles(DataInput in, double[] a) throws IOException {
        length(in, a.length);
        for (int i = 0; i < a.length; i++) {
            a[i] = Double.longBitsToDouble(in.readLong());
        }
    }

    /** Writes the length, then each value. */
    public static void longs(DataOutput out, long[] a) throws IOException {
        out.writeInt(a.length);
        for (long v : a) {
            out.writeLong(v);
        }
    }

    /** Reads into {@code a}, which must have the written length. */
    public static void longs(DataInput in, long[] a) throws IOException {
        length(in, a.length);
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readLong();
        }
    }

    /** Writes the length, then each value. */
    public static void ints(DataOutput out, int[] a) throws IOException {
        out.writeInt(a.length);
        for (int v : a) {
            out.writeInt(v);
        }
    }

    /** Reads into {@code a}, which must have the written length. */
    public static void ints(DataInput in, int[] a) throws IOException {
        length(in, a.length);
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readInt();
        }
    }

    /** Writes the length, then each value. */
    public static void booleans(DataOutput out, boolean[] a) throws IOException {
        out.writeInt(a.length);
        for (boolean v : a) {
            out.writeBoolean(v);
        }
    }

    /** Reads into {@code a}, which must have the written length. */
    public static void booleans(DataInput in, boolean[] a) throws IOException {
        length(in, a.length);
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readBoolean();
        }
    }

    /** Writes one double as raw bits (NaN included). */
    public static void dbl(DataOutput out, double d) throws IOException {
        out.writeLong(Double.doubleToRawLongBits(d));
    }

    /** Reads one double written by {@link #dbl(DataOutput, double)}. */
    public static double dbl(DataInput in) throws IOException {
        return Double.longBitsToDouble(in.readLong());
    }

    /** Writes a string, null included. */
    public static void string(DataOutput out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    /** Reads a string written by {@link #string(DataOutput, String)}. */
    public static String string(DataInput in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    /** Writes an enum constant by name, so reordering the enum keeps snapshots readable. */
    public static <E extends Enum<E>> void enumValue(DataOutput out, E e) throws IOException {
        string(out, e == null ? null : e.name());
    }

    /** Reads an enum constant written by name. */
    public static <E extends Enum<E>> E enumValue(DataInput in, Class<E> type) throws IOException {
        String s = string(in);
        return s == null ? null : Enum.valueOf(type, s);
    }

    private static void length(DataInput in, int expected) throws IOException {
        int n = in.readInt();
        if (n != expected) {
            throw new IOException("snapshot array of " + n + " where " + expected + " was expected: settings differ");
        }
    }
}
