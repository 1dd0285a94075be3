package dev.hft.backtest.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.core.Bar;
import org.junit.jupiter.api.Test;

/** A filled flyweight is the stored bar and nothing of the bar before it, as {@link Bar#set} would leave it. */
class BarSeriesTest {
    @Test
    void aFillIsTheStoredBarWithEveryOtherFieldReset() {
        BarSeries s = new BarSeries("BTCUSDT", 60_000, 2);
        s.add(120_000, 10, 12, 9, 11, 5, 55, 7, 3);
        Bar bar = new Bar().set(3, 1, 2, 3, 4, 5, 6, 7);
        bar.receiveTimeMs = 99;
        bar.bid = 1;
        bar.ask = 2;
        bar.liquidationsKnown = true;
        bar.liquidatedLongs = 4;
        bar.liquidatedShorts = 5;
        bar.extremes = new long[] {1};
        s.fill(0, 1, bar);
        Bar expected = new Bar().set(1, 120_000, 179_999, 10, 12, 9, 11, 5);
        expected.quoteVolume = 55;
        expected.trades = 7;
        expected.takerBuyVolume = 3;
        assertThat(bar).usingRecursiveComparison().isEqualTo(expected);
        s.fill(0, 0, bar); // nothing to reset the second time
        expected.instrument = 0;
        assertThat(bar).usingRecursiveComparison().isEqualTo(expected);
    }
}
