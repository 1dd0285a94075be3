package dev.hft.engine.sanitizer;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import dev.hft.api.state.StateIO;
import dev.hft.api.state.Snapshottable;

import dev.hft.core.Bar;
import dev.hft.core.Instrument;
import dev.hft.core.ReasonCode;
import dev.hft.core.StepGrid;
import dev.hft.engine.bus.EventBus;

/**
 * The L0 market-data sanitizer: every market event passes here before anything else sees it. An event is
 * accepted or rejected with a reason code; a rejected event is not used at all (no fills, no indicators, no
 * marks). Per instrument it keeps a state: ACTIVE, or FROZEN after a gap in the bar sequence, stale data or a
 * burst of outliers. A frozen instrument takes no new entries until {@code thawAfter} clean consecutive events
 * arrived; exits and protective orders stay allowed. Freezes and thaws are published as events.
 *
 * <p>Checks, in order: values (positive prices, non-negative volume), OHLC consistency, tick and step
 * compliance, time order (duplicates, out of order), latency (receive time minus event time, either way round),
 * outliers (a close-to-close jump beyond both a multiple of the recent mean absolute jump and a fixed
 * percentage). Then, on an accepted bar: a gap since the previous bar freezes. Stale instruments are found on
 * every event.
 *
 * <p>A bad print and a real move look alike in price only. An outlier jump is a real move, accepted and counted as
 * {@link ReasonCode#SANITIZER_MOVE_CONFIRMED}, when the bar corroborates it (all of): volume at least
 * {@value #CORROBORATION} times the recent mean, trade count too (when the data has one), the move made inside
 * the bar (it opens within half the jump of the previous close, and its range spans at least half the move), and
 * the takers on the move's side (taker-buy share at most 60% on a fall, at least 40% on a rise, when known). A
 * liquidation cascade passes (ETHUSDT 2024-02-28 17:31 UTC: -5.4% on 29 times the day's mean volume); a print
 * with ordinary volume, or a bar that sits at the new price from its open, does not.
 *
 * <p>Single-threaded (engine thread); no allocation per event.
 */
public final class Sanitizer implements Snapshottable {
    private static final ReasonCode[] CODES = ReasonCode.values();
    private static final int OUTLIER_WARMUP = 20;
    /** How many times its recent mean a real move's volume (and trade count) must be. */
    static final double CORROBORATION = 3.0;

    private final SanitizerConfig config;
    private final Instrument[] instruments;
    /** Each instrument's tick size as a division-free test (four prices per bar). */
    private final StepGrid[] ticks;
    private final EventBus bus;
    private final long[][] counts;
    private final long[] seen;
    private final long[] accepted;
    private final long[] lastOpenTimeMs;
    private final long[] lastUpdateMs;
    private final long[] lastClose;
    private final long[] intervalMs;
    private final double[] meanAbsJump;
    /** Running mean of accepted bars' volume and trade count (as doubles): the normal a move is measured by. */
    private final double[] meanVolume;
    private final double[] meanTrades;
    /** Whether the last accepted bar was an outlier jump the bar corroborated (a real move). */
    private boolean confirmedMove;
    private final long[] jumps;
    private final int[] consecutiveOutliers;
    private final boolean[] frozen;
    private final int[] cleanSinceFreeze;
    private final long[] freezes;
    /** The close-to-close jump of the bar being checked when the outlier check computed it, else NaN. */
    private double checkedJump = Double.NaN;

