package dev.hft.api;

import dev.hft.api.series.Series;
import dev.hft.api.series.SeriesSet;
import dev.hft.api.series.SeriesSpec;
import dev.hft.core.Bar;
import dev.hft.core.Instrument;
import java.util.List;

/**
 * Runs one strategy outside the engine, for a unit test of its decisions: starts it with a context of one instrument,
 * computes the series it asks for on each bar, then calls {@code onBar} with the position you give and returns the
 * decision. There are no orders, fills, costs or risk here; the engine's own tests hold those. The account figures
 * the context reports are fixed: 10,000 of cash and equity.
 *
 * <pre>{@code
 * StrategyHarness h = new StrategyHarness(new MyStrategy(...));
 * Decision d = h.onBar(bar, flatPosition);
 * assertThat(d.action).isEqualTo(Action.ENTER_LONG);
 * }</pre>
 */
public final class StrategyHarness {
    private static final long CAPITAL = 10_000L * dev.hft.core.Fixed.ONE;

    private final Strategy strategy;
    private final Instrument instrument;
    private final SeriesSet series = new SeriesSet();
    private final Decision decision = new Decision();
    private PositionView position;
    private long lastPrice;
    private long now;
    private boolean started;

    /** A harness of {@code strategy} on BTCUSDT with the built-in instrument table's filters. */
    public StrategyHarness(Strategy strategy) {
        this(strategy, dev.hft.core.InstrumentTable.builtIn().find("BTCUSDT"));
    }

    /** A harness of {@code strategy} on {@code instrument}; the strategy is started here. */
    public StrategyHarness(Strategy strategy, Instrument instrument) {
        this.strategy = strategy;
        this.instrument = instrument;
        strategy.onStart(new Context());
        started = true;
    }

    /**
     * The next bar (its {@code instrument} must be 0): the series move on, then the strategy decides with
     * {@code position}. Returns the decision, reused by the next call.
     */
    public Decision onBar(Bar bar, PositionView position) {
        if (bar.instrument != 0) {
            throw new IllegalArgumentException("a harness has one instrument, index 0; the bar says " + bar.instrument);
        }
        this.position = position;
        this.lastPrice = bar.close;
        this.now = bar.closeTimeMs;
        series.next(bar);
        decision.reset();
        strategy.onBar(bar, position, decision);
        return decision;
    }

    /** The strategy's view: one instrument, the given position, fixed account figures. */
    private final class Context implements StrategyContext {
        @Override
        public List<Instrument> instruments() {
            return List.of(instrument);
        }

        @Override
        public PositionView position(int k) {
            check(k);
            return position;
        }

        @Override
        public long lastPrice(int k) {
            check(k);
            return lastPrice;
        }

        @Override
        public long now() {
            return now;
        }

        @Override
        public long cash() {
            return CAPITAL;
        }

        @Override
        public long equity() {
            return CAPITAL;
        }

        @Override
        public long initialCapital() {
            return CAPITAL;
        }

        @Override
        public List<OrderUpdate> openOrders(int k) {
            check(k);
            return List.of();
        }

        @Override
        public Decision decision(int k) {
            check(k);
            return decision;
        }

        @Override
        public Series series(int k, SeriesSpec spec) {
            check(k);
            return series(spec);
        }

        @Override
        public Series series(SeriesSpec spec) {
            if (started) {
                throw new IllegalStateException("ask for series in onStart");
            }
            return series.series(spec);
        }

        private void check(int k) {
            if (k != 0) {
                throw new IndexOutOfBoundsException("a harness has one instrument, index 0; asked for " + k);
            }
        }
    }
}
