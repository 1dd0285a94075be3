package dev.hft.app;

import dev.hft.backtest.RunResult;
import dev.hft.backtest.RunSpec;
import dev.hft.backtest.report.SessionRecorder;
import dev.hft.binance.http.BinanceRest;
import dev.hft.core.Bar;
import dev.hft.core.ExecutionClient;
import dev.hft.core.Instrument;
import dev.hft.engine.TradingEngine;
import dev.hft.node.DurableSession;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The trading node: the one start-up, run and stop path of a paper or live session. A command brings its options
 * and its venue ({@link Mode}); the node does the rest, in this order:
 * <ol>
 *   <li>the warm-up history of a fresh session (fetched before the journal opens, so its first bar stamps the start
 *       record);</li>
 *   <li>the durable session: a fresh journal whose start record names the mode, or recovery (newest valid snapshot
 *       plus a verified replay of the tail, nothing journaled sent again) with the reconciliation gate raised;</li>
 *   <li>the ops console (metrics, dashboard, control), which shows "reconciling" until the gate is down;</li>
 *   <li>reconciliation: every working order asked at the venue, the mode's start checks, then the gate lowered. A
 *       refused start alerts, closes everything and exits without having sent an order;</li>
 *   <li>the warm-up bars, then the streams on the ring (the engine's thread), with a snapshot every
 *       {@code --snapshot-every} bars and the reports rewritten off the engine thread;</li>
 *   <li>the stop: the streams end and the ring drains, the mode's stop (live: cancel on stop, late reports), the
 *       strategies' {@code onStop}, the final reports, then the console and the journal closed.</li>
 * </ol>
 */
final class TradingNode {
    /** What a mode brings to a session: its venue and the steps only it takes. */
    interface Mode<V extends ExecutionClient> {
        /** "paper" or "live": the start record, the reports and the console name it. */
        String name();

        /** Opens (or recovers) the session's journal and engine on this mode's venue; gate raised if recovered. */
        DurableSession<V> open(Path dir, long startMs);

        /** The session is open: e.g. a replay venue resumes after its last bar. */
        default void opened(DurableSession<V> session) {
        }

        /** The console is up: e.g. gauges of the venue's own, alerts that waited for it. */
        default void opsStarted(SessionOps ops) {
        }

        /**
         * Checks once the venue has been asked about the working orders and before the gate is lowered (a fresh
         * session: before its first bar); a {@link UserError} refuses the start.
         */
        default void checkStart(DurableSession<V> session) {
        }

        /** The last bar the session has seen of an instrument (the first kline is checked against it), or 0. */
        long lastBarOpenMs(DurableSession<V> session, int instrument);

        /** Each second of the stream loop, on the feeder's thread (a REST poll of orders), or null. */
        default LongConsumer everySecond() {
            return null;
        }

        /** The warm-up is done and the streams start: e.g. the user data stream. */
        default void streaming(DurableSession<V> session) {
        }

        /**
         * The streams stopped and the ring is drained: this thread is the engine's. E.g. live cancels resting orders
         * (live.onStop) and takes the venue's late reports ({@code runLate}: runs
         * those that reached the ring after it stopped; true when it ran any).
         */
        default void stopped(DurableSession<V> session, java.util.function.BooleanSupplier runLate) {
        }

        /** Releases what the mode opened (threads, streams), after a stop or a refused start. */
        default void close() {
        }
    }

    /** Where the warm-up history comes from: the venue's REST klines. */
    record History(BinanceRest rest, URI restUrl, String interval, int warmupBars) {
    }

    /** What a finished session reports: its results and the live bars it traded. */
    record Finished(RunResult result, long liveBars) {
    }

    private final AppConfig cfg;
    private final SessionOptions options;
    private final RunSpec spec;
    private final List<Instrument> instruments;
    private final PrintWriter stdout;
    /** The ring and the streams; made first, so a venue's reports have a way to the engine thread from the start. */
    private final StreamRunner runner = new StreamRunner();

    TradingNode(AppConfig cfg, SessionOptions options, RunSpec spec, List<Instrument> instruments,
                PrintWriter stdout) {
        this.cfg = cfg;
        this.options = options;
        this.spec = spec;
        this.instruments = instruments;
        this.stdout = stdout;
    }

    /** Hands a task to the engine thread (a venue's execution reports), through the ring. */
    void toEngine(Runnable task) {
        runner.toEngine(task);
    }

    /**
     * Starts the session in {@code dir}, trades until a stop (signal, {@code --max-bars}, a dead stream), stops it.
     *
     * @param banner       printed once the session is reconciled and before the warm-up (what runs where)
     * @param reportEvery  the reports are rewritten every this many live bars (at the end of a batch)
     * @param streamClock  stamp bars with the stream's event time (see {@link StreamRunner#streamClock})
     * @param streams      the market streams' base URL
     */
    <V extends ExecutionClient> Finished run(Mode<V> mode, Path dir, boolean recovering, History history,
                                             java.util.function.Function<DurableSession<V>, String> banner,
                                             int reportEvery, boolean streamClock, URI streams, HttpClient http,
                                             StreamRunner.Extras extras) throws InterruptedException {
        try {
            return runOpen(mode, dir, recovering, history, banner, reportEvery, streamClock, streams, http, extras);
        } finally {
            mode.close();
        }
    }

    private <V extends ExecutionClient> Finished runOpen(Mode<V> mode, Path dir, boolean recovering, History history,
                                                         java.util.function.Function<DurableSession<V>, String> banner,
                                                         int reportEvery, boolean streamClock, URI streams,
                                                         HttpClient http, StreamRunner.Extras extras)
            throws InterruptedException {
        List<Bar> warmUp = new ArrayList<>(recovering ? List.of() : fetch(history));
        long startMs = warmUp.isEmpty() ? System.currentTimeMillis() : warmUp.get(0).openTimeMs;
        DurableSession<V> session = mode.open(dir, startMs);
        runner.streamClock(streamClock);
        SessionOps ops;
        try {
            mode.opened(session);
            ops = SessionOps.start(cfg, options, session.engine(), mode.name(), dir, spec.strategy(),
                    runner::toEngine, session.journal(), stdout);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        runner.ops(ops);
        runner.extras(extras);
        mode.opsStarted(ops);
        ops.monitor.reconciling(session.recovering());
        try {
            // nothing leaves before this: the venue asked, the mode's checks passed, the gate lowered
            session.reconcile(() -> mode.checkStart(session));
        } catch (RuntimeException e) {
            String why = e.getMessage();
            ops.monitor.alert(dev.hft.ops.Alerts.Severity.CRITICAL, "reconciliation", "refused:" + why, why
                    + "; start refused");
            ops.close();
            session.close();
            throw e;
        }
        ops.monitor.reconciling(false);
        TradingEngine engine = session.engine();
        SessionRecorder recorder = SessionRecorder.attach(engine);
        long started = System.nanoTime();
        ReportLoop<RunResult> reports = SessionSupport.reportLoop(dir, instruments, spec, mode.name());
        stdout.println(banner.apply(session));
        if (recovering && session.barsSeen() == 0) {
            // killed before any bar reached the disk (bars are made durable with the next order): warm up again
            warmUp.addAll(fetch(history));
        }
        for (Bar b : warmUp) {
            session.onBar(b);
            recorder.mark(b.closeTimeMs, engine.equity());
        }
        if (!warmUp.isEmpty()) {
            stdout.printf(java.util.Locale.ROOT, "warm-up: %d history bars fed%n", warmUp.size());
        }
        ops.monitor.publish(System.currentTimeMillis());
        stdout.flush();
        mode.streaming(session);
        try {
            runner.run(new StreamRunner.Engine() {
                @Override
                public void onBar(Bar bar) {
                    session.onBar(bar);
                }

                @Override
                public void afterBar(Bar bar, long liveBars, boolean endOfBatch) {
                    recorder.mark(bar.closeTimeMs, engine.equity());
                    if (liveBars % reportEvery == 0 && endOfBatch) { // snapshot here, written off this thread
                        reports.submit(recorder.result(engine, instruments, spec, System.nanoTime() - started));
                    }
                }

                @Override
                public long lastBarOpenMs(int instrument) {
                    return mode.lastBarOpenMs(session, instrument);
                }
            }, instruments, options.symbols(), history.interval(), streams, history.rest(), http, options.maxBars,
                    options.streamSilenceS, stdout, mode.everySecond());
            mode.stopped(session, runner::runLate);
            engine.stopStrategies(); // no event reaches the engine any more
            reports.close(); // the last background write finishes before the final one
            RunResult r = SessionSupport.writeReports(dir, engine, recorder, instruments, spec, started, mode.name());
            ops.close();
            session.close();
            return new Finished(r, runner.liveBars());
        } finally {
            runner.finished(); // last: a waiting shutdown may proceed
        }
    }

    private List<Bar> fetch(History h) {
        return SessionSupport.history(h.rest(), instruments, h.interval(), h.warmupBars(), h.restUrl());
    }
}
