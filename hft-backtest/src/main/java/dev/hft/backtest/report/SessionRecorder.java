package dev.hft.backtest.report;

import dev.hft.backtest.RunSpec;
import dev.hft.backtest.RunResult;
import dev.hft.core.Fill;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.Order;
import dev.hft.core.ReasonCode;
import dev.hft.engine.EngineListener;
import dev.hft.engine.TradeRecord;
import dev.hft.engine.TradingEngine;
import dev.hft.engine.bus.EngineMetrics;
import dev.hft.engine.cost.FeeTable;
import dev.hft.engine.cost.FlatFeeModel;
import dev.hft.engine.risk.RiskGuard;
import dev.hft.engine.sanitizer.Sanitizer;
import dev.hft.engine.risk.TradingState;
import dev.hft.sim.FillModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records what a running session produces (fills, closed trades, risk changes, an equity point per bar time) so
 * the same reports as a backtest can be written while it runs. Lives on the engine thread: subscribe it to the
 * engine's bus and call {@link #mark} after each bar.
 */
public final class SessionRecorder implements EngineListener {
    private final List<Fill> fills = new ArrayList<>();
    private final List<TradeRecord> trades = new ArrayList<>();
    private final List<Map<String, Object>> transitions = new ArrayList<>();
    private final EngineMetrics metrics = new EngineMetrics();
    private long[] time = new long[1024];
    private long[] equity = new long[1024];
    private int points;

    /** Subscribes to the engine's bus. */
    public static SessionRecorder attach(TradingEngine engine) {
        return on(engine.bus());
    }

    /** Subscribes to {@code bus} (with the metrics behind the risk report). */
    public static SessionRecorder on(dev.hft.engine.bus.EventBus bus) {
        SessionRecorder r = new SessionRecorder();
        bus.subscribe(r);
        bus.subscribe(r.metrics);
        return r;
    }

    /**
     * Subscribes to {@code bus} for the trades and fills alone (an optimizer's trial: no metrics, so its risk report
     * has no denial or order counts).
     */
    public static SessionRecorder tradesOn(dev.hft.engine.bus.EventBus bus) {
        SessionRecorder r = new SessionRecorder();
        bus.subscribe(r);
        return r;
    }

    public List<Fill> fillList() {
        return List.copyOf(fills);
    }

    public List<TradeRecord> tradeList() {
        return List.copyOf(trades);
    }

    /** Limits, final state, denials and state changes, as the reports show them. */
    public Map<String, Object> riskReport(TradingEngine engine) {
        return riskReport(engine.risk(), transitions, metrics);
    }

    @Override
    public void onFill(Order order, Fill fill) {
        fills.add(fill);
    }

    @Override
    public void onTradeClosed(TradeRecord trade) {
        trades.add(trade);
    }

