package dev.hft.backtest;

import dev.hft.backtest.data.BarSeries;
import dev.hft.backtest.report.SessionRecorder;
import dev.hft.core.Bar;
import dev.hft.core.Instrument;
import dev.hft.core.ReasonCode;
import dev.hft.engine.EngineListener;
import dev.hft.engine.journal.JsonEngineJournal;
import dev.hft.journal.JournalWriter;
import dev.hft.journal.SnapshotStore;
import dev.hft.engine.TradingEngine;
import dev.hft.engine.bus.EventBus;
import dev.hft.engine.cost.FlatFeeModel;
import dev.hft.api.Params;
import dev.hft.api.StrategyFactory;
import dev.hft.engine.strategy.StrategyRegistry;
import dev.hft.engine.tca.Tca;
import dev.hft.backtest.tape.Tape;
import dev.hft.sim.SimulatedExchange;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runs one backtest on one thread: merges the symbols' bars in time order (ties by instrument index), stamps
 * each with its receive time from the latency model, and hands it to the engine, which sanitizes it, lets the
 * simulated exchange match, and decides. No queues; many runs can share the same read-only {@link BarSeries}
 * in parallel.
 */
public final class BacktestRunner {
    /** Window (bars) of the market statistics behind the spread and impact estimates ({@link Kernels}). */
    public static final int STATS_WINDOW = Kernels.STATS_WINDOW;

    private BacktestRunner() {
    }

    /** Validates the strategy, its parameters and the fee choice without running (fail fast at the boundary). */
    public static void validate(RunSpec config) {
        StrategyFactory f = StrategyRegistry.get(config.strategy());
        f.create(new Params(f.name(), f.params(), config.params()));
        feeModel(config);
    }

    /** The fee model a config asks for: a flat rate, or the fee table's venue and tier. */
    public static FlatFeeModel feeModel(RunSpec config) {
        return Kernels.feeModel(config);
    }

    public static RunResult run(RunSpec config, List<Instrument> instruments, List<BarSeries> data,
                                     String runId) {
        return run(config, instruments, data, runId, null);
    }

    /** Runs the backtest; {@code extra} (may be null) also observes the engine's event bus. */
    public static RunResult run(RunSpec config, List<Instrument> instruments, List<BarSeries> data,
                                     String runId, EngineListener extra) {
        return run(config, instruments, data, runId, extra, null);
    }

    /**
     * Runs the backtest, writing every input, decision and command to {@code journal} when it is not null (the
     * first record, {@code start}, holds what {@code hft replay} needs to rebuild the same engine).
     */
    public static RunResult run(RunSpec config, List<Instrument> instruments, List<BarSeries> data,
                                     String runId, EngineListener extra, JournalWriter journal) {
        return run(config, instruments, data, runId, extra, journal, null);
    }

    /** As above; {@code onEngine} (may be null) receives the engine before the first bar (tests, tools). */
    public static RunResult run(RunSpec config, List<Instrument> instruments, List<BarSeries> data,
                                     String runId, EngineListener extra, JournalWriter journal,
                                     java.util.function.Consumer<TradingEngine> onEngine) {
        return run(config, instruments, data, runId, extra, journal, onEngine, 0);
    }

