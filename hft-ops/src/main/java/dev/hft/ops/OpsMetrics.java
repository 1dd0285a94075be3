package dev.hft.ops;

import dev.hft.core.ReasonCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * The session's Prometheus metrics (Micrometer, Prometheus registry), named by Prometheus conventions: counters end
 * in {@code _total}, durations are seconds, money is in the quote asset. Counters are incremented on the engine
 * thread (Micrometer counters are thread-safe adders; the per-reason ones are created once and kept in arrays, so
 * the engine thread does no lookup); gauges read the latest {@link SessionView}, so a scrape never touches the
 * engine's own state.
 *
 * <pre>
 * hft_events_total{type}                     bars accepted / rejected by the sanitizer
 * hft_sanitizer_rejections_total{reason}     rejections by reason code
 * hft_decisions_total{reason}                strategy decisions by reason code
 * hft_orders_submitted_total, hft_fills_total, hft_orders_canceled_total, hft_trades_total
 * hft_orders_rejected_total{reason}          venue rejections (and lost orders)
 * hft_orders_denied_total{reason}            orders the risk guard or filters refused before sending
 * hft_risk_state{state}                      1 for the current state (ACTIVE, REDUCING, HALTED), else 0
 * hft_kill_switch, hft_paused, hft_ready, hft_stream_up
 * hft_equity, hft_drawdown_ratio, hft_exposure{symbol}, hft_instrument_frozen{symbol}
 * hft_journal_lag_records, hft_journal_fsync_seconds (summary)
 * hft_decision_latency_seconds (histogram)   bar into the engine to decision and orders handed to the venue
 * hft_stream_reconnects_total, hft_ratelimit_weight_used
 * </pre>
 */
public final class OpsMetrics {
    private static final int REASONS = ReasonCode.values().length;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter bars;
    private final Counter rejectedEvents;
    private final Counter submitted;
    private final Counter fills;
    private final Counter canceled;
    private final Counter trades;
    private final Counter reconnects;
    private final Counter[] sanitizer = new Counter[REASONS];
    private final Counter[] decisions = new Counter[REASONS];
    private final Counter[] rejected = new Counter[REASONS];
    private final Counter[] denied = new Counter[REASONS];
    private final Timer decisionLatency;
    private final Timer fsync;
    private volatile SessionView view;

