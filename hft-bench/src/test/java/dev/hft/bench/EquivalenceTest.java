package dev.hft.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.backtest.SharedData;
import dev.hft.backtest.data.BarSeries;
import dev.hft.backtest.data.KlineReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The three implementations compared in the benchmarks make exactly the same trades on the same real bars, so
 * their speeds are compared like for like.
 */
class EquivalenceTest {
    @Test
    void engineTa4jAndThePrimitiveLoopShouldTradeTheSameBars() {
        BarSeries all = KlineReader.read(SharedData.klines("BTCUSDT"), "BTCUSDT").series();
        BarSeries s = all.slice(all.openTime(0), all.openTime(0) + 20 * 86_400_000L);
        List<int[]> primitive = SmaCrossThreeWays.primitive(SmaCrossThreeWays.closes(s));
        List<int[]> ta4j = SmaCrossThreeWays.ta4j(SmaCrossThreeWays.ta4jSeries(s));
        List<int[]> engine = SmaCrossThreeWays.engine(s);
        assertThat(primitive).as("the strategy trades").hasSizeGreaterThan(100);
        assertThat(ta4j).usingRecursiveComparison().isEqualTo(primitive);
        assertThat(engine).usingRecursiveComparison().isEqualTo(primitive);
    }
}
