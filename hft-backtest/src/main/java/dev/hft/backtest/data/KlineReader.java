package dev.hft.backtest.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import dev.hft.core.Checksum;
import dev.hft.core.Fixed;

/**
 * Reads Binance public-data kline files: a {@code .zip} (holding one or more CSVs), a {@code .csv}, or a
 * directory of them (searched recursively, any order on disk). 12 columns, no header (a header line is
 * tolerated): {@code open_time, open, high, low, close, volume, close_time, quote_volume, trades,
 * taker_buy_base_volume, taker_buy_quote_volume, ignore}.
 *
 * <p>Times are milliseconds until 2024 and microseconds in spot files from 2025-01-01 on; the unit is detected
 * per row (a value above 10^14 is µs), so a directory may mix both; a time before 1973 is taken for seconds and
 * refused. Rows are put in time order; identical duplicates (same open time, same values: overlapping downloads)
 * are dropped and reported, conflicting ones fail the load, naming both files; gaps are reported and never
 * filled. Line ends may be LF, CRLF or CR; a UTF-8 byte-order mark is skipped. A file with a {@code .CHECKSUM}
 * beside it (as {@code hft data download} leaves) must match it. A zip entry may expand to at most
 * {@link #MAX_ENTRY_BYTES}. A malformed row fails the whole load with {@code file:line}, the field and the
 * value: a backtest never runs on data that failed to parse.
 */
