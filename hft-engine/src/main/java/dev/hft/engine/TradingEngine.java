package dev.hft.engine;

import dev.hft.core.Bar;
import dev.hft.core.ExecutionClient;
import dev.hft.core.ExecutionListener;
import dev.hft.core.Fill;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.Order;
import dev.hft.core.OrderType;
import dev.hft.core.ReasonCode;
import dev.hft.core.Side;
import dev.hft.engine.bus.EventBus;
import dev.hft.engine.cost.CostModel;
import dev.hft.engine.cost.FlatFeeModel;
import dev.hft.engine.cost.MarketStats;
import dev.hft.engine.journal.EngineJournal;
import dev.hft.engine.risk.PortfolioView;
import dev.hft.engine.risk.RiskGuard;
import dev.hft.engine.risk.TradingState;
import dev.hft.engine.sanitizer.Sanitizer;
import dev.hft.engine.market.MarketStage;
import dev.hft.engine.market.StreamingMarket;
import dev.hft.api.Action;
import dev.hft.api.Decision;
import dev.hft.api.Strategy;
import java.util.List;
import java.util.Objects;

/**
 * The single-threaded kernel. Market events go in through {@link #onBar}, execution reports through the
 * {@link ExecutionListener} methods, operator commands through {@link #killSwitch()} and {@link #release()};
 * orders leave through the {@link ExecutionClient}. "Now" is always the time of the event being processed:
 * nothing here reads a wall clock, which is what makes a run reproducible and a journal replayable.
 *
 * <p>Per bar: the {@link MarketStage} (the {@link Sanitizer}, or a prepared tape's verdicts) accepts or rejects
 * it; the execution client matches working orders against it (the simulated exchange fills; a venue ignores it);
 * market statistics, series and marks update; the {@link RiskGuard} re-evaluates the trading state from equity;
 * the strategy decides. An entry must pass the
 * sanitizer's entry gate (not frozen, spread within limit) and the risk guard; it is sized as a fraction of
 * marked equity, floored to the step, and sent as a market order. When it fills, the protective pair goes out
 * (stop-market at the strategy's distance or the guard's default, and the take-profit limit, one-cancels-other).
 * An exit decision cancels the pair and sends a reduce-only market order. Everything that happens is published
 * on the {@link EventBus}.
 */
public final class TradingEngine implements ExecutionListener, PortfolioView {
    private final EngineConfig config;
    private final Instrument[] instruments;
    private final Strategy[] strategies;
    private PlotAdapter plot;
    /** Cash, fees and the positions (the same array as {@link #positions}): what fills are booked into. */
    private final Portfolio portfolio;
    private final PositionState[] positions;
    private final ExecutionClient execution;
    private final EventBus bus;
    private final CostModel costs;
    /** The streaming stage's sanitizer; null when the market stage is a prepared tape's. */
    private final Sanitizer sanitizer;
    /** The sanitizer's verdicts and the market statistics of every bar ({@link MarketStage}). */
    private final MarketStage market;
    private final RiskGuard risk;
    private final String runId;
    private final ReasonLedger ledger = new ReasonLedger();
    /** One reusable decision per instrument: a portfolio strategy may decide for several on one event. */
    private final Decision[] decisions;
    /** Instruments other than the bar's that the deciding portfolio strategy decided for on this event. */
    private final boolean[] touched;
    /** The decision being made or acted on. */
    private Decision decision;
    /** The instrument whose strategy is inside {@code onBar}, else -1 ({@link StrategyContext#decision} is valid). */
    private int deciding = -1;
    private EngineJournal journal = EngineJournal.NONE;
    /** Orders sent and not final, with what of each was applied and whether its cancel was asked. */
    private final WorkingOrders working = new WorkingOrders();
    private boolean unreconciled;
    /** Operator pause: no new entries; exits, stops and take-profits work as usual. */
    private boolean paused;
    /** Each instrument's strategy's entry screen once {@link #screenEntries} asked, or null (none, longer bars). */
    private final dev.hft.api.EntryScreen[] screens;
    /** Whether an idle strategy's decision is skipped where its screen says no ({@link #screenEntries}). */
    private boolean screening;

    private long orderSeq;
    private long nowMs;
    private long barsProcessed;

    /**
     * @param costs the cost model whose market statistics this engine updates (the simulated exchange must use
     *              the same instance so estimates and fills agree)
     */
    public TradingEngine(EngineConfig config, List<Instrument> instruments, List<Strategy> strategies,
                         ExecutionClient execution, CostModel costs, EventBus bus, String runId) {
        this(config, instruments, strategies, execution, costs, bus, runId, null);
    }

