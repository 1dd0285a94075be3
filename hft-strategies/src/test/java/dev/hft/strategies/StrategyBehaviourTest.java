package dev.hft.strategies;

import dev.hft.api.StrategyHarness;
import dev.hft.api.StrategyFactory;
import dev.hft.api.Decision;
import dev.hft.api.Action;
import dev.hft.api.PositionView;
import dev.hft.api.Params;
import dev.hft.api.rule.Rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.core.Bar;
import dev.hft.core.Fixed;
import dev.hft.core.ReasonCode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrategyBehaviourTest {
    /** A position view the test controls. */
    static final class View implements PositionView {
        long qty;
        long held;
        boolean pending;

        @Override
        public long quantity() {
            return qty;
        }

        @Override
        public long barsHeld() {
            return held;
        }

        @Override
        public boolean orderPending() {
            return pending;
        }
    }

    private final View flat = new View();
    private Decision d = new Decision();
    private long t;

    private Bar bar(double open, double high, double low, double close, double volume) {
        t += 60_000;
        return new Bar().set(0, t, t + 59_999, Fixed.fromDouble(open), Fixed.fromDouble(high), Fixed.fromDouble(low),
                Fixed.fromDouble(close), Fixed.fromDouble(volume));
    }

    private StrategyHarness hunter(Map<String, String> extra) {
        Map<String, String> p = new HashMap<>(Map.of("fastMa", "2", "slowMa", "6", "rangeBars", "5",
                "volumeBars", "3", "atrPeriod", "2"));
        p.putAll(extra);
        StrategyFactory f = new LiquidationHunter.Factory();
        return new StrategyHarness(f.create(new Params(f.name(), f.params(), p)));
    }

    /** Feeds a steady trend of 7 bars with volume 10, then the given last bar; returns the decision on it. */
    private Decision run(StrategyHarness s, boolean up, double lastHigh, double lastLow, double lastClose,
                         double lastVolume) {
        return run(s, up, lastHigh, lastLow, lastClose, lastVolume, b -> { });
    }

    private Decision run(StrategyHarness s, boolean up, double lastHigh, double lastLow, double lastClose,
                         double lastVolume,
                         java.util.function.Consumer<Bar> last) {
        double c = up ? 99 : 113;
        for (int i = 0; i < 7; i++) {
            double prev = c;
            c += up ? 1 : -1;
            d.reset();
            d = s.onBar(bar(prev, c + 0.5, c - 0.5, c, 10), flat);
            if (i < 5) {
                assertThat(d.reason).isEqualTo(ReasonCode.SKIP_WARMUP);
            }
        }
        d.reset();
        Bar b = bar(c, lastHigh, lastLow, lastClose, lastVolume);
        last.accept(b);
        d = s.onBar(b, flat);
        return d;
    }

    @Test
    void shouldBuyAVolumeSpikeAtTheRangeBottomInAnUptrend() {
        Decision r = run(hunter(Map.of()), true, 106.1, 102.4, 102.6, 40);
        assertThat(r.action).isEqualTo(Action.ENTER_LONG);
        assertThat(r.reason).isEqualTo(ReasonCode.ENTRY_LIQ_LONG);
        // volume score 1 (ratio 4), range 1 - 0.5 * 0.0488 / 0.1, trend capped at 1
        double range = 1 - 0.5 * ((102.6 - 102.4) / (106.5 - 102.4)) / 0.1;
        assertThat(r.confidence).isCloseTo(0.4 + 0.3 * range + 0.3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.stopLossFrac).isEqualTo(0.008);
        assertThat(r.takeProfitFrac).isEqualTo(0.02);
    }

    @Test
    void liquidationsOfTheHuntedSideRaiseTheConfidenceOnlyWhenTheStreamWasFollowed() {
        double range = 1 - 0.5 * ((102.6 - 102.4) / (106.5 - 102.4)) / 0.1;
        double base = 0.4 + 0.3 * range + 0.3;
        org.assertj.core.data.Offset<Double> eps = org.assertj.core.data.Offset.offset(1e-9);
        t = 0;
        Decision full = run(hunter(Map.of("minConfidence", "0")), true, 106.1, 102.4, 102.6, 40, b -> {
            b.liquidationsKnown = true;
            b.liquidatedLongs = Fixed.of(250_000); // longs forced out into the dip: the hunted side, full score
        });
        assertThat(full.confidence).isCloseTo((base + 0.3) / 1.3, eps);
        t = 0;
        Decision none = run(hunter(Map.of("minConfidence", "0")), true, 106.1, 102.4, 102.6, 40, b -> {
            b.liquidationsKnown = true;
            b.liquidatedShorts = Fixed.of(900_000); // the other side's liquidations do not count for a long
        });
        assertThat(none.confidence).isCloseTo(base / 1.3, eps);
        t = 0;
        Decision unknown = run(hunter(Map.of("minConfidence", "0")), true, 106.1, 102.4, 102.6, 40);
        assertThat(unknown.confidence).as("klines alone: the score as before").isCloseTo(base, eps);
    }

    @Test
    void shouldSellAVolumeSpikeAtTheRangeTopInADowntrend() {
        Decision r = run(hunter(Map.of()), false, 109.6, 105.9, 109.4, 40);
        assertThat(r.action).isEqualTo(Action.ENTER_SHORT);
        assertThat(r.reason).isEqualTo(ReasonCode.ENTRY_LIQ_SHORT);
    }

    @Test
    void shouldSaySkipReasonForEachFailedGate() {
        assertThat(run(hunter(Map.of()), true, 106.1, 102.4, 102.6, 15).reason)
                .isEqualTo(ReasonCode.SKIP_NO_VOLUME_SPIKE);
        assertThat(run(hunter(Map.of()), true, 106.1, 102.4, 105.5, 40).reason)
                .isEqualTo(ReasonCode.SKIP_NOT_AT_EXTREME);
        Decision low = run(hunter(Map.of("minConfidence", "0.95")), true, 106.1, 102.4, 102.6, 40);
        assertThat(low.reason).isEqualTo(ReasonCode.SKIP_LOW_CONFIDENCE);
        assertThat(low.action).isEqualTo(Action.NONE);
        assertThat(run(hunter(Map.of("allowLong", "0")), true, 106.1, 102.4, 102.6, 40).reason)
                .isEqualTo(ReasonCode.SKIP_SIDE_DISABLED);
    }

    @Test
    void shouldUseAtrDistancesWhenConfigured() {
        Decision r = run(hunter(Map.of("atrExits", "1", "atrStop", "1", "atrTarget", "3")), true, 106.1, 102.4,
                102.6, 40);
        assertThat(r.action).isEqualTo(Action.ENTER_LONG);
        // ATR(2), Wilder: first bar tr = high - low = 1.0; trend bars tr = |high - prevClose| = 1.5;
        // the spike bar tr = max(3.7, 0.1, 3.6) = 3.7
        double atr = (1.0 + 1.5) / 2;
        for (int i = 0; i < 5; i++) {
            atr = (atr + 1.5) / 2;
        }
        atr = (atr + 3.7) / 2;
        assertThat(r.stopLossFrac).isCloseTo(atr / 102.6, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.takeProfitFrac).isCloseTo(3 * atr / 102.6, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void shouldExitOnTimeAndStayQuietInPosition() {
        StrategyHarness s = hunter(Map.of("maxHoldBars", "3"));
        View held = new View();
        held.qty = 1;
        held.held = 2;
        d.reset();
        d = s.onBar(bar(100, 101, 99, 100, 10), held);
        assertThat(d.reason).isEqualTo(ReasonCode.SKIP_IN_POSITION);
        held.held = 3;
        d.reset();
        d = s.onBar(bar(100, 101, 99, 100, 10), held);
        assertThat(d.action).isEqualTo(Action.EXIT);
        assertThat(d.reason).isEqualTo(ReasonCode.EXIT_TIME);
        View pending = new View();
        pending.pending = true;
        d.reset();
        d = s.onBar(bar(100, 101, 99, 100, 10), pending);
        assertThat(d.reason).isEqualTo(ReasonCode.SKIP_IN_POSITION);
    }

    @Test
    void smaCrossShouldEnterOnCrossUpAndExitOnCrossDown() {
        StrategyFactory f = new SmaCross.Factory();
        StrategyHarness s = new StrategyHarness(f.create(new Params(f.name(), f.params(),
                Map.of("fast", "2", "slow", "3"))));
        double[] closes = {10, 10, 10, 9, 9, 12};
        ReasonCode[] expected = {ReasonCode.SKIP_WARMUP, ReasonCode.SKIP_WARMUP, ReasonCode.SKIP_NO_SIGNAL,
            ReasonCode.SKIP_NO_SIGNAL, ReasonCode.SKIP_NO_SIGNAL, ReasonCode.ENTRY_SMA_CROSS_UP};
        for (int i = 0; i < closes.length; i++) {
            d.reset();
            d = s.onBar(bar(closes[i], closes[i], closes[i], closes[i], 1), flat);
            assertThat(d.reason).as("bar " + i).isEqualTo(expected[i]);
        }
        assertThat(d.action).isEqualTo(Action.ENTER_LONG);
        View held = new View();
        held.qty = 1;
        d.reset();
        d = s.onBar(bar(8, 8, 8, 8, 1), held); // fast 10, slow 9.67: still above
        assertThat(d.reason).isEqualTo(ReasonCode.SKIP_IN_POSITION);
        d.reset();
        d = s.onBar(bar(6, 6, 6, 6, 1), held); // fast 7, slow 8.67: crossed below
        assertThat(d.action).isEqualTo(Action.EXIT);
        assertThat(d.reason).isEqualTo(ReasonCode.EXIT_SMA_CROSS_DOWN);
    }

    @Test
    void rulesShouldCompose() {
        Rule yes = () -> true;
        Rule no = () -> false;
        assertThat(yes.and(no).isSatisfied()).isFalse();
        assertThat(yes.or(no).isSatisfied()).isTrue();
        assertThat(no.negate().isSatisfied()).isTrue();
    }
}
