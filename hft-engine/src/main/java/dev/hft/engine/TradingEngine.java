package dev.hft.engine;

import dev.hft.core.Bar;
import dev.hft.core.ExecutionClient;
import dev.hft.core.ExecutionListener;
import dev.hft.core.Fill;
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
    /** Orders: entries, exits, the protective pair, ids, the gates, fills booked into the portfolio. */
    private final OrderManager orders;
    /** The working orders ({@link OrderManager#working}). */
    private final WorkingOrders working;
    /** Each instrument's strategy's entry screen once {@link #screenEntries} asked, or null (none, longer bars). */
    private final dev.hft.api.EntryScreen[] screens;
    /** Each instrument's strategy's hold screen once {@link #screenEntries} asked, or null. */
    private final dev.hft.api.HoldScreen[] holdScreens;
    /** Whether an idle strategy's decision is skipped where its screen says no ({@link #screenEntries}). */
    private boolean screening;

    /** The time of the event being processed; the order manager reads the same clock. */
    private final EventClock clock = new EventClock();
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
        this.holdScreens = new dev.hft.api.HoldScreen[this.strategies.length];
        this.risk = new RiskGuard(config.risk(), bus);
        this.orders = new OrderManager(config, this.instruments, portfolio, execution, bus, this.market, risk, ledger,
                clock, runId);
        this.working = orders.working;
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
        orders.setJournal(journal);
    }

    /** Processes one closed bar: journal, sanitize, match, mark, re-check risk, decide, act. */
    public void onBar(Bar bar) {
        long now = bar.nowMs();
        clock.set(now);
        int i = bar.instrument;
        if (!journal.bar(bar)) {
            orders.journalFailed();
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
        mark(pos, bar);
        if (pos.entryBarsLeft > 0 && orders.pendingEntry(pos) && --pos.entryBarsLeft == 0) {
            // a limit or stop entry this bar did not fill has waited its bars: canceled before the strategy decides
            ledger.count(ReasonCode.SKIP_ENTRY_EXPIRED);
            orders.cancelOrder(pos.pendingMarketOrderId);
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

    /** What an accepted bar does to its instrument's position: its mark, and while held, bars held and best price. */
    private static void mark(PositionState pos, Bar bar) {
        pos.lastPrice = bar.close;
        if (pos.quantity != 0) {
            pos.barsHeld++;
            pos.bestPrice = pos.quantity > 0 ? Math.max(pos.bestPrice, bar.high) : Math.min(pos.bestPrice, bar.low);
        }
    }

    /** The risk guard's look at marked equity on every event; a halt flattens, any state but ACTIVE stops entries. */
    private void checkRisk(long now) {
        if (risk.onEquity(now, equity(), openPositions())) {
            flattenForHalt(ReasonCode.EXIT_RISK_HALT);
        } else if (risk.state() != TradingState.ACTIVE) {
            orders.cancelPendingEntries(); // no new exposure outside ACTIVE, not even from an order already on its way
        }
    }

    /**
     * Whether a trial may pass bars without calling {@link #onBar}: it {@link #screenEntries screens}, journals
     * nothing, and every instrument is either idle (flat, nothing working) with an entry screen, or {@link #held held}.
     * Then a bar the market stage accepts plainly changes nothing but marks, counts, the clock and the risk guard's
     * figures until some strategy's screen lets it enter ({@link #mayEnter}), a held one's lets it act or the venue
     * could fill ({@link #passHeld}).
     */
    public boolean quiet() {
        if (!screening || journal != EngineJournal.NONE) {
            return false;
        }
        for (int i = 0; i < screens.length; i++) {
            if (!(screens[i] != null && orders.idlePosition(positions[i])) && !held(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether instrument {@code i} holds a position passively: trading ACTIVE, its strategy running, not a portfolio
     * strategy, with a hold screen, and no order working for it but its protective pair (nothing waiting to enter,
     * exit or replace).
     */
    public boolean held(int i) {
        PositionState p = positions[i];
        if (holdScreens[i] == null || failure[i] != null || p.quantity == 0 || p.pendingMarketOrderId != null
                || p.replacement != null || p.entryBarsLeft != 0 || risk.state() != TradingState.ACTIVE) {
            return false;
        }
        int protective = (p.stopOrderId != null ? 1 : 0) + (p.takeProfitOrderId != null ? 1 : 0);
        return working.countFor(i) == protective;
    }

    /**
     * One bar of a {@link #held} instrument, which the market stage has passed already and on which the venue could
     * fill nothing: passed when {@link #onBar} would only have marked the position and let the risk guard look
     * (which {@link RiskGuard#quietAt} says changes nothing but its figures), and the strategy's hold screen says it
     * would only skip. Then the position is marked, the clock moved and the risk guard has looked, as on that path;
     * otherwise nothing changed and the bar is the engine's to process. Count it in {@link #passed}.
     */
    public boolean passHeld(Bar bar) {
        int i = bar.instrument;
        PositionState pos = positions[i];
        long price = pos.lastPrice;
        long best = pos.bestPrice;
        long barsHeld = pos.barsHeld;
        mark(pos, bar);
        long now = bar.nowMs();
        long eq = equity();
        if (!risk.quietAt(now, eq) || holdScreenSays(i, pos)) {
            pos.lastPrice = price;
            pos.bestPrice = best;
            pos.barsHeld = barsHeld;
            return false;
        }
        clock.set(now);
        risk.onEquity(now, eq, openPositions()); // its figures only: quietAt
        return true;
    }

    /** As {@link #screenSays}, for the hold screen: a screen that throws is dropped and says yes. */
    private boolean holdScreenSays(int i, PositionState pos) {
        try {
            return holdScreens[i].mayAct(i, pos);
        } catch (RuntimeException e) {
            for (int k = 0; k < holdScreens.length; k++) {
                if (strategies[k] == strategies[i]) {
                    holdScreens[k] = null;
                }
            }
            return true;
        }
    }

    /**
     * Whether instrument {@code i}'s strategy may enter on its current bar, by its screen (the series already moved
     * on); true when it has none, or its screen threw (see {@link #screenSays}).
     */
    public boolean mayEnter(int i) {
        return failure[i] == null && screenSays(i);
    }

    /**
     * As {@link #mayEnter(int)}, on tape bar {@code k}, with the answers of instrument {@code i}'s keyed screen taken
     * once for the whole tape ({@code bits}: bit {@code k} of word {@code k >> 6}, or null for none). They are the
     * screen's own answers while it is the engine's; a screen dropped since (it threw) no longer screens.
     */
    public boolean mayEnter(int i, long[] bits, int k) {
        if (bits == null || screens[i] == null) {
            return mayEnter(i);
        }
        return failure[i] == null && (bits[k >> 6] & (1L << k)) != 0;
    }

    /** Instrument {@code i}'s strategy's entry screen in a {@link #screenEntries screening} run, else null. */
    public dev.hft.api.EntryScreen entryScreen(int i) {
        return screens[i];
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
        clock.set(nowMs);
        checkRisk(nowMs);
    }

    /**
     * Quiet bars passed (see {@link #quiet}): {@code count} accepted bars, of which {@code last} is instrument
     * {@code last.instrument}'s last. Call once per instrument that had any, its count with one of them: the venue
     * sees the last bar, the position is marked at its close, the clock moves to it.
     */
    public void passed(Bar last, long count) {
        clock.advanceTo(last.nowMs());
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
            try {
                holdScreens[k] = st.intervals().isEmpty() && !st.portfolio() ? st.holdScreen() : null;
            } catch (RuntimeException e) {
                holdScreens[k] = null;
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
            return orders.idlePosition(positions[i]);
        }
        for (PositionState p : positions) {
            if (!orders.idlePosition(p)) {
                return false;
            }
        }
        return true;
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
            orders.journalFailed();
        }
        if (decision.action == Action.ENTER_LONG || decision.action == Action.ENTER_SHORT) {
            orders.enter(pos, decision.action == Action.ENTER_LONG ? Side.BUY : Side.SELL, refPrice, decision);
        } else if (decision.action == Action.EXIT) {
            orders.exit(pos, decision.reason,
                    decision.strategyReason == null ? null : decision.strategyReason.name(), refPrice, false,
                    decision.exitFraction);
        } else if (decision.action == Action.CANCEL_ENTRY && orders.pendingEntry(pos)) {
            orders.cancelOrder(pos.pendingMarketOrderId);
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
            return clock.now();
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
            orders.journalFailed();
        }
        for (int k = 0; k < strategies.length; k++) { // a portfolio strategy stops for all of its instruments
            if (strategies[k] != strategies[i]) {
                continue;
            }
            failure[k] = failure[i];
            PositionState pos = positions[k];
            if (orders.pendingEntry(pos)) {
                String id = pos.pendingMarketOrderId;
                pos.pendingMarketOrderId = null;
                orders.cancelOrder(id);
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
        if (!journal.operator("killSwitch", null, clock.now())) {
            orders.journalFailed();
        }
        if (risk.killSwitch(clock.now(), openPositions())) {
            flattenForHalt(ReasonCode.EXIT_KILL_SWITCH);
        } else {
            orders.cancelPendingEntries();
        }
    }

    /** Operator command: release the kill switch or a latched halt. */
    public void release() {
        if (!journal.operator("release", null, clock.now())) {
            orders.journalFailed();
        }
        risk.release(clock.now(), openPositions());
    }

    /**
     * Operator command: cancel every resting order (protective stops, take-profits, entries not filled yet), say
     * before a stop that must leave nothing at the venue. Positions stay open, without their stops.
     */
    public void cancelResting() {
        if (!journal.operator("cancelResting", null, clock.now())) {
            orders.journalFailed();
        }
        orders.cancelPendingEntries();
        for (PositionState pos : positions) {
            orders.cancelProtective(pos);
        }
    }

    /** Operator command: no new entries until {@link #resume()}; positions keep their exits and stops. */
    public void pause() {
        if (!journal.operator("pause", null, clock.now())) {
            orders.journalFailed();
        }
        orders.paused = true;
    }

    /** Operator command: entries allowed again (the risk guard still decides). */
    public void resume() {
        if (!journal.operator("resume", null, clock.now())) {
            orders.journalFailed();
        }
        orders.paused = false;
    }

    public boolean paused() {
        return orders.paused;
    }

    /**
     * Closes every open position at market with the given reason. For {@code EXIT_END_OF_DATA} this is the
     * accounting close of a backtest and bypasses the risk guard; otherwise it is a flatten the guard checks.
     */
    public void flattenAll(ReasonCode reason) {
        if (!journal.operator("flattenAll", reason, clock.now())) {
            orders.journalFailed();
        }
        orders.flatten(reason);
    }

    private void flattenForHalt(ReasonCode reason) {
        orders.cancelPendingEntries();
        orders.flatten(reason);
    }

    /**
     * After a restart: the orders from before it must be reconciled with the venue before any order leaves. Raised
     * by recovery before the replay hands the venue over, so the input it finishes records denials; the journal
     * holds an {@code unreconciled} record where it was raised, so a replay raises it at the same point.
     */
    public void requireReconciliation() {
        orders.unreconciled = true;
    }

    public boolean reconciliationPending() {
        return orders.unreconciled;
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
                    for (Fill f : orders.unapplied(o, st.fills())) {
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
        orders.finishReconciliation();
    }

    @Override
    public void onOrderFilled(Order order, Fill fill) {
        orders.applyFill(order, fill);
        int i = order.instrument;
        if (failure[i] == null) { // the strategy learns of its fill once the engine has applied it
            try {
                strategies[i].onFill(fill);
            } catch (RuntimeException e) {
                strategyFailed(i, e, clock.now());
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
                    bus.onStrategyFailed(k, failure[k], clock.now());
                }
            }
        }
    }

    @Override
    public void onOrderRejected(Order order, ReasonCode reason) {
        boolean replaced = orders.rejected(order, reason);
        tellStrategy(order, dev.hft.api.OrderUpdate.Status.REJECTED, reason);
        if (replaced) {
            orders.sendReplacement(positions[order.instrument], failure[order.instrument] != null);
        }
    }

    @Override
    public void onOrderCanceled(Order order) {
        boolean replaced = orders.canceled(order);
        tellStrategy(order, dev.hft.api.OrderUpdate.Status.CANCELED, order.reason);
        if (replaced) {
            orders.sendReplacement(positions[order.instrument], failure[order.instrument] != null);
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
            strategyFailed(i, e, clock.now());
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
                .append(orders.orderSeq)
                .append(" risk=").append(risk.state()).append('/').append(risk.stateReason());
        if (orders.paused) {
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
        return EngineSnapshot.write(parts(), new EngineSnapshot.Scalars(orders.orderSeq, clock.now(), barsProcessed,
                orders.unreconciled, orders.paused));
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
        orders.orderSeq = sc.orderSeq();
        clock.set(sc.nowMs());
        barsProcessed = sc.barsProcessed();
        orders.unreconciled = sc.unreconciled();
        orders.paused = sc.paused();
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
