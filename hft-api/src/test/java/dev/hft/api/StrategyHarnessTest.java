package dev.hft.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hft.api.series.Input;
import dev.hft.api.series.Series;
import dev.hft.api.series.SeriesSpec;
import dev.hft.core.Bar;
import dev.hft.core.Fixed;
import dev.hft.core.ReasonCode;
import org.junit.jupiter.api.Test;

/** A strategy decides in the harness as in the engine: series before onBar, the position given, one instrument. */
class StrategyHarnessTest {
    /** Buys when the close is above its 3-bar average; asks for a series late when told to. */
    static final class AboveAverage implements Strategy {
        StrategyContext ctx;
        Series avg;

        @Override
        public String name() {
            return "above-average";
        }

        @Override
        public int warmupBars() {
            return 3;
        }

        @Override
        public void onStart(StrategyContext context) {
            ctx = context;
            avg = context.series(SeriesSpec.sma(Input.CLOSE, 3));
        }

        @Override
        public void onBar(Bar bar, PositionView position, Decision out) {
            if (position.quantity() == 0 && Fixed.toDouble(bar.close) > avg.value()) {
                out.enter(Action.ENTER_LONG, ReasonCode.ENTRY_STRATEGY, 1, 0.01, 0);
            } else {
                out.skip(ReasonCode.SKIP_NO_SIGNAL);
            }
        }
    }

    private static final PositionView FLAT = new PositionView() {
        @Override
        public long quantity() {
            return 0;
        }

        @Override
        public long barsHeld() {
            return 0;
        }

        @Override
        public boolean orderPending() {
            return false;
        }
    };

    private static Bar bar(int k, double close) {
        long t = 60_000L * k;
        long c = Fixed.fromDouble(close);
        return new Bar().set(0, t, t + 59_999, c, c, c, c, Fixed.of(1));
    }

    @Test
    void theSeriesMovesBeforeTheStrategyDecides() {
        AboveAverage s = new AboveAverage();
        StrategyHarness h = new StrategyHarness(s);
        assertThat(h.onBar(bar(0, 10), FLAT).action).isEqualTo(Action.NONE); // average not ready
        assertThat(h.onBar(bar(1, 10), FLAT).action).isEqualTo(Action.NONE);
        assertThat(h.onBar(bar(2, 10), FLAT).action).isEqualTo(Action.NONE); // 10 is not above 10
        Decision d = h.onBar(bar(3, 13), FLAT); // average of 10, 10, 13 = 11: above it
        assertThat(d.action).isEqualTo(Action.ENTER_LONG);
        assertThat(s.avg.value()).isEqualTo(11.0);
        assertThat(s.avg.previous()).isEqualTo(10.0);
        assertThat(s.ctx.lastPrice(0)).isEqualTo(Fixed.of(13));
        assertThat(s.ctx.now()).isEqualTo(3 * 60_000L + 59_999);
        assertThat(s.ctx.position(0)).isSameAs(FLAT);
        assertThat(s.ctx.decision(0)).isSameAs(d);
        assertThat(s.ctx.instruments()).extracting(dev.hft.core.Instrument::symbol).containsExactly("BTCUSDT");
        assertThat(s.ctx.equity()).isEqualTo(s.ctx.cash()).isEqualTo(s.ctx.initialCapital())
                .isEqualTo(Fixed.of(10_000));
        assertThat(s.ctx.openOrders(0)).isEmpty();
    }

    @Test
    void itRefusesWhatTheEngineRefuses() {
        AboveAverage s = new AboveAverage();
        StrategyHarness h = new StrategyHarness(s);
        assertThatThrownBy(() -> s.ctx.series(SeriesSpec.sma(Input.CLOSE, 5)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("onStart");
        assertThatThrownBy(() -> s.ctx.position(1)).isInstanceOf(IndexOutOfBoundsException.class);
        Bar other = bar(0, 10);
        other.instrument = 1;
        assertThatThrownBy(() -> h.onBar(other, FLAT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 0");
    }
}
