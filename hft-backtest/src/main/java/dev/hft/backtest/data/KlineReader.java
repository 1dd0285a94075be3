package dev.hft.backtest.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import dev.hft.core.Fixed;

/**
 * Reads Binance public-data kline files: a {@code .zip} (holding one or more CSVs), a {@code .csv}, or a
 * directory of them (searched recursively, any order on disk). 12 columns, no header (a header line is
 * tolerated): {@code open_time, open, high, low, close, volume, close_time, quote_volume, trades,
 * taker_buy_base_volume, taker_buy_quote_volume, ignore}.
 *
 * <p>Times are milliseconds until 2024 and microseconds in spot files from 2025-01-01 on; the unit is detected
 * per row (a value above 10^14 is µs), so a directory may mix both. Rows are put in time order; duplicates
 * (same open time) are dropped and reported; gaps are reported and never filled. A malformed row fails the
 * whole load with {@code file:line}, the field and the value: a backtest never runs on data that failed to
 * parse.
 */
public final class KlineReader {
    /** Above this an epoch timestamp is in microseconds (10^14 µs is 1973; 10^14 ms is year 5138). */
    static final long MICROS_THRESHOLD = 100_000_000_000_000L;
    private static final int SAMPLE = 5;
    private static final String[] FIELDS = {"open_time", "open", "high", "low", "close", "volume", "close_time",
        "quote_volume", "trades", "taker_buy_base_volume", "taker_buy_quote_volume", "ignore"};

    private KlineReader() {
    }

    /** Loaded bars and what loading found. */
    public record Result(BarSeries series, DataReport report) {
    }

    /** Reads a file or directory for {@code symbol}. */
    public static Result read(Path path, String symbol) {
        return read(path, symbol, null);
    }

    /** As {@link #read(Path, String)}, keeping parsed files in {@code cache} (may be null) for the next load. */
    public static Result read(Path path, String symbol, KlineCache cache) {
        if (!Files.exists(path)) {
            throw new DataException("data path not found: " + path);
        }
        List<Path> files = list(path);
        if (files.isEmpty()) {
            throw new DataException("no .zip or .csv kline files in " + path);
        }
        Loader loader = new Loader(symbol, cache);
        for (Path f : files) {
            loader.readFile(f);
        }
        return loader.finish(files.size(), path);
    }

