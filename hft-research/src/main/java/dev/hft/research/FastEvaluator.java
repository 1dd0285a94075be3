package dev.hft.research;

import dev.hft.backtest.BacktestConfig;
import dev.hft.backtest.BacktestResult;
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
import dev.hft.engine.indicator.Atr;
import dev.hft.engine.indicator.RangePosition;
import dev.hft.engine.indicator.Sma;
import dev.hft.engine.risk.PortfolioView;
import dev.hft.engine.risk.RiskGuard;
import dev.hft.engine.risk.TradingState;
import dev.hft.engine.sanitizer.Sanitizer;
import dev.hft.engine.strategy.Action;
import dev.hft.engine.strategy.Decision;
import dev.hft.engine.strategy.LiquidationHunter;
import dev.hft.engine.strategy.Params;
import dev.hft.engine.strategy.PositionView;
import dev.hft.engine.strategy.StrategyFactory;
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
 * From the entry decision until the position is closed and no order is working, every bar is processed the way the
 * engine and the simulated exchange process it (same order of steps, the engine's {@link RiskGuard}, fee model and
 * slippage formula, the instrument's filters). {@code FastEvaluatorTest} holds it to the engine on real and
 * synthetic data across fill models, costs, latency and risk limits; the optimizer also re-runs its best trial
 * with the full engine and refuses a result that differs.
 *
 * <p>Supported: the liquidation hunter on one symbol whose bar times strictly increase (a backtest's kline data).
 * {@link #supports} says when; everything else goes through the full engine.
 */
public final class FastEvaluator {
    private static final int SMA_CLOSE = 0;
    private static final int SMA_VOLUME = 1;
    private static final int RANGE = 2;
    private static final int ATR = 3;
    private static final Bar NO_LIQUIDATIONS = new Bar();

    private final BacktestConfig base;
    private final List<Instrument> instruments;
    private final Instrument inst;
    private final EngineConfig engineConfig;
    private final FeeModel fees;
    private final boolean closeFills;
    private final FixedBpsSlippage fixedSlippage;
    private final boolean costSlippage;
    private final double impactCoef;
    private final IntrabarPolicy intrabar;

    // the tape: every bar k, and every accepted bar j (the bars the engine, its statistics and strategy see)
    private final int n;
    private final int m;
    private final long[] openTime;
    private final long[] closeTime;
    private final long[] now;
    private final long[] open;
    private final long[] high;
    private final long[] low;
    private final long[] close;
    /** k -> j of bar k when accepted, else -1. */
    private final int[] accepted;
    /** j -> k of accepted bar j. */
    private final int[] barOf;
    /** k -> the first accepted j at or after bar k (m when none). */
    private final int[] acceptedFrom;
    private final double[] closeD;
    private final double[] volumeD;
    private final double[] highD;
    private final double[] lowD;
    /** Statistics after accepted bar j: what the cost model reads. */
    private final double[] spreadFrac;
    private final double[] averageVolume;
    private final double[] volatility;
    /** Why an entry on accepted bar j is blocked by the sanitizer (frozen, spread), or null. */
    private final ReasonCode[] entryBlock;
    /** Time of every equity point: shared, read-only, by every trial's result. */
    private final long[] equityTime;

    private final Map<Long, double[]> indicators = new ConcurrentHashMap<>();
    private final ThreadLocal<long[]> equityBuffer = ThreadLocal.withInitial(this::newEquity);
    private final AtomicLong cachedBytes = new AtomicLong();
    private final long cacheLimitBytes;

    private FastEvaluator(BacktestConfig base, Dataset data) {
        this.base = base;
        this.instruments = data.instruments();
        this.inst = instruments.get(0);
        FlatFeeModel feeModel = BacktestRunner.feeModel(base);
        this.fees = feeModel;
        this.engineConfig = base.engine().withFeeRate(feeModel.takerRate());
        this.closeFills = base.fillModel() == FillModel.CLOSE;
        this.fixedSlippage = !closeFills && base.slippageBps() != null ? new FixedBpsSlippage(base.slippageBps())
                : null;
        this.costSlippage = !closeFills && base.slippageBps() == null;
        this.impactCoef = base.impactCoef();
        new CostModel(feeModel, new MarketStats[0], impactCoef, false); // the same argument checks as a backtest
        this.intrabar = base.intrabar();

        BarSeries s = data.series().get(0);
        n = s.size();
        openTime = new long[n];
        closeTime = new long[n];
        now = new long[n];
        open = new long[n];
        high = new long[n];
        low = new long[n];
        close = new long[n];
        accepted = new int[n];
        equityTime = new long[n];
        Sanitizer sanitizer = new Sanitizer(engineConfig.sanitizer(), new Instrument[] {inst}, new EventBus());
        MarketStats stats = new MarketStats(BacktestRunner.STATS_WINDOW);
        double[] cd = new double[n];
        double[] vd = new double[n];
        double[] hd = new double[n];
        double[] ld = new double[n];
        double[] sf = new double[n];
        double[] av = new double[n];
        double[] vo = new double[n];
        ReasonCode[] eb = new ReasonCode[n];
        Bar bar = new Bar();
        int j = 0;
        for (int k = 0; k < n; k++) {
            s.fill(k, 0, bar);
            if (base.latencyMs() > 0) {
                bar.receiveTimeMs = bar.closeTimeMs + base.latencyMs();
            }
            openTime[k] = bar.openTimeMs;
            closeTime[k] = bar.closeTimeMs;
            equityTime[k] = bar.closeTimeMs;
            now[k] = bar.nowMs();
            open[k] = bar.open;
            high[k] = bar.high;
            low[k] = bar.low;
            close[k] = bar.close;
            if (sanitizer.onBar(bar, bar.nowMs()) != null) {
                accepted[k] = -1;
                continue;
            }
            stats.update(bar);
            accepted[k] = j;
            cd[j] = Fixed.toDouble(bar.close);
            vd[j] = Fixed.toDouble(bar.volume);
            hd[j] = Fixed.toDouble(bar.high);
            ld[j] = Fixed.toDouble(bar.low);
            sf[j] = stats.spreadFrac();
            av[j] = stats.averageVolume();
            vo[j] = stats.volatility();
            eb[j] = sanitizer.entryBlock(0, stats.spreadBps());
            j++;
        }
        m = j;
        barOf = new int[m];
        acceptedFrom = new int[n + 1];
        acceptedFrom[n] = m;
        for (int k = n - 1; k >= 0; k--) {
            acceptedFrom[k] = accepted[k] >= 0 ? accepted[k] : acceptedFrom[k + 1];
            if (accepted[k] >= 0) {
                barOf[accepted[k]] = k;
            }
        }
        closeD = java.util.Arrays.copyOf(cd, m);
        volumeD = java.util.Arrays.copyOf(vd, m);
        highD = java.util.Arrays.copyOf(hd, m);
        lowD = java.util.Arrays.copyOf(ld, m);
        spreadFrac = java.util.Arrays.copyOf(sf, m);
        averageVolume = java.util.Arrays.copyOf(av, m);
        volatility = java.util.Arrays.copyOf(vo, m);
        entryBlock = java.util.Arrays.copyOf(eb, m);
        // a quarter of the heap for shared indicator series; past that a trial computes its own (still correct)
        cacheLimitBytes = Runtime.getRuntime().maxMemory() / 4;
    }

    /**
     * Whether this evaluator gives exactly the engine's result for {@code base} on {@code data}: the liquidation
     * hunter, one symbol, bar open times strictly increasing.
     */
    public static boolean supports(BacktestConfig base, Dataset data) {
        if (!LiquidationHunter.NAME.equals(base.strategy()) || data.series().size() != 1) {
            return false;
        }
        BarSeries s = data.series().get(0);
        if (s.size() == 0) {
            return false;
        }
        for (int k = 1; k < s.size(); k++) {
            if (s.openTime(k) <= s.openTime(k - 1)) {
                return false;
            }
        }
        return true;
    }

    /** The shared work for every trial of {@code base} on {@code data}; check {@link #supports} first. */
    public static FastEvaluator prepare(BacktestConfig base, Dataset data) {
        if (!supports(base, data)) {
            throw new IllegalArgumentException("the fast evaluator supports " + LiquidationHunter.NAME
                    + " on one symbol with strictly increasing bar times");
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
    public BacktestResult run(Map<String, String> overrides) {
        return run(overrides, newEquity());
    }

    /**
     * {@link #run(Map)} for a caller that is done with the result before its next call on the same thread (the
     * optimizer turns it into figures at once): the equity curve lives in a buffer the thread reuses, which spares
     * allocating and clearing one long per bar per trial.
     */
    public BacktestResult runTransient(Map<String, String> overrides) {
        return run(overrides, equityBuffer.get());
    }

    private long[] newEquity() {
        return new long[n];
    }

    private BacktestResult run(Map<String, String> overrides, long[] equity) {
        long started = System.nanoTime();
        BacktestConfig cfg = Optimizer.withParams(base, overrides);
        StrategyFactory factory = StrategyRegistry.get(cfg.strategy());
        LiquidationHunter hunter = (LiquidationHunter) factory.create(new Params(factory.name(), factory.params(),
                cfg.params()));
        Trial t = new Trial(hunter, equity);
        t.runAll();
        return new BacktestResult(instruments, t.trades, List.of(), equityTime, t.equity, engineConfig.initialCapital(),
                t.equity(), t.totalFees, m, Map.of(), Map.of(), Map.of(), List.of(), Map.of(), Map.of(),
                System.nanoTime() - started);
    }

    private double[] series(int kind, int period) {
        long key = ((long) kind << 32) | period;
        double[] cached = indicators.get(key);
        if (cached != null) {
            return cached;
        }
        if (cachedBytes.get() + 8L * m > cacheLimitBytes) {
            return compute(kind, period);
        }
        return indicators.computeIfAbsent(key, k -> {
            cachedBytes.addAndGet(8L * m);
            return compute(kind, period);
        });
    }

    /** The indicator's value after each accepted bar (the volume mean: before the bar joins it). */
    private double[] compute(int kind, int period) {
        double[] out = new double[m];
        switch (kind) {
            case SMA_CLOSE -> {
                Sma sma = new Sma(period);
                for (int j = 0; j < m; j++) {
                    sma.update(closeD[j]);
                    out[j] = sma.value();
                }
            }
            case SMA_VOLUME -> {
                Sma sma = new Sma(period);
                for (int j = 0; j < m; j++) {
                    out[j] = sma.value();
                    sma.update(volumeD[j]);
                }
            }
            case RANGE -> {
                RangePosition r = new RangePosition(period);
                for (int j = 0; j < m; j++) {
                    r.update(highD[j], lowD[j], closeD[j]);
                    out[j] = r.value();
                }
            }
            default -> {
                Atr a = new Atr(period);
                for (int j = 0; j < m; j++) {
                    a.update(highD[j], lowD[j], closeD[j]);
                    out[j] = a.value();
                }
            }
        }
        return out;
    }

    /**
     * One trial's state: the engine's position, orders and accounts for one instrument, mirroring
     * {@code TradingEngine} and {@code SimulatedExchange} step for step (see their comments for the why of each
     * rule).
     */
    private final class Trial implements PositionView, PortfolioView {
        private final LiquidationHunter hunter;
        private final RiskGuard risk = new RiskGuard(engineConfig.risk(), new EventBus());
        private final Decision decision = new Decision();
        private final double[] fast;
        private final double[] slow;
        private final double[] volumeBase;
        private final double[] range;
        private final double[] atr;
        final long[] equity;
        final List<TradeRecord> trades = new ArrayList<>();
        long totalFees;
        private long cash = engineConfig.initialCapital();
        /** Fills so far, and the equity marked for the risk guard on this bar with the fill count then. */
        private long fills;
        private long marked;
        private long markedFills = -1;
        private long nowMs;
        /** Accepted bar the simulated exchange saw last (its "last bar"), -1 before the first, and its bar index. */
        private int lastBar = -1;
        private int lastBarK = -1;

        // position (PositionState)
        private long quantity;
        private long avgEntryPrice;
        private long entryTimeMs;
        private long entryFees;
        private long exitFees;
        private long exitQty;
        private long exitNotional;
        private long realizedGross;
        private ReasonCode entryReason;
        private double entryConfidence;
        private long barsHeld;
        private long lastPrice;
        private double pendingStopFrac;
        private double pendingTakeProfitFrac;
        private double pendingConfidence;

        // the market order in flight (entry or exit), and the protective pair resting at the exchange
        private boolean market;
        private Side marketSide;
        private long marketQty;
        private boolean marketReduceOnly;
        private ReasonCode marketReason;
        private boolean stop;
        private Side stopSide;
        private long stopQty;
        private long stopTrigger;
        private boolean takeProfit;
        private Side tpSide;
        private long tpQty;
        private long tpPrice;

        Trial(LiquidationHunter hunter, long[] equity) {
            this.hunter = hunter;
            this.equity = equity;
            fast = series(SMA_CLOSE, hunter.fastMa());
            slow = series(SMA_CLOSE, hunter.slowMa());
            volumeBase = series(SMA_VOLUME, hunter.volumeBars());
            range = series(RANGE, hunter.rangeBars());
            atr = series(ATR, hunter.atrPeriod());
        }

        void runAll() {
            int k = 0;
            while (k < n) {
                if (quantity == 0 && !market && !stop && !takeProfit) {
                    // idle: cash is equity and only an entry decision can change anything
                    int j = acceptedFrom[k];
                    for (; j < m; j++) {
                        if (hunter.mayEnter(j + 1, fast[j], slow[j], range[j]) && decide(j) && isEntry()) {
                            break;
                        }
                    }
                    int entryBar = j < m ? barOf[j] : n;
                    java.util.Arrays.fill(equity, k, entryBar, cash);
                    k = entryBar;
                    if (k == n) {
                        break;
                    }
                    nowMs = now[k];
                    lastBar = j;
                    lastBarK = k;
                    lastPrice = close[k];
                    risk.onEquity(nowMs, equity(), 0);
                    enter(decision.action == Action.ENTER_LONG ? Side.BUY : Side.SELL, close[k]);
                } else {
                    nowMs = now[k];
                    int j = accepted[k];
                    if (j >= 0) {
                        onBar(k, j);
                        // the equity the risk guard saw, unless a fill came after it (one multiplication saved)
                        equity[k] = fills == markedFills ? marked : equity();
                        k++;
                        continue;
                    }
                }
                equity[k] = equity();
                k++;
            }
            endOfData();
            equity[n - 1] = equity(); // the last point is taken after the end-of-data flatten
        }

        private boolean isEntry() {
            return decision.action == Action.ENTER_LONG || decision.action == Action.ENTER_SHORT;
        }

        /** The strategy's decision on accepted bar j into {@link #decision}; true when it computed one. */
        private boolean decide(int j) {
            decision.reset();
            if (quantity != 0 || market) {
                hunter.decideHeld(this, decision); // reads the position only: no indicator values to fetch
                return true;
            }
            hunter.decide(j + 1, closeD[j], volumeD[j], volumeBase[j], fast[j], slow[j], range[j], atr[j],
                    NO_LIQUIDATIONS, this, decision);
            return true;
        }

        /** TradingEngine.onBar after the sanitizer accepted bar k (accepted index j). */
        private void onBar(int k, int j) {
            // SimulatedExchange.onMarketData: statistics are still those of the previous accepted bar
            lastBar = j;
            lastBarK = k;
            if (market) {
                fillMarket(slip(j - 1, marketSide, open[k], marketQty), openTime[k]);
            }
            matchResting(k, j - 1);
            lastPrice = close[k];
            if (quantity != 0) {
                barsHeld++;
            }
            marked = equity();
            markedFills = fills;
            if (risk.onEquity(nowMs, marked, openPositions())) {
                cancelPendingEntry();
                if (quantity != 0 && !market) {
                    exit(ReasonCode.EXIT_RISK_HALT, lastPrice, true, false);
                }
            } else if (risk.state() != TradingState.ACTIVE) {
                cancelPendingEntry();
            }
            decide(j);
            if (isEntry()) {
                enter(decision.action == Action.ENTER_LONG ? Side.BUY : Side.SELL, close[k]);
            } else if (decision.action == Action.EXIT) {
                exit(decision.reason, close[k], false, false);
            }
        }

        private void endOfData() {
            nowMs = now[n - 1];
            // flattenAll(EXIT_END_OF_DATA): the accounting close, past the risk guard
            if (quantity != 0 && !market) {
                exit(ReasonCode.EXIT_END_OF_DATA, lastPrice, true, true);
            }
            // SimulatedExchange.flushAtLastClose
            if (market && lastBar >= 0) {
                int k = lastBarK;
                long px = closeFills ? close[k] : slip(lastBar, marketSide, close[k], marketQty);
                fillMarket(px, closeTime[k]);
            }
        }

        /** The slippage model's fill price, with the statistics after accepted bar {@code statsBar}. */
        private long slip(int statsBar, Side side, long ref, long qty) {
            if (costSlippage) {
                double frac = statsBar < 0 ? CostModel.slippageFrac(0, 0, 0, impactCoef, qty)
                        : CostModel.slippageFrac(spreadFrac[statsBar], averageVolume[statsBar], volatility[statsBar],
                        impactCoef, qty);
                return CostModel.slipped(inst, side, ref, frac);
            }
            return fixedSlippage != null ? fixedSlippage.fillPrice(0, inst, side, ref, qty) : ref;
        }

        // ---- engine: entries and exits

        private void enter(Side side, long refPrice) {
            if (quantity != 0 || market) {
                return;
            }
            int j = lastBar;
            if (entryBlock[j] != null || refPrice <= 0) {
                return;
            }
            long qty = 0;
            long eq = equity();
            if (eq > 0) {
                long budget = Fixed.fromDouble(Fixed.toDouble(eq) * engineConfig.positionFraction());
                long notional = Fixed.div(budget, Fixed.ONE + engineConfig.feeRate());
                qty = inst.floorQty(Fixed.div(notional, refPrice));
            }
            ReasonCode denied = risk.check(0, inst, OrderType.MARKET, refPrice, qty, refPrice, false, false, false,
                    nowMs, this);
            if (denied == null && side == Side.BUY && Fixed.mul(qty, refPrice) > cash) {
                denied = ReasonCode.REJECT_INSUFFICIENT_FUNDS;
            }
            if (denied != null) {
                return;
            }
            pendingStopFrac = risk.stopLossFrac(decision.stopLossFrac);
            pendingTakeProfitFrac = decision.takeProfitFrac;
            pendingConfidence = decision.confidence;
            sendMarket(side, qty, false, decision.reason);
        }

        private void exit(ReasonCode reason, long refPrice, boolean flatten, boolean accounting) {
            if (quantity == 0 || market) {
                return;
            }
            long qty = Math.abs(quantity);
            if (!accounting && risk.check(0, inst, OrderType.MARKET, refPrice, qty, refPrice, true, false, flatten,
                    nowMs, this) != null) {
                return;
            }
            cancelProtective();
            sendMarket(quantity > 0 ? Side.SELL : Side.BUY, qty, true, reason);
        }

        /** send() of a market order, and SimulatedExchange.submit. */
        private void sendMarket(Side side, long qty, boolean reduceOnly, ReasonCode reason) {
            market = true;
            marketSide = side;
            marketQty = qty;
            marketReduceOnly = reduceOnly;
            marketReason = reason;
            risk.onOrderSent(nowMs);
            int k = lastBarK;
            long ref = k < 0 ? 0 : close[k];
            if (ref <= 0 || inst.checkOrder(inst.roundPrice(ref), qty, reduceOnly) != null) {
                market = false; // rejected by the exchange
                return;
            }
            if (closeFills) {
                fillMarket(ref, closeTime[k]);
            }
        }

        private void cancelPendingEntry() {
            if (market && quantity == 0) {
                market = false;
            }
        }

        private void cancelProtective() {
            stop = false;
            takeProfit = false;
        }

        // ---- fills (engine.onOrderFilled)

        private void fillMarket(long price, long timeMs) {
            market = false;
            onFill(marketSide, marketQty, price, timeMs, false, marketReduceOnly, marketReason);
        }

        private void onFill(Side side, long qty, long price, long timeMs, boolean maker, boolean reduceOnly,
                            ReasonCode reason) {
            fills++;
            long fee = fees.fee(inst, side, price, qty, maker);
            nowMs = Math.max(nowMs, timeMs);
            long signedQty = side.sign() * qty;
            long notional = Fixed.mul(price, qty);
            cash -= side.sign() * notional + fee;
            totalFees += fee;
            if (lastPrice == 0) {
                lastPrice = price;
            }
            boolean opening = quantity == 0 || Long.signum(quantity) == Long.signum(signedQty);
            if (opening) {
                if (quantity == 0) {
                    resetRoundTrip();
                    entryTimeMs = timeMs;
                    entryReason = reason;
                    entryConfidence = pendingConfidence;
                }
                long oldAbs = Math.abs(quantity);
                long newAbs = oldAbs + qty;
                avgEntryPrice = Fixed.div(Fixed.mul(avgEntryPrice, oldAbs) + notional, newAbs);
                quantity += signedQty;
                entryFees += fee;
                if (!reduceOnly) {
                    placeProtective(price);
                }
                return;
            }
            long closeQty = Math.min(qty, Math.abs(quantity));
            int dir = quantity > 0 ? 1 : -1;
            realizedGross += dir * (Fixed.mul(price, closeQty) - Fixed.mul(avgEntryPrice, closeQty));
            exitFees += fee;
            exitQty += closeQty;
            exitNotional += Fixed.mul(price, closeQty);
            quantity += dir * -closeQty;
            if (quantity == 0) {
                cancelProtective();
                long fees = entryFees + exitFees;
                trades.add(new TradeRecord(0, dir > 0 ? Side.BUY : Side.SELL, entryTimeMs, avgEntryPrice, timeMs,
                        Fixed.div(exitNotional, exitQty), exitQty, realizedGross - fees, fees, entryReason, reason,
                        entryConfidence));
                resetRoundTrip();
                risk.update(nowMs, 0);
            }
        }

        private void resetRoundTrip() {
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

        /** placeProtective / stopOrder / placePair, then SimulatedExchange.submit of each. */
        private void placeProtective(long entryPrice) {
            Side exitSide = quantity > 0 ? Side.SELL : Side.BUY;
            int dir = quantity > 0 ? 1 : -1;
            long qty = Math.abs(quantity);
            long stopDist = Fixed.mul(entryPrice, Fixed.fromDouble(pendingStopFrac));
            long trigger = inst.roundPrice(entryPrice - dir * stopDist);
            boolean stopOk = risk.check(0, inst, OrderType.STOP_MARKET, trigger, qty, entryPrice, true, true, false,
                    nowMs, this) == null;
            boolean tpOk = false;
            long limit = 0;
            if (pendingTakeProfitFrac > 0) {
                long dist = Fixed.mul(entryPrice, Fixed.fromDouble(pendingTakeProfitFrac));
                limit = inst.roundPrice(entryPrice + dir * dist);
                tpOk = risk.check(0, inst, OrderType.LIMIT, limit, qty, entryPrice, true, true, false, nowMs,
                        this) == null;
            }
            if (stopOk) {
                risk.onOrderSent(nowMs);
                if (trigger > 0 && inst.checkOrder(trigger, qty, true) == null) {
                    stop = true;
                    stopSide = exitSide;
                    stopQty = qty;
                    stopTrigger = trigger;
                }
            }
            if (tpOk && quantity != 0) {
                risk.onOrderSent(nowMs);
                if (limit > 0 && inst.checkOrder(limit, qty, true) == null) {
                    takeProfit = true;
                    tpSide = exitSide;
                    tpQty = qty;
                    tpPrice = limit;
                }
            }
        }

        // ---- SimulatedExchange.matchResting

        /**
         * The resting list holds the stop before the take-profit: the first of them that opened beyond its price
         * fills at the open; otherwise the policy picks among those the bar's range touched. A fill closes the
         * position, which cancels the other (one-cancels-other).
         */
        private void matchResting(int k, int statsBar) {
            if (!stop && !takeProfit) {
                return;
            }
            long o = open[k];
            boolean stopTouched = false;
            boolean tpTouched = false;
            if (stop) {
                boolean sell = stopSide == Side.SELL;
                if (sell ? o <= stopTrigger : o >= stopTrigger) {
                    fillStop(slip(statsBar, stopSide, o, stopQty), openTime[k]);
                    return;
                }
                stopTouched = sell ? low[k] <= stopTrigger : high[k] >= stopTrigger;
            }
            if (takeProfit) {
                boolean sell = tpSide == Side.SELL;
                if (sell ? o >= tpPrice : o <= tpPrice) {
                    fillTakeProfit(o, openTime[k]);
                    return;
                }
                tpTouched = sell ? high[k] >= tpPrice : low[k] <= tpPrice;
            }
            boolean stopFirst = intrabar == IntrabarPolicy.STOP_FIRST ? stopTouched : !tpTouched;
            if (stopFirst && stopTouched) {
                fillStop(slip(statsBar, stopSide, stopTrigger, stopQty), closeTime[k]);
            } else if (tpTouched) {
                fillTakeProfit(tpPrice, closeTime[k]);
            }
        }

        private void fillStop(long price, long timeMs) {
            stop = false;
            onFill(stopSide, stopQty, price, timeMs, false, true, ReasonCode.EXIT_STOP_LOSS);
        }

        private void fillTakeProfit(long price, long timeMs) {
            takeProfit = false;
            onFill(tpSide, tpQty, price, timeMs, true, true, ReasonCode.EXIT_TAKE_PROFIT);
        }

        // ---- views

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

        @Override
        public long equity() {
            return cash + (quantity == 0 ? 0 : Fixed.mul(quantity, lastPrice));
        }

        @Override
        public long exposure(int instrument) {
            return quantity == 0 ? 0 : Math.abs(Fixed.mul(quantity, lastPrice));
        }

        @Override
        public long totalExposure() {
            return exposure(0);
        }

        @Override
        public int openPositions() {
            return quantity != 0 ? 1 : 0;
        }
    }
}