    @Override
    public void onRiskStateChanged(TradingState from, TradingState to, ReasonCode reason, long nowMs) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("time", ReportWriter.iso(nowMs));
        t.put("from", from.name());
        t.put("to", to.name());
        t.put("reason", reason.name());
        transitions.add(t);
    }

    /** An equity point at {@code closeTimeMs} (replaces the last one when the time is the same). */
    public void mark(long closeTimeMs, long value) {
        if (points > 0 && time[points - 1] == closeTimeMs) {
            equity[points - 1] = value;
            return;
        }
        if (points == time.length) {
            time = Arrays.copyOf(time, points * 2);
            equity = Arrays.copyOf(equity, points * 2);
        }
        time[points] = closeTimeMs;
        equity[points++] = value;
    }

    /** The session so far as a backtest result, for the report writers. */
    public RunResult result(TradingEngine engine, List<Instrument> instruments, RunSpec config,
                                 long elapsedNanos) {
        FlatFeeModel fees = FlatFeeModel.ofBps(config.feeBps());
        return new RunResult(List.copyOf(instruments), List.copyOf(trades), List.copyOf(fills),
                Arrays.copyOf(time, points), Arrays.copyOf(equity, points), config.engine().initialCapital(),
                engine.equity(), engine.totalFees(), engine.barsProcessed(), engine.ledger().nonZero(),
                sanitizerReport(engine.sanitizer(), instruments),
                riskReport(engine), List.of(), Map.of(),
                costReport(config, fees), elapsedNanos, engine.ledger().own());
    }

    public int trades() {
        return trades.size();
    }

    /** The sanitizer's figures of a run, per symbol, with its thresholds (metrics.json's {@code sanitizer}). */
    public static Map<String, Object> sanitizerReport(Sanitizer s, List<Instrument> instruments) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("validationRatePct", 100.0 * s.validationRate());
        Map<String, Object> per = new LinkedHashMap<>();
        for (int i = 0; i < instruments.size(); i++) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("events", s.seen(i));
            e.put("accepted", s.accepted(i));
            e.put("freezes", s.freezes(i));
            Map<String, Long> reasons = new LinkedHashMap<>();
            for (ReasonCode c : ReasonCode.values()) {
                if (c.kind() == ReasonCode.Kind.SANITIZER && s.count(i, c) > 0) {
                    reasons.put(c.name(), s.count(i, c));
                }
            }
            e.put("reasons", reasons);
            per.put(instruments.get(i).symbol(), e);
        }
        m.put("symbols", per);
        // insertion-ordered: Map.of iterates in a per-JVM random order, which would break byte-identical reports
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("maxLatencyMs", s.config().maxLatencyMs());
        t.put("maxSpreadBps", s.config().maxSpreadBps());
        t.put("outlierMultiple", s.config().outlierMultiple());
        t.put("outlierMinPct", s.config().outlierMinPct());
        t.put("maxConsecutiveOutliers", s.config().maxConsecutiveOutliers());
        t.put("staleAfterMs", s.config().staleAfterMs());
        t.put("thawAfter", s.config().thawAfter());
        t.put("checkStepSize", s.config().checkStepSize());
        m.put("thresholds", t);
        return m;
    }

    /** The risk guard's figures of a run: final state, limits, denials, state changes. */
    public static Map<String, Object> riskReport(RiskGuard r, List<Map<String, Object>> transitions,
                                                  EngineMetrics metrics) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("finalState", r.state().name());
        m.put("killSwitch", r.killSwitchEngaged());
        m.put("limits", r.limits().describe());
        Map<String, Long> denials = new LinkedHashMap<>();
        for (ReasonCode c : ReasonCode.values()) {
            if (metrics.denied(c) > 0) {
                denials.put(c.name(), metrics.denied(c));
            }
        }
        m.put("ordersSubmitted", metrics.ordersSubmitted());
        m.put("ordersDenied", metrics.ordersDenied());
        m.put("denials", denials);
        m.put("stateChanges", transitions);
        return m;
    }

    /** How a run's costs were modelled, in words (metrics.json's {@code costs}). */
    public static Map<String, Object> costReport(RunSpec c, FlatFeeModel fees) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (c.feeBps() != null) {
            m.put("fees", "flat " + c.feeBps() + " bps");
        } else {
            m.put("fees", (c.venue() != null ? c.venue() : RunSpec.VENUE_DEFAULT) + "/"
                    + (c.tier() != null ? c.tier() : RunSpec.TIER_DEFAULT)
                    + (c.payFeesInToken() ? " (token discount)" : "") + ", fee table "
                    + FeeTable.builtIn().version());
        }
        m.put("takerFeePct", Fixed.toDouble(fees.takerRate()) * 100);
        m.put("slippage", c.fillModel() == FillModel.CLOSE ? "none (close fill model)"
                : c.slippageBps() != null ? "fixed " + c.slippageBps() + " bps"
                : "half spread (Corwin-Schultz) + " + c.impactCoef() + " x sigma x sqrt(qty / bar volume)");
        return m;
    }
}