    /**
     * @param market the market stage, or null for the streaming one (a {@link Sanitizer} over the config's thresholds
     *               and the cost model's own {@link MarketStats}); a prepared stage must publish on {@code bus} and
     *               feed the statistics {@code costs} reads. An engine with a prepared stage is never snapshotted.
     */
    public TradingEngine(EngineConfig config, List<Instrument> instruments, List<Strategy> strategies,
                         ExecutionClient execution, CostModel costs, EventBus bus, String runId, MarketStage market) {
        if (instruments.size() != strategies.size()) {
            throw new IllegalArgumentException("one strategy per instrument expected");
        }
        this.config = Objects.requireNonNull(config);
        this.instruments = instruments.toArray(new Instrument[0]);
        this.strategies = strategies.toArray(new Strategy[0]);
        this.execution = Objects.requireNonNull(execution);
        this.costs = Objects.requireNonNull(costs);
        this.bus = Objects.requireNonNull(bus);
        this.runId = Objects.requireNonNull(runId);
        this.portfolio = new Portfolio(this.instruments, config.initialCapital());
        this.positions = portfolio.positions;
        this.failure = new String[this.instruments.length];
        this.decisions = new Decision[this.instruments.length];
        for (int k = 0; k < decisions.length; k++) {
            decisions[k] = new Decision();
        }
        this.decision = decisions.length == 0 ? new Decision() : decisions[0];
        this.touched = new boolean[this.instruments.length];
        this.aggregators = new dev.hft.engine.strategy.BarAggregator[this.instruments.length][];
        for (int i = 0; i < aggregators.length; i++) {
            java.util.List<Long> ivs = this.strategies[i].intervals();
            aggregators[i] = new dev.hft.engine.strategy.BarAggregator[ivs.size()];
            for (int k = 0; k < ivs.size(); k++) {
                aggregators[i][k] = new dev.hft.engine.strategy.BarAggregator(ivs.get(k));
            }
        }
        for (Strategy st : this.strategies) {
            ledger.declare(st.reasons()); // the strategies' own reason codes, beside the built-in catalogue
        }
        if (market == null) {
            this.sanitizer = new Sanitizer(config.sanitizer(), this.instruments, bus);
            MarketStats[] stats = new MarketStats[this.instruments.length];
            for (int k = 0; k < stats.length; k++) {
                if (!(costs.stats(k) instanceof MarketStats ms)) {
                    throw new IllegalArgumentException("the streaming market stage needs streaming statistics");
                }
                stats[k] = ms;
            }
            this.market = new StreamingMarket(sanitizer, stats);
        } else {
            this.sanitizer = null;
            this.market = market;
        }
        Context context = new Context();
        java.util.Set<Strategy> started = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int k = 0; k < this.strategies.length; k++) {
            Strategy st = this.strategies[k];
            if (st.portfolio() != (indexOf(st, k) != k || lastIndexOf(st) != k) && this.strategies.length > 1) {
                throw new IllegalArgumentException("strategy " + st.name() + (st.portfolio()
                        ? " is a portfolio strategy: one instance must serve every instrument"
                        : " serves one instrument: give each instrument an instance of its own"));
            }
            if (started.add(st)) {
                try {
                    context.starting = k;
                    st.onStart(context);
                } catch (RuntimeException e) { // the strategy refuses this run: a bad input, said with its own line
                    throw new IllegalArgumentException("strategy " + st.name() + " cannot start: "
                            + describe(e).replace("\n\t", " "), e);
                }
            }
        }
        context.started = true;
        this.screens = new dev.hft.api.EntryScreen[this.strategies.length];
        this.risk = new RiskGuard(config.risk(), bus);
        // freezes, thaws and risk state changes go into the same reason ledger as decisions and denials
        bus.subscribe(new EngineListener() {
            @Override
            public void onInstrumentFrozen(int instrument, ReasonCode reason, long nowMs) {
                ledger.count(reason);
            }

            @Override
            public void onInstrumentThawed(int instrument, long nowMs) {
                ledger.count(ReasonCode.SANITIZER_THAW);
            }

            @Override
            public void onRiskStateChanged(dev.hft.engine.risk.TradingState from, dev.hft.engine.risk.TradingState to,
                                           ReasonCode reason, long nowMs) {
                ledger.count(reason);
                journal.riskState(from, to, reason, nowMs);
            }
        });
    }

    /** A stand-alone engine: flat fees at the config's rate, no slippage, one optional observer. */
    public TradingEngine(EngineConfig config, List<Instrument> instruments, List<Strategy> strategies,
                         ExecutionClient execution, EngineListener listener, String runId) {
        this(config, instruments, strategies, execution, defaultCosts(config, instruments.size()), busWith(listener),
                runId);
    }

    /** A cost model with flat fees at the config's rate and fresh market statistics. */
    public static CostModel defaultCosts(EngineConfig config, int instruments) {
        MarketStats[] stats = new MarketStats[instruments];
        for (int i = 0; i < instruments; i++) {
            stats[i] = new MarketStats(20);
        }
        return new CostModel(new FlatFeeModel(config.feeRate(), config.feeRate()), stats, 0, false);
    }

    private static EventBus busWith(EngineListener l) {
        EventBus b = new EventBus();
        b.subscribe(l);
        return b;
    }

    /**
     * Asks each strategy to plot its indicators after every decision, into {@code sink} (reports only: it never
     * changes a decision). A strategy whose {@code plot} throws is not asked again; its trading goes on.
     */
    public void plotTo(PlotSink sink) {
        this.plot = new PlotAdapter(Objects.requireNonNull(sink), strategies.length);
    }

    /** Writes every input, decision and command ahead to this journal (set before the first event). */
    public void setJournal(EngineJournal journal) {
        this.journal = Objects.requireNonNull(journal);
    }

    /** Processes one closed bar: journal, sanitize, match, mark, re-check risk, decide, act. */
    public void onBar(Bar bar) {
        long now = bar.nowMs();
        nowMs = now;
        int i = bar.instrument;
        if (!journal.bar(bar)) {
            journalFailed();
            return; // an input that is not in the journal must not change state
        }
        ReasonCode rejected = market.check(bar, now);
        if (rejected != null) {
            ledger.count(rejected);
            if (Sanitizer.happened(rejected)) {
                // a real bar, only late: the venue matched working orders against it, so the simulated one does;
                // no decision, indicator or mark may use it
                execution.onMarketData(bar);
            }
            return; // rejected (and published by the sanitizer)
        }
        if (market.confirmedMove()) {
            ledger.count(ReasonCode.SANITIZER_MOVE_CONFIRMED);
        }
        bus.onBar(bar);
        execution.onMarketData(bar);
        market.measure(bar);
        barsProcessed++;
        PositionState pos = positions[i];
        pos.lastPrice = bar.close;
        if (pos.quantity != 0) {
            pos.barsHeld++;
            pos.bestPrice = pos.quantity > 0 ? Math.max(pos.bestPrice, bar.high) : Math.min(pos.bestPrice, bar.low);
        }
        if (pos.entryBarsLeft > 0 && pendingEntry(pos) && --pos.entryBarsLeft == 0) {
            // a limit or stop entry this bar did not fill has waited its bars: canceled before the strategy decides
            ledger.count(ReasonCode.SKIP_ENTRY_EXPIRED);
            cancelOrder(pos.pendingMarketOrderId);
        }
        checkRisk(now);
        if (failure[i] != null) {
            return; // a strategy that threw decides nothing more: fail closed, its stops stay
        }
        if (screening && screens[i] != null && idle(i) && !screenSays(i)) {
            return; // flat, nothing working, and the screen says it would only skip: its contract makes this exact
        }
        decision = decisions[i];
        decision.reset();
        try {
            for (dev.hft.engine.strategy.BarAggregator a : aggregators[i]) {
                long base = bar.closeTimeMs - bar.openTimeMs + 1;
                if (a.intervalMs() % base != 0) {
                    throw new IllegalArgumentException("strategy " + strategies[i].name() + " asks for bars of "
                            + a.intervalMs() + " ms, not a whole multiple of the data's " + base + " ms");
                }
                Bar longer = a.add(bar); // complete only with its last base bar: never ahead of the data
                if (longer != null) {
                    strategies[i].onBar(a.intervalMs(), longer);
                }
            }
            deciding = i;
            strategies[i].onBar(bar, pos, decision);
            deciding = -1;
            if (plot != null) {
                plot.draw(strategies[i], i, bar.openTimeMs);
            }
            for (int k = 0; k < decisions.length; k++) {
                if (k == i || touched[k]) {
                    checkOwnReason(strategies[i], decisions[k]);
                }
            }
        } catch (RuntimeException e) {
            deciding = -1;
            java.util.Arrays.fill(touched, false);
            strategyFailed(i, e, now);
            return;
        }
        act(i, bar.close, now);
        for (int k = 0; k < touched.length; k++) { // a portfolio strategy's decisions for other instruments
            if (touched[k]) {
                touched[k] = false;
                decision = decisions[k];
                act(k, positions[k].lastPrice, now);
            }
        }
    }

    /** The risk guard's look at marked equity on every event; a halt flattens, any state but ACTIVE stops entries. */
    private void checkRisk(long now) {
        if (risk.onEquity(now, equity(), openPositions())) {
            flattenForHalt(ReasonCode.EXIT_RISK_HALT);
        } else if (risk.state() != TradingState.ACTIVE) {
            cancelPendingEntries(); // no new exposure outside ACTIVE, not even from an order already on its way
        }
    }

    /**
     * Whether a trial may pass bars without calling {@link #onBar}: it {@link #screenEntries screens}, journals
     * nothing, every strategy has an entry screen, and every instrument is idle (flat, nothing working), so equity is
     * cash and a bar the market stage accepts changes nothing but marks, counts and the clock until some strategy's
     * screen lets it enter ({@link #mayEnter}).
     */
    public boolean quiet() {
        if (!screening || journal != EngineJournal.NONE) {
            return false;
        }
        for (int i = 0; i < screens.length; i++) {
            if (screens[i] == null || !idlePosition(positions[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether instrument {@code i}'s strategy may enter on its current bar, by its screen (the series already moved
     * on); true when it has none, or its screen threw (see {@link #screenSays}).
     */
    public boolean mayEnter(int i) {
        return failure[i] == null && screenSays(i);
    }

    /**
     * Instrument {@code i}'s strategy's screen on its current bar. A screen that throws is dropped (for every
     * instrument of that strategy) and says yes: the strategy then decides on every bar, as in a backtest, so a
     * faulty screen costs the search its speed, never its figures.
     */
    private boolean screenSays(int i) {
        dev.hft.api.EntryScreen screen = screens[i];
        if (screen == null) {
            return true;
        }
        try {
            return screen.mayEnter(i);
        } catch (RuntimeException e) {
            for (int k = 0; k < screens.length; k++) {
                if (strategies[k] == strategies[i]) {
                    screens[k] = null;
                }
            }
            return true;
        }
    }

    /**
     * A quiet bar passed (see {@link #quiet}) that began a new UTC day at event time {@code nowMs}: the risk guard
     * looks at the (unchanged) equity, as {@link #onBar} would have, so its daily figures roll over on time.
     */
    public void passDay(long nowMs) {
        this.nowMs = nowMs;
        checkRisk(nowMs);
    }

    /**
     * Quiet bars passed (see {@link #quiet}): {@code count} accepted bars, of which {@code last} is instrument
     * {@code last.instrument}'s last. Call once per instrument that had any, its count with one of them: the venue
     * sees the last bar, the position is marked at its close, the clock moves to it.
     */
    public void passed(Bar last, long count) {
        nowMs = Math.max(nowMs, last.nowMs());
        barsProcessed += count;
        execution.onMarketData(last);
        positions[last.instrument].lastPrice = last.close;
    }

    /**
     * From now on, a strategy that is flat with nothing working is not asked to decide on a bar where its
     * {@link Strategy#entryScreen() entry screen} says no: an optimizer's trial. Its figures stay those of a backtest;
     * the skips it would have counted are not counted. Set before the first event.
     */
    public void screenEntries() {
        for (int k = 0; k < screens.length; k++) {
            Strategy st = strategies[k];
            try {
                screens[k] = st.intervals().isEmpty() ? st.entryScreen() : null;
            } catch (RuntimeException e) {
                screens[k] = null; // no screen: the strategy decides on every bar, where a fault stops it as usual
            }
        }
        this.screening = true;
    }

    /**
     * Whether instrument {@code i}'s strategy can only skip, whatever it decides: flat, no order working, none waiting
     * (every instrument's, for a portfolio strategy).
     */
    private boolean idle(int i) {
        if (!strategies[i].portfolio()) {
            return idlePosition(positions[i]);
        }
        for (PositionState p : positions) {
            if (!idlePosition(p)) {
                return false;
            }
        }
        return true;
    }

    private boolean idlePosition(PositionState p) {
        return p.quantity == 0 && p.pendingMarketOrderId == null && p.stopOrderId == null
                && p.takeProfitOrderId == null && p.replacement == null && !working.anyFor(p.instrument);
    }

    private void checkOwnReason(Strategy s, Decision d) {
        if (d.strategyReason != null && !ledger.declared(d.strategyReason)) {
            throw new IllegalStateException("strategy " + s.name() + " decided with reason " + d.strategyReason
                    + ", which its reasons() does not list");
        }
    }

    /** Counts, publishes, journals and carries out {@link #decision} for instrument {@code k} at {@code refPrice}. */
    private void act(int k, long refPrice, long now) {
        PositionState pos = positions[k];
        if (decision.action != Action.EXIT || decision.exitFraction > 0) {
            ledger.count(decision); // a full exit is counted once, when the trade closes; a partial one when decided
        }
        bus.onDecision(k, decision, now);
        if (!journal.decision(k, decision, now)) {
            journalFailed();
        }
        if (decision.action == Action.ENTER_LONG || decision.action == Action.ENTER_SHORT) {
            enter(pos, decision.action == Action.ENTER_LONG ? Side.BUY : Side.SELL, refPrice);
        } else if (decision.action == Action.EXIT) {
            exit(pos, decision.reason, decision.strategyReason == null ? null : decision.strategyReason.name(),
                    refPrice, false, false, decision.exitFraction);
        } else if (decision.action == Action.CANCEL_ENTRY && pendingEntry(pos)) {
            cancelOrder(pos.pendingMarketOrderId);
        }
    }

    private int indexOf(Strategy s, int upTo) {
        for (int k = 0; k <= upTo; k++) {
            if (strategies[k] == s) {
                return k;
            }
        }
        return -1;
    }

    private int lastIndexOf(Strategy s) {
        for (int k = strategies.length - 1; k >= 0; k--) {
            if (strategies[k] == s) {
                return k;
            }
        }
        return -1;
    }

    /** The strategies' view of the run ({@link StrategyContext}). */
    private final class Context implements dev.hft.api.StrategyContext {
        private final List<Instrument> all = List.of(instruments);
        /** Set once every strategy has started: no series may be asked for after. */
        private boolean started;

        /** The instrument of the strategy in {@code onStart}. */
        private int starting;

        @Override
        public dev.hft.api.series.Series series(int k, dev.hft.api.series.SeriesSpec spec) {
            if (started) {
                throw new IllegalStateException("ask for series in onStart");
            }
            Objects.checkIndex(k, instruments.length);
            return market.series(k, spec);
        }

        @Override
        public dev.hft.api.series.Series series(dev.hft.api.series.SeriesSpec spec) {
            if (!started && strategies[starting].portfolio()) {
                throw new IllegalStateException("a portfolio strategy names the instrument of each series");
            }
            return series(starting, spec);
        }

        @Override
        public List<Instrument> instruments() {
            return all;
        }

        @Override
        public dev.hft.api.PositionView position(int k) {
            return positions[k];
        }

        @Override
        public long lastPrice(int k) {
            return positions[k].lastPrice;
        }

        @Override
        public long now() {
            return nowMs;
        }

        @Override
        public long cash() {
            return portfolio.cash();
        }

        @Override
        public long equity() {
            return TradingEngine.this.equity();
        }

        @Override
        public long initialCapital() {
            return config.initialCapital();
        }

        @Override
        public List<dev.hft.api.OrderUpdate> openOrders(int k) {
            List<dev.hft.api.OrderUpdate> out = new java.util.ArrayList<>();
            for (Order o : working.orders()) {
                if (o.instrument == k) {
                    out.add(update(o, dev.hft.api.OrderUpdate.Status.WORKING, o.reason));
                }
            }
            return out;
        }

        @Override
        public System.Logger logger() {
            if (logger == null) {
                logger = System.getLogger("strategy." + strategies[0].name());
            }
            return logger;
        }

        private System.Logger logger;

        @Override
        public Decision decision(int k) {
            if (deciding < 0) {
                throw new IllegalStateException("a decision is made inside onBar only");
            }
            if (k == deciding) {
                return decisions[k];
            }
            if (strategies[k] != strategies[deciding] || !strategies[deciding].portfolio()) {
                throw new IllegalStateException("strategy " + strategies[deciding].name() + " may decide for "
                        + instruments[deciding].symbol() + " only: a portfolio strategy (portfolio() true) decides "
                        + "for every instrument");
            }
            if (!touched[k]) {
                decisions[k].reset();
                touched[k] = true;
            }
            return decisions[k];
        }
    }

    /**
     * The strategy of instrument {@code i} threw. It decides nothing more this run: no new orders from it (fail
     * closed); its position keeps its protective stop and take-profit; its pending entry is canceled. The failure
     * (the exception and the strategy's own frames) is journaled, published, and kept for the caller.
     */
    private void strategyFailed(int i, RuntimeException e, long now) {
        failure[i] = describe(e);
        ledger.count(ReasonCode.RISK_STRATEGY_FAILED);
        if (!journal.fault(i, failure[i], now)) {
            journalFailed();
        }
        for (int k = 0; k < strategies.length; k++) { // a portfolio strategy stops for all of its instruments
            if (strategies[k] != strategies[i]) {
                continue;
            }
            failure[k] = failure[i];
            PositionState pos = positions[k];
            if (pendingEntry(pos)) {
                String id = pos.pendingMarketOrderId;
                pos.pendingMarketOrderId = null;
                cancelOrder(id);
            }
        }
        bus.onStrategyFailed(i, failure[i], now);
    }

    /** The exception and its frames down to the engine's call (the same text whichever mode called the engine). */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e.toString());
        for (StackTraceElement f : e.getStackTrace()) {
            if (f.getClassName().equals(TradingEngine.class.getName())) {
                break;
            }
            sb.append("\n\tat ").append(f);
        }
        return sb.toString();
    }

    /** Why the strategy of instrument {@code i} stopped deciding (its exception and frames), or null. */
    public String strategyFailure(int i) {
        return failure[i];
    }

    /** Operator command: engage the kill switch (halts; flattens when the limits say so). */
    public void killSwitch() {
        if (!journal.operator("killSwitch", null, nowMs)) {
            journalFailed();
        }
        if (risk.killSwitch(nowMs, openPositions())) {
            flattenForHalt(ReasonCode.EXIT_KILL_SWITCH);
        } else {
            cancelPendingEntries();
        }
    }

    /** Operator command: release the kill switch or a latched halt. */
    public void release() {
        if (!journal.operator("release", null, nowMs)) {
            journalFailed();
        }
        risk.release(nowMs, openPositions());
    }

    /**
     * Operator command: cancel every resting order (protective stops, take-profits, entries not filled yet), say
     * before a stop that must leave nothing at the venue. Positions stay open, without their stops.
     */
    public void cancelResting() {
        if (!journal.operator("cancelResting", null, nowMs)) {
            journalFailed();
        }
        cancelPendingEntries();
        for (PositionState pos : positions) {
            cancelProtective(pos);
        }
    }

    /** Operator command: no new entries until {@link #resume()}; positions keep their exits and stops. */
    public void pause() {
        if (!journal.operator("pause", null, nowMs)) {
            journalFailed();
        }
        paused = true;
    }

    /** Operator command: entries allowed again (the risk guard still decides). */
    public void resume() {
        if (!journal.operator("resume", null, nowMs)) {
            journalFailed();
        }
        paused = false;
    }

    public boolean paused() {
        return paused;
    }

    /**
     * Closes every open position at market with the given reason. For {@code EXIT_END_OF_DATA} this is the
     * accounting close of a backtest and bypasses the risk guard; otherwise it is a flatten the guard checks.
     */
    public void flattenAll(ReasonCode reason) {
        if (!journal.operator("flattenAll", reason, nowMs)) {
            journalFailed();
        }
        flatten(reason);
    }

    private void flatten(ReasonCode reason) {
        boolean accounting = reason == ReasonCode.EXIT_END_OF_DATA;
        for (PositionState pos : positions) {
            if (pos.quantity != 0 && (pos.pendingMarketOrderId == null || pendingEntry(pos))) {
                exit(pos, reason, null, pos.lastPrice, true, accounting, 0);
            }
        }
    }

    private void flattenForHalt(ReasonCode reason) {
        cancelPendingEntries();
        flatten(reason);
    }

    /** Cancels entry orders still waiting to fill (an entry must not fill once trading left ACTIVE). */
    private void cancelPendingEntries() {
        for (PositionState pos : positions) {
            if (pendingEntry(pos)) {
                cancelOrder(pos.pendingMarketOrderId);
            }
        }
    }

    /** Whether the order working for {@code pos} besides its protective pair is an entry (maybe a scale-in). */
    private boolean pendingEntry(PositionState pos) {
        if (pos.pendingMarketOrderId == null) {
            return false;
        }
        if (pos.quantity == 0) {
            return true; // flat: only an entry can be pending
        }
        Order o = working.order(pos.pendingMarketOrderId);
        return o != null && !o.reduceOnly;
    }

    private void enter(PositionState pos, Side side, long refPrice) {
        int i = pos.instrument;
        Instrument inst = instruments[i];
        String replacing = null; // the resting entry this one replaces: only one that has not filled in part
        if (decision.replace && pendingEntry(pos) && pos.replacement == null
                && !working.partlyFilled(pos.pendingMarketOrderId)) {
            replacing = pos.pendingMarketOrderId;
        }
        if (pos.pendingMarketOrderId != null && replacing == null || pos.quantity != 0
                && (Long.signum(pos.quantity) != side.sign() || pos.entries >= risk.limits().maxEntries())) {
            // one position per instrument, built from at most maxEntries entries on its side: a strategy that asks
            // again is not allowed to pyramid by accident, nor to flip without an exit
            ledger.count(ReasonCode.SKIP_IN_POSITION);
            return;
        }
        if (unreconciled) {
            deny(i, ReasonCode.RISK_UNRECONCILED);
            return;
        }
        if (paused) {
            deny(i, ReasonCode.RISK_PAUSED);
            return;
        }
        if (side == Side.SELL && !risk.limits().shortSelling()) {
            // spot: selling what the session does not hold would sell the user's own coins, or fail at the venue
            deny(i, ReasonCode.RISK_NO_SHORT_SELLING);
            return;
        }
        ReasonCode blocked = market.entryBlock(i);
        if (blocked != null) {
            deny(i, blocked);
            return;
        }
        if (refPrice <= 0) {
            deny(i, ReasonCode.RISK_NO_PRICE);
            return;
        }
        OrderType type = decision.entryType;
        long limit = 0;
        long trigger = 0;
        long sizingPrice = refPrice; // what one unit is expected to cost: the decision's close, or the order's price
        if (type == OrderType.LIMIT) {
            // on the tick in the trader's favour: a buy limit never pays more than asked, a sell never gets less
            limit = inst.roundPriceAdverse(Fixed.fromDouble(decision.entryPrice), side.opposite());
            sizingPrice = limit;
        } else if (type == OrderType.STOP_MARKET) {
            trigger = inst.roundPrice(Fixed.fromDouble(decision.entryPrice));
            sizingPrice = trigger;
        } else if (type == OrderType.STOP_LIMIT) {
            trigger = inst.roundPrice(Fixed.fromDouble(decision.entryPrice));
            limit = inst.roundPriceAdverse(Fixed.fromDouble(decision.entryLimitPrice), side.opposite());
            sizingPrice = limit; // the worst price it may fill at
        }
        if (sizingPrice <= 0) {
            deny(i, ReasonCode.REJECT_PRICE_FILTER);
            return;
        }
        double stopFrac = decision.stopLossFrac;
        if (decision.trailDistance > 0) { // a trailing distance in price: the venues trail by a fraction
            stopFrac = decision.trailDistance / Fixed.toDouble(sizingPrice);
            if (!(stopFrac >= 0.001 && stopFrac <= 0.1)) {
                deny(i, ReasonCode.REJECT_TRAIL_DISTANCE);
                return;
            }
        }
        long qty = 0;
        long eq = equity();
        if (eq > 0) {
            qty = inst.floorQty(Fixed.div(entryNotional(eq, stopFrac), sizingPrice));
        }
        ReasonCode denied = risk.check(i, inst, type, type == OrderType.MARKET ? refPrice : sizingPrice, qty, refPrice,
                RiskGuard.OrderIntent.ENTRY, nowMs, this);
        if (denied == null && side == Side.BUY && Fixed.mul(qty, sizingPrice) > portfolio.cash()) {
            denied = ReasonCode.REJECT_INSUFFICIENT_FUNDS;
        }
        if (denied != null) {
            deny(i, denied);
            return;
        }
        pos.pendingStopFrac = risk.stopLossFrac(stopFrac);
        pos.pendingTrail = decision.trailStop;
        pos.pendingTakeProfitFrac = decision.takeProfitFrac;
        pos.pendingConfidence = decision.confidence;
        Order o = new Order(nextId(), i, side, type, qty, limit, trigger, false, decision.reason, nowMs, refPrice);
        o.strategyReason = decision.strategyReason == null ? null : decision.strategyReason.name();
        o.timeInForce = type == OrderType.LIMIT ? decision.entryTimeInForce : dev.hft.core.TimeInForce.GTC;
        boolean waits = type != OrderType.MARKET && (o.timeInForce == dev.hft.core.TimeInForce.GTC
                || o.timeInForce == dev.hft.core.TimeInForce.GTX);
        pos.entryBarsLeft = waits ? decision.entryExpiryBars : 0;
        if (replacing != null) { // sent when the cancel is confirmed (onOrderCanceled), so never both at once
            pos.replacement = o;
            pos.replacedId = replacing;
            cancelOrder(replacing);
            return;
        }
        pos.pendingMarketOrderId = o.clientOrderId;
        if (!send(o)) {
            pos.pendingMarketOrderId = null;
        }
    }

    /**
     * The notional (quote asset, fixed point) the decided entry may buy at equity {@code eq}, by its sizing rule;
     * {@code stopFrac} is the entry's stop distance (0: the risk guard's default).
     */
    private long entryNotional(long eq, double stopFrac) {
        double equity = Fixed.toDouble(eq);
        double budget = switch (decision.sizing) {
            case DEFAULT -> equity * config.positionFraction();
            case FRACTION -> equity * decision.sizeValue;
            case NOTIONAL -> decision.sizeValue;
            // the loss at the stop is notional x stop fraction: solve it for the notional
            case RISK -> equity * decision.sizeValue / risk.stopLossFrac(stopFrac);
        };
        // keep the fee inside the budget so a fully-invested account can still pay it (a fixed notional is the
        // order's own notional)
        long notional = Fixed.fromDouble(budget);
        return decision.sizing == dev.hft.api.Decision.Sizing.NOTIONAL ? notional
                : Fixed.div(notional, Fixed.ONE + config.feeRate());
    }

    /**
     * @param own      the strategy's own exit reason (a declared name), or null
     * @param fraction the part of the position to close, in (0, 1), or 0 for all of it
     */
    private void exit(PositionState pos, ReasonCode reason, String own, long refPrice, boolean flatten,
                      boolean accounting, double fraction) {
        if (pos.quantity == 0 || pos.pendingMarketOrderId != null && !pendingEntry(pos)) {
            return; // flat, or an exit is already on its way
        }
        int i = pos.instrument;
        long qty = sellable(pos);
        if (fraction > 0) {
            Instrument inst = instruments[i];
            long part = inst.floorQty(Fixed.mul(Math.abs(pos.quantity), Fixed.fromDouble(fraction)));
            long rest = qty - part;
            // what remains must be sellable on its own later; else the whole position goes now
            boolean restSellable = rest >= Math.max(inst.minQty(), Math.max(1, inst.stepSize()))
                    && Fixed.mul(rest, refPrice) >= inst.minNotional();
            if (part <= 0) {
                deny(i, ReasonCode.REJECT_LOT_SIZE);
                return;
            }
            if (restSellable) {
                qty = part;
            }
        }
        if (unreconciled && !accounting) {
            deny(i, ReasonCode.RISK_UNRECONCILED);
            return;
        }
        if (!accounting) {
            ReasonCode denied = risk.check(i, instruments[i], OrderType.MARKET, refPrice, qty, refPrice,
                    RiskGuard.OrderIntent.EXIT, nowMs, this);
            if (denied != null) {
                deny(i, denied);
                return;
            }
        }
        if (pos.pendingMarketOrderId != null) { // a resting scale-in gives way to the exit
            String id = pos.pendingMarketOrderId;
            pos.pendingMarketOrderId = null;
            pos.entryBarsLeft = 0;
            cancelOrder(id);
        }
        // on spot the pair holds the coins: it is canceled first, and placed again for what a partial exit leaves
        cancelProtective(pos);
        Side side = pos.quantity > 0 ? Side.SELL : Side.BUY;
        Order o = new Order(nextId(), i, side, OrderType.MARKET, qty, 0, 0, true, reason, nowMs, refPrice);
        o.strategyReason = own;
        pos.pendingMarketOrderId = o.clientOrderId;
        if (!send(o)) {
            pos.pendingMarketOrderId = null;
        }
    }

    /**
     * The quantity an exit of {@code pos} may carry: the position floored to the step (it is on the step unless a
     * commission was taken from the coins bought; the rest is dust the venue would refuse).
     */
    private long sellable(PositionState pos) {
        long q = Math.abs(pos.quantity);
        long floored = instruments[pos.instrument].floorQty(q);
        return floored > 0 ? floored : q;
    }

    /**
     * Places the protective pair of the whole position at the strategy's (or default) distances from {@code ref}, the
     * entry's fill price (or the average entry price after a scale-in), and keeps its levels.
     */
    private void placeProtective(PositionState pos, long ref) {
        if (unreconciled) { // finishReconciliation() protects the position once the venue has been asked
            deny(pos.instrument, ReasonCode.RISK_UNRECONCILED);
            return;
        }
        pos.stopTrigger = stopTrigger(pos, ref);
        pos.takeProfitPrice = takeProfitLevel(pos, ref);
        placePair(pos, stopAt(pos, pos.stopTrigger, ref), pos.takeProfitPrice, ref);
    }

    /**
     * Places the pair again at the levels it had, for the quantity the position has now (after a partial exit, or an
     * exit the venue refused). A trailing stop keeps the ground it gained: it starts from the best price since the
     * entry, never behind where it was.
     */
    private void protectAgain(PositionState pos) {
        cancelProtective(pos);
        if (pos.stopTrigger == 0) {
            placeProtective(pos, pos.avgEntryPrice);
            return;
        }
        int dir = pos.quantity > 0 ? 1 : -1;
        long trigger = pos.stopTrigger;
        if (pos.pendingTrail && pos.bestPrice > 0) {
            long bps = Math.round(pos.pendingStopFrac * 10_000);
            // as the simulator trails: rounded to the tick away from the market (down for a long's stop)
            long trailed = instruments[pos.instrument].roundPriceAdverse(
                    Fixed.mul(pos.bestPrice, Fixed.ONE - dir * bps * (Fixed.ONE / 10_000)), dir > 0 ? Side.SELL
                            : Side.BUY);
            trigger = dir > 0 ? Math.max(trigger, trailed) : Math.min(trigger, trailed);
        }
        pos.stopTrigger = trigger;
        placePair(pos, stopAt(pos, trigger, pos.avgEntryPrice), pos.takeProfitPrice, pos.avgEntryPrice);
    }

    /** The protective stop of a position at the strategy's (or default) distance from {@code ref}; null if denied. */
    private Order stopOrder(PositionState pos, long ref) {
        return stopAt(pos, stopTrigger(pos, ref), ref);
    }

    /** The stop's trigger at the strategy's (or default) distance from {@code ref}, on the tick. */
    private long stopTrigger(PositionState pos, long ref) {
        int dir = pos.quantity > 0 ? 1 : -1;
        long stopDist = Fixed.mul(ref, Fixed.fromDouble(pos.pendingStopFrac));
        return instruments[pos.instrument].roundPrice(ref - dir * stopDist);
    }

    /** The take-profit's limit at the strategy's distance from {@code ref}, on the tick; 0 when it wants none. */
    private long takeProfitLevel(PositionState pos, long ref) {
        if (pos.pendingTakeProfitFrac <= 0) {
            return 0;
        }
        int dir = pos.quantity > 0 ? 1 : -1;
        long dist = Fixed.mul(ref, Fixed.fromDouble(pos.pendingTakeProfitFrac));
        return instruments[pos.instrument].roundPrice(ref + dir * dist);
    }

    /** The protective stop of the whole position at {@code trigger}; null if the risk guard denies it. */
    private Order stopAt(PositionState pos, long trigger, long ref) {
        int i = pos.instrument;
        Instrument inst = instruments[i];
        Side exitSide = pos.quantity > 0 ? Side.SELL : Side.BUY;
        long qty = sellable(pos);
        ReasonCode stopDenied = risk.check(i, inst, OrderType.STOP_MARKET, trigger, qty, ref,
                RiskGuard.OrderIntent.PROTECTIVE, nowMs, this);
        if (stopDenied != null) {
            deny(i, stopDenied);
            return null;
        }
        Order stop = new Order(nextId(), i, exitSide, OrderType.STOP_MARKET, qty, 0, trigger, true,
                ReasonCode.EXIT_STOP_LOSS, nowMs, ref);
        stop.trailBps = pos.pendingTrail ? (int) Math.round(pos.pendingStopFrac * 10_000) : 0;
        return stop;
    }

    /**
     * The stop (if not null) and the take-profit at {@code limit} (if not 0), for the whole position: an OCO pair.
     * {@code entryPrice} is the risk guard's reference price.
     */
    private void placePair(PositionState pos, Order stop, long limit, long entryPrice) {
        int i = pos.instrument;
        Instrument inst = instruments[i];
        Side exitSide = pos.quantity > 0 ? Side.SELL : Side.BUY;
        long qty = sellable(pos);
        Order tp = null;
        if (limit > 0) {
            ReasonCode tpDenied = risk.check(i, inst, OrderType.LIMIT, limit, qty, entryPrice,
                    RiskGuard.OrderIntent.PROTECTIVE, nowMs, this);
            if (tpDenied == null) {
                tp = new Order(nextId(), i, exitSide, OrderType.LIMIT, qty, limit, 0, true,
                        ReasonCode.EXIT_TAKE_PROFIT, nowMs, entryPrice);
            } else {
                deny(i, tpDenied);
            }
        }
        if (stop != null && tp != null) {
            stop.ocoPeerId = tp.clientOrderId;
            tp.ocoPeerId = stop.clientOrderId;
        }
        // ids are recorded before sending: a venue may answer (fill, reject) before submit returns
        if (stop != null && tp != null && execution.placesOrderLists()) {
            // one order list: both legs are journaled before it leaves, and neither leaves without the other
            pos.stopOrderId = stop.clientOrderId;
            pos.takeProfitOrderId = tp.clientOrderId;
            boolean stopIn = admit(stop);
            boolean tpIn = stopIn && admit(tp);
            if (tpIn) {
                execution.submitOco(stop, tp);
                return;
            }
            pos.takeProfitOrderId = null;
            if (stopIn) {
                execution.submit(stop); // the take-profit could not be journaled: the stop still protects
            } else {
                pos.stopOrderId = null;
            }
            return;
        }
        if (stop != null) {
            pos.stopOrderId = stop.clientOrderId;
            if (!send(stop)) {
                pos.stopOrderId = null;
            }
        }
        if (tp != null && pos.quantity != 0) {
            pos.takeProfitOrderId = tp.clientOrderId;
            if (!send(tp)) {
                pos.takeProfitOrderId = null;
            }
        }
    }

    private void cancelProtective(PositionState pos) {
        if (pos.stopOrderId != null) {
            String id = pos.stopOrderId;
            pos.stopOrderId = null;
            cancelOrder(id);
        }
        if (pos.takeProfitOrderId != null) {
            String id = pos.takeProfitOrderId;
            pos.takeProfitOrderId = null;
            cancelOrder(id);
        }
    }

    /**
     * Journals the command, then sends it; an order that could not be journaled never leaves. While reconciliation
     * is pending nothing leaves (not even a protective order: the venue may already hold it, or the position may be
     * gone); {@link #finishReconciliation()} protects every open position once the venue has been asked.
     */
    private boolean send(Order o) {
        if (!admit(o)) {
            return false;
        }
        execution.submit(o);
        return true;
    }

    /** {@link #send} up to the venue: gated, journaled, followed as working; false when it must not leave. */
    private boolean admit(Order o) {
        if (unreconciled) {
            deny(o.instrument, ReasonCode.RISK_UNRECONCILED);
            return false;
        }
        if (!journal.submit(o, nowMs)) {
            journalFailed();
            return false;
        }
        working.add(o);
        risk.onOrderSent(nowMs);
        bus.onOrderSubmitted(o);
        return true;
    }

    /**
     * A cancel only reduces risk, so it goes out even when the journal failed (the halt follows). While
     * reconciliation is pending it is journaled and remembered but not sent: reconciliation sends it to an order
     * the venue still has working.
     */
    private void cancelOrder(String id) {
        if (!journal.cancel(id, nowMs)) {
            journalFailed();
        }
        working.requestCancel(id);
        if (!unreconciled) {
            execution.cancel(id);
        }
    }

    /**
     * After a restart: the orders from before it must be reconciled with the venue before any order leaves. Raised
     * by recovery before the replay hands the venue over, so the input it finishes records denials; the journal
     * holds an {@code unreconciled} record where it was raised, so a replay raises it at the same point.
     */
    public void requireReconciliation() {
        unreconciled = true;
    }

    public boolean reconciliationPending() {
        return unreconciled;
    }

    /** {@link #reconcileOrders()} then {@link #finishReconciliation()}: the whole start-up reconciliation. */
    public void reconcile() {
        reconcileOrders();
        finishReconciliation();
    }

    /**
     * Asks the venue about every order the engine believes is working (the adapter takes each still-working order
     * over: it follows its fills and cancels from now on) and turns the answers into ordinary execution reports
     * (journaled, so a replay sees them as inputs): executed quantity the engine has not applied is applied once,
     * cancellations and rejections are taken, and an order the venue has no record of (it refused it, or never
     * received it, before the crash) is rejected as {@code REJECT_NOT_PLACED}. Orders stay gated: the caller may
     * still refuse the start (unknown open orders, balances) before {@link #finishReconciliation()}.
     */
    public void reconcileOrders() {
        for (Order o : working.orders()) {
            dev.hft.core.VenueOrderStatus st = execution.reconcile(o);
            switch (st.state()) {
                // the journal holds the submit but not the answer: the venue refused it or never had it
                case UNKNOWN -> onOrderRejected(o, ReasonCode.REJECT_NOT_PLACED);
                case REJECTED -> onOrderRejected(o, ReasonCode.REJECT_VENUE);
                default -> { // the fills the engine has not seen yet, then the final state
                    for (Fill f : unapplied(o, st.fills())) {
                        onOrderFilled(o, f);
                    }
                    if (st.state() == dev.hft.core.VenueOrderStatus.State.CANCELED && working.contains(
                            o.clientOrderId)) {
                        onOrderCanceled(o);
                    }
                }
            }
        }
    }

    /**
     * Lowers the gate: journals it, sends again every cancel the engine wanted for an order the venue still has
     * working (it may never have reached the venue before the crash, or was held back by the gate; canceling twice
     * is harmless), and gives every open position without a protective stop its stop (and take-profit) from the
     * average entry price. Then new orders are allowed again.
     */
    public void finishReconciliation() {
        if (!journal.operator("reconciled", null, nowMs)) {
            journalFailed();
        }
        unreconciled = false;
        for (Order o : working.orders()) {
            WorkingOrders.Working w = working.get(o.clientOrderId);
            if (w != null && w.cancelRequested) {
                cancelOrder(o.clientOrderId);
            }
        }
        for (PositionState pos : positions) {
            if (pos.quantity != 0 && pos.stopOrderId == null && pos.pendingMarketOrderId == null) {
                Order stop = stopOrder(pos, pos.avgEntryPrice);
                placePair(pos, stop, pos.takeProfitOrderId == null ? takeProfitLevel(pos, pos.avgEntryPrice) : 0,
                        pos.avgEntryPrice);
            }
        }
    }

    /**
     * The part of a venue's fills of {@code o} the engine has not applied: fills wholly within the quantity applied
     * are skipped; when the venue's fills do not split exactly there (an aggregate fill), the rest is one fill at
     * the average price of the rest, its fee in proportion.
     */
    private java.util.List<Fill> unapplied(Order o, java.util.List<Fill> venue) {
        WorkingOrders.Working w = working.get(o.clientOrderId);
        long doneQty = w == null ? 0 : w.executedQty;
        long doneNotional = w == null ? 0 : w.executedNotional;
        long qty = 0;
        long notional = 0;
        long fees = 0;
        int k = 0;
        while (k < venue.size() && qty + venue.get(k).quantity() <= doneQty) {
            Fill f = venue.get(k++);
            qty += f.quantity();
            notional += Fixed.mul(f.price(), f.quantity());
        }
        if (qty == doneQty) {
            return venue.subList(k, venue.size());
        }
        long total = qty;
        long totalNotional = notional;
        long time = 0;
        ReasonCode reason = o.reason;
        for (; k < venue.size(); k++) {
            Fill f = venue.get(k);
            total += f.quantity();
            totalNotional += Fixed.mul(f.price(), f.quantity());
            fees += f.fee();
            time = f.timeMs();
            reason = f.reason();
        }
        long rest = total - doneQty;
        if (rest <= 0) {
            return java.util.List.of();
        }
        long price = Fixed.div(totalNotional - doneNotional, rest);
        long fee = Fixed.div(Fixed.mul(fees, rest), total - qty);
        return java.util.List.of(new Fill(o.clientOrderId, o.instrument, o.side, price, rest, fee, time, reason));
    }

    private void journalFailed() {
        risk.journalFailed(nowMs);
        ledger.count(ReasonCode.RISK_JOURNAL_FAILURE);
    }

    private void deny(int instrument, ReasonCode reason) {
        ledger.count(reason);
        bus.onOrderDenied(instrument, reason, nowMs);
    }

    private String nextId() {
        return runId + "-" + (++orderSeq);
    }

    @Override
    public void onOrderFilled(Order order, Fill fill) {
        applyFill(order, fill);
        int i = order.instrument;
        if (failure[i] == null) { // the strategy learns of its fill once the engine has applied it
            try {
                strategies[i].onFill(fill);
            } catch (RuntimeException e) {
                strategyFailed(i, e, nowMs);
            }
        }
    }

    /**
     * The end of the run (end of data, or a paper or live session stopping, after its last event): each strategy's
     * {@code onStop}, once. A strategy that throws there is kept as failed ({@link #strategyFailure}) and published;
     * nothing is journaled, since nothing trades after it.
     */
    public void stopStrategies() {
        for (int k = 0; k < strategies.length; k++) {
            if (failure[k] == null && indexOf(strategies[k], k) == k) {
                try {
                    strategies[k].onStop();
                } catch (RuntimeException e) {
                    for (int j = 0; j < strategies.length; j++) {
                        if (strategies[j] == strategies[k]) {
                            failure[j] = describe(e);
                        }
                    }
                    bus.onStrategyFailed(k, failure[k], nowMs);
                }
            }
        }
    }

    private void applyFill(Order order, Fill fill) {
        nowMs = Math.max(nowMs, fill.timeMs());
        if (!journal.fill(order, fill, nowMs)) {
            journalFailed(); // the fill happened at the venue: account for it anyway, then stay halted
        }
        PositionState pos = positions[order.instrument];
        boolean exitOrder = order.reduceOnly && order.clientOrderId.equals(pos.pendingMarketOrderId);
        if (order.clientOrderId.equals(pos.replacedId)) { // it filled before its cancel landed: it stands, alone
            pos.replacement = null;
            pos.replacedId = null;
            ledger.count(ReasonCode.SKIP_ENTRY_CANCELED);
        }
        boolean complete = working.fill(order, fill.quantity(), fill.price());
        if (complete) { // final: the order's whole quantity executed, in one fill or several
            clearIds(pos, order); // a part-filled order still works for the position (its rest may fill)
        }
        portfolio.bookCash(order, fill);
        bus.onFill(order, fill); // listeners see the cash that includes the fill, the position before it
        Portfolio.Effect effect = portfolio.bookPosition(order, fill);
        switch (effect) {
            case OPENED -> {
                if (!order.reduceOnly) {
                    placeProtective(pos, fill.price());
                }
            }
            case ADDED -> {
                if (!order.reduceOnly) { // a scale-in or the next part of an entry: one pair, from the average
                    cancelProtective(pos);
                    placeProtective(pos, pos.avgEntryPrice);
                }
            }
            case REDUCED -> {
                if (exitOrder && complete) {
                    protectAgain(pos); // a partial exit done: the pair again, for what remains
                }
            }
            case CLOSED -> {
                cancelProtective(pos);
                ledger.count(order.reason, order.strategyReason);
                bus.onTradeClosed(portfolio.closedTrade());
                risk.update(nowMs, openPositions()); // a completed flatten turns a pending halt into HALTED
            }
            default -> throw new IllegalStateException(effect.name());
        }
    }

    private static void clearIds(PositionState pos, Order order) {
        if (order.clientOrderId.equals(pos.pendingMarketOrderId)) {
            pos.pendingMarketOrderId = null;
        }
        if (order.clientOrderId.equals(pos.stopOrderId)) {
            pos.stopOrderId = null;
        }
        if (order.clientOrderId.equals(pos.takeProfitOrderId)) {
            pos.takeProfitOrderId = null;
        }
    }

    @Override
    public void onOrderRejected(Order order, ReasonCode reason) {
        if (!journal.rejected(order, reason, nowMs)) {
            journalFailed();
        }
        PositionState pos = positions[order.instrument];
        boolean wasStop = order.clientOrderId.equals(pos.stopOrderId);
        boolean exitOrder = order.reduceOnly && order.clientOrderId.equals(pos.pendingMarketOrderId);
        boolean replaced = order.clientOrderId.equals(pos.replacedId);
        clearIds(pos, order);
        working.remove(order.clientOrderId);
        ledger.count(reason);
        bus.onOrderRejected(order, reason);
        if (wasStop && reason == ReasonCode.REJECT_LOST && pos.quantity != 0) {
            // a position must never be without its stop: place it again, from the average entry price
            Order stop = stopOrder(pos, pos.avgEntryPrice);
            if (stop != null) {
                pos.stopOrderId = stop.clientOrderId;
                if (!send(stop)) {
                    pos.stopOrderId = null;
                }
            }
        } else if (exitOrder && pos.quantity != 0 && pos.stopOrderId == null && !unreconciled) {
            protectAgain(pos); // the exit canceled the pair before it was refused: the position is protected again
        }
        tellStrategy(order, dev.hft.api.OrderUpdate.Status.REJECTED, reason);
        if (replaced) {
            sendReplacement(pos); // the replaced order is gone all the same
        }
    }

    @Override
    public void onOrderCanceled(Order order) {
        if (!journal.canceled(order, nowMs)) {
            journalFailed();
        }
        working.remove(order.clientOrderId);
        PositionState pos = positions[order.instrument];
        clearIds(pos, order);
        bus.onOrderCanceled(order);
        tellStrategy(order, dev.hft.api.OrderUpdate.Status.CANCELED, order.reason);
        if (order.clientOrderId.equals(pos.replacedId)) {
            sendReplacement(pos);
        }
    }

    /**
     * The replaced entry's cancel is confirmed: its replacement leaves now, unless trading changed meanwhile (out of
     * ACTIVE, paused, the strategy failed, another order pending), which drops it.
     */
    private void sendReplacement(PositionState pos) {
        Order r = pos.replacement;
        pos.replacement = null;
        pos.replacedId = null;
        if (r == null || pos.pendingMarketOrderId != null || paused || failure[pos.instrument] != null
                || risk.state() != TradingState.ACTIVE) {
            ledger.count(ReasonCode.SKIP_ENTRY_CANCELED);
            return;
        }
        pos.pendingMarketOrderId = r.clientOrderId;
        if (!send(r)) {
            pos.pendingMarketOrderId = null;
        }
    }

    /** The strategy of the order's instrument hears of its order's end ({@code Strategy.onOrderUpdate}). */
    private void tellStrategy(Order o, dev.hft.api.OrderUpdate.Status status, ReasonCode reason) {
        int i = o.instrument;
        if (failure[i] != null) {
            return;
        }
        try {
            strategies[i].onOrderUpdate(update(o, status, reason));
        } catch (RuntimeException e) {
            strategyFailed(i, e, nowMs);
        }
    }

    /** The strategy's view of an order. */
    private static dev.hft.api.OrderUpdate update(Order o, dev.hft.api.OrderUpdate.Status status, ReasonCode reason) {
        dev.hft.api.OrderUpdate.Role role = !o.reduceOnly ? dev.hft.api.OrderUpdate.Role.ENTRY
                : o.reason == ReasonCode.EXIT_STOP_LOSS && o.type == OrderType.STOP_MARKET
                        ? dev.hft.api.OrderUpdate.Role.STOP_LOSS
                : o.reason == ReasonCode.EXIT_TAKE_PROFIT && o.type == OrderType.LIMIT
                        ? dev.hft.api.OrderUpdate.Role.TAKE_PROFIT
                : dev.hft.api.OrderUpdate.Role.EXIT;
        return new dev.hft.api.OrderUpdate(o.clientOrderId, o.instrument, role, status, o.side, o.type, o.quantity,
                o.price, o.triggerPrice, reason);
    }

    /** Cash plus every position marked at its last price (fixed-point, quote asset). */
    @Override
    public long equity() {
        return portfolio.equity();
    }

    @Override
    public long exposure(int instrument) {
        return portfolio.exposure(instrument);
    }

    @Override
    public long totalExposure() {
        return portfolio.totalExposure();
    }

    @Override
    public int openPositions() {
        return portfolio.openPositions();
    }

    public long cash() {
        return portfolio.cash();
    }

    /**
     * The engine's trading state as text: cash, fees, order sequence, positions with their working orders, risk
     * state, and the reason ledger. Two engines with equal digests hold the same state (strategy indicators aside,
     * which follow from the same inputs). Used to check recovery against the original run.
     */
    public String stateDigest() {
        StringBuilder sb = new StringBuilder(256);
        sb.append("cash=").append(portfolio.cash()).append(" fees=").append(portfolio.totalFees()).append(" seq=")
                .append(orderSeq)
                .append(" risk=").append(risk.state()).append('/').append(risk.stateReason());
        if (paused) {
            sb.append(" paused");
        }
        for (PositionState p : positions) {
            sb.append(" [").append(p.instrument).append(" qty=").append(p.quantity).append(" avg=")
                    .append(p.avgEntryPrice).append(" held=").append(p.barsHeld).append(" pending=")
                    .append(p.pendingMarketOrderId).append(" stop=").append(p.stopOrderId).append(" tp=")
                    .append(p.takeProfitOrderId).append(']');
        }
        sb.append(" ledger=").append(ledger.nonZero()).append(" own=").append(ledger.own());
        return sb.toString();
    }

    private Boolean snapshottable;
    /** Per instrument: the failure of its strategy, once it threw; null while it runs. */
    private String[] failure;
    /** Per instrument: the builders of the longer intervals its strategy subscribed to. */
    private final dev.hft.engine.strategy.BarAggregator[][] aggregators;

    /**
     * Whether {@link #snapshot()} can be taken: every strategy saves its state. A strategy that does not (its
     * {@code writeState} throws {@link UnsupportedOperationException}, the default) is simply not snapshotted:
     * recovery then replays the journal from the start record, which rebuilds a deterministic strategy exactly.
     */
    public boolean snapshottable() {
        if (snapshottable == null) {
            snapshottable = sanitizer != null && EngineSnapshot.snapshottable(strategies);
        }
        return snapshottable;
    }

    /**
     * All trading state, bit for bit: cash, fees, order sequence, positions, working orders, strategies (every
     * indicator), market statistics, sanitizer, risk guard and reason ledger ({@link EngineSnapshot}). Take it between
     * events; an engine built with the same settings and {@link #restore restored} from it continues exactly like
     * this one.
     */
    public byte[] snapshot() {
        return EngineSnapshot.write(parts(), new EngineSnapshot.Scalars(orderSeq, nowMs, barsProcessed, unreconciled,
                paused));
    }

    private EngineSnapshot.Parts parts() {
        return new EngineSnapshot.Parts(instruments, strategies, portfolio, positions, costs, aggregators, sanitizer,
                market instanceof StreamingMarket sm ? sm : null, risk, ledger, failure, working);
    }

    /**
     * Why this engine cannot restore {@code snapshot} (another state layout version, other instruments or
     * strategies), or null when it can; recovery passes over such a snapshot to an older one or to seq 1.
     */
    public String snapshotProblem(byte[] snapshot) {
        return EngineSnapshot.problem(parts(), snapshot);
    }

    /** Restores a {@link #snapshot()} into this freshly built engine (same instruments, strategies and settings). */
    public void restore(byte[] snapshot) {
        EngineSnapshot.Scalars sc = EngineSnapshot.restore(parts(), snapshot);
        orderSeq = sc.orderSeq();
        nowMs = sc.nowMs();
        barsProcessed = sc.barsProcessed();
        unreconciled = sc.unreconciled();
        paused = sc.paused();
    }

    /** The orders the engine believes are working, in the order they were sent. */
    public java.util.Collection<Order> workingOrders() {
        return java.util.Collections.unmodifiableList(working.orders());
    }

    /** Ids of every order the engine believes is at the venue, those with a cancel on its way included. */
    public java.util.List<String> knownOrderIds() {
        return working.ids();
    }

    /** Ids of the orders its positions hold (entries and exits in flight, stops, TPs); a canceling order is not. */
    public java.util.List<String> workingOrderIds() {
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (PositionState p : positions) {
            for (String id : new String[] {p.pendingMarketOrderId, p.stopOrderId, p.takeProfitOrderId}) {
                if (id != null) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    public long totalFees() {
        return portfolio.totalFees();
    }

    public int instrumentCount() {
        return instruments.length;
    }

    public Instrument instrument(int i) {
        return instruments[i];
    }

    /** Average entry price of the open position (fixed-point), 0 when flat. */
    public long avgEntryPrice(int instrument) {
        return positions[instrument].quantity == 0 ? 0 : positions[instrument].avgEntryPrice;
    }

    /** The last accepted close of an instrument (fixed-point), 0 before the first bar. */
    public long lastPrice(int instrument) {
        return positions[instrument].lastPrice;
    }

    /** Signed quantity held on an instrument. */
    public long positionQuantity(int instrument) {
        return positions[instrument].quantity;
    }

    public ReasonLedger ledger() {
        return ledger;
    }

    public long barsProcessed() {
        return barsProcessed;
    }

    public EngineConfig config() {
        return config;
    }

    /** The sanitizer of the streaming market stage; null when the stage is a prepared tape's. */
    public Sanitizer sanitizer() {
        return sanitizer;
    }

    public RiskGuard risk() {
        return risk;
    }

    public EventBus bus() {
        return bus;
    }

    public CostModel costs() {
        return costs;
    }

    /** The {@link dev.hft.api.Plot} a strategy draws into: it names the instrument and bar time for the sink. */
    private static final class PlotAdapter implements dev.hft.api.Plot {
        private final PlotSink sink;
        private final boolean[] failed;
        private int instrument;
        private long openTimeMs;

        PlotAdapter(PlotSink sink, int instruments) {
            this.sink = sink;
            this.failed = new boolean[instruments];
        }

        void draw(Strategy s, int instrument, long openTimeMs) {
            if (failed[instrument]) {
                return;
            }
            this.instrument = instrument;
            this.openTimeMs = openTimeMs;
            try {
                s.plot(this);
            } catch (RuntimeException e) {
                failed[instrument] = true;
                sink.failed(instrument, s.name() + ".plot threw " + e);
            }
        }

        @Override
        public void line(String name, double value) {
            sink.line(instrument, openTimeMs, name, value);
        }
    }
}
