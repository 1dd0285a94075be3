package dev.hft.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * SHA-256 checksums in the format of Binance's public data ({@code <hex digest>  <file name>} in a file named
 * {@code <file>.CHECKSUM} beside it), written by {@code hft data download} and checked again when the data loads.
 */
public final class Checksum {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    /** Suffix of the checksum file beside a data file. */
    public static final String SUFFIX = ".CHECKSUM";

    private Checksum() {
    }

    /** The lower-case hex SHA-256 of a file's bytes. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    /**
     * The hex digest of a {@code .CHECKSUM} body, checked against the file name it names (when it names one).
     *
     * @param where the body's origin, for the error message
     */
    public static String parse(String body, String name, String where) throws IOException {
        String[] parts = body.strip().split("\\s+");
        if (parts.length < 1 || !SHA256.matcher(parts[0]).matches()) {
            throw new IOException(where + ": not a SHA-256 checksum line: '" + abbreviate(body) + "'");
        }
        if (parts.length >= 2 && !parts[1].equals(name)) {
            throw new IOException(where + ": checksum is for '" + parts[1] + "', not '" + name + "'");
        }
        return parts[0];
    }

    /** The digest the checksum file {@code sum} gives for the file named {@code name}. */
    public static String expected(Path sum, String name) throws IOException {
        return parse(Files.readString(sum, StandardCharsets.US_ASCII), name, sum.toString());
    }

    /**
     * Checks {@code file} against the {@code .CHECKSUM} file beside it.
     *
     * @return false when there is no checksum file, true when it matches
     * @throws IOException when it does not match (the message names both digests) or cannot be read
     */
    public static boolean verify(Path file) throws IOException {
        Path sum = file.resolveSibling(file.getFileName() + SUFFIX);
        if (!Files.exists(sum)) {
            return false;
        }
        String want = expected(sum, file.getFileName().toString());
        String got = sha256(file);
        if (!got.equalsIgnoreCase(want)) {
            throw new IOException(file + ": SHA-256 " + got + " does not match " + want + " in " + sum
                    + " (the file changed or was damaged after download; delete both and download again)");
        }
        return true;
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        return t.length() > 80 ? t.substring(0, 80) + "..." : t;
    }
}