    /**
     * As above; with a journal and {@code snapshotEveryBars > 0}, a snapshot of the engine is written beside the
     * journal every that many bars (after forcing the journal, so a snapshot is never ahead of it).
     */
    public static RunResult run(RunSpec config, List<Instrument> instruments, List<BarSeries> data,
                                     String runId, EngineListener extra, JournalWriter journal,
                                     java.util.function.Consumer<TradingEngine> onEngine, int snapshotEveryBars) {
        if (instruments.size() != data.size() || instruments.isEmpty()) {
            throw new IllegalArgumentException("one bar series per instrument expected");
        }
        EventBus bus = new EventBus();
        SessionRecorder recorder = SessionRecorder.on(bus);
        Kernels.Simulated kernel = Kernels.simulated(config, instruments, bus, runId);
        TradingEngine engine = kernel.engine();
        FlatFeeModel fees = kernel.fees();
        Tca tca = new Tca(kernel.costs(), instruments.toArray(new Instrument[0]));
        bus.subscribe(tca);
        bus.subscribe(extra);
        if (journal != null) {
            journal.append("start", data.get(0).size() > 0 ? data.get(0).openTime(0) : 0,
                    StartRecord.encode(config, kernel.engineConfig(), instruments, fees), false);
            engine.setJournal(new JsonEngineJournal(journal));
        }
        if (onEngine != null) {
            onEngine.accept(engine);
        }
        Curve curve = drive(kernel, Tape.merged(instruments, data, config.latencyMs()), journal, runId,
                snapshotEveryBars);
        return new RunResult(List.copyOf(instruments), recorder.tradeList(), recorder.fillList(),
                curve.timeMs, curve.equity, config.engine().initialCapital(),
                engine.equity(), engine.totalFees(), engine.barsProcessed(), engine.ledger().nonZero(),
                SessionRecorder.sanitizerReport(engine.sanitizer(), instruments), recorder.riskReport(engine),
                List.copyOf(tca.records()), tca.summary(), SessionRecorder.costReport(config, fees), curve.nanos,
                engine.ledger().own());
    }

    /**
     * One trial of a search: the ordinary kernel of {@code config}, reading the market stage's verdicts and statistics
     * from {@code tape} instead of computing them, so that every trial of a data set shares that work, the strategies'
     * series included; a strategy with an {@link dev.hft.api.EntryScreen entry screen} is not asked to decide while
     * it is idle and the screen says no. Trades, fills, equity and every reason but the skips are a
     * backtest's of the same spec and data, bit for bit; skips the screen spared are not counted; the sanitizer, risk
     * and TCA reports are left empty (figures do not read them).
     *
     * @throws IllegalArgumentException when the tape was prepared with other sanitizer thresholds or latency, or the
     *                                  spec is refused as a backtest would refuse it
     */
    public static RunResult trial(RunSpec config, Tape tape, String runId) {
        return trial(config, tape, runId, null);
    }

    /**
     * As {@link #trial(RunSpec, Tape, String)}, with the equity curve written into {@code equity} (one point per bar
     * time: {@link Tape#times()} long), which the result then holds: a search reuses one per thread, taking each
     * trial's figures before the next, instead of allocating 8 bytes a bar per trial. Null: a fresh array. The
     * result's times are the tape's own {@link Tape#pointTimes()}, shared: neither array may be written.
     */
    public static RunResult trial(RunSpec config, Tape tape, String runId, long[] equity) {
        if (equity != null && equity.length != tape.times()) {
            throw new IllegalArgumentException("an equity curve of " + tape.times() + " points expected, got "
                    + equity.length);
        }
        if (!tape.fits(config.engine().sanitizer(), config.latencyMs())) {
            throw new IllegalArgumentException("the tape was prepared with other sanitizer thresholds or latency");
        }
        EventBus bus = new EventBus();
        SessionRecorder recorder = SessionRecorder.tradesOn(bus);
        Kernels.Simulated kernel = Kernels.simulated(config, tape.instruments(), bus, runId, tape);
        TradingEngine engine = kernel.engine();
        engine.screenEntries();
        Curve curve = drive(kernel, tape, null, runId, 0, equity);
        return new RunResult(tape.instruments(), recorder.tradeList(), recorder.fillList(), curve.timeMs,
                curve.equity, config.engine().initialCapital(), engine.equity(), engine.totalFees(),
                engine.barsProcessed(), engine.ledger().nonZero(), Map.of(), Map.of(), List.of(), Map.of(),
                SessionRecorder.costReport(config, kernel.fees()), curve.nanos, engine.ledger().own());
    }

    /** The equity curve of a run (one point per distinct bar time) and its wall time. */
    private record Curve(long[] timeMs, long[] equity, long nanos) {
    }