    public OpsMetrics(List<String> symbols) {
        bars = Counter.builder("hft.events").tag("type", "bar").description("Market events accepted")
                .register(registry);
        rejectedEvents = Counter.builder("hft.events").tag("type", "rejected")
                .description("Market events rejected by the sanitizer").register(registry);
        submitted = Counter.builder("hft.orders.submitted").description("Orders sent to the venue").register(registry);
        fills = Counter.builder("hft.fills").description("Fills received").register(registry);
        canceled = Counter.builder("hft.orders.canceled").description("Orders canceled").register(registry);
        trades = Counter.builder("hft.trades").description("Round trips closed").register(registry);
        reconnects = Counter.builder("hft.stream.reconnects").description("Market stream reconnections")
                .register(registry);
        for (ReasonCode r : ReasonCode.values()) {
            String tag = r.name();
            switch (r.kind()) {
                case SANITIZER -> sanitizer[r.ordinal()] = Counter.builder("hft.sanitizer.rejections")
                        .tag("reason", tag).description("Market events rejected, by reason").register(registry);
                case ENTRY, SKIP, EXIT -> decisions[r.ordinal()] = Counter.builder("hft.decisions").tag("reason", tag)
                        .description("Strategy decisions, by reason").register(registry);
                default -> { }
            }
            if (r.kind() == ReasonCode.Kind.REJECT) {
                rejected[r.ordinal()] = Counter.builder("hft.orders.rejected").tag("reason", tag)
                        .description("Orders rejected by the venue or lost, by reason").register(registry);
            }
            if (r.kind() == ReasonCode.Kind.RISK || r.kind() == ReasonCode.Kind.REJECT
                    || r.kind() == ReasonCode.Kind.SANITIZER) {
                denied[r.ordinal()] = Counter.builder("hft.orders.denied").tag("reason", tag)
                        .description("Orders refused before sending, by reason").register(registry);
            }
        }
        decisionLatency = Timer.builder("hft.decision.latency")
                .description("From a market event entering the engine to its decision and orders handed on")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(500))
                .maximumExpectedValue(Duration.ofMillis(100)).register(registry);
        fsync = Timer.builder("hft.journal.fsync").description("Journal fsync duration").register(registry);
        for (String state : List.of("ACTIVE", "REDUCING", "HALTED")) {
            gauge("hft.risk.state", "Risk guard state (1 = current)", () -> view != null
                    && view.risk().equals(state) ? 1 : 0, "state", state);
        }
        gauge("hft.kill.switch", "Kill switch engaged", () -> view != null && view.killSwitch() ? 1 : 0);
        gauge("hft.paused", "Entries paused by the operator", () -> view != null && view.paused() ? 1 : 0);
        gauge("hft.ready", "Reconciled and streams up", () -> view != null && view.ready() ? 1 : 0);
        gauge("hft.stream.up", "Market stream connected", () -> view != null && view.streamUp() ? 1 : 0);
        gauge("hft.equity", "Equity in the quote asset", () -> view == null ? Double.NaN : view.equity());
        gauge("hft.drawdown.ratio", "Drawdown from the equity peak", () -> view == null ? 0
                : view.drawdownPct() / 100);
        gauge("hft.journal.lag.records", "Journal records written but not yet forced to disk",
                () -> view == null ? 0 : view.journalLag());
        for (int i = 0; i < symbols.size(); i++) {
            int k = i;
            gauge("hft.exposure", "Position value at the last price, quote asset",
                    () -> view == null ? 0 : view.positions().get(k).exposure(), "symbol", symbols.get(i));
            gauge("hft.instrument.frozen", "Instrument frozen by the sanitizer",
                    () -> view != null && view.positions().get(k).frozen() ? 1 : 0, "symbol", symbols.get(i));
        }
    }

    private void gauge(String name, String help, DoubleSupplier value, String... tags) {
        Gauge.builder(name, value::getAsDouble).description(help).tags(tags).register(registry);
    }

    /** A gauge fed from outside the engine (the REST client's used request weight, say). */
    public void externalGauge(String name, String help, Supplier<Number> value) {
        Gauge.builder(name, () -> value.get().doubleValue()).description(help).register(registry);
    }

    void view(SessionView v) {
        this.view = v;
    }

    void bar() {
        bars.increment();
    }

    void rejectedEvent(ReasonCode reason) {
        rejectedEvents.increment();
        inc(sanitizer, reason);
    }

    void decision(ReasonCode reason) {
        inc(decisions, reason);
    }

    void submitted() {
        submitted.increment();
    }

    void denied(ReasonCode reason) {
        inc(denied, reason);
    }

    void fill() {
        fills.increment();
    }

    void rejected(ReasonCode reason) {
        inc(rejected, reason);
    }

    void canceled() {
        canceled.increment();
    }

    void trade() {
        trades.increment();
    }

    /** One market stream reconnection (any thread). */
    public void reconnect() {
        reconnects.increment();
    }

    /** One decision's latency in nanoseconds (engine thread). */
    public void decisionNanos(long nanos) {
        decisionLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One journal fsync in nanoseconds. */
    public void fsyncNanos(long nanos) {
        fsync.record(nanos, TimeUnit.NANOSECONDS);
    }

    private static void inc(Counter[] byReason, ReasonCode reason) {
        Counter c = reason == null ? null : byReason[reason.ordinal()];
        if (c != null) {
            c.increment();
        }
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "OpsMetrics[%d meters]", registry.getMeters().size());
    }
}
