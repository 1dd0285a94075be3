package dev.hft.backtest.tape;

import dev.hft.backtest.data.BarSeries;
import dev.hft.api.series.BarFunction;
import dev.hft.api.series.Series;
import dev.hft.api.series.SeriesSpec;
import dev.hft.core.Bar;
import dev.hft.core.Instrument;
import dev.hft.core.ReasonCode;
import dev.hft.engine.EngineListener;
import dev.hft.engine.bus.EventBus;
import dev.hft.engine.cost.MarketStatistics;
import dev.hft.engine.cost.MarketStats;
import dev.hft.engine.market.MarketStage;
import dev.hft.engine.sanitizer.Sanitizer;
import dev.hft.engine.sanitizer.SanitizerConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A data set prepared once for many runs. It holds the bars of every instrument merged in time order (ties go to the
 * lower instrument index), and what the engine's {@link MarketStage} says about each bar. The verdicts come from the
 * engine's own {@link Sanitizer} and {@link MarketStats}, run once over the merged bars:
 * <ul>
 *   <li>whether the bar is accepted, and whether it was a confirmed move, or why it is rejected;</li>
 *   <li>the freezes and thaws it caused;</li>
 *   <li>the instrument's spread, volatility and mean volume after it.</li>
 * </ul>
 *
 * <p>None of that depends on a strategy, its parameters or its trades. So every trial of an optimization reads the
 * same tape, on any thread, through its own {@link #stage stage}. A trial's engine is the ordinary kernel. Only where
 * the stage's answers come from differs, and they are the same doubles and codes, bit for bit (held by
 * {@code TapeTest}).
 *
 * <p>Read-only after {@link #prepare}, but for the strategies' series columns, each computed once on first demand
 * ({@link #column}). Memory: 33 bytes a bar (one year of 1-minute bars of one symbol: 17 MB), 72 more for the
 * {@link #packed} bars, 8 a bar per series and a bit a bar per keyed screen.
 */
public final class Tape {
    /** {@link #verdict} of a plain bar: accepted, not a confirmed move, no freeze or thaw while it was checked. */
    private static final byte PLAIN = 0;
    /** {@link #verdict} of an accepted bar, not a confirmed move, with freezes or thaws. */
    private static final byte ACCEPTED = 1;
    /** {@link #verdict} of an accepted bar that was an outlier jump its own volume and range confirmed. */
    private static final byte CONFIRMED = 2;
    /** {@link #verdict} of a rejected bar: this plus the reason's ordinal. */
    private static final int REJECTED = 3;
    private static final ReasonCode[] CODES = ReasonCode.values();

    static {
        if (REJECTED + CODES.length > Byte.MAX_VALUE) {
            throw new IllegalStateException("a verdict byte holds " + (Byte.MAX_VALUE - REJECTED) + " reason codes");
        }
    }

    /** Longs a bar in {@link #packed}. */
    private static final int ROW = 9;

    /** {@link #screens}' mark of a screen that cannot be shared: it threw. */
    private static final long[] NO_SCREEN = new long[0];

    /** Window (bars) of the market statistics; the kernel's ({@code Kernels.STATS_WINDOW}). */
    public static final int STATS_WINDOW = 20;

    private final List<Instrument> instruments;
    private final List<BarSeries> series;
    /** The same, as an array for the bar path. */
    private final BarSeries[] bars;
    private final SanitizerConfig sanitizer;
    private final long latencyMs;
    private final int size;
    /** Distinct bar times (open times) on the tape: one equity point each in a run. */
    private final int times;
    /** {@link #pointTimes()} and {@link #dayEnds()}, once asked (two threads may compute the same values). */
    private volatile long[] pointTimes;
    private volatile int[] dayEnds;
    /** Per bar of the merged order: its instrument and its row in that instrument's series. */
    private final int[] instrument;
    private final int[] row;
    private final byte[] verdict;
    /** The instrument's statistics after an accepted bar (undefined after a rejected one: never read). */
    private final double[] spreadFrac;
    private final double[] volatility;
    private final double[] averageVolume;
    /** Freezes and thaws published while bar {@code k} was checked: {@code busFrom[k]} to {@code busFrom[k+1]}. */
    private final int[] busFrom;
    private final int[] busInstrument;
    /** The freeze's reason ordinal, or -1 for a thaw. */
    private final byte[] busReason;
    /**
     * A prepared tape's bars, row by row in the merged order ({@link #ROW} longs a bar: open time, open, high, low,
     * close, volume, quote volume, trades, taker buy volume), or null: a trial fills a bar from one stream instead of
     * nine arrays, 12% of a hunter search's time (OptimizerBenchmark, side by side). Made when it takes at most an
     * eighth of the heap's limit (72 bytes a bar: a year of 1-minute bars of one symbol, 38 MB); else bars are read
     * from their series, with the same values.
     */
    private final long[] packed;
    /**
     * Each instrument's keyed entry screens' answers: bit {@code k} set where the screen says yes on tape bar {@code k}
     * ({@link Stage#screen}); {@link #NO_SCREEN} where the screen threw while the answers were taken.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, long[]>[] screens;
    /** Each instrument's series by key: one column of values after each of its accepted bars, computed on demand. */
    private final java.util.concurrent.ConcurrentHashMap<String, double[]>[] columns;

    private Tape(List<Instrument> instruments, List<BarSeries> series, SanitizerConfig sanitizer, long latencyMs,
                 int size, int[] instrument, int[] row, byte[] verdict, double[] spreadFrac, double[] volatility,
                 double[] averageVolume, int[] busFrom, int[] busInstrument, byte[] busReason, boolean pack) {
        this.instruments = instruments;
        this.series = series;
        this.bars = series.toArray(new BarSeries[0]);
        this.sanitizer = sanitizer;
        this.latencyMs = latencyMs;
        this.size = size;
        this.instrument = instrument;
        this.row = row;
        this.verdict = verdict;
        this.spreadFrac = spreadFrac;
        this.volatility = volatility;
        this.averageVolume = averageVolume;
        this.busFrom = busFrom;
        this.busInstrument = busInstrument;
        this.busReason = busReason;
        int distinct = 0;
        for (int k = 0; k < size; k++) {
            if (k == 0 || openTime(k) != openTime(k - 1)) {
                distinct++;
            }
        }
        this.times = distinct;
        long packedBytes = (long) size * ROW * Long.BYTES;
        this.packed = pack && (long) size * ROW <= Integer.MAX_VALUE
                && packedBytes <= Runtime.getRuntime().maxMemory() / 8 ? pack() : null;
        @SuppressWarnings("unchecked")
        java.util.concurrent.ConcurrentHashMap<String, double[]>[] c =
                new java.util.concurrent.ConcurrentHashMap[instruments.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = new java.util.concurrent.ConcurrentHashMap<>();
        }
        this.columns = c;
        @SuppressWarnings("unchecked")
        java.util.concurrent.ConcurrentHashMap<String, long[]>[] s =
                new java.util.concurrent.ConcurrentHashMap[instruments.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = new java.util.concurrent.ConcurrentHashMap<>();
        }
        this.screens = s;
    }

    /**
     * Merges {@code series} (one per instrument, in index order) and runs the market stage over them once, with
     * {@code sanitizer}'s thresholds and every bar received {@code latencyMs} after its close, as a backtest of the
     * same settings does.
     */
    public static Tape prepare(List<Instrument> instruments, List<BarSeries> series, SanitizerConfig sanitizer,
                               long latencyMs) {
        Objects.requireNonNull(sanitizer, "sanitizer");
        Tape order = merged(instruments, series, latencyMs); // the bars in order; the market stage is computed here
        int[] inst = order.instrument;
        int[] rows = order.row;
        int n = order.size;
        byte[] verdict = new byte[n];
        double[] spread = new double[n];
        double[] vol = new double[n];
        double[] avgVol = new double[n];
        int[] busFrom = new int[n + 1];
        Recorder bus = new Recorder();
        EventBus eventBus = new EventBus();
        eventBus.subscribe(bus);
        Instrument[] is = instruments.toArray(new Instrument[0]);
        Sanitizer check = new Sanitizer(sanitizer, is, eventBus);
        MarketStats[] stats = new MarketStats[is.length];
        for (int i = 0; i < stats.length; i++) {
            stats[i] = new MarketStats(STATS_WINDOW);
        }
        Bar bar = new Bar();
        for (int k = 0; k < n; k++) {
            order.fill(k, bar);
            busFrom[k] = bus.count;
            ReasonCode rejected = check.onBar(bar, bar.nowMs());
            if (rejected != null) {
                verdict[k] = (byte) (REJECTED + rejected.ordinal());
                continue;
            }
            verdict[k] = check.confirmedMove() ? CONFIRMED : bus.count > busFrom[k] ? ACCEPTED : PLAIN;
            MarketStats st = stats[inst[k]];
            st.update(bar);
            spread[k] = st.spreadFrac();
            vol[k] = st.volatility();
            avgVol[k] = st.averageVolume();
        }
        busFrom[n] = bus.count;
        return new Tape(List.copyOf(instruments), List.copyOf(series), sanitizer, latencyMs, n, inst, rows, verdict,
                spread, vol, avgVol, busFrom, Arrays.copyOf(bus.instrument, bus.count),
                Arrays.copyOf(bus.reason, bus.count), true);
    }

    /** The bars row by row ({@link #packed}). */
    private long[] pack() {
        long[] p = new long[size * ROW];
        for (int k = 0; k < size; k++) {
            BarSeries s = bars.length == 1 ? bars[0] : bars[instrument[k]];
            int r = bars.length == 1 ? k : row[k];
            int at = k * ROW;
            p[at] = s.openTime(r);
            p[at + 1] = s.open(r);
            p[at + 2] = s.high(r);
            p[at + 3] = s.low(r);
            p[at + 4] = s.close(r);
            p[at + 5] = s.volume(r);
            p[at + 6] = s.quoteVolume(r);
            p[at + 7] = s.trades(r);
            p[at + 8] = s.takerBuyVolume(r);
        }
        return p;
    }

    /**
     * Only the merged order of {@code series}, received {@code latencyMs} after each close: what one streaming run
     * walks (its engine checks and measures each bar itself). Such a tape has no {@link #stage}.
     */
    public static Tape merged(List<Instrument> instruments, List<BarSeries> series, long latencyMs) {
        int[][] order = merge(instruments, series);
        return new Tape(List.copyOf(instruments), List.copyOf(series), null, latencyMs, order[0].length, order[0],
                order[1], null, null, null, null, null, null, null, false);
    }

    /** The merged order of {@code series}: each bar's instrument, and its row in that instrument's series. */
    private static int[][] merge(List<Instrument> instruments, List<BarSeries> series) {
        if (instruments.size() != series.size() || instruments.isEmpty()) {
            throw new IllegalArgumentException("one bar series per instrument expected");
        }
        int n = 0;
        for (BarSeries s : series) {
            n += s.size();
        }
        int[] inst = new int[n];
        int[] rows = new int[n];
        int[] cursor = new int[series.size()];
        for (int k = 0; k < n; k++) {
            int pick = next(series, cursor);
            inst[k] = pick;
            rows[k] = cursor[pick]++;
        }
        return new int[][] {inst, rows};
    }

    /**
     * The series whose bar comes next in a run's merged stream: the earliest open time at the cursors, ties to the
     * lower index; -1 when every series is done.
     */
    public static int next(List<BarSeries> data, int[] cursor) {
        int pick = -1;
        long best = Long.MAX_VALUE;
        for (int i = 0; i < data.size(); i++) {
            if (cursor[i] < data.get(i).size()) {
                long t = data.get(i).openTime(cursor[i]);
                if (t < best) {
                    best = t;
                    pick = i;
                }
            }
        }
        return pick;
    }

    /** Bar {@code k} of the merged order into {@code bar}, received as the tape's latency says. */
    public void fill(int k, Bar bar) {
        if (packed != null) {
            int i = bars.length == 1 ? 0 : instrument[k];
            int at = k * ROW;
            long t = packed[at];
            // field by field, as BarSeries.fill: both through one 11-argument Bar method measured slower (hot path)
            bar.instrument = i;
            bar.openTimeMs = t;
            bar.closeTimeMs = t + bars[i].intervalMs() - 1;
            bar.open = packed[at + 1];
            bar.high = packed[at + 2];
            bar.low = packed[at + 3];
            bar.close = packed[at + 4];
            bar.volume = packed[at + 5];
            bar.quoteVolume = packed[at + 6];
            bar.trades = packed[at + 7];
            bar.takerBuyVolume = packed[at + 8];
            if (bar.hasExtras()) {
                bar.clearExtras();
            }
        } else if (bars.length == 1) {
            bars[0].fill(k, 0, bar); // one instrument: bar k is its row k
        } else {
            bars[instrument[k]].fill(row[k], instrument[k], bar);
        }
        if (latencyMs > 0) {
            bar.receiveTimeMs = bar.closeTimeMs + latencyMs;
        }
    }

    /**
     * Whether bar {@code k} is plain: accepted, no outlier it confirmed, no freeze or thaw with it. Such a bar changes
     * nothing in the market stage but the instrument's statistics and series, and an idle run may pass it.
     */
    public boolean plain(int k) {
        return verdict[k] == PLAIN;
    }

    /** The first bar in {@code [from, limit)} that is not {@link #plain}, or {@code limit}. */
    public int nextNotPlain(int from, int limit) {
        int k = from;
        int end = Math.min(limit, size);
        while (k < end && verdict[k] == PLAIN) {
            k++;
        }
        return k;
    }


    /**
     * The time of each equity point of a run over this tape (read-only, shared): per distinct bar time, the close
     * time of its last bar in the merged order, where a run takes the point of equity after that time.
     */
    public long[] pointTimes() {
        long[] p = pointTimes;
        if (p == null) { // two threads may both compute it: the same values
            p = new long[times];
            int n = 0;
            for (int k = 0; k < size; k++) {
                if (k + 1 == size || openTime(k + 1) != openTime(k)) {
                    p[n++] = closeTime(k);
                }
            }
            pointTimes = p;
        }
        return p;
    }

    /** The indices of {@link #pointTimes()} that end a UTC day ({@code Metrics.dayEnds}), computed once. */
    public int[] dayEnds() {
        int[] d = dayEnds;
        if (d == null) {
            d = dev.hft.backtest.report.Metrics.dayEnds(pointTimes());
            dayEnds = d;
        }
        return d;
    }

    /** Distinct bar times on the tape (the merged order's open times): a run's equity points. */
    public int times() {
        return times;
    }

    /** Bars on the tape, every instrument's. */
    public int size() {
        return size;
    }

    /** The instrument of bar {@code k}. */
    public int instrument(int k) {
        return bars.length == 1 ? 0 : instrument[k];
    }

    /** The close time of bar {@code k} (epoch ms): its open time and its instrument's interval, less 1 ms. */
    public long closeTime(int k) {
        return openTime(k) + bars[instrument(k)].intervalMs() - 1;
    }

    /** The open time of bar {@code k} (epoch ms). */
    public long openTime(int k) {
        return bars.length == 1 ? bars[0].openTime(k) : bars[instrument[k]].openTime(row[k]);
    }

    public List<Instrument> instruments() {
        return instruments;
    }

    public List<BarSeries> series() {
        return series;
    }

    public long latencyMs() {
        return latencyMs;
    }

    /** Whether a run with these settings reads what this tape holds: the same thresholds and latency. */
    public boolean fits(SanitizerConfig config, long latency) {
        return sanitizer != null && sanitizer.equals(config) && latencyMs == latency;
    }

    /**
     * The values of series {@code spec} after each accepted bar of instrument {@code i}, in order: computed by the
     * series' own streaming function the first time any run asks for the key, then shared by every run on any thread.
     * Memory: 8 bytes per accepted bar per distinct key (a year of 1-minute bars: 4.2 MB).
     */
    public double[] column(int i, SeriesSpec spec) {
        if (verdict == null) {
            throw new IllegalStateException("a merged-only tape has no accepted bars; prepare one");
        }
        return columns[i].computeIfAbsent(spec.key(), key -> compute(i, spec));
    }

    private double[] compute(int i, SeriesSpec spec) {
        BarFunction f = spec.factory().get();
        double[] out = new double[16];
        int n = 0;
        Bar bar = new Bar();
        for (int k = 0; k < size; k++) {
            if (instrument[k] == i && verdict[k] < REJECTED) {
                fill(k, bar);
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = f.next(bar);
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * The answers of instrument {@code i}'s keyed entry screen {@code screen} on every bar, as bits by tape index (bit
     * {@code k} of word {@code k >> 6}): computed through {@code stage} the first time any run asks for the key, then
     * shared; null when the screen threw meanwhile (each run then asks its own screen, bar by bar). Memory: one bit a
     * bar per distinct key (a year of 1-minute bars: 66 KB).
     */
    public long[] screen(int i, dev.hft.api.EntryScreen screen, Stage stage) {
        long[] bits = screens[i].computeIfAbsent(screen.key(), key -> stage.screen(i, screen));
        return bits == NO_SCREEN ? null : bits;
    }

    /**
     * A fresh stage reading this tape from its first bar for one run: it publishes the recorded freezes, thaws and
     * rejections on {@code bus}, and its {@link Stage#statistics() statistics} are what the run's cost model reads.
     */
    public Stage stage(EventBus bus) {
        if (verdict == null) {
            throw new IllegalStateException("a merged-only tape has no market stage; prepare one");
        }
        return new Stage(Objects.requireNonNull(bus));
    }

    /**
     * One run's view of the tape: the engine's market stage, fed the tape's bars in order. Not thread-safe (one per
     * run); the tape behind it is shared.
     */
    public final class Stage implements MarketStage {
        private final EventBus bus;
        private final Statistics[] stats;
        private final boolean[] frozen;
        /** Each instrument's accepted bars so far: where its series stand in their columns. */
        private final long[] accepted;
        /** The tape index of the next bar to check. */
        private int next;
        private boolean confirmed;

        private Stage(EventBus bus) {
            this.bus = bus;
            this.stats = new Statistics[instruments.size()];
            for (int i = 0; i < stats.length; i++) {
                stats[i] = new Statistics(Tape.this);
            }
            this.frozen = new boolean[stats.length];
            this.accepted = new long[stats.length];
        }

        /** The statistics the run's cost model reads, by instrument index. */
        public MarketStatistics[] statistics() {
            return stats.clone();
        }

        @Override
        public ReasonCode check(Bar bar, long nowMs) {
            int k = next;
            // the run feeds the tape's own bars in order; the instrument is the cheap check of that
            if (k >= size || bar.instrument != instrument[k]) {
                throw new IllegalStateException("bar " + bar.instrument + "@" + bar.openTimeMs + " is not the tape's "
                        + (k >= size ? "end" : "bar " + k + " (" + instrument[k] + "@" + openTime(k) + ")"));
            }
            next = k + 1;
            for (int e = busFrom[k]; e < busFrom[k + 1]; e++) {
                int i = busInstrument[e];
                if (busReason[e] < 0) {
                    frozen[i] = false;
                    bus.onInstrumentThawed(i, nowMs);
                } else {
                    frozen[i] = true;
                    bus.onInstrumentFrozen(i, CODES[busReason[e]], nowMs);
                }
            }
            byte v = verdict[k];
            confirmed = v == CONFIRMED;
            if (v >= REJECTED) {
                ReasonCode reason = CODES[v - REJECTED];
                bus.onMarketDataRejected(bar, reason);
                return reason;
            }
            return null;
        }

        @Override
        public boolean confirmedMove() {
            return confirmed;
        }

        @Override
        public void measure(Bar bar) {
            // the statistics are read from their columns when asked (fills and entries), not on every bar
            stats[bar.instrument].at = next - 1;
            accepted[bar.instrument]++;
        }

        /**
         * Passes bar {@code k}, the next one, which must be {@link #plain}: the instrument's series and statistics
         * move on to it, as {@link #check} and {@link #measure} would have moved them.
         */
        public void pass(int k) {
            if (k != next) { // the caller checked that it is plain
                throw new IllegalStateException("bar " + k + " is not the next bar (" + next + ")");
            }
            next = k + 1;
            confirmed = false;
            int i = instrument[k];
            stats[i].at = k;
            accepted[i]++;
        }

        /**
         * Passes bars {@code from} to {@code to - 1} of a one-instrument tape, the next ones, all {@link #plain}: as
         * {@link #pass} on each.
         */
        public void passAll(int from, int to) {
            if (from != next || bars.length != 1) {
                throw new IllegalStateException("bars " + from + ".." + to + " are not the next bars (" + next
                        + ") of a one-instrument tape");
            }
            next = to;
            confirmed = false;
            stats[0].at = to - 1;
            accepted[0] += to - from;
        }

        /** Takes back the {@link #pass} of bar {@code k}, the last one passed: it will be checked as usual. */
        public void unpass(int k, int previousAt) {
            next = k;
            int i = instrument[k];
            stats[i].at = previousAt;
            accepted[i]--;
        }

        /**
         * {@code screen}'s answer on every accepted bar of instrument {@code i}, or {@link #NO_SCREEN} if it threw:
         * walks the tape from its start, moving every instrument's series as a run does, then returns to the start.
         * Asked before this stage's run begins.
         */
        private long[] screen(int i, dev.hft.api.EntryScreen screen) {
            if (next != 0) {
                throw new IllegalStateException("a screen is read before the run starts");
            }
            long[] bits = new long[(size + 63) >> 6];
            try {
                for (int k = 0; k < size; k++) {
                    if (verdict[k] >= REJECTED) {
                        continue;
                    }
                    int j = instrument[k];
                    stats[j].at = k;
                    accepted[j]++;
                    if (j == i && screen.mayEnter(i)) {
                        bits[k >> 6] |= 1L << k;
                    }
                }
            } catch (RuntimeException e) {
                bits = NO_SCREEN;
            }
            for (int j = 0; j < stats.length; j++) {
                stats[j].at = -1;
                accepted[j] = 0;
            }
            return bits;
        }

        /** The tape index of instrument {@code i}'s last accepted bar so far, or -1. */
        public int lastAccepted(int i) {
            return stats[i].at;
        }

        @Override
        public Series series(int i, SeriesSpec spec) {
            return new Column(Tape.this, spec, accepted, i);
        }

        @Override
        public ReasonCode entryBlock(int i) {
            return Sanitizer.entryBlock(frozen[i], stats[i].spreadBps(), sanitizer);
        }
    }

    /**
     * A series read from its column at the instrument's accepted-bar count. The column is fetched (computed, the first
     * time any run asks for its key) on the first read, so a series a strategy asks for only to draw it costs a
     * search nothing.
     */
    private static final class Column implements Series {
        private final Tape tape;
        private final SeriesSpec spec;
        private final long[] accepted;
        private final int instrument;
        private double[] values;

        Column(Tape tape, SeriesSpec spec, long[] accepted, int instrument) {
            this.tape = tape;
            this.spec = spec;
            this.accepted = accepted;
            this.instrument = instrument;
        }

        private double[] values() {
            double[] v = values;
            if (v == null) {
                v = tape.column(instrument, spec);
                values = v;
            }
            return v;
        }

        @Override
        public double value() {
            long n = accepted[instrument];
            return n > 0 ? values()[(int) n - 1] : Double.NaN;
        }

        @Override
        public double previous() {
            long n = accepted[instrument];
            return n > 1 ? values()[(int) n - 2] : Double.NaN;
        }

        @Override
        public long count() {
            return accepted[instrument];
        }
    }

    /** An instrument's statistics as of its last accepted bar on the tape (0 before the first, as streaming). */
    private static final class Statistics implements MarketStatistics {
        private final Tape tape;
        /** The tape index of the instrument's last accepted bar, or -1 before the first. */
        private int at = -1;

        Statistics(Tape tape) {
            this.tape = tape;
        }

        @Override
        public double spreadFrac() {
            return at < 0 ? 0 : tape.spreadFrac[at];
        }

        @Override
        public double volatility() {
            return at < 0 ? 0 : tape.volatility[at];
        }

        @Override
        public double averageVolume() {
            return at < 0 ? 0 : tape.averageVolume[at];
        }
    }

    /** Collects the sanitizer's freezes and thaws in order while the tape is prepared. */
    private static final class Recorder implements EngineListener {
        private int[] instrument = new int[16];
        private byte[] reason = new byte[16];
        private int count;

        @Override
        public void onInstrumentFrozen(int i, ReasonCode why, long nowMs) {
            add(i, (byte) why.ordinal());
        }

        @Override
        public void onInstrumentThawed(int i, long nowMs) {
            add(i, (byte) -1);
        }

        private void add(int i, byte r) {
            if (count == instrument.length) {
                instrument = Arrays.copyOf(instrument, count * 2);
                reason = Arrays.copyOf(reason, count * 2);
            }
            instrument[count] = i;
            reason[count++] = r;
        }
    }
}