    public Sanitizer(SanitizerConfig config, Instrument[] instruments, EventBus bus) {
        this.config = config;
        this.instruments = instruments;
        this.bus = bus;
        int n = instruments.length;
        ticks = new StepGrid[n];
        for (int k = 0; k < n; k++) {
            ticks[k] = new StepGrid(instruments[k].tickSize());
        }
        counts = new long[n][CODES.length];
        seen = new long[n];
        accepted = new long[n];
        lastOpenTimeMs = new long[n];
        lastUpdateMs = new long[n];
        lastClose = new long[n];
        intervalMs = new long[n];
        meanAbsJump = new double[n];
        meanVolume = new double[n];
        meanTrades = new double[n];
        jumps = new long[n];
        consecutiveOutliers = new int[n];
        frozen = new boolean[n];
        cleanSinceFreeze = new int[n];
        freezes = new long[n];
        java.util.Arrays.fill(lastOpenTimeMs, Long.MIN_VALUE);
    }

    /** Checks a bar; returns null when accepted, else the rejection reason (already counted and published). */
    public ReasonCode onBar(Bar bar, long nowMs) {
        int i = bar.instrument;
        seen[i]++;
        confirmedMove = false;
        checkStale(nowMs, i);
        ReasonCode bad = validate(bar, nowMs);
        if (bad != null) {
            counts[i][bad.ordinal()]++;
            cleanSinceFreeze[i] = 0;
            bus.onMarketDataRejected(bar, bad);
            return bad;
        }
        accepted[i]++;
        // the normal volume and trade count: running mean over the first 100 bars, then about the last 100
        double wv = accepted[i] < 100 ? 1.0 / accepted[i] : 0.01;
        meanVolume[i] += wv * (bar.volume / (double) dev.hft.core.Fixed.ONE - meanVolume[i]);
        meanTrades[i] += wv * (bar.trades - meanTrades[i]);
        boolean first = lastOpenTimeMs[i] == Long.MIN_VALUE;
        long interval = bar.closeTimeMs - bar.openTimeMs + 1;
        if (!first && bar.openTimeMs - lastOpenTimeMs[i] > intervalMs[i]) {
            freeze(i, ReasonCode.SANITIZER_GAP, nowMs);
        } else if (frozen[i] && ++cleanSinceFreeze[i] >= config.thawAfter()) {
            frozen[i] = false;
            counts[i][ReasonCode.SANITIZER_THAW.ordinal()]++;
            bus.onInstrumentThawed(i, nowMs);
        }
        if (!first) {
            double jump = Double.isNaN(checkedJump) ? jump(bar.close, lastClose[i]) : checkedJump;
            jumps[i]++;
            // running mean over the first bars, then an exponential average (about the last 100 jumps)
            double w = jumps[i] < 100 ? 1.0 / jumps[i] : 0.01;
            meanAbsJump[i] += w * (jump - meanAbsJump[i]);
        }
        intervalMs[i] = interval;
        lastOpenTimeMs[i] = bar.openTimeMs;
        lastClose[i] = bar.close;
        lastUpdateMs[i] = nowMs;
        return null;
    }

    private static double jump(long close, long previousClose) {
        return Math.abs(Math.log((double) close / previousClose));
    }