    /** Builds a run's equity curve: a point whenever the bar time changes, taken before that bar. */
    private static final class Points {
        private long[] time;
        private long[] equity;
        private int n;
        /** Whether {@link #time} is the tape's own (read-only, shared by the search's trials): not written here. */
        private final boolean sharedTimes;
        /** Open time of the bars of the current time, and the close time of the last bar seen. */
        private long current = Long.MIN_VALUE;
        private long lastClose;

        Points(int capacity) {
            time = new long[Math.max(16, capacity)];
            equity = new long[time.length];
            sharedTimes = false;
        }

        /**
         * A trial's points, at the times every run over {@code tape} has ({@link Tape#pointTimes}), into {@code into}
         * (as long) or a fresh array.
         */
        Points(Tape tape, long[] into) {
            time = tape.pointTimes();
            equity = into != null ? into : new long[time.length];
            sharedTimes = true;
        }

        /** Before a bar that opens at {@code openTimeMs}: a point at the last close when the time moved on. */
        void before(long openTimeMs, TradingEngine engine) {
            if (openTimeMs != current && current != Long.MIN_VALUE) {
                add(engine.equity());
            }
            current = openTimeMs;
        }

        /** {@code count} points of {@code value}, at the times the run reaches (as {@link #add}, each). */
        void addAll(long value, int count) {
            if (sharedTimes) {
                Arrays.fill(equity, n, n + count, value);
                n += count;
                return;
            }
            for (int c = 0; c < count; c++) {
                add(value);
            }
        }

        void add(long value) {
            if (sharedTimes) {
                equity[n++] = value; // the tape's times: one point per bar time, so never more than it holds
                return;
            }
            if (n == time.length) {
                time = Arrays.copyOf(time, n * 2);
                equity = Arrays.copyOf(equity, n * 2);
            }
            time[n] = lastClose;
            equity[n++] = value;
        }

        Curve curve(long nanos) {
            if (n == time.length) { // sized right (one point a bar time): no copy of 16 bytes a bar
                return new Curve(time, equity, nanos);
            }
            return new Curve(Arrays.copyOf(time, n), Arrays.copyOf(equity, n), nanos);
        }
    }

    /**
     * The loop of every simulated run: each bar of {@code tape} into the kernel, an equity point whenever the bar time
     * changes (after every symbol's bar at that time), then the end-of-data flatten and the last fills. A trial (a
     * kernel reading its market stage from the tape) passes the bars its idle, screened strategies cannot act on
     * without calling the engine for each ({@link #passQuiet}).
     */
    private static Curve drive(Kernels.Simulated kernel, Tape tape, JournalWriter journal, String runId,
                               int snapshotEveryBars) {
        return drive(kernel, tape, journal, runId, snapshotEveryBars, null);
    }

    /** As above; a trial's equity goes into {@code equity} when not null (see {@link #trial}). */
    private static Curve drive(Kernels.Simulated kernel, Tape tape, JournalWriter journal, String runId,
                               int snapshotEveryBars, long[] equity) {
        TradingEngine engine = kernel.engine();
        long start = System.nanoTime();
        int total = tape.size();
        Points points = kernel.stage() != null ? new Points(tape, equity) : new Points(tape.times());
        Bar bar = new Bar();
        Quiet quiet = kernel.stage() != null && journal == null
                ? new Quiet(tape, kernel.stage(), engine, kernel.exchange()) : null;
        for (int k = 0; k < total; ) {
            if (quiet != null && engine.quiet()) {
                int end = quiet.pass(k, engine, points, bar);
                if (end > k) {
                    k = end;
                    continue;
                }
            }
            tape.fill(k, bar);
            points.before(bar.openTimeMs, engine);
            points.lastClose = bar.closeTimeMs;
            engine.onBar(bar);
            k++;
            if (journal != null && snapshotEveryBars > 0 && k % snapshotEveryBars == 0 && engine.snapshottable()) {
                journal.sync();
                SnapshotStore.write(journal.dir(), journal.lastSeq(), runId, engine.snapshot());
            }
        }
        engine.flattenAll(ReasonCode.EXIT_END_OF_DATA);
        kernel.exchange().flushAtLastClose();
        engine.stopStrategies(); // after the last fills, which the strategies hear of first
        if (total > 0) {
            points.add(engine.equity());
        }
        return points.curve(System.nanoTime() - start);
    }

