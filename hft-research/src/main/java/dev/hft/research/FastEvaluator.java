package dev.hft.research;

import dev.hft.backtest.RunSpec;
import dev.hft.backtest.RunResult;
import dev.hft.backtest.BacktestRunner;
import dev.hft.backtest.data.BarSeries;
import dev.hft.core.Bar;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.OrderType;
import dev.hft.core.ReasonCode;
import dev.hft.core.Side;
import dev.hft.engine.EngineConfig;
import dev.hft.engine.TradeRecord;
import dev.hft.engine.bus.EventBus;
import dev.hft.engine.cost.CostModel;
import dev.hft.engine.cost.FeeModel;
import dev.hft.engine.cost.FixedBpsSlippage;
import dev.hft.engine.cost.FlatFeeModel;
import dev.hft.engine.cost.MarketStats;
import dev.hft.api.indicator.Atr;
import dev.hft.api.indicator.RangePosition;
import dev.hft.api.indicator.Sma;
import dev.hft.engine.risk.PortfolioView;
import dev.hft.engine.risk.RiskGuard;
import dev.hft.engine.risk.TradingState;
import dev.hft.engine.sanitizer.Sanitizer;
import dev.hft.api.Action;
import dev.hft.api.Decision;
import dev.hft.strategies.LiquidationHunter;
import dev.hft.api.Params;
import dev.hft.api.PositionView;
import dev.hft.api.StrategyFactory;
import dev.hft.engine.strategy.StrategyRegistry;
import dev.hft.sim.FillModel;
import dev.hft.sim.IntrabarPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The optimizer's fast evaluator of the liquidation hunter: the same backtest as {@link BacktestRunner} with the
 * full engine, giving the same trades, fills, equity curve and figures, bit for bit, at a fraction of the cost per
 * trial. It saves work in two ways, neither of which changes a result:
 * <ol>
 *   <li>What does not depend on the trial's parameters is computed once per data set and shared by every trial:
 *       the sanitizer's verdict on every bar, the market statistics behind slippage and the spread gate, and each
 *       indicator series (an SMA of a given period is the same for every trial that asks for that period). They
 *       are computed by the engine's own classes ({@link Sanitizer}, {@link MarketStats}, {@link Sma},
 *       {@link RangePosition}, {@link Atr}) over the same bars in the same order, so the values are identical.</li>
 *   <li>While a trial is flat with no order working, a bar can change nothing but the strategy's decision: cash is
 *       constant, so is equity, and the risk guard's state is a function of equity and the day, which it is asked
 *       about only when an entry is decided (at constant equity, asking on every bar and asking at the entry bar
 *       end in the same state). Those bars cost one call of the strategy's own
 *       {@link LiquidationHunter#decide decision} on the shared indicator values.</li>
 * </ol>
 * While any position is open or any order working, every bar of every symbol is processed the way the engine and
 * the simulated exchange process it (same order of steps, the engine's {@link RiskGuard}, fee model and
 * slippage formula, the instrument's filters). {@code FastEvaluatorTest} holds it to the engine on real and
 * synthetic data across fill models, costs, latency and risk limits; the optimizer also re-runs its best trial
 * with the full engine and refuses a result that differs.
 *
 * <p>Supported: the liquidation hunter on any number of symbols, each with strictly increasing bar times (a
 * backtest's kline data), merged in time order as {@link BacktestRunner} merges them (ties by symbol index).
 * {@link #supports} says when; everything else goes through the full engine.
 */
public final class FastEvaluator {
    private static final int SMA_CLOSE = 0;
    private static final int SMA_VOLUME = 1;
    private static final int RANGE = 2;
    private static final int ATR = 3;
    /** Per (fast, slow, range): how deep the close is in the band an entry needs (see {@link #candidates}). */
    private static final int DEPTH = 4;
    /** Per volume period: the volume over its baseline, as the strategy's volume gate computes it. */
    private static final int VOLUME_RATIO = 5;
    private static final Bar NO_LIQUIDATIONS = new Bar();

    private final RunSpec base;
    private final List<Instrument> instruments;
    private final Instrument[] inst;
    private final EngineConfig engineConfig;
    private final FeeModel fees;
    private final boolean closeFills;
    /** Limits fill only when traded through ({@code LimitFill.THROUGH}), as the simulated exchange's. */
    private final boolean limitThrough;
    private final FixedBpsSlippage fixedSlippage;
    private final boolean costSlippage;
    private final double impactCoef;
    private final IntrabarPolicy intrabar;

    // the tape: every bar k of the merged stream, as the engine receives them
    private final int n;
    private final int[] symbol;
    private final long[] openTime;
    private final long[] closeTime;
    private final long[] now;
    private final long[] open;
    private final long[] high;
    private final long[] low;
    private final long[] close;
    /** k -> j of bar k among its symbol's accepted bars, or -1 when the sanitizer rejected it. */
    private final int[] accepted;
    /** k -> the equity point taken after bar k (the last bar of its time), or -1. */
    private final int[] pointOf;
    /** k -> the first equity point taken at or after bar k. */
    private final int[] pointFrom;
    /** Time of every equity point: shared, read-only, by every trial's result. */
    private final long[] equityTime;
    /** The equity points that end a UTC day ({@link dev.hft.backtest.report.Metrics#dayEnds}). */
    private final int[] dayEnds;
    private final Lane[] lanes;

    private final Map<SeriesKey, double[]> indicators = new ConcurrentHashMap<>();
    /** Per (depth series, ratio series, extreme, volumeSpike): {@link #candidates}, sharing the series' budget. */
    private final Map<CandidateKey, int[]> candidates = new ConcurrentHashMap<>();
    private final AtomicLong cachedBytes = new AtomicLong();
    private final long cacheLimitBytes;
    private final ThreadLocal<long[]> equityBuffer = ThreadLocal.withInitial(this::newEquity);

    /** A shared series: its lane, kind and up to three periods. */
    private record SeriesKey(int lane, int kind, int a, int b, int c) {
    }

    /** A candidate list: the two series it reads and the two thresholds (as their exact bits). */
    private record CandidateKey(SeriesKey depth, SeriesKey ratio, long extremeBits, long volumeSpikeBits) {
    }

    /** One symbol's accepted bars j: what its strategy, statistics and the sanitizer's entry gate see. */
    private static final class Lane {
        int m;
        /** j -> the bar k of the merged tape. */
        int[] kOf;
        double[] closeD;
        double[] volumeD;
        double[] highD;
        double[] lowD;
        /** Statistics after accepted bar j: what the cost model reads. */
        double[] spreadFrac;
        double[] averageVolume;
        double[] volatility;
        /** Why an entry on accepted bar j is blocked by the sanitizer (frozen, spread), or null. */
        ReasonCode[] entryBlock;

        Lane(int capacity) {
            kOf = new int[capacity];
            closeD = new double[capacity];
            volumeD = new double[capacity];
            highD = new double[capacity];
            lowD = new double[capacity];
            spreadFrac = new double[capacity];
            averageVolume = new double[capacity];
            volatility = new double[capacity];
            entryBlock = new ReasonCode[capacity];
        }

        void trim() {
            kOf = java.util.Arrays.copyOf(kOf, m);
            closeD = java.util.Arrays.copyOf(closeD, m);
            volumeD = java.util.Arrays.copyOf(volumeD, m);
            highD = java.util.Arrays.copyOf(highD, m);
            lowD = java.util.Arrays.copyOf(lowD, m);
            spreadFrac = java.util.Arrays.copyOf(spreadFrac, m);
            averageVolume = java.util.Arrays.copyOf(averageVolume, m);
            volatility = java.util.Arrays.copyOf(volatility, m);
            entryBlock = java.util.Arrays.copyOf(entryBlock, m);
        }
    }

    private FastEvaluator(RunSpec base, Dataset data) {
        this.base = base;
        this.instruments = data.instruments();
        this.inst = instruments.toArray(new Instrument[0]);
        FlatFeeModel feeModel = BacktestRunner.feeModel(base);
        this.fees = feeModel;
        this.engineConfig = base.engine().withFeeRate(feeModel.takerRate());
        this.closeFills = base.fillModel() == FillModel.CLOSE;
        this.limitThrough = base.limitFill() == dev.hft.sim.LimitFill.THROUGH;
        this.fixedSlippage = !closeFills && base.slippageBps() != null ? new FixedBpsSlippage(base.slippageBps())
                : null;
        this.costSlippage = !closeFills && base.slippageBps() == null;
        this.impactCoef = base.impactCoef();
        new CostModel(feeModel, new MarketStats[0], impactCoef, false); // the same argument checks as a backtest
        this.intrabar = base.intrabar();

        List<BarSeries> series = data.series();
        int symbols = series.size();
        int total = 0;
        for (BarSeries s : series) {
            total += s.size();
        }
        n = total;
        symbol = new int[n];
        openTime = new long[n];
        closeTime = new long[n];
        now = new long[n];
        open = new long[n];
        high = new long[n];
        low = new long[n];
        close = new long[n];
        accepted = new int[n];
        pointOf = new int[n];
        pointFrom = new int[n + 1];
        lanes = new Lane[symbols];
        Sanitizer sanitizer = new Sanitizer(engineConfig.sanitizer(), inst, new EventBus());
        MarketStats[] stats = new MarketStats[symbols];
        for (int i = 0; i < symbols; i++) {
            lanes[i] = new Lane(series.get(i).size());
            stats[i] = new MarketStats(BacktestRunner.STATS_WINDOW);
        }
        int[] cursor = new int[symbols];
        Bar bar = new Bar();
        for (int k = 0; k < n; k++) {
            int pick = BacktestRunner.next(series, cursor); // the backtest's merge order
            series.get(pick).fill(cursor[pick]++, pick, bar);
            if (base.latencyMs() > 0) {
                bar.receiveTimeMs = bar.closeTimeMs + base.latencyMs();
            }
            symbol[k] = pick;
            openTime[k] = bar.openTimeMs;
            closeTime[k] = bar.closeTimeMs;
            now[k] = bar.nowMs();
            open[k] = bar.open;
            high[k] = bar.high;
            low[k] = bar.low;
            close[k] = bar.close;
            if (sanitizer.onBar(bar, bar.nowMs()) != null) {
                accepted[k] = -1;
                continue;
            }
            MarketStats st = stats[pick];
            st.update(bar);
            Lane lane = lanes[pick];
            int j = lane.m++;
            accepted[k] = j;
            lane.kOf[j] = k;
            lane.closeD[j] = Fixed.toDouble(bar.close);
            lane.volumeD[j] = Fixed.toDouble(bar.volume);
            lane.highD[j] = Fixed.toDouble(bar.high);
            lane.lowD[j] = Fixed.toDouble(bar.low);
            lane.spreadFrac[j] = st.spreadFrac();
            lane.averageVolume[j] = st.averageVolume();
            lane.volatility[j] = st.volatility();
            lane.entryBlock[j] = sanitizer.entryBlock(pick, st.spreadBps());
        }
        for (Lane lane : lanes) {
            lane.trim();
        }
        // equity points: one after the last bar of each open time, and the last after the end-of-data flatten
        int points = 0;
        for (int k = 0; k < n; k++) {
            pointFrom[k] = points;
            boolean last = k + 1 == n || openTime[k + 1] != openTime[k];
            pointOf[k] = last ? points++ : -1;
        }
        pointFrom[n] = points;
        equityTime = new long[points];
        for (int k = 0; k < n; k++) {
            if (pointOf[k] >= 0) {
                equityTime[pointOf[k]] = closeTime[k];
            }
        }
        dayEnds = dev.hft.backtest.report.Metrics.dayEnds(equityTime);
        // a quarter of the heap for shared indicator series; past that a trial computes its own (still correct)
        cacheLimitBytes = Runtime.getRuntime().maxMemory() / 4;
    }

    /**
     * Whether this evaluator gives exactly the engine's result for {@code base} on {@code data}: the liquidation
     * hunter, every symbol's bar open times strictly increasing, at least one bar.
     */
    public static boolean supports(RunSpec base, Dataset data) {
        if (!LiquidationHunter.NAME.equals(base.strategy()) || data.bars() == 0) {
            return false;
        }
        for (BarSeries s : data.series()) {
            for (int k = 1; k < s.size(); k++) {
                if (s.openTime(k) <= s.openTime(k - 1)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The shared work for every trial of {@code base} on {@code data}; check {@link #supports} first. */
    public static FastEvaluator prepare(RunSpec base, Dataset data) {
        if (!supports(base, data)) {
            throw new IllegalArgumentException("the fast evaluator supports " + LiquidationHunter.NAME
                    + " on symbols with strictly increasing bar times");
        }
        return new FastEvaluator(base, data);
    }

    /**
     * One trial: the backtest of the base settings with {@code overrides} on the strategy's parameters. Trades,
     * equity curve, final capital, fees and bar count are those {@link BacktestRunner} reports; fills, TCA, reason
     * counts and the sanitizer and risk reports are left empty (a trial does not report them).
     *
     * @throws IllegalArgumentException the strategy refuses the parameters (the engine's message)
     */
    public RunResult run(Map<String, String> overrides) {
        return run(overrides, newEquity());
    }

    /**
     * {@link #run(Map)} for a caller that is done with the result before its next call on the same thread (the
     * optimizer turns it into figures at once): the equity curve lives in a buffer the thread reuses, which spares
     * allocating and clearing one long per bar per trial.
     */
    public RunResult runTransient(Map<String, String> overrides) {
        return run(overrides, equityBuffer.get());
    }

    /** The indices of the equity points that end a UTC day, the same for every trial (shared, read-only). */
    public int[] dayEnds() {
        return dayEnds;
    }

    private long[] newEquity() {
        return new long[equityTime.length];
    }

    private RunResult run(Map<String, String> overrides, long[] equity) {
        long started = System.nanoTime();
        RunSpec cfg = base.withParams(overrides);
        StrategyFactory factory = StrategyRegistry.get(cfg.strategy());
        LiquidationHunter[] hunters = new LiquidationHunter[lanes.length];
        for (int i = 0; i < hunters.length; i++) {
            hunters[i] = (LiquidationHunter) factory.create(new Params(factory.name(), factory.params(),
                    cfg.params()));
        }
        Trial t = new Trial(hunters, equity);
        t.runAll();
        long processed = 0;
        for (Lane lane : lanes) {
            processed += lane.m;
        }
        return new RunResult(instruments, t.trades, List.of(), equityTime, equity, engineConfig.initialCapital(),
                t.equity(), t.totalFees, processed, Map.of(), Map.of(), Map.of(), List.of(), Map.of(), Map.of(),
                System.nanoTime() - started);
    }

    private double[] series(int lane, int kind, int period) {
        return series(new SeriesKey(lane, kind, period, 0, 0));
    }

    private double[] series(SeriesKey key) {
        double[] cached = indicators.get(key);
        if (cached != null) {
            return cached;
        }
        // a derived series' inputs first: a map's computation must not reach into the map
        double[][] inputs = switch (key.kind()) {
            case DEPTH -> new double[][] {series(key.lane(), SMA_CLOSE, key.a()),
                series(key.lane(), SMA_CLOSE, key.b()), series(key.lane(), RANGE, key.c())};
            case VOLUME_RATIO -> new double[][] {series(key.lane(), SMA_VOLUME, key.a())};
            default -> null;
        };
        long bytes = 8L * lanes[key.lane()].m;
        if (cachedBytes.get() + bytes > cacheLimitBytes) {
            return compute(key, inputs);
        }
        return indicators.computeIfAbsent(key, k -> {
            cachedBytes.addAndGet(bytes);
            return compute(key, inputs);
        });
    }

    private double[] compute(SeriesKey key, double[][] inputs) {
        Lane lane = lanes[key.lane()];
        int m = lane.m;
        if (key.kind() == DEPTH) {
            double[] f = inputs[0];
            double[] sl = inputs[1];
            double[] r = inputs[2];
            double[] out = new double[m];
            for (int j = 0; j < m; j++) {
                out[j] = depth(f[j], sl[j], r[j]);
            }
            return out;
        }
        if (key.kind() == VOLUME_RATIO) {
            double[] baseVolume = inputs[0];
            double[] out = new double[m];
            for (int j = 0; j < m; j++) {
                out[j] = baseVolume[j] > 0 ? lane.volumeD[j] / baseVolume[j] : 0; // LiquidationHunter.decide's ratio
            }
            return out;
        }
        return compute(lane, key.kind(), key.a());
    }

    /**
     * The accepted bars of {@code lane} a flat trial of {@code hunter} has to decide, ascending: those where the
     * close is in the extreme band with a trend ({@link LiquidationHunter#mayEnter}) and the volume is at least
     * {@code volumeSpike} times its baseline (the decision's volume gate, the same ratio of the same doubles). A
     * necessary condition of an entry: the decision re-checks everything, so the list can only save time, never
     * change a result. Shared by the trials with the same series and thresholds, within the cache's budget.
     */
    private int[] candidates(int lane, LiquidationHunter hunter) {
        SeriesKey depthKey = new SeriesKey(lane, DEPTH, hunter.fastMa(), hunter.slowMa(), hunter.rangeBars());
        SeriesKey ratioKey = new SeriesKey(lane, VOLUME_RATIO, hunter.volumeBars(), 0, 0);
        double extreme = hunter.extreme();
        double volumeSpike = hunter.volumeSpike();
        CandidateKey key = new CandidateKey(depthKey, ratioKey, Double.doubleToLongBits(extreme),
                Double.doubleToLongBits(volumeSpike));
        int[] cached = candidates.get(key);
        if (cached != null) {
            return cached;
        }
        double[] depth = series(depthKey);
        double[] ratio = series(ratioKey);
        int[] out = new int[64];
        int c = 0;
        for (int j = 0; j < depth.length; j++) {
            if (!(depth[j] > extreme) && !(ratio[j] < volumeSpike)) {
                if (c == out.length) {
                    out = java.util.Arrays.copyOf(out, 2 * c);
                }
                out[c++] = j;
            }
        }
        int[] list = java.util.Arrays.copyOf(out, c);
        long bytes = 4L * c;
        if (cachedBytes.get() + bytes <= cacheLimitBytes && candidates.putIfAbsent(key, list) == null) {
            cachedBytes.addAndGet(bytes);
        }
        return list;
    }

    /**
     * The close's depth into the band on the trend's dip side, as {@link LiquidationHunter#mayEnter} reads it, and
     * infinite without a trend: {@code mayEnter} is true only where {@code !(depth > extreme)}.
     */
    static double depth(double f, double s, double rangePos) {
        return f == s ? Double.POSITIVE_INFINITY : (f > s ? rangePos : 1 - rangePos);
    }

    /** The indicator's value after each accepted bar (the volume mean: before the bar joins it). */
    private static double[] compute(Lane lane, int kind, int period) {
        int m = lane.m;
        double[] out = new double[m];
        switch (kind) {
            case SMA_CLOSE -> {
                Sma sma = new Sma(period);
                for (int j = 0; j < m; j++) {
                    sma.update(lane.closeD[j]);
                    out[j] = sma.value();
                }
            }
            case SMA_VOLUME -> {
                Sma sma = new Sma(period);
                for (int j = 0; j < m; j++) {
                    out[j] = sma.value();
                    sma.update(lane.volumeD[j]);
                }
            }
            case RANGE -> {
                RangePosition r = new RangePosition(period);
                for (int j = 0; j < m; j++) {
                    r.update(lane.highD[j], lane.lowD[j], lane.closeD[j]);
                    out[j] = r.value();
                }
            }
            default -> {
                Atr a = new Atr(period);
                for (int j = 0; j < m; j++) {
                    a.update(lane.highD[j], lane.lowD[j], lane.closeD[j]);
                    out[j] = a.value();
                }
            }
        }
        return out;
    }

    /** One symbol's strategy with its indicator series. */
    private final class Signals {
        final LiquidationHunter hunter;
        final Lane lane;
        final double[] fast;
        final double[] slow;
        final double[] volumeBase;
        final double[] range;
        final double[] atr;
        /** The bars a flat trial decides (the shared candidate list), its position in them, each bar's tape index. */
        final int[] candidates;
        final int[] kOf;
        int cursor;

        Signals(int i, LiquidationHunter hunter) {
            this.hunter = hunter;
            this.lane = lanes[i];
            fast = series(i, SMA_CLOSE, hunter.fastMa());
            slow = series(i, SMA_CLOSE, hunter.slowMa());
            volumeBase = series(i, SMA_VOLUME, hunter.volumeBars());
            range = series(i, RANGE, hunter.rangeBars());
            atr = series(i, ATR, hunter.atrPeriod());
            candidates = candidates(i, hunter);
            kOf = lane.kOf;
        }

        /** The merged-tape bar of this symbol's next candidate at or after bar k, or n when none is left. */
        int nextCandidateBar(int k) {
            while (cursor < candidates.length && kOf[candidates[cursor]] < k) {
                cursor++;
            }
            return cursor < candidates.length ? kOf[candidates[cursor]] : n;
        }

        /** A flat symbol with no order: false when the decision would not enter on accepted bar j. */
        boolean mayEnter(int j) {
            return hunter.mayEnter(j + 1, fast[j], slow[j], range[j]);
        }

        void decide(int j, PositionView position, Decision out) {
            out.reset();
            if (position.quantity() != 0 || position.orderPending()) {
                hunter.decideHeld(position, out); // reads the position only: no indicator values to fetch
                return;
            }
            hunter.decide(j + 1, lane.closeD[j], lane.volumeD[j], volumeBase[j], fast[j], slow[j], range[j], atr[j],
                    NO_LIQUIDATIONS, position, out);
        }
    }

    /** One symbol's position and the orders working for it (PositionState, and the exchange's order lists). */
    private static final class Pos implements PositionView {
        final int instrument;
        long quantity;
        long avgEntryPrice;
        long entryTimeMs;
        long entryFees;
        long exitFees;
        long exitQty;
        long exitNotional;
        long realizedGross;
        ReasonCode entryReason;
        double entryConfidence;
        long barsHeld;
        long lastPrice;
        double pendingStopFrac;
        double pendingTakeProfitFrac;
        double pendingConfidence;
        /** The exchange's last bar of this symbol: accepted index and bar index, -1 before the first. */
        int lastBar = -1;
        int lastBarK = -1;

        boolean market;
        Side marketSide;
        long marketQty;
        boolean marketReduceOnly;
        ReasonCode marketReason;
        boolean stop;
        Side stopSide;
        long stopQty;
        long stopTrigger;
        boolean takeProfit;
        Side tpSide;
        long tpQty;
        long tpPrice;

        Pos(int instrument) {
            this.instrument = instrument;
        }

        boolean idle() {
            return quantity == 0 && !market && !stop && !takeProfit;
        }

        long markValue() {
            return quantity == 0 ? 0 : Fixed.mul(quantity, lastPrice);
        }

        void resetRoundTrip() {
            avgEntryPrice = 0;
            entryTimeMs = 0;
            entryFees = 0;
            exitFees = 0;
            exitQty = 0;
            exitNotional = 0;
            realizedGross = 0;
            entryReason = null;
            entryConfidence = 0;
            barsHeld = 0;
        }

        @Override
        public long quantity() {
            return quantity;
        }

        @Override
        public long barsHeld() {
            return barsHeld;
        }

        @Override
        public boolean orderPending() {
            return market;
        }
    }

    /**
     * One trial's state: the engine's positions, orders and accounts, mirroring {@code TradingEngine} and
     * {@code SimulatedExchange} step for step (see their comments for the why of each rule).
     */
    private final class Trial implements PortfolioView {
        private final RiskGuard risk = new RiskGuard(engineConfig.risk(), new EventBus());
        private final Decision decision = new Decision();
        private final Signals[] signals;
        private final Pos[] pos;
        final long[] equity;
        final List<TradeRecord> trades = new ArrayList<>();
        long totalFees;
        private long cash = engineConfig.initialCapital();
        private long nowMs;
        /** Symbols that are not idle (a position or an order): zero means the whole trial is idle. */
        private int busy;
        /** Fills so far, and the equity marked for the risk guard on this bar with the fill count then. */
        private long fills;
        private long marked;
        private long markedFills = -1;

        Trial(LiquidationHunter[] hunters, long[] equity) {
            this.equity = equity;
            signals = new Signals[hunters.length];
            pos = new Pos[hunters.length];
            for (int i = 0; i < hunters.length; i++) {
                signals[i] = new Signals(i, hunters[i]);
                pos[i] = new Pos(i);
            }
        }

        void runAll() {
            int k = 0;
            while (k < n) {
                if (busy == 0) {
                    // idle: cash is equity and only an entry decision can change anything
                    int entryBar = scan(k);
                    java.util.Arrays.fill(equity, pointFrom[k], pointFrom[entryBar], cash);
                    k = entryBar;
                    if (k == n) {
                        break;
                    }
                    Pos p = pos[symbol[k]];
                    nowMs = now[k];
                    p.lastBar = accepted[k];
                    p.lastBarK = k;
                    p.lastPrice = close[k];
                    risk.onEquity(nowMs, equity(), 0);
                    enter(p, decision.action == Action.ENTER_LONG ? Side.BUY : Side.SELL, close[k]);
                    point(k, equity());
                } else {
                    nowMs = now[k];
                    int j = accepted[k];
                    if (j >= 0) {
                        onBar(k, j);
                        // the equity the risk guard saw, unless a fill came after it (one multiplication saved)
                        point(k, fills == markedFills ? marked : equity());
                    } else {
                        point(k, equity());
                    }
                }
                k++;
            }
            endOfData();
            equity[equity.length - 1] = equity(); // the last point is taken after the end-of-data flatten
        }

        private void point(int k, long value) {
            int p = pointOf[k];
            if (p >= 0) {
                equity[p] = value;
            }
        }

        /**
         * The first bar from k on whose decision is an entry (in {@link #decision}), or n. Only the
         * candidates are decided, in tape order across symbols (the next candidate of every symbol, earliest
         * first): every other bar of a flat symbol is one the strategy would skip.
         */
        private int scan(int k) {
            if (signals.length == 1) {
                Signals sig = signals[0];
                for (int c = sig.nextCandidateBar(k); c < n; c = sig.nextCandidateBar(c + 1)) {
                    int j = accepted[c];
                    if (sig.mayEnter(j) && entryDecided(sig, j, pos[0])) {
                        return c;
                    }
                }
                return n;
            }
            while (true) {
                int next = n;
                int who = -1;
                for (int i = 0; i < signals.length; i++) {
                    int c = signals[i].nextCandidateBar(k);
                    if (c < next) {
                        next = c;
                        who = i;
                    }
                }
                if (who < 0) {
                    return n;
                }
                int j = accepted[next];
                if (signals[who].mayEnter(j) && entryDecided(signals[who], j, pos[who])) {
                    return next;
                }
                k = next + 1;
            }
        }

        private boolean entryDecided(Signals sig, int j, Pos p) {
            sig.decide(j, p, decision);
            return decision.action == Action.ENTER_LONG || decision.action == Action.ENTER_SHORT;
        }

        /** TradingEngine.onBar after the sanitizer accepted bar k (its symbol's accepted index j). */
        private void onBar(int k, int j) {
            int i = symbol[k];
            Pos p = pos[i];
            // SimulatedExchange.onMarketData: statistics are still those of the symbol's previous accepted bar
            p.lastBar = j;
            p.lastBarK = k;
            if (p.market) {
                fillMarket(p, slip(p, j - 1, p.marketSide, open[k], p.marketQty), openTime[k]);
            }
            matchResting(p, k, j - 1);
            p.lastPrice = close[k];
            if (p.quantity != 0) {
                p.barsHeld++;
            }
            marked = equity();
            markedFills = fills;
            if (risk.onEquity(nowMs, marked, openPositions())) {
                cancelPendingEntries();
                for (Pos q : pos) {
                    if (q.quantity != 0 && !q.market) {
                        exit(q, ReasonCode.EXIT_RISK_HALT, q.lastPrice, true, false);
                    }
                }
            } else if (risk.state() != TradingState.ACTIVE) {
                cancelPendingEntries();
            }
            signals[i].decide(j, p, decision);
            if (decision.action == Action.ENTER_LONG || decision.action == Action.ENTER_SHORT) {
                enter(p, decision.action == Action.ENTER_LONG ? Side.BUY : Side.SELL, close[k]);
            } else if (decision.action == Action.EXIT) {
                exit(p, decision.reason, close[k], false, false);
            }
        }

        private void endOfData() {
            nowMs = now[n - 1];
            // flattenAll(EXIT_END_OF_DATA): the accounting close, past the risk guard
            for (Pos p : pos) {
                if (p.quantity != 0 && !p.market) {
                    exit(p, ReasonCode.EXIT_END_OF_DATA, p.lastPrice, true, true);
                }
            }
            // SimulatedExchange.flushAtLastClose
            for (Pos p : pos) {
                if (p.market && p.lastBar >= 0) {
                    int k = p.lastBarK;
                    long px = closeFills ? close[k] : slip(p, p.lastBar, p.marketSide, close[k], p.marketQty);
                    fillMarket(p, px, closeTime[k]);
                }
            }
        }

        /** The slippage model's fill price, with the statistics after the symbol's accepted bar {@code statsBar}. */
        private long slip(Pos p, int statsBar, Side side, long ref, long qty) {
            Instrument in = inst[p.instrument];
            if (costSlippage) {
                Lane lane = lanes[p.instrument];
                double frac = statsBar < 0 ? CostModel.slippageFrac(0, 0, 0, impactCoef, qty)
                        : CostModel.slippageFrac(lane.spreadFrac[statsBar], lane.averageVolume[statsBar],
                        lane.volatility[statsBar], impactCoef, qty);
                return CostModel.slipped(in, side, ref, frac);
            }
            return fixedSlippage != null ? fixedSlippage.fillPrice(p.instrument, in, side, ref, qty) : ref;
        }

        /** Keeps {@link #busy} in step with a symbol's state after each change. */
        private void settle(Pos p, boolean wasIdle) {
            boolean idle = p.idle();
            if (wasIdle != idle) {
                busy += idle ? -1 : 1;
            }
        }

        // ---- engine: entries and exits

        private void enter(Pos p, Side side, long refPrice) {
            if (p.quantity != 0 || p.market) {
                return;
            }
            Instrument in = inst[p.instrument];
            if (lanes[p.instrument].entryBlock[p.lastBar] != null || refPrice <= 0) {
                return;
            }
            long qty = 0;
            long eq = equity();
            if (eq > 0) {
                long budget = Fixed.fromDouble(Fixed.toDouble(eq) * engineConfig.positionFraction());
                long notional = Fixed.div(budget, Fixed.ONE + engineConfig.feeRate());
                qty = in.floorQty(Fixed.div(notional, refPrice));
            }
            ReasonCode denied = risk.check(p.instrument, in, OrderType.MARKET, refPrice, qty, refPrice,
                    RiskGuard.OrderIntent.ENTRY, nowMs, this);
            if (denied == null && side == Side.BUY && Fixed.mul(qty, refPrice) > cash) {
                denied = ReasonCode.REJECT_INSUFFICIENT_FUNDS;
            }
            if (denied != null) {
                return;
            }
            p.pendingStopFrac = risk.stopLossFrac(decision.stopLossFrac);
            p.pendingTakeProfitFrac = decision.takeProfitFrac;
            p.pendingConfidence = decision.confidence;
            sendMarket(p, side, qty, false, decision.reason);
        }

        private void exit(Pos p, ReasonCode reason, long refPrice, boolean flatten, boolean accounting) {
            if (p.quantity == 0 || p.market) {
                return;
            }
            long qty = Math.abs(p.quantity);
            if (!accounting && risk.check(p.instrument, inst[p.instrument], OrderType.MARKET, refPrice, qty,
                    refPrice, RiskGuard.OrderIntent.EXIT, nowMs, this) != null) {
                return;
            }
            boolean wasIdle = p.idle();
            p.stop = false; // cancelProtective
            p.takeProfit = false;
            settle(p, wasIdle);
            sendMarket(p, p.quantity > 0 ? Side.SELL : Side.BUY, qty, true, reason);
        }

        /** send() of a market order, and SimulatedExchange.submit. */
        private void sendMarket(Pos p, Side side, long qty, boolean reduceOnly, ReasonCode reason) {
            boolean wasIdle = p.idle();
            risk.onOrderSent(nowMs);
            int k = p.lastBarK;
            long ref = k < 0 ? 0 : close[k];
            if (ref <= 0 || inst[p.instrument].checkOrder(inst[p.instrument].roundPrice(ref), qty, reduceOnly)
                    != null) {
                return; // rejected by the exchange
            }
            p.market = true;
            p.marketSide = side;
            p.marketQty = qty;
            p.marketReduceOnly = reduceOnly;
            p.marketReason = reason;
            settle(p, wasIdle);
            if (closeFills) {
                fillMarket(p, ref, closeTime[k]);
            }
        }

        private void cancelPendingEntries() {
            for (Pos p : pos) {
                if (p.market && p.quantity == 0) {
                    boolean wasIdle = p.idle();
                    p.market = false;
                    settle(p, wasIdle);
                }
            }
        }

        // ---- fills (engine.onOrderFilled)

        private void fillMarket(Pos p, long price, long timeMs) {
            boolean wasIdle = p.idle();
            p.market = false;
            settle(p, wasIdle);
            onFill(p, p.marketSide, p.marketQty, price, timeMs, false, p.marketReduceOnly, p.marketReason);
        }

        private void onFill(Pos p, Side side, long qty, long price, long timeMs, boolean maker, boolean reduceOnly,
                            ReasonCode reason) {
            boolean wasIdle = p.idle();
            fills++;
            Instrument in = inst[p.instrument];
            long fee = fees.fee(in, side, price, qty, maker);
            nowMs = Math.max(nowMs, timeMs);
            long signedQty = side.sign() * qty;
            long notional = Fixed.mul(price, qty);
            cash -= side.sign() * notional + fee;
            totalFees += fee;
            if (p.lastPrice == 0) {
                p.lastPrice = price;
            }
            boolean opening = p.quantity == 0 || Long.signum(p.quantity) == Long.signum(signedQty);
            if (opening) {
                if (p.quantity == 0) {
                    p.resetRoundTrip();
                    p.entryTimeMs = timeMs;
                    p.entryReason = reason;
                    p.entryConfidence = p.pendingConfidence;
                }
                long oldAbs = Math.abs(p.quantity);
                long newAbs = oldAbs + qty;
                p.avgEntryPrice = Fixed.div(Fixed.mul(p.avgEntryPrice, oldAbs) + notional, newAbs);
                p.quantity += signedQty;
                p.entryFees += fee;
                settle(p, wasIdle);
                if (!reduceOnly) {
                    placeProtective(p, price);
                }
                return;
            }
            long closeQty = Math.min(qty, Math.abs(p.quantity));
            int dir = p.quantity > 0 ? 1 : -1;
            p.realizedGross += dir * (Fixed.mul(price, closeQty) - Fixed.mul(p.avgEntryPrice, closeQty));
            p.exitFees += fee;
            p.exitQty += closeQty;
            p.exitNotional += Fixed.mul(price, closeQty);
            p.quantity += dir * -closeQty;
            if (p.quantity == 0) {
                p.stop = false; // cancelProtective
                p.takeProfit = false;
                long fees = p.entryFees + p.exitFees;
                trades.add(new TradeRecord(p.instrument, dir > 0 ? Side.BUY : Side.SELL, p.entryTimeMs,
                        p.avgEntryPrice, timeMs, Fixed.div(p.exitNotional, p.exitQty), p.exitQty,
                        p.realizedGross - fees, fees, p.entryReason, reason, p.entryConfidence));
                p.resetRoundTrip();
                settle(p, wasIdle);
                risk.update(nowMs, openPositions());
                return;
            }
            settle(p, wasIdle);
        }

        /** placeProtective / stopOrder / placePair, then SimulatedExchange.submit of each. */
        private void placeProtective(Pos p, long entryPrice) {
            boolean wasIdle = p.idle();
            Instrument in = inst[p.instrument];
            Side exitSide = p.quantity > 0 ? Side.SELL : Side.BUY;
            int dir = p.quantity > 0 ? 1 : -1;
            long qty = Math.abs(p.quantity);
            long stopDist = Fixed.mul(entryPrice, Fixed.fromDouble(p.pendingStopFrac));
            long trigger = in.roundPrice(entryPrice - dir * stopDist);
            boolean stopOk = risk.check(p.instrument, in, OrderType.STOP_MARKET, trigger, qty, entryPrice,
                    RiskGuard.OrderIntent.PROTECTIVE, nowMs, this) == null;
            boolean tpOk = false;
            long limit = 0;
            if (p.pendingTakeProfitFrac > 0) {
                long dist = Fixed.mul(entryPrice, Fixed.fromDouble(p.pendingTakeProfitFrac));
                limit = in.roundPrice(entryPrice + dir * dist);
                tpOk = risk.check(p.instrument, in, OrderType.LIMIT, limit, qty, entryPrice,
                        RiskGuard.OrderIntent.PROTECTIVE, nowMs, this) == null;
            }
            if (stopOk) {
                risk.onOrderSent(nowMs);
                if (trigger > 0 && in.checkOrder(trigger, qty, true) == null) {
                    p.stop = true;
                    p.stopSide = exitSide;
                    p.stopQty = qty;
                    p.stopTrigger = trigger;
                }
            }
            if (tpOk && p.quantity != 0) {
                risk.onOrderSent(nowMs);
                if (limit > 0 && in.checkOrder(limit, qty, true) == null) {
                    p.takeProfit = true;
                    p.tpSide = exitSide;
                    p.tpQty = qty;
                    p.tpPrice = limit;
                }
            }
            settle(p, wasIdle);
        }

        // ---- SimulatedExchange.matchResting

        /**
         * The resting list holds the stop before the take-profit: the first of them that opened beyond its price
         * fills at the open; otherwise the policy picks among those the bar's range touched. A fill closes the
         * position, which cancels the other (one-cancels-other).
         */
        private void matchResting(Pos p, int k, int statsBar) {
            if (!p.stop && !p.takeProfit) {
                return;
            }
            long o = open[k];
            boolean stopTouched = false;
            boolean tpTouched = false;
            if (p.stop) {
                boolean sell = p.stopSide == Side.SELL;
                if (sell ? o <= p.stopTrigger : o >= p.stopTrigger) {
                    fillStop(p, slip(p, statsBar, p.stopSide, o, p.stopQty), openTime[k]);
                    return;
                }
                stopTouched = sell ? low[k] <= p.stopTrigger : high[k] >= p.stopTrigger;
            }
            if (p.takeProfit) {
                boolean sell = p.tpSide == Side.SELL;
                if (limitReached(sell, o, p.tpPrice)) {
                    fillTakeProfit(p, o, openTime[k]);
                    return;
                }
                tpTouched = limitReached(sell, sell ? high[k] : low[k], p.tpPrice);
            }
            boolean stopFirst = intrabar == IntrabarPolicy.STOP_FIRST ? stopTouched : !tpTouched;
            if (stopFirst && stopTouched) {
                fillStop(p, slip(p, statsBar, p.stopSide, p.stopTrigger, p.stopQty), closeTime[k]);
            } else if (tpTouched) {
                fillTakeProfit(p, p.tpPrice, closeTime[k]);
            }
        }

        /** Whether the market at {@code price} fills a limit at {@code limit} (the exchange's {@code beyond}). */
        private boolean limitReached(boolean sell, long price, long limit) {
            if (limitThrough) {
                return sell ? price > limit : price < limit;
            }
            return sell ? price >= limit : price <= limit;
        }

        private void fillStop(Pos p, long price, long timeMs) {
            p.stop = false;
            onFill(p, p.stopSide, p.stopQty, price, timeMs, false, true, ReasonCode.EXIT_STOP_LOSS);
        }

        private void fillTakeProfit(Pos p, long price, long timeMs) {
            p.takeProfit = false;
            onFill(p, p.tpSide, p.tpQty, price, timeMs, true, true, ReasonCode.EXIT_TAKE_PROFIT);
        }

        // ---- the portfolio the risk guard checks

        @Override
        public long equity() {
            long e = cash;
            for (Pos p : pos) {
                e += p.markValue();
            }
            return e;
        }

        @Override
        public long exposure(int instrument) {
            return Math.abs(pos[instrument].markValue());
        }

        @Override
        public long totalExposure() {
            long t = 0;
            for (Pos p : pos) {
                t += Math.abs(p.markValue());
            }
            return t;
        }

        @Override
        public int openPositions() {
            int c = 0;
            for (Pos p : pos) {
                c += p.quantity != 0 ? 1 : 0;
            }
            return c;
        }
    }
}
