package dev.hft.app;

import dev.hft.backtest.RunSpec;
import dev.hft.backtest.RunResult;
import dev.hft.backtest.report.Metrics;
import dev.hft.backtest.report.ReportWriter;
import dev.hft.backtest.session.DurableSession;
import dev.hft.backtest.session.SessionRecorder;
import dev.hft.binance.BinanceRest;
import dev.hft.binance.Kline;
import dev.hft.binance.MarketStream;
import dev.hft.binance.RateLimits;
import dev.hft.core.Bar;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.research.HtmlReport;
import dev.hft.research.ReportData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hft paper}: the engine on live Binance klines (public streams, no keys), filling against the simulated
 * exchange, with the journal on and the reports of a backtest rewritten as it runs.
 *
 * <p>Threads: see {@link StreamRunner}; after the stop the final reports are written and the journal closed.
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

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = SessionLog.tee(spec.commandLine().getOut());
        AppConfig cfg = AppConfig.load(session.config);
        boolean streamClock = session.streamClock(); // a bad --clock stops here, before anything is opened
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
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        BinanceRest rest = new BinanceRest(restUrl, BinanceRest.Market.SPOT, http, null, System::currentTimeMillis,
                Duration.ofSeconds(10), new RateLimits(6000));
        // warm-up history for a fresh session: the strategy's warm-up minus one bar, so the first live bar is the
        // first one it can act on (no trades on history)
        List<Bar> history = new ArrayList<>(recovering ? List.of()
                : history(rest, instruments, interval, warmup, restUrl));
        Files.createDirectories(dir);
        long startMs = history.isEmpty() ? System.currentTimeMillis() : history.get(0).openTimeMs;
        DurableSession paper;
        try {
            paper = DurableSession.open(dir, bc, instruments, runId, session.snapshotEvery, startMs);
        } catch (IllegalArgumentException e) {
            throw new UserError(dir + ": " + e.getMessage(), e);
        }
        SessionRecorder recorder = SessionRecorder.attach(paper.engine());
        StreamRunner runner = new StreamRunner();
        runner.streamClock(streamClock);
        SessionOps ops;
        try {
            ops = SessionOps.start(cfg, session, paper.engine(), "paper", dir, bc.strategy(), runner::toEngine,
                    paper.journal(), stdout);
        } catch (RuntimeException e) {
            paper.close();
            throw e;
        }
        runner.ops(ops);
        runner.extras(new dev.hft.binance.MarketExtras(System::currentTimeMillis), session.quotes,
                session.trades(true),
                session.liquidations(PUBLIC_FUTURES_STREAMS));
        long started = System.nanoTime();
        ReportLoop<RunResult> reports = reportLoop(dir, instruments, bc, "paper");
        stdout.printf(Locale.ROOT, "paper %s on %s (%s), session %s%s%n", bc.strategy(), String.join(", ", syms),
                interval,
                dir, recovering ? String.format(Locale.ROOT, " recovered after %,d bars", paper.barsSeen()) : "");
        stdout.printf(Locale.ROOT, "streams %s, REST %s; fills simulated (fee %.1f bps, slippage %.1f bps); sanitizer "
                + "latency limit %d ms%n", streamUrl, restUrl, session.feeBps, slippageBps,
                bc.engine().sanitizer().maxLatencyMs());
        if (recovering && paper.barsSeen() == 0) {
            // killed before any bar reached the disk (bars are made durable with the next order): warm up again
            history.addAll(history(rest, instruments, interval, warmup, restUrl));
        }
        for (Bar b : history) {
            paper.onBar(b);
            recorder.mark(b.closeTimeMs, paper.engine().equity());
        }
        if (!history.isEmpty()) {
            stdout.printf(Locale.ROOT, "warm-up: %d history bars fed%n", history.size());
        }
        ops.monitor.publish(System.currentTimeMillis());
        stdout.flush();
        try {
            runner.run(new StreamRunner.Engine() {
                @Override
                public void onBar(Bar bar) {
                    paper.onBar(bar);
                }

                @Override
                public void afterBar(Bar bar, long liveBars, boolean endOfBatch) {
                    recorder.mark(bar.closeTimeMs, paper.engine().equity());
                    if (liveBars % reportEvery == 0 && endOfBatch) { // snapshot here, written off this thread
                        reports.submit(recorder.result(paper.engine(), instruments, bc, System.nanoTime() - started));
                    }
                }

                @Override
                public long lastBarOpenMs(int instrument) {
                    long last = paper.venue().lastBarOpenMs(instrument);
                    return last == Long.MIN_VALUE ? 0 : last;
                }
            }, instruments, syms, interval, streamUrl, rest, http, session.maxBars, session.streamSilenceS, stdout,
                    null);
            paper.engine().stopStrategies(); // the ring is drained: the engine thread is done
            reports.close(); // the last background write finishes before the final one
            RunResult r = writeReports(dir, paper.engine(), recorder, instruments, bc, started, "paper");
            ops.close();
            paper.close();
            Metrics m = Metrics.of(r);
            stdout.printf(Locale.ROOT, "stopped after %,d live bars: equity %s, %d trades, journal %s, reports %s%n",
                    runner.liveBars(), Fixed.format(r.finalCapital()), m.trades, dir.resolve("journal"),
                    dir.resolve("report"));
        } finally {
            runner.finished(); // last: a waiting shutdown may proceed
        }
        return Main.EXIT_OK;
    }

    /**
     * Warm-up history: the strategy's warm-up minus one closed bar per instrument, merged in time order, stamped as
     * received right after their close; the first live bar is then the first the strategy can act on.
     */
    static List<Bar> history(BinanceRest rest, List<Instrument> instruments, String interval, int warmup,
                             URI restUrl) {
        List<Bar> history = new ArrayList<>();
        if (warmup <= 1) {
            return history;
        }
        long intervalMs = MarketStream.intervalMs(interval);
        // by the exchange's clock: with the local clock ahead of it, the local "last closed" kline is still forming
        long offset;
        try {
            offset = rest.syncClock();
        } catch (IllegalStateException e) {
            offset = rest.clockOffsetMs(); // the klines request below will say what is wrong with the venue
        }
        long serverNow = System.currentTimeMillis() + offset;
        long lastClosedOpen = Math.floorDiv(serverNow, intervalMs) * intervalMs - intervalMs;
        for (int i = 0; i < instruments.size(); i++) {
            // a failure says where and why, and exits 75 for an outage (VenueException), 2 for a refusal
            List<Kline> ks = rest.klinesOrFail(instruments.get(i).symbol(), interval,
                    lastClosedOpen - (long) (warmup - 2) * intervalMs, lastClosedOpen, warmup - 1);
            for (Kline k : ks) {
                if (k.closeTimeMs() < serverNow) { // never store a kline that has not closed
                    history.add(k.toBar(i, k.closeTimeMs() + 1));
                }
            }
        }
        history.sort(Comparator.comparingLong((Bar b) -> b.openTimeMs).thenComparingInt(b -> b.instrument));
        return history;
    }

    /** The backtest reports of the session so far, replaced file by file (each rename is atomic). */
    static RunResult writeReports(Path dir, dev.hft.engine.TradingEngine engine, SessionRecorder recorder,
                                       List<Instrument> instruments, RunSpec bc, long started, String mode) {
        RunResult r = recorder.result(engine, instruments, bc, System.nanoTime() - started);
        render(dir, r, instruments, bc, mode);
        return r;
    }

    /**
     * The session's report thread: the engine thread snapshots the results ({@code recorder.result}) and this writes
     * them (CSV, JSON, HTML) without holding up the next bar.
     */
    static ReportLoop<RunResult> reportLoop(Path dir, List<Instrument> instruments, RunSpec bc, String mode) {
        return new ReportLoop<>(r -> render(dir, r, instruments, bc, mode));
    }

    /** Writes the report files of {@code r} into {@code dir/report}, each replaced whole (a reader never sees half). */
    static void render(Path dir, RunResult r, List<Instrument> instruments, RunSpec bc, String mode) {
        Path tmp = dir.resolve(".report.tmp");
        Path target = dir.resolve("report");
        try {
            RunDirectory.deleteRecursively(tmp);
            Files.createDirectories(tmp);
            Files.createDirectories(target);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("strategy", bc.strategy());
            c.put("params", bc.params());
            c.put("mode", mode);
            ReportWriter.write(tmp, r, Metrics.of(r), c, null);
            Map<String, Object> page = ReportData.backtest(mode + ": " + bc.strategy() + " on "
                    + String.join(", ", instruments.stream().map(Instrument::symbol).toList()), r, null, null);
            HtmlReport.write(tmp.resolve("report.html"), page);
            try (var files = Files.list(tmp)) {
                for (Path f : files.toList()) {
                    try {
                        Files.move(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING,
                                StandardCopyOption.ATOMIC_MOVE);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            Files.delete(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the paper reports in " + dir + ": " + e.getMessage(), e);
        }
    }
}
