package dev.hft.app;

import dev.hft.binance.http.BinanceRest;
import dev.hft.binance.data.PublicData;
import dev.hft.binance.http.RateLimits;
import dev.hft.core.Instrument;
import dev.hft.core.InstrumentTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hft data}: market data housekeeping. */
@Command(name = "data", description = "Market data: download Binance public kline files; fetch the instrument list.",
        subcommands = {DataCommand.Download.class, DataCommand.Instruments.class})
final class DataCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code hft data download}. */
    @Command(name = "download", sortOptions = false,
            description = {"Download Binance public-data daily kline zips (data.binance.vision) with their "
                + ".CHECKSUM files, verify SHA-256, skip files already present, resume interrupted downloads."})
    static final class Download implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--symbol", paramLabel = "SYM", required = true, description = "Symbol; repeatable.")
        List<String> symbols = new ArrayList<>();

        @Option(names = "--interval", paramLabel = "INT", description = "Kline interval (default 1m).")
        String interval = "1m";

        @Option(names = "--from", paramLabel = "DATE", required = true, description = "First day, UTC (YYYY-MM-DD).")
        String from;

        @Option(names = "--to", paramLabel = "DATE", description = "Last day, UTC, inclusive (default: --from).")
        String to;

        @Option(names = "--market", paramLabel = "M", description = "spot (default) or futures (USD-M).")
        String market = "spot";

        @Option(names = "--out", paramLabel = "DIR",
                description = "Root directory (default data/binance); files go to "
                        + "<out>/<market>/klines/<interval>/<SYM>/.")
        Path out = Path.of("data", "binance");

        @Option(names = "--base-url", paramLabel = "URL", description = "Server (default https://data.binance.vision).")
        URI baseUrl = PublicData.DEFAULT_BASE;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter stdout = spec.commandLine().getOut();
            LocalDate f = Dates.parse("--from", from);
            LocalDate t = to == null ? f : Dates.parse("--to", to);
            PublicData.Market m = PublicData.Market.parse(market);
            if (baseUrl.getScheme() == null || !baseUrl.getScheme().startsWith("http")) {
                throw new UserError("--base-url must be an http(s) URL, got '" + baseUrl + "'");
            }
            // a silent server is given up on within about 95 s per file: 3 attempts of at most 30 s, 1 s and 2 s apart
            PublicData pd = new PublicData(baseUrl, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NORMAL).build(), Duration.ofSeconds(30), 3,
                    Duration.ofSeconds(1));
            int failed = 0;
            int unavailable = 0;
            for (String sym : symbols) {
                String s = sym.toUpperCase(Locale.ROOT);
                try {
                    PublicData.Result r = pd.download(m, s, interval, f, t, out,
                            (name, outcome) -> stdout.println("  " + name + ": " + outcome));
                    stdout.printf(Locale.ROOT, "%s: %d downloaded (%d resumed), %d already present, %d not published%s"
                            + ", %,d bytes -> %s%n", s, r.downloaded(), r.resumed(), r.skipped(), r.missing().size(),
                            r.missing().isEmpty() ? "" : " " + r.missing(), r.bytes(), r.directory());
                } catch (PublicData.Unavailable e) {
                    unavailable++;
                    spec.commandLine().getErr().println("error: " + s + ": " + e.getMessage()
                            + " (a temporary outage: try again later)");
                } catch (IOException e) {
                    failed++;
                    spec.commandLine().getErr().println("error: " + s + ": " + e.getMessage());
                }
                stdout.flush();
            }
            return failed > 0 ? Main.EXIT_INTERNAL : unavailable > 0 ? Main.EXIT_UNAVAILABLE : Main.EXIT_OK;
        }
    }

    /** Where {@code hft data instruments} writes, and where backtests look for instruments beyond the built-in four. */
    static final Path INSTRUMENTS_FILE = Path.of("data", "binance", "instruments.csv");

    /** {@code hft data instruments}. */
    @Command(name = "instruments", sortOptions = false,
            description = {"Fetch every instrument Binance trades with its rules (tick, step, minimum quantity and "
                + "notional) from exchangeInfo, spot and USD-M perpetuals, into a local file that backtests read "
                + "(spot first; a symbol only USD-M lists comes from there)."})
    static final class Instruments implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--market", paramLabel = "M", description = "spot, futures or both (default both).")
        String market = "both";

        @Option(names = "--out", paramLabel = "FILE", description = "Where to write (default "
                + "data/binance/instruments.csv, where backtests look).")
        Path out = INSTRUMENTS_FILE;

        @Option(names = "--spot-url", paramLabel = "URL", description = "Spot REST (default https://api.binance.com).")
        URI spotUrl = URI.create("https://api.binance.com");

        @Option(names = "--futures-url", paramLabel = "URL",
                description = "USD-M REST (default https://fapi.binance.com).")
        URI futuresUrl = URI.create("https://fapi.binance.com");

        @Override
        public Integer call() throws IOException {
            PrintWriter stdout = spec.commandLine().getOut();
            boolean spot = market.equals("both") || market.equals("spot");
            boolean futures = market.equals("both") || market.equals("futures");
            if (!spot && !futures) {
                throw new UserError("--market must be spot, futures or both, got '" + market + "'");
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            Map<String, Instrument> all = new TreeMap<>();
            int spotCount = 0;
            int futuresOnly = 0;
            if (spot) {
                for (Instrument i : rest(spotUrl, BinanceRest.Market.SPOT, http)
                        .allInstruments()) {
                    all.put(i.symbol(), i);
                    spotCount++;
                }
            }
            if (futures) {
                for (Instrument i : rest(futuresUrl, BinanceRest.Market.USDM, http)
                        .allInstruments()) {
                    if (all.putIfAbsent(i.symbol(), i) == null) {
                        futuresOnly++;
                    }
                }
            }
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = parent.resolve(out.getFileName() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                InstrumentTable.write(w, all.values(), List.of(
                        "Binance instruments fetched by 'hft data instruments' on " + Instant.now(),
                        "Source: GET " + (spot ? spotUrl + "/api/v3/exchangeInfo (status TRADING)" : "")
                                + (spot && futures ? " and " : "")
                                + (futures ? futuresUrl + "/fapi/v1/exchangeInfo (perpetuals, status TRADING)" : ""),
                        "Filters: PRICE_FILTER.tickSize, LOT_SIZE.stepSize, LOT_SIZE.minQty, (MIN_)NOTIONAL."));
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            stdout.printf(Locale.ROOT, "%,d instruments (%,d spot, %,d only on USD-M) -> %s%n", all.size(), spotCount,
                    futuresOnly, out);
            return Main.EXIT_OK;
        }

        private static BinanceRest rest(URI base, BinanceRest.Market m,
                                                        HttpClient http) {
            return new BinanceRest(base, m, http, null, System::currentTimeMillis,
                    Duration.ofSeconds(30), new RateLimits(6000));
        }
    }
}