    private ReasonCode validate(Bar b, long nowMs) {
        int i = b.instrument;
        checkedJump = Double.NaN;
        if (b.open <= 0 || b.high <= 0 || b.low <= 0 || b.close <= 0 || b.volume < 0) {
            return ReasonCode.SANITIZER_BAD_VALUE;
        }
        if (b.low > b.open || b.low > b.close || b.high < b.open || b.high < b.close || b.high < b.low) {
            return ReasonCode.SANITIZER_OHLC;
        }
        Instrument inst = instruments[i];
        StepGrid tick = ticks[i];
        if (!tick.test(b.open) || !tick.test(b.high) || !tick.test(b.low) || !tick.test(b.close)) {
            return ReasonCode.SANITIZER_OFF_TICK;
        }
        if (config.checkStepSize() && !inst.isOnStep(b.volume)) {
            return ReasonCode.SANITIZER_OFF_STEP;
        }
        if (lastOpenTimeMs[i] != Long.MIN_VALUE) {
            if (b.openTimeMs == lastOpenTimeMs[i]) {
                return ReasonCode.SANITIZER_DUPLICATE;
            }
            if (b.openTimeMs < lastOpenTimeMs[i]) {
                return ReasonCode.SANITIZER_OUT_OF_ORDER;
            }
        }
        if (nowMs - b.closeTimeMs > config.maxLatencyMs()) {
            return ReasonCode.SANITIZER_LATENCY;
        }
        if (b.closeTimeMs - nowMs > config.maxLatencyMs()) {
            // a closed bar received before it closed: a wrong source, or a local clock behind the exchange's; the
            // same tolerance as the latency, either way round
            return ReasonCode.SANITIZER_FUTURE;
        }
        if (config.outlierMinPct() > 0 && jumps[i] >= OUTLIER_WARMUP) {
            double jump = jump(b.close, lastClose[i]);
            checkedJump = jump; // onBar reuses it: one logarithm per bar
            if (jump > config.outlierMultiple() * meanAbsJump[i] && jump > config.outlierMinPct() / 100) {
                if (corroborated(b, i, jump)) {
                    // a real move (a cascade): the market, not a bad print; taken like any bar
                    confirmedMove = true;
                    counts[i][ReasonCode.SANITIZER_MOVE_CONFIRMED.ordinal()]++;
                    consecutiveOutliers[i] = 0;
                    return null;
                }
                if (++consecutiveOutliers[i] < config.maxConsecutiveOutliers()) {
                    return ReasonCode.SANITIZER_OUTLIER;
                }
                // the market really moved: take the new level, but trust nothing until it settles
                consecutiveOutliers[i] = 0;
                freeze(i, ReasonCode.SANITIZER_OUTLIER_BURST, nowMs);
                return null;
            }
        }
        consecutiveOutliers[i] = 0;
        return null;
    }

    /**
     * Whether bar {@code b}, whose close jumped {@code jump} (absolute log return) from the last accepted close, shows
     * what a real move leaves behind: volume (and trades) far above normal, the move made inside the bar, and takers
     * on its side. See the class comment for the thresholds.
     */
    private boolean corroborated(Bar b, int i, double jump) {
        double mv = meanVolume[i];
        double volume = b.volume / (double) dev.hft.core.Fixed.ONE;
        if (!(mv > 0) || volume < CORROBORATION * mv) {
            return false;
        }
        if (b.trades > 0 && meanTrades[i] > 0 && b.trades < CORROBORATION * meanTrades[i]) {
            return false;
        }
        long prev = lastClose[i];
        if (jump(b.open, prev) > 0.5 * jump) {
            return false; // already at the new price when it opened: not a move made in this bar
        }
        if (2 * (b.high - b.low) < Math.abs(b.close - prev)) {
            return false; // the range cannot hold the path from the previous close to this one
        }
        if (b.takerBuyVolume > 0 && b.volume > 0) {
            double buyShare = (double) b.takerBuyVolume / b.volume;
            boolean fall = b.close < prev;
            if (fall ? buyShare > 0.6 : buyShare < 0.4) {
                return false; // the aggressors traded against the move
            }
        }
        return true;
    }

    /** Whether the last bar {@link #onBar accepted} was an outlier jump its own volume and range confirmed. */
    public boolean confirmedMove() {
        return confirmedMove;
    }

    /**
     * Whether a bar rejected for {@code reason} really happened at the venue: working orders are matched against it
     * (a stop through a late bar's low fired there too), though no decision may use it. Only lateness is such a
     * reason; a malformed, duplicate, out-of-order, future-stamped bar or a bad print did not happen as shown.
     */
    public static boolean happened(ReasonCode reason) {
        return reason == ReasonCode.SANITIZER_LATENCY;
    }