    /**
     * Passing the quiet bars of a trial. While every instrument is idle and screened, or held passively
     * ({@link TradingEngine#quiet}), a plain bar ({@link Tape#plain}) changes nothing a backtest would see but these,
     * which this does without {@code onBar}:
     * <ul>
     *   <li>the market stage moves on ({@link Tape.Stage#pass});</li>
     *   <li>an equity point when the time moves on;</li>
     *   <li>an idle instrument's bar, where its entry screen says no: the risk guard's look on the first bar of each
     *       UTC day (only a held instrument's bar moves equity, and that one has looked itself);</li>
     *   <li>a held instrument's bar, where the venue could fill nothing ({@link SimulatedExchange#idleOn}) and the
     *       engine passes it ({@link TradingEngine#passHeld}: the mark, the risk guard's look, the hold screen);</li>
     *   <li>per instrument, the venue, the mark, the clock and the bar count at its last such bar.</li>
     * </ul>
     * Observers hear no {@code onBar} of these bars: a trial's bus has none that listens.
     */
    private static final class Quiet {
        private static final long DAY_MS = 86_400_000L;
        private final Tape tape;
        private final Tape.Stage stage;
        private final int[] last;
        private final long[] count;
        private final long[] interval;
        /** Per instrument, its keyed entry screen's answers on every bar, shared with the search's other trials. */
        private final long[][] screened;
        private final SimulatedExchange exchange;
        /** Per instrument, whether it is held (not idle) through the current pass. */
        private final boolean[] held;
        /** One instrument with a keyed screen: runs of bars its screen rules out are passed at once ({@link #jump}). */
        private final boolean jumps;
        /** Where the next UTC day starts (epoch ms): the risk guard looks on the first bar at or past it. */
        private long nextDay;

        Quiet(Tape tape, Tape.Stage stage, TradingEngine engine, SimulatedExchange exchange) {
            this.tape = tape;
            this.stage = stage;
            this.exchange = exchange;
            int n = tape.instruments().size();
            this.held = new boolean[n];
            this.screened = new long[n][];
            for (int i = 0; i < n; i++) {
                dev.hft.api.EntryScreen s = engine.entryScreen(i);
                screened[i] = s == null || s.key() == null ? null : tape.screen(i, s, stage);
            }
            this.jumps = n == 1 && screened[0] != null;
            this.last = new int[n];
            this.count = new long[n];
            this.interval = new long[n];
            for (int i = 0; i < n; i++) {
                interval[i] = tape.series().get(i).intervalMs();
            }
        }

