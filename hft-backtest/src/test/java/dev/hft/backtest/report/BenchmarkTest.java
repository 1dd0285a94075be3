package dev.hft.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hft.backtest.data.BarSeries;
import dev.hft.core.Fixed;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Buy-and-hold, equal weight, on hand-made closes; beta and alpha on returns made from the benchmark's. */
class BenchmarkTest {
    private static final long MIN = 60_000;

    private static BarSeries closes(String symbol, long firstOpen, String... closes) {
        BarSeries s = new BarSeries(symbol, MIN, closes.length);
        for (int k = 0; k < closes.length; k++) {
            long c = Fixed.parse(closes[k]);
            s.add(firstOpen + k * MIN, c, c, c, c, Fixed.of(1), c, 1, 0);
        }
        return s;
    }

    @Test
    void theCapitalIsSplitEvenlyAndEachShareBoughtAtItsFirstClose() {
        // 1,000 in two shares of 500: 50 A at 10 and 5 B at 100; B lists a minute late, its share waits in cash
        BarSeries a = closes("A", 0, "10", "11", "12");
        BarSeries b = closes("B", MIN, "100", "90");
        long[] t = {MIN - 1, 2 * MIN - 1, 3 * MIN - 1};
        long[] e = Benchmark.equity(t, Fixed.of(1000), List.of(a, b));
        assertThat(e[0]).as("50 x 10 + 500 in cash").isEqualTo(Fixed.of(1000));
        assertThat(e[1]).as("50 x 11 + 5 x 100").isEqualTo(Fixed.of(1050));
        assertThat(e[2]).as("50 x 12 + 5 x 90").isEqualTo(Fixed.of(1050));
    }

    @Test
    void aStrategyThatMovesTwiceTheBenchmarkHasBetaTwoAndNoAlpha() {
        double[] bench = {0.01, -0.02, 0.015, 0.005};
        double[] twice = {0.02, -0.04, 0.03, 0.01};
        double beta = Benchmark.beta(twice, bench);
        assertThat(beta).isCloseTo(2.0, within(1e-12));
        assertThat(Benchmark.alphaPct(twice, bench, beta)).isCloseTo(0.0, within(1e-9));
        // one more basis point a day than twice the benchmark: alpha 0.01% x 365 = 3.65% a year
        double[] plus = {0.0201, -0.0399, 0.0301, 0.0101};
        assertThat(Benchmark.alphaPct(plus, bench, Benchmark.beta(plus, bench))).isCloseTo(3.65, within(1e-9));
    }
}