    /** Freezes every instrument with no accepted event within the stale limit (checked on every event). */
    private void checkStale(long nowMs, int except) {
        if (config.staleAfterMs() == 0) {
            return;
        }
        for (int j = 0; j < frozen.length; j++) {
            if (j != except && !frozen[j] && lastUpdateMs[j] != 0 && nowMs - lastUpdateMs[j] > config.staleAfterMs()) {
                freeze(j, ReasonCode.SANITIZER_STALE, nowMs);
            }
        }
    }

    /** Freezes an instrument from outside (e.g. a stream disconnect). */
    public void freeze(int i, ReasonCode reason, long nowMs) {
        counts[i][reason.ordinal()]++;
        cleanSinceFreeze[i] = 0;
        if (!frozen[i]) {
            frozen[i] = true;
            freezes[i]++;
            bus.onInstrumentFrozen(i, reason, nowMs);
        }
    }

    public boolean isFrozen(int i) {
        return frozen[i];
    }

    /** Why new entries are not allowed on this instrument now, or null when they are. */
    public ReasonCode entryBlock(int i, double spreadBps) {
        ReasonCode block = entryBlock(frozen[i], spreadBps, config);
        if (block == ReasonCode.SANITIZER_SPREAD) {
            counts[i][block.ordinal()]++;
        }
        return block;
    }

    /** The entry gate's rule: a frozen instrument, then a spread above the limit, blocks a new entry; else null. */
    public static ReasonCode entryBlock(boolean frozen, double spreadBps, SanitizerConfig config) {
        if (frozen) {
            return ReasonCode.RISK_INSTRUMENT_FROZEN;
        }
        return spreadBps > config.maxSpreadBps() ? ReasonCode.SANITIZER_SPREAD : null;
    }

    public long count(int i, ReasonCode code) {
        return counts[i][code.ordinal()];
    }

    /** Open time of the last accepted bar of instrument {@code i}, or 0 before the first. */
    public long lastOpenTimeMs(int i) {
        return lastOpenTimeMs[i] == Long.MIN_VALUE ? 0 : lastOpenTimeMs[i];
    }

    public long seen(int i) {
        return seen[i];
    }

    public long accepted(int i) {
        return accepted[i];
    }

    public long freezes(int i) {
        return freezes[i];
    }

    /** Share of events accepted, over all instruments (1.0 when none seen). */
    public double validationRate() {
        long s = 0;
        long a = 0;
        for (int i = 0; i < seen.length; i++) {
            s += seen[i];
            a += accepted[i];
        }
        return s == 0 ? 1.0 : (double) a / s;
    }

    public SanitizerConfig config() {
        return config;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        for (long[] c : counts) {
            StateIO.longs(out, c);
        }
        StateIO.longs(out, seen);
        StateIO.longs(out, accepted);
        StateIO.longs(out, lastOpenTimeMs);
        StateIO.longs(out, lastUpdateMs);
        StateIO.longs(out, lastClose);
        StateIO.longs(out, intervalMs);
        StateIO.doubles(out, meanAbsJump);
        StateIO.doubles(out, meanVolume);
        StateIO.doubles(out, meanTrades);
        StateIO.longs(out, jumps);
        StateIO.ints(out, consecutiveOutliers);
        StateIO.booleans(out, frozen);
        StateIO.ints(out, cleanSinceFreeze);
        StateIO.longs(out, freezes);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        for (long[] c : counts) {
            StateIO.longs(in, c);
        }
        StateIO.longs(in, seen);
        StateIO.longs(in, accepted);
        StateIO.longs(in, lastOpenTimeMs);
        StateIO.longs(in, lastUpdateMs);
        StateIO.longs(in, lastClose);
        StateIO.longs(in, intervalMs);
        StateIO.doubles(in, meanAbsJump);
        StateIO.doubles(in, meanVolume);
        StateIO.doubles(in, meanTrades);
        StateIO.longs(in, jumps);
        StateIO.ints(in, consecutiveOutliers);
        StateIO.booleans(in, frozen);
        StateIO.ints(in, cleanSinceFreeze);
        StateIO.longs(in, freezes);
    }
}
