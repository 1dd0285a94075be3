package dev.hft.ops;

import dev.hft.core.Bar;
import dev.hft.core.Fill;
import dev.hft.core.Fixed;
import dev.hft.core.Order;
import dev.hft.core.ReasonCode;
import dev.hft.engine.EngineListener;
import dev.hft.engine.TradeRecord;
import dev.hft.engine.TradingEngine;
import dev.hft.engine.risk.TradingState;
import dev.hft.api.Action;
import dev.hft.api.Decision;
import dev.hft.journal.JournalWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The session as operators see it. Subscribed to the engine's event bus, it runs on the engine thread: it counts
 * into the {@link OpsMetrics}, keeps the recent events and the equity curve, measures execution quality, raises
 * {@link Alerts}, and on {@link #publish} builds a fresh {@link SessionView} for everything outside the engine
 * thread. Nothing here blocks: alerts are queued, subscribers get the view handed over.
 */
public final class SessionMonitor implements EngineListener {
    static final int EVENTS = 100;
    static final int CURVE_POINTS = 2_000;
    static final int ALERTS = 20;
    static final int PRICES = 600;
    static final int FILLS = 200;
    static final int TRADES = 50;

    private final TradingEngine engine;
    private final String mode;
    private final String session;
    private final String strategy;
    private final List<String> symbols = new ArrayList<>();
    private final long startedMs;
    private final OpsMetrics metrics;
    private final Alerts alerts;
    private final boolean controls;
    private final double[] drawdownLevels;
    private final ArrayDeque<SessionView.Event> events = new ArrayDeque<>(EVENTS);
    /** Per instrument, the last {@link #PRICES} closes as a ring: no allocation per bar on the engine thread. */
    private final List<PriceRing> prices = new ArrayList<>();
    private final ArrayDeque<SessionView.FillMark> fills = new ArrayDeque<>(FILLS);
    private final ArrayDeque<SessionView.Trade> trades = new ArrayDeque<>(TRADES);
    private long tradeCount;
    private long tradeWins;
    private long realizedPnl;
    private final List<double[]> curve = new ArrayList<>();
    private final List<Consumer<SessionView>> subscribers = new CopyOnWriteArrayList<>();
    /** Written from any thread that raises an alert, read when a view is built. */
    private final ArrayDeque<SessionView.Alert> recentAlerts = new ArrayDeque<>(ALERTS);
    private int curveStride = 1;
    private long curveSkipped;
    private JournalWriter journal;
    private long lastBarMs;
    /** The risk guard's peak the drawdown alerts were last armed at: a new peak re-arms them. */
    private long alertPeak;
    private int drawdownAlerted = -1;
    private final dev.hft.engine.tca.Tca tca;
    private boolean reconciling;
    private volatile boolean streamUp;
    private volatile SessionView view;

    /**
     * @param drawdownLevels drawdown percentages that raise an alert once each (until equity makes a new peak)
     */
    public SessionMonitor(TradingEngine engine, String mode, String session, String strategy, long startedMs,
                          OpsMetrics metrics, Alerts alerts, boolean controls, double[] drawdownLevels) {
        this.engine = engine;
        this.mode = mode;
        this.session = session;
        this.strategy = strategy;
        this.startedMs = startedMs;
        this.metrics = metrics;
        this.alerts = alerts;
        this.controls = controls;
        this.drawdownLevels = drawdownLevels.clone();
        java.util.Arrays.sort(this.drawdownLevels);
        dev.hft.core.Instrument[] instruments = new dev.hft.core.Instrument[engine.instrumentCount()];
        for (int i = 0; i < instruments.length; i++) {
            instruments[i] = engine.instrument(i);
            symbols.add(instruments[i].symbol());
            prices.add(new PriceRing());
        }
        // the same transaction cost analysis a backtest runs, on this session's orders from now on
        tca = new dev.hft.engine.tca.Tca(engine.costs(), instruments);
        engine.bus().subscribe(tca);
        engine.bus().subscribe(this);
    }

    /** The journal whose lag is reported (and whose fsyncs are timed). */
    public void journal(JournalWriter j) {
        this.journal = j;
        if (metrics != null) {
            j.setFsyncObserver(metrics::fsyncNanos);
        }
    }

    /** Called with every new view, on the engine thread: hand it over, do not work there. */
    public void subscribe(Consumer<SessionView> s) {
        subscribers.add(s);
    }

    /** The latest view (any thread); null before the first {@link #publish}. */
    public SessionView view() {
        return view;
    }

    /** The market stream's state (stream thread). */
    public void streamStatus(String event, String detail) {
        switch (event) {
            case "connected" -> {
                if (!streamUp && metrics != null && view != null && view.bars() > 0) {
                    metrics.reconnect();
                }
                streamUp = true;
            }
            case "disconnected", "shutdown-notice" -> streamUp = false;
            case "gap-open" -> alert(Alerts.Severity.WARNING, "stream gap", "gap:" + detail, detail
                    + " (the instrument stays frozen until the gap is covered)");
            default -> { }
        }
    }

    public boolean streamUp() {
        return streamUp;
    }

    /** Brackets the start-up reconciliation: what it changes is reported as a reconciliation difference. */
    public void reconciling(boolean on) {
        this.reconciling = on;
    }

    /** An alert from outside the engine (the venue adapter's unknown and lost orders, say); any thread. */
    public void alert(Alerts.Severity severity, String kind, String key, String message) {
        synchronized (recentAlerts) {
            if (recentAlerts.size() == ALERTS) {
                recentAlerts.pollFirst();
            }
            recentAlerts.addLast(new SessionView.Alert(System.currentTimeMillis(), severity.name(), kind, message));
        }
        if (alerts != null) {
            alerts.alert(severity, kind, key, message);
        }
    }

    private String sym(int i) {
        return i >= 0 && i < symbols.size() ? symbols.get(i) : "?";
    }

    private void event(long t, String kind, int instrument, ReasonCode reason, String detail) {
        event(t, kind, instrument, reason == null ? "" : reason.name(), detail);
    }

    /** @param reason the reason's name as reports show it (a strategy's own reason included) */
    private void event(long t, String kind, int instrument, String reason, String detail) {
        if (events.size() == EVENTS) {
            events.pollFirst();
        }
        events.addLast(new SessionView.Event(t, kind, sym(instrument), reason, detail));
    }

    @Override
    public void onBar(Bar bar) {
        lastBarMs = Math.max(lastBarMs, bar.closeTimeMs);
        if (bar.instrument >= 0 && bar.instrument < prices.size()) {
            prices.get(bar.instrument).add(bar.closeTimeMs, Fixed.toDouble(bar.close));
        }
        if (metrics != null) {
            metrics.bar();
        }
    }

    @Override
    public void onMarketDataRejected(Bar bar, ReasonCode reason) {
        if (metrics != null) {
            metrics.rejectedEvent(reason);
        }
        event(bar.closeTimeMs, "rejected", bar.instrument, reason, "bar " + Fixed.format(bar.close));
    }

    @Override
    public void onDecision(int instrument, Decision decision, long nowMs) {
        if (metrics != null) {
            metrics.decision(decision.reason);
        }
        if (decision.action != Action.NONE) {
            event(nowMs, "decision", instrument, decision.strategyReason != null ? decision.strategyReason.name()
                    : decision.reason.name(), decision.action.name());
        }
    }

    @Override
    public void onOrderSubmitted(Order o) {
        if (metrics != null) {
            metrics.submitted();
        }
        event(o.decisionTimeMs, "order", o.instrument, o.reason, o.side + " " + o.type + " " + Fixed.format(o.quantity)
                + " " + o.clientOrderId);
    }

    @Override
    public void onOrderDenied(int instrument, ReasonCode reason, long nowMs) {
        if (metrics != null) {
            metrics.denied(reason);
        }
        event(nowMs, "denied", instrument, reason, "");
    }

    @Override
    public void onFill(Order o, Fill f) {
        if (metrics != null) {
            metrics.fill();
        }
        event(f.timeMs(), "fill", o.instrument, f.reason(), f.side() + " " + Fixed.format(f.quantity()) + " @ "
                + Fixed.format(f.price()) + " " + o.clientOrderId);
        if (fills.size() == FILLS) {
            fills.pollFirst();
        }
        fills.addLast(new SessionView.FillMark(f.timeMs(), sym(o.instrument), f.side().name(),
                Fixed.toDouble(f.price()), Fixed.toDouble(f.quantity()), f.reason().name()));
        if (reconciling) {
            alert(Alerts.Severity.WARNING, "reconciliation", "recon-fill:" + o.clientOrderId, "fill missed while down "
                    + "applied: " + o.clientOrderId + " " + sym(o.instrument) + " " + f.side() + " "
                    + Fixed.format(f.quantity()) + " @ " + Fixed.format(f.price()));
        }
    }

    @Override
    public void onOrderRejected(Order o, ReasonCode reason) {
        if (metrics != null) {
            metrics.rejected(reason);
        }
        event(o.decisionTimeMs, "rejected", o.instrument, reason, o.clientOrderId);
        if (reason == ReasonCode.REJECT_LOST) {
            alert(Alerts.Severity.CRITICAL, "order lost", "lost:" + o.clientOrderId, o.clientOrderId + " "
                    + sym(o.instrument) + " " + o.side + " " + o.type + ": its outcome stayed unknown and the venue"
                    + " does not know it");
        } else if (reason == ReasonCode.REJECT_NOT_PLACED) {
            alert(Alerts.Severity.WARNING, "reconciliation", "recon-notplaced:" + o.clientOrderId, o.clientOrderId
                    + " " + sym(o.instrument) + " " + o.side + " " + o.type + " was not placed: the venue has no "
                    + "record of it (refused or never received before the restart); nothing executed");
        } else if (reconciling) {
            alert(Alerts.Severity.WARNING, "reconciliation", "recon-rej:" + o.clientOrderId, o.clientOrderId
                    + " rejected at the venue: " + reason);
        }
    }

    @Override
    public void onOrderCanceled(Order o) {
        if (metrics != null) {
            metrics.canceled();
        }
        event(o.decisionTimeMs, "canceled", o.instrument, o.reason, o.clientOrderId);
        if (reconciling) {
            alert(Alerts.Severity.WARNING, "reconciliation", "recon-cxl:" + o.clientOrderId, o.clientOrderId + " "
                    + sym(o.instrument) + " was canceled while the session was down");
        }
    }

    @Override
    public void onTradeClosed(TradeRecord t) {
        if (metrics != null) {
            metrics.trade();
        }
        event(t.exitTimeMs(), "trade", t.instrument(), t.exitReasonName(), "pnl " + Fixed.format(t.pnl()));
        tradeCount++;
        tradeWins += t.pnl() > 0 ? 1 : 0;
        realizedPnl += t.pnl();
        if (trades.size() == TRADES) {
            trades.pollFirst();
        }
        trades.addLast(new SessionView.Trade(sym(t.instrument()), t.side() == dev.hft.core.Side.BUY ? "long" : "short",
                t.entryTimeMs(), Fixed.toDouble(t.entryPrice()), t.exitTimeMs(), Fixed.toDouble(t.exitPrice()),
                Fixed.toDouble(t.quantity()), Fixed.toDouble(t.pnl()), t.entryReasonName(), t.exitReasonName()));
    }

    @Override
    public void onStrategyFailed(int instrument, String failure, long nowMs) {
        event(nowMs, "strategy failed", instrument, ReasonCode.RISK_STRATEGY_FAILED, failure.lines().findFirst()
                .orElse(failure));
        alert(Alerts.Severity.CRITICAL, "strategy failed", "strategy:" + instrument, "the strategy on "
                + sym(instrument) + " threw and decides nothing more (its positions keep their stops): "
                + failure.lines().limit(3).reduce((a, b) -> a + " " + b.trim()).orElse(failure));
    }

    @Override
    public void onInstrumentFrozen(int instrument, ReasonCode reason, long nowMs) {
        event(nowMs, "frozen", instrument, reason, "");
        alert(Alerts.Severity.WARNING, "freeze", "freeze:" + sym(instrument), sym(instrument) + " frozen: " + reason
                + " (no new entries until the data is clean again)");
    }

    @Override
    public void onInstrumentThawed(int instrument, long nowMs) {
        event(nowMs, "thawed", instrument, ReasonCode.SANITIZER_THAW, "");
    }

    @Override
    public void onRiskStateChanged(TradingState from, TradingState to, ReasonCode reason, long nowMs) {
        event(nowMs, "risk", -1, reason, from + " -> " + to);
        if (reason == ReasonCode.RISK_KILL_SWITCH) {
            alert(Alerts.Severity.CRITICAL, "kill switch", "kill", "kill switch engaged: " + from + " -> " + to);
        } else if (to == TradingState.HALTED) {
            alert(Alerts.Severity.CRITICAL, "halt", "halt:" + reason, "trading halted: " + reason);
        } else if (to == TradingState.REDUCING) {
            alert(Alerts.Severity.WARNING, "reducing", "reducing:" + reason, "exits only: " + reason);
        } else {
            alert(Alerts.Severity.INFO, "released", "released:" + nowMs, from + " -> " + to + ": " + reason);
        }
    }

    /** Builds the view of this moment and hands it to the metrics and subscribers; on the engine thread. */
    public SessionView publish(long nowMs) {
        double equity = Fixed.toDouble(engine.equity());
        if (engine.barsProcessed() > 0 || curve.isEmpty()) {
            addCurvePoint(lastBarMs > 0 ? lastBarMs : nowMs, equity);
        }
        long riskPeak = engine.risk().peakEquity();
        if (riskPeak > alertPeak) {
            alertPeak = riskPeak;
            drawdownAlerted = -1;
        }
        double peak = riskPeak > 0 ? Fixed.toDouble(riskPeak) : equity;
        double dd = peak > 0 && equity < peak ? (peak - equity) / peak * 100 : 0;
        for (int k = drawdownLevels.length - 1; k > drawdownAlerted; k--) {
            if (dd >= drawdownLevels[k]) {
                drawdownAlerted = k;
                alert(Alerts.Severity.WARNING, "drawdown", "dd:" + drawdownLevels[k], String.format(Locale.ROOT,
                        "drawdown %.2f%% from the peak %.2f (threshold %.1f%%)", dd, peak, drawdownLevels[k]));
                break;
            }
        }
        List<SessionView.Position> positions = new ArrayList<>();
        for (int i = 0; i < symbols.size(); i++) {
            double qty = Fixed.toDouble(engine.positionQuantity(i));
            double last = Fixed.toDouble(engine.lastPrice(i));
            double avg = Fixed.toDouble(engine.avgEntryPrice(i));
            positions.add(new SessionView.Position(symbols.get(i), qty, avg, last, qty == 0 ? 0 : (last - avg) * qty,
                    Math.abs(qty * last), engine.sanitizer().isFrozen(i)));
        }
        List<SessionView.WorkingOrder> orders = new ArrayList<>();
        for (Order o : engine.workingOrders()) {
            orders.add(new SessionView.WorkingOrder(o.clientOrderId, sym(o.instrument), o.side.name(), o.type.name(),
                    Fixed.toDouble(o.quantity), Fixed.toDouble(o.price), Fixed.toDouble(o.triggerPrice),
                    o.strategyReason != null ? o.strategyReason : o.reason.name()));
        }
        Map<String, Long> reasons = new LinkedHashMap<>();
        engine.ledger().nonZero().forEach((r, n) -> reasons.put(r.name(), n));
        for (dev.hft.engine.ReasonLedger.OwnCount o : engine.ledger().own()) { // the strategy's own, last
            if (o.count() != 0) {
                reasons.put(o.reason().name(), o.count());
            }
        }
        boolean reconciled = !engine.reconciliationPending();
        SessionView v = new SessionView(mode, session, strategy, List.copyOf(symbols), startedMs, nowMs,
                engine.barsProcessed(), lastBarMs, equity, Fixed.toDouble(engine.cash()), peak, dd,
                engine.risk().state().name(), engine.risk().stateReason() == null ? ""
                : engine.risk().stateReason().name(), engine.risk().killSwitchEngaged(), engine.paused(), reconciled,
                streamUp, reconciled && streamUp, controls, journal == null ? 0 : journal.lastSeq(),
                journal == null ? 0 : journal.lastSeq() - journal.lastDurableSeq(), positions, orders,
                List.copyOf(events), List.copyOf(curve), tcaView(), reasons, recentAlerts(), priceViews(),
                List.copyOf(fills), List.copyOf(trades), new SessionView.TradeStats(tradeCount, tradeWins,
                        tradeCount == 0 ? 0 : 100.0 * tradeWins / tradeCount, Fixed.toDouble(realizedPnl)));
        view = v;
        if (metrics != null) {
            metrics.view(v);
        }
        for (Consumer<SessionView> s : subscribers) {
            s.accept(v);
        }
        return v;
    }

    private List<SessionView.Prices> priceViews() {
        List<SessionView.Prices> out = new ArrayList<>();
        for (int i = 0; i < symbols.size(); i++) {
            out.add(new SessionView.Prices(symbols.get(i), prices.get(i).points()));
        }
        return out;
    }

    private SessionView.Tca tcaView() {
        java.util.Map<String, Object> t = tca.summary();
        return new SessionView.Tca(((Number) t.get("orders")).longValue(), num(t, "avgEstimatedBps"),
                num(t, "avgShortfallVsDecisionBps"), num(t, "avgDelayBps"), num(t, "avgSpreadBps"),
                num(t, "avgSlippageBps"), num(t, "avgFeeBps"));
    }

    private static double num(java.util.Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    private List<SessionView.Alert> recentAlerts() {
        synchronized (recentAlerts) {
            return List.copyOf(recentAlerts);
        }
    }

    /** Keeps at most {@link #CURVE_POINTS} points: when full, every other one goes and the stride doubles. */
    private void addCurvePoint(long t, double equity) {
        if (!curve.isEmpty() && curve.get(curve.size() - 1)[0] > t) {
            // time never runs backwards on the curve: a point stamped by the wall clock before the first bar gives way
            // to the bars' own times (a replay's, or a recovered session's)
            curve.remove(curve.size() - 1);
        }
        if (!curve.isEmpty() && curve.get(curve.size() - 1)[0] == t) {
            curve.set(curve.size() - 1, new double[] {t, equity});
            return;
        }
        if (++curveSkipped < curveStride && !curve.isEmpty()) {
            return;
        }
        curveSkipped = 0;
        curve.add(new double[] {t, equity});
        if (curve.size() >= CURVE_POINTS) {
            List<double[]> kept = new ArrayList<>(CURVE_POINTS / 2 + 1);
            for (int i = 0; i < curve.size(); i += 2) {
                kept.add(curve.get(i));
            }
            curve.clear();
            curve.addAll(kept);
            curveStride *= 2;
        }
    }

    /** The last {@link #PRICES} (close time, close) pairs of one instrument, oldest first when read. */
    private static final class PriceRing {
        private final long[] times = new long[PRICES];
        private final double[] closes = new double[PRICES];
        private int next;
        private int size;

        void add(long timeMs, double close) {
            times[next] = timeMs;
            closes[next] = close;
            next = (next + 1) % PRICES;
            size = Math.min(size + 1, PRICES);
        }

        /** A copy for the view (built at publish, not per bar). */
        List<double[]> points() {
            List<double[]> out = new ArrayList<>(size);
            for (int k = 0; k < size; k++) {
                int at = (next - size + k + PRICES) % PRICES;
                out.add(new double[] {times[at], closes[at]});
            }
            return List.copyOf(out);
        }
    }
}