public final class KlineReader {
    /** Above this an epoch timestamp is in microseconds (10^14 µs is 1973; 10^14 ms is year 5138). */
    static final long MICROS_THRESHOLD = 100_000_000_000_000L;
    /** Below this an epoch timestamp in ms is before 1973-03-03: no exchange data; such a value is in seconds. */
    static final long SECONDS_THRESHOLD = 100_000_000_000L;
    /**
     * Most bytes one zip entry may expand to (a month of 1s klines is about 400 MB); a larger one is refused
     * before it can exhaust the heap (a zip bomb).
     */
    public static final long MAX_ENTRY_BYTES = 1L << 30;
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
        return read(path, symbol, cache, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * As {@link #read(Path, String, KlineCache)}, for bars opening in {@code [fromMs, toMs)} only. The range applies
     * before validation: a file whose Binance name dates it outside the range is not read, and a row opening
     * outside it is skipped once its open time is read, so an irregular or damaged row the run does not cover
     * cannot stop it. Rows inside the range are validated as always.
     */
    public static Result read(Path path, String symbol, KlineCache cache, long fromMs, long toMs) {
        if (!Files.exists(path)) {
            throw new DataException("data path not found: " + path);
        }
        List<Path> all = list(path);
        if (all.isEmpty()) {
            throw new DataException("no .zip or .csv kline files in " + path);
        }
        List<Path> files = new ArrayList<>();
        for (Path f : all) {
            long[] span = nameSpan(f);
            if (span == null || (span[1] > fromMs && span[0] < toMs)) {
                files.add(f);
            }
        }
        int outside = all.size() - files.size();
        if (files.isEmpty()) {
            throw new DataException("no kline file in " + path + " covers the dates asked for (" + all.size()
                    + " files, all outside)");
        }
        // files are independent: parse them in parallel, then merge them strictly in sorted file order, so the
        // result and the error reported (the first bad file in order) do not depend on the scheduling
        List<Object> parts = files.parallelStream().map(f -> {
            try {
                Loader one = new Loader(symbol, cache, fromMs, toMs);
                one.readFile(f);
                return (Object) one;
            } catch (DataException e) {
                return e;
            }
        }).toList();
        Loader loader = new Loader(symbol, cache, fromMs, toMs);
        int total = 0;
        for (Object part : parts) {
            if (part instanceof Loader l && l.series != null) {
                total += l.series.size();
            }
        }
        loader.expect(total);
        for (int i = 0; i < files.size(); i++) {
            Object part = parts.get(i);
            if (part instanceof DataException e) {
                throw e;
            }
            loader.absorb((Loader) part, files.get(i));
        }
        return loader.finish(files.size(), outside, path);
    }

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile(
            "^[A-Za-z0-9]+-([0-9]+[smhdw]|1mo)-([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?\\.(?i:zip|csv)$");

    /**
     * The days a Binance public-data file covers by its name ({@code BTCUSDT-1m-2024-01-01.zip}: that day;
     * {@code BTCUSDT-1m-2024-01.zip}: that month) as {@code [startMs, endMs)}, or null for other names.
     */
    static long[] nameSpan(Path file) {
        java.util.regex.Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            return null;
        }
        try {
            java.time.LocalDate first = java.time.LocalDate.of(Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), m.group(4) == null ? 1 : Integer.parseInt(m.group(4)));
            java.time.LocalDate end = m.group(4) == null ? first.plusMonths(1) : first.plusDays(1);
            return new long[] {first.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli(),
                end.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli()};
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** The bar interval a Binance file name states ({@code -1m-}, {@code -4h-}), in ms; 0 when it states none. */
    static long nameIntervalMs(Path file) {
        java.util.regex.Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches() || m.group(1).equals("1mo")) {
            return 0;
        }
        String iv = m.group(1);
        long n = Long.parseLong(iv.substring(0, iv.length() - 1));
        return n * switch (iv.charAt(iv.length() - 1)) {
            case 's' -> 1_000L;
            case 'm' -> 60_000L;
            case 'h' -> 3_600_000L;
            case 'd' -> 86_400_000L;
            default -> 7 * 86_400_000L;
        };
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

    /** An ASCII line inside a byte array, seen as characters without copying. */
    private static final class AsciiView implements CharSequence {
        private final byte[] bytes;
        private int from;
        private int to;

        AsciiView(byte[] bytes) {
            this.bytes = bytes;
        }

        void set(int from, int to) {
            this.from = from;
            this.to = to;
        }

        boolean isBlank() {
            for (int i = from; i < to; i++) {
                if (bytes[i] > ' ') {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int length() {
            return to - from;
        }

        @Override
        public char charAt(int index) {
            return (char) (bytes[from + index] & 0xff);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new String(bytes, from + start, end - start, StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        }
    }

    private record Span(Path file, long first, long last) {
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
        /** The time span of each absorbed file, to name the files behind a conflicting duplicate. */
        private final List<Span> spans = new ArrayList<>();
        private final long fromMs;
        private final long toMs;
        /** Rows skipped (or, for whole files, not read) because they open outside [fromMs, toMs). */
        private long outsideRows;
        /** Bars shorter than the interval (a trading halt's candle), accepted; their open times, first few. */
        private int shortBars;
        private final List<Long> firstShort = new ArrayList<>();
        /** Decimal fields with float noise beyond 8 places (37665.100000000006), rounded to 8. */
        private long rounded;
        /** The interval the file's name states, 0 when it states none. */
        private long nameInterval;

        Loader(String symbol, KlineCache cache, long fromMs, long toMs) {
            this.symbol = symbol;
            this.cache = cache;
            this.fromMs = fromMs;
            this.toMs = toMs;
        }

        private int expected = 1 << 16;

        /** Sizes the merged series for {@code rows} rows up front (no regrowth while merging). */
        void expect(int rows) {
            expected = Math.max(16, rows);
        }

        /** Appends what another loader read from {@code file}, checking that the interval agrees. */
        void absorb(Loader part, Path file) {
            outsideRows += part.outsideRows;
            if (part.series == null) {
                return; // every row outside the dates asked for
            }
            if (series == null) {
                intervalMs = part.intervalMs;
                intervalSource = part.intervalSource;
                series = new BarSeries(symbol, intervalMs, expected);
            } else if (part.intervalMs != intervalMs) {
                throw new DataException(part.intervalSource + ": bar interval " + part.intervalMs + " ms differs from "
                        + intervalMs + " ms at " + intervalSource + " (one symbol, one interval)");
            }
            spans.add(new Span(file, part.series.openTime(0), part.series.openTime(part.series.size() - 1)));
            series.addAll(part.series);
            rows += part.rows;
            headers += part.headers;
            micros += part.micros;
            shortBars += part.shortBars;
            for (long t : part.firstShort) {
                if (firstShort.size() < SAMPLE) {
                    firstShort.add(t);
                }
            }
            rounded += part.rounded;
        }

        /**
         * Reads one file into this (fresh) loader, from the cache when it holds it; loaders of several files are
         * merged with {@link #absorb}, which checks that their intervals agree.
         */
        void readFile(Path file) {
            if (cache != null) {
                KlineCache.Entry e = cache.load(file);
                if (e != null) {
                    intervalMs = e.intervalMs();
                    intervalSource = file.toString();
                    series = new BarSeries(symbol, intervalMs, e.rows());
                    series.addColumns(e.columns(), e.rows());
                    rows = e.rows();
                    headers = e.headers();
                    micros = e.micros();
                    return;
                }
            }
            nameInterval = nameIntervalMs(file);
            parseFile(file);
            // only a file read whole and without warnings is cached: a cached file is taken as it is, and the
            // warnings (short bars, rounded values) must come back on every load
            if (cache != null && series != null && outsideRows == 0 && shortBars == 0 && rounded == 0) {
                cache.store(file, series, 0, series.size(), headers, micros);
            }
        }

        private void parseFile(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            try {
                Checksum.verify(file);
            } catch (NoSuchFileException e) {
                throw new DataException("data file not found: " + file, e);
            } catch (IOException e) {
                throw new DataException(e.getMessage(), e);
            }
            try {
                if (name.endsWith(".zip")) {
                    // the central directory gives each entry's size: one exact read, no buffer growing
                    try (ZipFile zip = new ZipFile(file.toFile())) {
                        boolean any = false;
                        for (java.util.Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                            ZipEntry e = en.nextElement();
                            if (!e.isDirectory() && e.getName().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                                any = true;
                                try (InputStream in = zip.getInputStream(e)) {
                                    readCsv(entryBytes(in, e.getSize(), file + "!" + e.getName()),
                                            file + "!" + e.getName());
                                }
                            }
                        }
                        if (!any) {
                            throw new DataException(file + ": zip holds no .csv file");
                        }
                    } catch (java.util.zip.ZipException e) {
                        throw new DataException(file + ": not a readable zip: " + e.getMessage(), e);
                    }
                } else {
                    readCsv(Files.readAllBytes(file), file.toString());
                }
            } catch (NoSuchFileException e) {
                throw new DataException("data file not found: " + file, e);
            } catch (IOException e) {
                throw new DataException(file + ": cannot read: " + e.getMessage(), e);
            }
        }

        /**
         * An entry's bytes: one exact read when its declared size is believable, never more than
         * {@link #MAX_ENTRY_BYTES} (the declared size comes from the archive and may lie either way).
         */
        private static byte[] entryBytes(InputStream in, long declared, String where) throws IOException {
            if (declared > MAX_ENTRY_BYTES) {
                throw new DataException(where + ": expands to " + declared + " bytes, more than the "
                        + MAX_ENTRY_BYTES + " a kline file may hold (a damaged or hostile zip?)");
            }
            byte[] b = in.readNBytes(declared >= 0 ? (int) declared : (int) MAX_ENTRY_BYTES + 1);
            if (b.length > MAX_ENTRY_BYTES || (declared >= 0 && in.read() >= 0)) {
                throw new DataException(where + ": expands beyond " + (declared >= 0 ? "its declared " + declared
                        : "the " + MAX_ENTRY_BYTES) + " bytes (a damaged or hostile zip?)");
            }
            return b;
        }

        private void readCsv(byte[] b, String where) {
            // the whole (decompressed) file as bytes, parsed through one reusable view: no String per row
            AsciiView line = new AsciiView(b);
            int lineNo = 0;
            long before = rows;
            // a UTF-8 byte-order mark (spreadsheet exports) is not part of the first row
            int pos = b.length >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF ? 3 : 0;
            while (pos < b.length) {
                int end = pos;
                while (end < b.length && b[end] != '\n' && b[end] != '\r') {
                    end++;
                }
                line.set(pos, end);
                // LF, CRLF or a lone CR (old Mac exports) each end one line
                pos = end + (end + 1 < b.length && b[end] == '\r' && b[end + 1] == '\n' ? 2 : 1);
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                if (lineNo == 1 && !Character.isDigit(line.charAt(0)) && line.charAt(0) != '-') {
                    headers++; // e.g. futures files: open_time,open,high,...
                    continue;
                }
                if (outside(b, line.from, line.to)) {
                    outsideRows++;
                    continue;
                }
                parseRow(line, where, lineNo, b, line.from, line.to);
            }
            if (rows == before && outsideRows == 0) {
                throw new DataException(where + ": no data rows (empty file)");
            }
        }

        /** Whether a row opens outside the dates asked for, judged by its open time alone (unreadable: false). */
        private boolean outside(byte[] b, int from, int to) {
            if (fromMs == Long.MIN_VALUE && toMs == Long.MAX_VALUE) {
                return false;
            }
            long t = 0;
            int p = from;
            while (p < to && b[p] >= '0' && b[p] <= '9' && p - from < 18) {
                t = t * 10 + (b[p] - '0');
                p++;
            }
            if (p == from || p >= to || b[p] != ',') {
                return false; // the row's own check will say what is wrong with it
            }
            long ms = t > MICROS_THRESHOLD ? t / 1000 : t;
            return ms < fromMs || ms >= toMs;
        }

        private void parseRow(CharSequence line, String where, int lineNo, byte[] b, int from, int to) {
            int n = 12;
            if (!fastFields(b, from, to)) { // anything unusual: the general parser, with its exact error messages
                n = 0;
                int start = 0;
                int len = line.length();
                for (int i = 0; i <= len && n < 12; i++) {
                    if (i == len || line.charAt(i) == ',') {
                        f[n] = field(line, start, i, n, where, lineNo);
                        n++;
                        start = i + 1;
                    }
                }
            }
            if (n < 11) {
                throw new DataException(where + ":" + lineNo + ": expected 12 comma-separated fields, found " + n
                        + ": '" + abbreviate(line.toString()) + "'");
            }
            long openTime = f[0];
            long closeTime = f[6];
            if (openTime < SECONDS_THRESHOLD) {
                throw new DataException(where + ":" + lineNo + ": field 'open_time' (" + f[0] + ") is before 1973 in"
                        + " milliseconds: times in seconds? Binance kline files use milliseconds (microseconds in"
                        + " spot files from 2025)");
            }
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
                intervalMs = nameInterval > 0 ? nameInterval : interval;
                intervalSource = nameInterval > 0 ? where + " (its name)" : where + ":" + lineNo;
                series = new BarSeries(symbol, intervalMs, 2048); // a daily file holds 1,440 one-minute rows
            }
            if (interval != intervalMs) {
                boolean aligned = intervalMs > 86_400_000L || openTime % intervalMs == 0;
                if (interval < intervalMs && aligned) {
                    // a real venue irregularity: a trading halt closes the candle early (BTCUSDT 2023-03-24
                    // 12:39 UTC lasted 41,647 ms). Kept as a bar of the series, and reported
                    shortBars++;
                    if (firstShort.size() < SAMPLE) {
                        firstShort.add(openTime);
                    }
                } else {
                    throw new DataException(where + ":" + lineNo + ": bar interval " + interval + " ms differs from "
                            + intervalMs + " ms at " + intervalSource + " (one symbol, one interval)");
                }
            }
            long o = f[1];
            long h = f[2];
            long l = f[3];
            long c = f[4];
            if (o <= 0 || h <= 0 || l <= 0 || c <= 0) {
                throw new DataException(where + ":" + lineNo + ": prices must be positive: '"
                        + abbreviate(line.toString()) + "'");
            }
            if (h < l || h < o || h < c || l > o || l > c) {
                throw new DataException(where + ":" + lineNo
                        + ": inconsistent OHLC (high must be >= open, close, low; low <= open, close): '"
                        + abbreviate(line.toString()) + "'");
            }
            for (int k : new int[] {5, 7, 9, 10}) {
                if (f[k] < 0) {
                    throw new DataException(where + ":" + lineNo + ": field '" + FIELDS[k] + "' (column " + (k + 1)
                            + ") is negative: " + Fixed.format(f[k]));
                }
            }
            if (f[9] > f[5]) {
                throw new DataException(where + ":" + lineNo + ": field 'taker_buy_base_volume' (" + Fixed.format(f[9])
                        + ") exceeds the bar's volume (" + Fixed.format(f[5]) + ")");
            }
            series.add(openTime, o, h, l, c, f[5], f[7], f[8], f[9]);
            rows++;
        }

        /**
         * The common row, parsed straight from the bytes in one pass: eleven fields of plain digits (integers for
         * the times and trade count, decimals of at most 8 places for prices and volumes), then the ignored
         * column or the end. Anything else (signs, exponents, spaces, more decimals, long numbers) returns false
         * and the row goes to the general parser, which gives the same values for what both accept.
         */
        private boolean fastFields(byte[] b, int from, int to) {
            int p = from;
            for (int n = 0; n < 11; n++) {
                boolean integer = n == 0 || n == 6 || n == 8;
                long v = 0;
                int digits = 0;
                while (p < to && b[p] >= '0' && b[p] <= '9') {
                    v = v * 10 + (b[p] - '0');
                    p++;
                    digits++;
                }
                if (digits == 0 || digits > (integer ? 18 : 10)) {
                    return false;
                }
                if (!integer) {
                    long frac = 0;
                    int places = 0;
                    if (p < to && b[p] == '.') {
                        p++;
                        while (p < to && b[p] >= '0' && b[p] <= '9') {
                            if (places == 8) {
                                return false;
                            }
                            frac = frac * 10 + (b[p] - '0');
                            places++;
                            p++;
                        }
                    }
                    for (int k = places; k < 8; k++) {
                        frac *= 10;
                    }
                    v = v * Fixed.ONE + frac;
                }
                f[n] = v;
                if (n < 10 ? p >= to || b[p] != ',' : p < to && b[p] != ',') {
                    return false;
                }
                p++;
            }
            f[11] = 0;
            return true;
        }

        private long field(CharSequence line, int from, int to, int index, String where, int lineNo) {
            if (index == 11) {
                return 0; // "ignore" column
            }
            boolean integer = index == 0 || index == 6 || index == 8;
            long v = integer ? parseLongOrMin(line, from, to) : Fixed.parseOrMin(line, from, to);
            if (v == Long.MIN_VALUE && !integer) {
                String text = line.subSequence(from, to).toString();
                long r = floatArtifact(text);
                if (r != Long.MIN_VALUE) {
                    rounded++;
                    return r;
                }
                if (decimals(text) > Fixed.DECIMALS) {
                    throw new DataException(where + ":" + lineNo + ": field '" + FIELDS[index] + "' (column "
                            + (index + 1) + ") has more than " + Fixed.DECIMALS + " decimals: '" + abbreviate(text)
                            + "' (prices and quantities are exact to 8 decimals, Binance's precision)");
                }
            }
            if (v == Long.MIN_VALUE || (integer && v < 0)) {
                throw new DataException(where + ":" + lineNo + ": field '" + FIELDS[index] + "' (column "
                        + (index + 1) + ") is not " + (integer ? "a non-negative integer" : "a number") + ": '"
                        + abbreviate(line.subSequence(from, to).toString()) + "'");
            }
            return v;
        }

        Result finish(int fileCount, int filesOutside, Path path) {
            if (series == null || series.size() == 0) {
                throw new DataException("no data rows in " + path + (fromMs != Long.MIN_VALUE || toMs != Long.MAX_VALUE
                        ? " between the dates asked for" : ""));
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
            int kept = 0;
            for (int i = 1; i < size; i++) {
                long t = series.openTime(i);
                if (t == prev) {
                    if (!sameBar(kept, i)) {
                        throw new DataException("conflicting rows for open time " + java.time.Instant.ofEpochMilli(t)
                                + " (" + t + "): close " + Fixed.format(series.close(kept)) + " volume "
                                + Fixed.format(series.volume(kept)) + " against close "
                                + Fixed.format(series.close(i)) + " volume " + Fixed.format(series.volume(i))
                                + ", in " + filesHolding(t) + "; remove the wrong file");
                    }
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
                kept = i;
            }
            if (dups > 0) {
                series.removeAll(drop);
            }
            DataReport report = new DataReport(symbol, fileCount, rows, series.size(), dups, List.copyOf(firstDups),
                    gaps, missing, List.copyOf(firstGaps), headers, micros, shortBars, List.copyOf(firstShort),
                    rounded, filesOutside, outsideRows);
            return new Result(series, report);
        }

        private boolean sameBar(int a, int b) {
            BarSeries s = series;
            return s.open(a) == s.open(b) && s.high(a) == s.high(b) && s.low(a) == s.low(b)
                    && s.close(a) == s.close(b) && s.volume(a) == s.volume(b) && s.quoteVolume(a) == s.quoteVolume(b)
                    && s.trades(a) == s.trades(b) && s.takerBuyVolume(a) == s.takerBuyVolume(b);
        }

        private String filesHolding(long t) {
            List<String> names = new ArrayList<>();
            for (Span sp : spans) {
                if (sp.first() <= t && t <= sp.last()) {
                    names.add(sp.file().toString());
                }
            }
            return names.isEmpty() ? "one file" : String.join(" and ", names);
        }

        /**
         * A decimal with more than 8 places that is a binary floating-point artifact of an 8-place value (a file
         * written from doubles: {@code 37665.100000000006}), rounded to 8 places; else Long.MIN_VALUE. An artifact
         * lies within 4 ulps of the double nearest its 8-place rounding; a real ninth decimal lies far beyond.
         */
        static long floatArtifact(String text) {
            java.math.BigDecimal d;
            try {
                d = new java.math.BigDecimal(text);
            } catch (NumberFormatException e) {
                return Long.MIN_VALUE;
            }
            if (d.scale() <= Fixed.DECIMALS) {
                return Long.MIN_VALUE;
            }
            java.math.BigDecimal eight = d.setScale(Fixed.DECIMALS, java.math.RoundingMode.HALF_EVEN);
            double x = d.doubleValue();
            if (Math.abs(x - eight.doubleValue()) > 4 * Math.ulp(x)) {
                return Long.MIN_VALUE;
            }
            try {
                return eight.movePointRight(Fixed.DECIMALS).longValueExact();
            } catch (ArithmeticException e) {
                return Long.MIN_VALUE;
            }
        }

        private static int decimals(String text) {
            int dot = text.indexOf('.');
            return dot < 0 ? 0 : text.length() - dot - 1;
        }

        /** A plain non-negative decimal integer, or Long.MIN_VALUE. */
        private static long parseLongOrMin(CharSequence s, int from, int to) {
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
