package dev.hft.app;

import dev.hft.backtest.RunSpec;
import dev.hft.backtest.report.Metrics;
import dev.hft.node.DurableSession;
import dev.hft.node.JournaledVenue;
import dev.hft.binance.http.BinanceRest;
import dev.hft.binance.http.RateLimits;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hft paper}: the engine on live Binance klines (public streams, no keys), filling against the simulated
 * exchange, with the journal on and the reports of a backtest rewritten as it runs.
 *
 * <p>Start-up, threads and stop: {@link TradingNode}; this command brings its options and the simulated venue.
 */
@Command(name = "paper", sortOptions = false,
        description = {"Paper trading: live Binance klines, simulated fills, journal on, reports updated as it runs. "
            + "Run it again with the same --out to recover and go on."})
final class PaperCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    SessionOptions session = new SessionOptions();

    @Option(names = "--slippage-bps", paramLabel = "N", description = "Slippage per market fill in bps (default 2).")
    double slippageBps = 2;

    @Option(names = "--stream-url", paramLabel = "URL", description = "Market streams (default "
            + "wss://stream.binance.com:9443).")
    URI streamUrl = URI.create("wss://stream.binance.com:9443");

    @Option(names = "--rest-url", paramLabel = "URL", description = "REST for warm-up and gap backfill (default "
            + "https://data-api.binance.vision, public market data).")
    URI restUrl = URI.create("https://data-api.binance.vision");

    /** Binance's public USD-M market streams (liquidations), no key needed. */
    static final URI PUBLIC_FUTURES_STREAMS = URI.create("wss://fstream.binance.com/market");

    @Option(names = "--report-every", paramLabel = "N", description = "Rewrite the reports every N bars (default 1).")
    int reportEvery = 1;

    @Option(names = "--out", paramLabel = "DIR", description = "Session directory (default runs/paper-<run-id>); an "
            + "existing one is recovered.")
    Path out;

    @Option(names = "--replay", paramLabel = "PATH", description = "Replay kline data instead of Binance's streams: "
            + "a file or directory per symbol (as backtest's --data), or 'synthetic' for the built-in generator; "
            + "repeatable. A local venue streams the bars at --speed through the same session, with no network "
            + "(demos, firewalls, tests).")
    List<String> replay = new ArrayList<>();

    @Option(names = "--speed", paramLabel = "X", description = "--replay: bar intervals per interval of wall time "
            + "(default 60: a 1-minute bar a second).")
    double speed = 60;

    @Option(names = "--replay-days", paramLabel = "N", description = "--replay synthetic: days of generated bars "
            + "(default 1).")
    int replayDays = 1;

    @Option(names = "--replay-from", paramLabel = "DATE", description = "--replay: first day to replay, e.g. "
            + "2024-01-15 (UTC; default: the data's first).")
    String replayFrom;

    @Option(names = "--replay-to", paramLabel = "DATE", description = "--replay: last day to replay, inclusive "
            + "(default: the data's last).")
    String replayTo;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = SessionLog.tee(spec.commandLine().getOut());
        AppConfig cfg = AppConfig.load(session.config);
        boolean streamClock = session.streamClock(); // a bad --clock stops here, before anything is opened
        if (replay.isEmpty() && (replayFrom != null || replayTo != null)) {
            throw new UserError("--replay-from and --replay-to apply to --replay");
        }
        ReplayData replayData = replay.isEmpty() ? null : ReplayData.load(replay, session, cfg, replayDays)
                .between(replayFrom == null ? null : Dates.parse("--replay-from", replayFrom),
                        replayTo == null ? null : Dates.parse("--replay-to", replayTo));
        if (replayData != null) {
            streamClock = true; // the replay's clock, not the wall's
            session.quotes = false; // the local venue streams klines only
            session.tradesOption = false;
            session.liquidationsUrl = "off";
        }
        List<String> syms = session.symbols();
        List<Instrument> instruments = session.instruments(cfg);
        if (reportEvery < 1) {
            throw new UserError("--report-every must be at least 1, got " + reportEvery);
        }
        RunSpec bc = session.backtestConfig(cfg, slippageBps);
        String interval = session.interval;
        int warmup = session.warmupBars(bc);
        Path dir = out != null ? out : Path.of("runs", "paper-" + BacktestCommand.runId());
        boolean recovering = Files.isDirectory(dir.resolve("journal"));
        String runId = dir.toAbsolutePath().normalize().getFileName().toString(); // stable across restarts
        ReplayVenue venue = null;
        boolean defaultMaxBars = session.maxBars == 0;
        if (replayData != null) {
            if (replayData.intervalMs() != session.intervalMs()) {
                throw new UserError("--replay: the data's bars are "
                        + ReplayVenue.intervalName(replayData.intervalMs()) + ", not the session's --interval "
                        + interval);
            }
            int bars = replayData.series().get(0).size();
            if (warmup >= bars) {
                throw new UserError("--replay: " + bars + " bars are not enough for the strategy's warm-up of "
                        + warmup + " bars and any live bar");
            }
            // a recovered session resumes after its last bar (resumeAfter, once the journal is open)
            venue = ReplayVenue.start(replayData.series(), recovering ? 0 : warmup, speed);
            streamUrl = venue.streamUrl();
            restUrl = venue.restUrl();
            if (defaultMaxBars) {
                session.maxBars = venue.barsToReplay(); // stop when the data ends
            }
            stdout.printf(Locale.ROOT, "replay: %s, %s at %sx (one every %,.0f ms) from a local venue at %s%n",
                    replayData.label(), recovering ? "resuming after the session's last bar"
                    : String.format(Locale.ROOT, "%,d bar times to stream", venue.barsToReplay()), speed,
                    session.intervalMs() / speed, restUrl);
        }
        try (ReplayVenue closing = venue) {
            return run(stdout, cfg, streamClock, syms, instruments, bc, interval, warmup, dir, recovering, runId,
                    venue, defaultMaxBars);
        }
    }

    private Integer run(PrintWriter stdout, AppConfig cfg, boolean streamClock, List<String> syms,
                        List<Instrument> instruments, RunSpec bc, String interval, int warmup, Path dir,
                        boolean recovering, String runId, ReplayVenue replayVenue, boolean defaultMaxBars)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        BinanceRest rest = new BinanceRest(restUrl, BinanceRest.Market.SPOT, http, null, System::currentTimeMillis,
                Duration.ofSeconds(10), new RateLimits(6000));
        Files.createDirectories(dir);
        TradingNode.Mode<JournaledVenue> mode = new TradingNode.Mode<>() {
            @Override
            public String name() {
                return "paper";
            }

            @Override
            public DurableSession<JournaledVenue> open(Path at, long startMs) {
                try {
                    return DurableSession.open(at, bc, instruments, runId, session.snapshotEvery, startMs);
                } catch (IllegalArgumentException e) {
                    throw new UserError(at + ": " + e.getMessage(), e);
                }
            }

            @Override
            public void opened(DurableSession<JournaledVenue> paper) {
                if (replayVenue != null && recovering) {
                    long last = Long.MIN_VALUE;
                    for (int i = 0; i < instruments.size(); i++) {
                        last = Math.max(last, paper.venue().lastBarOpenMs(i));
                    }
                    int left = replayVenue.resumeAfter(last);
                    if (defaultMaxBars) {
                        session.maxBars = left;
                    }
                    stdout.printf(Locale.ROOT, "replay: resuming after the session's last bar, %,d bar times left%n",
                            left);
                }
            }

            @Override
            public long lastBarOpenMs(DurableSession<JournaledVenue> paper, int instrument) {
                long last = paper.venue().lastBarOpenMs(instrument);
                return last == Long.MIN_VALUE ? 0 : last;
            }
        };
        // warm-up history (a fresh session): the strategy's warm-up minus one bar, so the first live bar is the first
        // one it can act on (no trades on history)
        TradingNode.Finished done = new TradingNode(cfg, session, bc, instruments, stdout).run(mode, dir, recovering,
                new TradingNode.History(rest, restUrl, interval, warmup), paper -> String.format(Locale.ROOT,
                        "paper %s on %s (%s), session %s%s%nstreams %s, REST %s; fills simulated (fee %.1f bps, "
                        + "slippage %.1f bps); sanitizer latency limit %d ms", bc.strategy(), String.join(", ", syms),
                        interval, dir, recovering ? String.format(Locale.ROOT, " recovered after %,d bars",
                                paper.barsSeen()) : "", streamUrl, restUrl, session.feeBps, slippageBps,
                        bc.engine().sanitizer().maxLatencyMs()),
                reportEvery, streamClock, streamUrl, http, new StreamRunner.Extras(session.quotes,
                        session.trades(true), session.liquidations(PUBLIC_FUTURES_STREAMS)));
        Metrics m = Metrics.of(done.result());
        stdout.printf(Locale.ROOT, "stopped after %,d live bars: equity %s, %d trades, journal %s, reports %s%n",
                done.liveBars(), Fixed.format(done.result().finalCapital()), m.trades, dir.resolve("journal"),
                dir.resolve("report"));
        return Main.EXIT_OK;
    }
}
