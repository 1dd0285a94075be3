package dev.hft.backtest.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * A binary cache of parsed kline files, so the second load of the same files skips unzipping and parsing. One cache
 * file per source file, keyed by its absolute path, size and modification time; a source that changed, a cache
 * file that is damaged, or one that cannot be written is simply not used (the source is parsed, as without a
 * cache). Never inside the repository: {@code -Dhft.cache=DIR}, else {@code $HFT_CACHE}, else
 * {@code ~/.cache/hft/klines}.
 *
 * <pre>
 *   "HFTKLC01" | path length (2) | path (UTF-8) | size (8) | mtime ms (8) | interval ms (8) | rows (4) |
 *   header lines (4) | microsecond rows (8) | 9 columns x rows longs (open time, o, h, l, c, v, qv, n, tbv) |
 *   CRC32C (4) of every byte before it
 * </pre>
 */
public final class KlineCache {
    private static final byte[] MAGIC = "HFTKLC01".getBytes(StandardCharsets.US_ASCII);
    private static final int COLUMNS = 9;

    private final Path dir;
    // files load in parallel: the counters are shared
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong writeFailures = new AtomicLong();

    public KlineCache(Path dir) {
        this.dir = dir;
    }

    /** The cache at the configured or default location. */
    public static KlineCache atDefaultLocation() {
        String prop = System.getProperty("hft.cache");
        String env = System.getenv("HFT_CACHE");
        Path dir = prop != null ? Path.of(prop) : env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "hft", "klines");
        return new KlineCache(dir);
    }

    /** What one cached source file holds. */
    record Entry(long intervalMs, int rows, int headers, long micros, long[][] columns) {
    }

    private Path cacheFile(Path source) {
        String abs = source.toAbsolutePath().normalize().toString();
        return dir.resolve(source.getFileName() + "-" + Integer.toHexString(abs.hashCode()) + ".bars");
    }

    /** The cached rows of {@code source}, or null when there is no valid, current entry. */
    Entry load(Path source) {
        Path f = cacheFile(source);
        try {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(f);
            } catch (java.nio.file.NoSuchFileException | java.nio.file.AccessDeniedException e) {
                misses.incrementAndGet();
                return null;
            }
            Entry e = parse(bytes, source);
            if (e == null) {
                misses.incrementAndGet();
            } else {
                hits.incrementAndGet();
            }
            return e;
        } catch (IOException e) {
            misses.incrementAndGet();
            return null;
        }
    }

    private static Entry parse(byte[] bytes, Path source) throws IOException {
        if (bytes.length < MAGIC.length + 4) {
            return null;
        }
        int end = bytes.length - 4;
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, end);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if ((int) crc.getValue() != b.getInt(end)) {
            return null;
        }
        byte[] magic = new byte[MAGIC.length];
        b.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            return null;
        }
        byte[] path = new byte[b.getShort() & 0xffff];
        b.get(path);
        String abs = source.toAbsolutePath().normalize().toString();
        java.nio.file.attribute.BasicFileAttributes attrs = Files.readAttributes(source,
                java.nio.file.attribute.BasicFileAttributes.class); // size and time in one call
        if (!abs.equals(new String(path, StandardCharsets.UTF_8)) || b.getLong() != attrs.size()
                || b.getLong() != attrs.lastModifiedTime().toMillis()) {
            return null; // another file with the same hash, or the source changed
        }
        long interval = b.getLong();
        int rows = b.getInt();
        int headers = b.getInt();
        long micros = b.getLong();
        if (rows < 0 || (long) rows * COLUMNS * 8 != end - b.position()) {
            return null;
        }
        long[][] cols = new long[COLUMNS][rows];
        for (long[] col : cols) {
            b.asLongBuffer().get(col);
            b.position(b.position() + rows * 8);
        }
        return new Entry(interval, rows, headers, micros, cols);
    }

    /** Stores rows {@code [from, to)} of {@code s} as the parsed content of {@code source}; failures are ignored. */
    void store(Path source, BarSeries s, int from, int to, int headers, long micros) {
        try {
            Files.createDirectories(dir);
            byte[] path = source.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8);
            int rows = to - from;
            int size = MAGIC.length + 2 + path.length + 8 + 8 + 8 + 4 + 4 + 8 + rows * COLUMNS * 8 + 4;
            ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
            b.put(MAGIC).putShort((short) path.length).put(path).putLong(Files.size(source))
                    .putLong(Files.getLastModifiedTime(source).toMillis()).putLong(s.intervalMs()).putInt(rows)
                    .putInt(headers).putLong(micros);
            for (int c = 0; c < COLUMNS; c++) {
                for (int i = from; i < to; i++) {
                    b.putLong(column(s, c, i));
                }
            }
            CRC32C crc = new CRC32C();
            crc.update(b.array(), 0, b.position());
            b.putInt((int) crc.getValue());
            Path target = cacheFile(source);
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.write(tmp, b.array());
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // the cache is an optimisation: the data was read, the next load parses again
            writeFailures.incrementAndGet();
        }
    }

    private static long column(BarSeries s, int c, int i) {
        return switch (c) {
            case 0 -> s.openTime(i);
            case 1 -> s.open(i);
            case 2 -> s.high(i);
            case 3 -> s.low(i);
            case 4 -> s.close(i);
            case 5 -> s.volume(i);
            case 6 -> s.quoteVolume(i);
            case 7 -> s.trades(i);
            default -> s.takerBuyVolume(i);
        };
    }

    public Path dir() {
        return dir;
    }

    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }

    public long writeFailures() {
        return writeFailures.get();
    }
}
