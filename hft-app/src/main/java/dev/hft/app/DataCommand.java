package dev.hft.app;

import dev.hft.binance.PublicData;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hft data}: market data housekeeping. */
@Command(name = "data", description = "Market data: download Binance public kline files.",
        subcommands = {DataCommand.Download.class})
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
}