        /** Passes the quiet bars from {@code k}; returns the index of the first bar the engine must see. */
        int pass(int k, TradingEngine engine, Points points, Bar bar) {
            for (int i = 0; i < held.length; i++) {
                held[i] = engine.held(i); // nothing happens in a pass: no position changes
            }
            long day = engine.risk().day(); // the day of the risk guard's last look: the next one starts a new day
            nextDay = day == Long.MIN_VALUE ? Long.MIN_VALUE : (day + 1) * DAY_MS;
            int end = k;
            int total = tape.size();
            while (end < total && tape.plain(end)) {
                if (jumps && !held[0] && engine.entryScreen(0) != null) {
                    // scanned no further than the next yes: every bar is looked at once, not once per run
                    int stop = tape.nextNotPlain(end, nextYes(screened[0], end, total));
                    if (stop - end > 1) {
                        jump(end, stop, engine, points);
                        end = stop;
                        continue;
                    }
                }
                int i = tape.instrument(end);
                int before = stage.lastAccepted(i);
                long open = tape.openTime(end);
                boolean newTime = open != points.current && points.current != Long.MIN_VALUE;
                long equity = newTime ? engine.equity() : 0; // at the close of the last time, before this bar
                if (held[i]) {
                    tape.fill(end, bar);
                    if (!exchange.idleOn(bar)) {
                        break;
                    }
                    stage.pass(end);
                    if (!engine.passHeld(bar)) {
                        stage.unpass(end, before);
                        break;
                    }
                } else {
                    stage.pass(end);
                    if (engine.mayEnter(i, screened[i], end)) {
                        stage.unpass(end, before);
                        break;
                    }
                }
                long now = receivedAt(open, i);
                if (newTime) {
                    points.add(equity);
                }
                points.current = open;
                points.lastClose = open + interval[i] - 1;
                if (!held[i] && now >= nextDay) { // the same as jump() does for a run of bars
                    engine.passDay(now);
                    nextDay = (Math.floorDiv(now, DAY_MS) + 1) * DAY_MS;
                }
                last[i] = end;
                count[i]++;
                end++;
            }
            for (int i = 0; i < count.length; i++) {
                if (count[i] > 0) {
                    tape.fill(last[i], bar);
                    engine.passed(bar, count[i]);
                    count[i] = 0;
                }
            }
            return end;
        }

        /** The first bar at or after {@code from} whose bit is set, or {@code total}. */
        private static int nextYes(long[] bits, int from, int total) {
            int w = from >> 6;
            long word = bits[w] & (-1L << from); // the shift counts mod 64: the bits of from and above in its word
            while (word == 0) {
                if (++w >= bits.length) {
                    return total;
                }
                word = bits[w];
            }
            return Math.min(total, (w << 6) + Long.numberOfTrailingZeros(word));
        }

        /** When a bar of instrument {@code i} that opens at {@code open} is received: its close plus the latency. */
        private long receivedAt(long open, int i) {
            long close = open + interval[i] - 1;
            return tape.latencyMs() > 0 ? close + tape.latencyMs() : close;
        }

        /** When bar {@code k} of the one instrument is received (epoch ms). */
        private long now(int k) {
            return receivedAt(tape.openTime(k), 0);
        }

        /**
         * Passes bars {@code from} to {@code stop - 1} of a one-instrument tape at once: all plain, the instrument
         * idle, its keyed screen saying no on each. What the loop above does bar by bar, in bulk: the stage moves on to
         * the last, an equity point per bar time (equity is cash, the same for all), the risk guard's look on the first
         * bar of each UTC day among them, and the count and last bar for {@link TradingEngine#passed}.
         */
        private void jump(int from, int stop, TradingEngine engine, Points points) {
            long cash = engine.equity();
            long open = tape.openTime(from);
            // one instrument's plain bars are accepted ones: each opens later than the last, so each is a new time
            int added = (open != points.current && points.current != Long.MIN_VALUE ? 1 : 0) + (stop - from - 1);
            points.addAll(cash, added);
            points.current = tape.openTime(stop - 1);
            points.lastClose = points.current + interval[0] - 1;
            int k = from;
            long lastNow = now(stop - 1);
            while (nextDay <= lastNow) {
                int lo = k;
                int hi = stop - 1; // now(hi) >= nextDay: the first bar at or past the day's start is in [lo, hi]
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (now(mid) >= nextDay) {
                        hi = mid;
                    } else {
                        lo = mid + 1;
                    }
                }
                k = lo;
                long now = now(k);
                engine.passDay(now);
                nextDay = (Math.floorDiv(now, DAY_MS) + 1) * DAY_MS;
            }
            stage.passAll(from, stop);
            last[0] = stop - 1;
            count[0] += stop - from;
        }
    }

    /**
     * The series whose bar comes next in a backtest's merged stream: the earliest open time at the cursors, ties to
     * the lower index; -1 when every series is done. Every evaluator of a backtest merges with this.
     */
    public static int next(List<BarSeries> data, int[] cursor) {
        return Tape.next(data, cursor);
    }
}
