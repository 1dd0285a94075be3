package dev.hft.app;

import dev.hft.backtest.RunResult;
import dev.hft.backtest.RunSpec;
import dev.hft.backtest.report.Metrics;
import dev.hft.backtest.report.ReportWriter;
import dev.hft.backtest.report.SessionRecorder;
import dev.hft.binance.http.BinanceRest;
import dev.hft.binance.Kline;
import dev.hft.binance.stream.MarketStream;
import dev.hft.core.Bar;
import dev.hft.core.Instrument;
import dev.hft.research.HtmlReport;
import dev.hft.research.ReportData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every paper and live session does the same way: the warm-up history fetched before the first live bar, and
 * the session's report files, written whole off the engine thread. Paper and live commands call these rather than
 * each other.
 */
final class SessionSupport {
    private SessionSupport() {
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
            throw new UncheckedIOException("cannot write the session reports in " + dir + ": " + e.getMessage(), e);
        }
    }
}