    /** Kline files below a path: the path itself if it is a file. Sorted by name for a stable error order. */
    static List<Path> list(Path path) {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        try (Stream<Path> s = Files.walk(path)) {
            return s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".zip") || n.endsWith(".csv");
            }).sorted().toList();
        } catch (IOException e) {
            throw new DataException("cannot list " + path + ": " + e.getMessage(), e);
        }
    }

    /** Guesses the symbol from a Binance file name such as {@code BTCUSDT-1m-2024-01-01.zip}, or null. */
    public static String symbolFromPath(Path path) {
        List<Path> files = Files.exists(path) ? list(path) : List.of();
        Path probe = files.isEmpty() ? path : files.get(0);
        String n = probe.getFileName().toString();
        int dash = n.indexOf('-');
        if (dash <= 0) {
            return null;
        }
        String s = n.substring(0, dash).toUpperCase(Locale.ROOT);
        return s.chars().allMatch(Character::isLetterOrDigit) ? s : null;
    }

    private static final class Loader {
        private final String symbol;
        private BarSeries series;
        private long intervalMs;
        private String intervalSource;
        private long rows;
        private int headers;
        private long micros;
        private final long[] f = new long[12];
        private final KlineCache cache;

        Loader(String symbol, KlineCache cache) {
            this.symbol = symbol;
            this.cache = cache;
        }

        void readFile(Path file) {
            if (cache != null) {
                KlineCache.Entry e = cache.load(file);
                if (e != null) {
                    if (series == null) {
                        intervalMs = e.intervalMs();
                        intervalSource = file.toString();
                        series = new BarSeries(symbol, intervalMs, 1 << 16);
                    } else if (e.intervalMs() != intervalMs) {
                        throw new DataException(file + ": bar interval " + e.intervalMs() + " ms differs from "
                                + intervalMs + " ms at " + intervalSource + " (one symbol, one interval)");
                    }
                    series.addColumns(e.columns(), e.rows());
                    rows += e.rows();
                    headers += e.headers();
                    micros += e.micros();
                    return;
                }
            }
            int before = series == null ? 0 : series.size();
            int headersBefore = headers;
            long microsBefore = micros;
            parseFile(file);
            if (cache != null && series != null) {
                cache.store(file, series, before, series.size(), headers - headersBefore, micros - microsBefore);
            }
        }

        private void parseFile(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            try (InputStream in = Files.newInputStream(file)) {
                if (name.endsWith(".zip")) {
                    ZipInputStream zip = new ZipInputStream(in);
                    ZipEntry e;
                    boolean any = false;
                    while ((e = zip.getNextEntry()) != null) {
                        if (!e.isDirectory() && e.getName().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                            any = true;
                            readCsv(zip, file + "!" + e.getName());
                        }
                    }
                    if (!any) {
                        throw new DataException(file + ": zip holds no .csv file");
                    }
                } else {
                    readCsv(in, file.toString());
                }
            } catch (NoSuchFileException e) {
                throw new DataException("data file not found: " + file, e);
            } catch (IOException e) {
                throw new DataException(file + ": cannot read: " + e.getMessage(), e);
            }
        }

        private void readCsv(InputStream in, String where) throws IOException {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII), 1 << 16);
            String line;
            int lineNo = 0;
            long before = rows;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                if (lineNo == 1 && !line.isEmpty() && !Character.isDigit(line.charAt(0))) {
                    headers++; // e.g. futures files: open_time,open,high,...
                    continue;
                }
                parseRow(line, where, lineNo);
            }
            if (rows == before) {
                throw new DataException(where + ": no data rows (empty file)");
            }
        }

        private void parseRow(String line, String where, int lineNo) {
            int n = 0;
            int start = 0;
            int len = line.length();
            for (int i = 0; i <= len && n < 12; i++) {
                if (i == len || line.charAt(i) == ',') {
                    f[n] = field(line, start, i, n, where, lineNo);
                    n++;
                    start = i + 1;
                }
            }
            if (n < 11) {
                throw new DataException(where + ":" + lineNo + ": expected 12 comma-separated fields, found " + n
                        + ": '" + abbreviate(line) + "'");
            }
            long openTime = f[0];
            long closeTime = f[6];
            if (openTime > MICROS_THRESHOLD) {
                openTime /= 1000;
                micros++;
            }
            if (closeTime > MICROS_THRESHOLD) {
                closeTime /= 1000;
            }
            long interval = closeTime - openTime + 1;
            if (interval <= 0) {
                throw new DataException(where + ":" + lineNo + ": field 'close_time' (" + f[6]
                        + ") is not after open_time (" + f[0] + ")");
            }
            if (series == null) {
                intervalMs = interval;
                intervalSource = where + ":" + lineNo;
                series = new BarSeries(symbol, intervalMs, 1 << 16);
            } else if (interval != intervalMs) {
                throw new DataException(where + ":" + lineNo + ": bar interval " + interval + " ms differs from "
                        + intervalMs + " ms at " + intervalSource + " (one symbol, one interval)");
            }
            long o = f[1];
            long h = f[2];
            long l = f[3];
            long c = f[4];
            if (o <= 0 || h <= 0 || l <= 0 || c <= 0) {
                throw new DataException(where + ":" + lineNo + ": prices must be positive: '" + abbreviate(line) + "'");
            }
            if (h < l || h < o || h < c || l > o || l > c) {
                throw new DataException(where + ":" + lineNo
                        + ": inconsistent OHLC (high must be >= open, close, low; low <= open, close): '"
                        + abbreviate(line) + "'");
            }
            if (f[5] < 0) {
                throw new DataException(where + ":" + lineNo + ": field 'volume' is negative: " + Fixed.format(f[5]));
            }
            series.add(openTime, o, h, l, c, f[5], f[7], f[8], f[9]);
            rows++;
        }

        private long field(String line, int from, int to, int index, String where, int lineNo) {
            if (index == 11) {
                return 0; // "ignore" column
            }
            boolean integer = index == 0 || index == 6 || index == 8;
            long v = integer ? parseLongOrMin(line, from, to) : Fixed.parseOrMin(line, from, to);
            if (v == Long.MIN_VALUE || (integer && v < 0)) {
                throw new DataException(where + ":" + lineNo + ": field '" + FIELDS[index] + "' (column "
                        + (index + 1) + ") is not " + (integer ? "a non-negative integer" : "a number") + ": '"
                        + abbreviate(line.substring(from, to)) + "'");
            }
            return v;
        }

        Result finish(int fileCount, Path path) {
            if (series == null || series.size() == 0) {
                throw new DataException("no data rows in " + path);
            }
            series.sortByTime();
            int size = series.size();
            boolean[] drop = new boolean[size];
            int dups = 0;
            int gaps = 0;
            long missing = 0;
            List<Long> firstDups = new ArrayList<>();
            List<Long> firstGaps = new ArrayList<>();
            long prev = series.openTime(0);
            for (int i = 1; i < size; i++) {
                long t = series.openTime(i);
                if (t == prev) {
                    drop[i] = true;
                    dups++;
                    if (firstDups.size() < SAMPLE) {
                        firstDups.add(t);
                    }
                    continue;
                }
                if (t - prev > intervalMs) {
                    gaps++;
                    missing += (t - prev) / intervalMs - 1;
                    if (firstGaps.size() < SAMPLE) {
                        firstGaps.add(t);
                    }
                }
                prev = t;
            }
            if (dups > 0) {
                series.removeAll(drop);
            }
            DataReport report = new DataReport(symbol, fileCount, rows, series.size(), dups, List.copyOf(firstDups),
                    gaps, missing, List.copyOf(firstGaps), headers, micros);
            return new Result(series, report);
        }

        /** A plain non-negative decimal integer, or Long.MIN_VALUE. */
        private static long parseLongOrMin(String s, int from, int to) {
            if (from >= to || to - from > 18) {
                return Long.MIN_VALUE;
            }
            long v = 0;
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return Long.MIN_VALUE;
                }
                v = v * 10 + (c - '0');
            }
            return v;
        }

        private static String abbreviate(String s) {
            return s.length() > 120 ? s.substring(0, 117) + "..." : s;
        }
    }
}
