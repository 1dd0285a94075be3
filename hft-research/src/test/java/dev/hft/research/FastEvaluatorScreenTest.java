package dev.hft.research;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.strategies.LiquidationHunter;
import dev.hft.api.Params;
import dev.hft.api.StrategyFactory;
import dev.hft.engine.strategy.StrategyRegistry;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The fast evaluator screens a flat trial's bars before deciding: {@code !(depth > extreme)}. The screen must be a
 * necessary condition of the strategy's own {@link LiquidationHunter#mayEnter}, or the evaluator would skip an entry
 * the engine takes; NaN values (indicators still warming up), equal averages and the band's edges included.
 */
class FastEvaluatorScreenTest {
    @Property(tries = 20_000)
    void theScreenPassesEveryBarTheStrategyMayEnterOn(@ForAll("values") double f, @ForAll("values") double s,
                                                      @ForAll("positions") double rangePos,
                                                      @ForAll("extremes") double extreme) {
        LiquidationHunter hunter = hunter(extreme);
        if (hunter.mayEnter(hunter.warmupBars(), f, s, rangePos)) {
            assertThat(FastEvaluator.depth(f, s, rangePos) > extreme)
                    .as("screen of f=%s s=%s range=%s at extreme %s", f, s, rangePos, extreme).isFalse();
        }
    }

    @Property(tries = 2_000)
    void theScreenIsNotVacuous(@ForAll("positions") double rangePos, @ForAll("extremes") double extreme) {
        // away from NaN, the screen and the strategy's gate agree exactly, so the screen does skip bars
        LiquidationHunter hunter = hunter(extreme);
        double f = 101;
        double s = 100;
        assertThat(!(FastEvaluator.depth(f, s, rangePos) > extreme))
                .isEqualTo(hunter.mayEnter(hunter.warmupBars(), f, s, rangePos));
        assertThat(!(FastEvaluator.depth(s, f, rangePos) > extreme))
                .isEqualTo(hunter.mayEnter(hunter.warmupBars(), s, f, rangePos));
        assertThat(FastEvaluator.depth(f, f, rangePos)).isInfinite();
    }

    private static LiquidationHunter hunter(double extreme) {
        StrategyFactory factory = StrategyRegistry.get(LiquidationHunter.NAME);
        return (LiquidationHunter) factory.create(new Params(factory.name(), factory.params(),
                Map.of("extreme", Double.toString(extreme))));
    }

    @Provide
    Arbitrary<Double> values() {
        return Arbitraries.oneOf(Arbitraries.doubles().between(99, 101), Arbitraries.of(100.0, Double.NaN));
    }

    @Provide
    Arbitrary<Double> positions() {
        return Arbitraries.oneOf(Arbitraries.doubles().between(0, 1),
                Arbitraries.of(0.0, 1.0, 0.1, 0.9, 0.5, Double.NaN));
    }

    @Provide
    Arbitrary<Double> extremes() {
        return Arbitraries.oneOf(Arbitraries.doubles().between(0, 0.5), Arbitraries.of(0.0, 0.1, 0.5));
    }
}
