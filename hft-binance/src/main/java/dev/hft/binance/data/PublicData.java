package dev.hft.binance.data;

import dev.hft.binance.VenueException;
import dev.hft.core.Checksum;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Downloads Binance public-data kline files (data.binance.vision): one daily zip per day with its
 * {@code .CHECKSUM} file (SHA-256), verified before the zip takes its final name. A file already present with a
 * matching checksum is skipped; an interrupted download resumes from its {@code .part} file with an HTTP range
 * request; a day Binance has not published is reported, not invented. The base URL is configuration, so the
 * same code runs against a mirror or a local test server.
 */
public final class PublicData {
    public static final URI DEFAULT_BASE = URI.create("https://data.binance.vision");
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{2,20}");
    private static final Pattern INTERVAL = Pattern.compile("1s|1m|3m|5m|15m|30m|1h|2h|4h|6h|8h|12h|1d");

    /** Spot or USD-M futures: their path on the server and the local directory name. */
    public enum Market {
        SPOT("spot", "spot"),
        FUTURES("futures/um", "futures-um");

        private final String remote;
        private final String local;

        Market(String remote, String local) {
            this.remote = remote;
            this.local = local;
        }

        public static Market parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "spot" -> SPOT;
                case "futures", "futures-um", "um" -> FUTURES;
                default -> throw new IllegalArgumentException("market must be spot or futures, got '" + s + "'");
            };
        }
    }

    /** The server could not be reached or kept failing (network, 5XX, 429) after every attempt: try again later. */
    public static final class Unavailable extends IOException {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** What a download did. */
    public record Result(Path directory, int downloaded, int skipped, int resumed, List<LocalDate> missing,
                         long bytes) {
    }

    /** Told about each file as it is handled. */
    public interface Listener {
        void onFile(String name, String outcome);
    }

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;
    private final int attempts;
    private final Duration backoff;

    /**
     * @param base     server root (e.g. https://data.binance.vision)
     * @param http     the client
     * @param timeout  per request
     * @param attempts tries per file on a network error or 5xx (each resumes the partial file)
     * @param backoff  wait before the second try, doubled after each (zero in tests)
     */
    public PublicData(URI base, HttpClient http, Duration timeout, int attempts, Duration backoff) {
        this.base = base;
        this.http = http;
        this.timeout = timeout;
        this.attempts = Math.max(1, attempts);
        this.backoff = backoff;
    }

    /** Where the files of a symbol and interval go under {@code root}. */
    public static Path directory(Path root, Market market, String symbol, String interval) {
        return root.resolve(market.local).resolve("klines").resolve(interval).resolve(symbol);
    }

    /** Downloads the daily files of {@code [from, to]} into {@link #directory}. */
    public Result download(Market market, String symbol, String interval, LocalDate from, LocalDate to, Path root,
                           Listener listener) throws IOException, InterruptedException {
        if (!SYMBOL.matcher(symbol).matches()) {
            throw new IllegalArgumentException("symbol must be upper-case letters and digits, got '" + symbol + "'");
        }
        if (!INTERVAL.matcher(interval).matches()) {
            throw new IllegalArgumentException("interval must be one of " + INTERVAL.pattern().replace('|', ' ')
                    + ", got '" + interval + "'");
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to (" + to + ") is before --from (" + from + ")");
        }
        Path dir = directory(root, market, symbol, interval); // created with the first file, not before
        int downloaded = 0;
        int skipped = 0;
        int resumed = 0;
        long bytes = 0;
        List<LocalDate> missing = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            String name = symbol + "-" + interval + "-" + d + ".zip";
            Path zip = dir.resolve(name);
            Path sum = dir.resolve(name + ".CHECKSUM");
            if (Files.exists(zip) && Files.exists(sum) && sha256(zip).equalsIgnoreCase(expected(sum, name))) {
                skipped++;
                listener.onFile(name, "present, checksum ok");
                continue;
            }
            String remote = "data/" + market.remote + "/daily/klines/" + symbol + "/" + interval + "/" + name;
            HttpResponse<String> cs = send(HttpRequest.newBuilder(base.resolve("/" + remote + ".CHECKSUM"))
                    .timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII));
            if (cs.statusCode() == 404) {
                missing.add(d);
                listener.onFile(name, "not published");
                continue;
            }
            if (cs.statusCode() >= 500 || cs.statusCode() == 429) {
                throw new Unavailable(base.resolve("/" + remote) + ".CHECKSUM: HTTP " + cs.statusCode(), null);
            }
            if (cs.statusCode() != 200) {
                throw new IOException(base.resolve("/" + remote) + ".CHECKSUM: HTTP " + cs.statusCode()
                        + (cs.statusCode() == 451 ? " (the server serves no clients from this location)" : ""));
            }
            String want = parseChecksum(cs.body(), name, remote + ".CHECKSUM");
            Files.createDirectories(dir);
            Path part = dir.resolve(name + ".part");
            boolean wasPartial = Files.exists(part) && Files.size(part) > 0;
            fetch(base.resolve("/" + remote), part, remote);
            String got = sha256(part);
            if (!got.equalsIgnoreCase(want)) {
                Files.delete(part);
                throw new IOException(remote + ": SHA-256 " + got + " does not match the published " + want
                        + "; the partial file was removed, run again to download it afresh");
            }
            bytes += Files.size(part);
            Path sumTmp = dir.resolve(name + ".CHECKSUM.tmp");
            Files.writeString(sumTmp, want.toLowerCase(Locale.ROOT) + "  " + name + "\n", StandardCharsets.US_ASCII);
            move(sumTmp, sum);
            move(part, zip);
            downloaded++;
            resumed += wasPartial ? 1 : 0;
            listener.onFile(name, wasPartial ? "resumed, checksum ok" : "downloaded, checksum ok");
        }
        return new Result(dir, downloaded, skipped, resumed, missing, bytes);
    }

    /** Downloads {@code remote} into {@code part}, resuming what is there; retries network errors and 5xx. */
    private void fetch(URI uri, Path part, String remote) throws IOException, InterruptedException {
        IOException last = null;
        Duration wait = backoff;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            long have = Files.exists(part) ? Files.size(part) : 0;
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).GET();
            if (have > 0) {
                b.header("Range", "bytes=" + have + "-");
            }
            try {
                HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
                int code = r.statusCode();
                try (InputStream in = r.body()) {
                    if (code == 416) {
                        Files.deleteIfExists(part); // our partial file is longer than the file: start again
                        last = new IOException(remote + ": range not satisfiable");
                        continue;
                    }
                    if (code >= 500) {
                        last = new IOException(remote + ": HTTP " + code);
                    } else if (code != 200 && code != 206) {
                        throw new IOException(remote + ": HTTP " + code);
                    } else {
                        boolean append = code == 206;
                        try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE,
                                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                            in.transferTo(out);
                        }
                        return;
                    }
                }
            } catch (IOException e) {
                last = new IOException(base.resolve("/" + remote) + ": " + VenueException.describe(e), e);
            }
            if (attempt < attempts && !wait.isZero()) {
                Thread.sleep(wait.toMillis());
                wait = wait.multipliedBy(2);
            }
        }
        throw new Unavailable(last.getMessage() + " (after " + attempts + " attempts; the partial file is kept "
                + "and the next run resumes it)", last);
    }

    private <T> HttpResponse<T> send(HttpRequest req, HttpResponse.BodyHandler<T> h)
            throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                HttpResponse<T> r = http.send(req, h);
                if (r.statusCode() < 500 || attempt == attempts) {
                    return r;
                }
            } catch (IOException e) {
                last = e;
            }
        }
        throw new Unavailable(req.uri() + ": " + (last == null ? "server error" : VenueException.describe(last))
                + " (after " + attempts + " attempts)", last);
    }

    /** The hex digest of a {@code .CHECKSUM} body ({@code <sha256>  <file name>}), checked against the name. */
    static String parseChecksum(String body, String name, String where) throws IOException {
        return Checksum.parse(body, name, where);
    }

    private static String expected(Path sum, String name) throws IOException {
        return Checksum.expected(sum, name);
    }

    public static String sha256(Path file) throws IOException {
        return Checksum.sha256(file);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
