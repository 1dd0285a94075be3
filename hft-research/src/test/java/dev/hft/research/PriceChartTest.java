package dev.hft.research;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.backtest.data.BarSeries;
import dev.hft.backtest.report.ChartRecorder;
import dev.hft.core.Fixed;
import dev.hft.core.ReasonCode;
import dev.hft.core.Side;
import dev.hft.engine.TradeRecord;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceChartTest {
    private static final long T0 = 1_704_067_200_000L; // 2024-01-01T00:00Z
    private static final long MIN = 60_000L;
    private static final long TICK = Fixed.parse("0.01");

    /** Bars whose open, high, low and close are given in cents. */
    private static BarSeries bars(long[][] ohlc, long... openTimes) {
        BarSeries s = new BarSeries("BTCUSDT", MIN, ohlc.length);
        for (int i = 0; i < ohlc.length; i++) {
            s.add(openTimes[i], cents(ohlc[i][0]), cents(ohlc[i][1]), cents(ohlc[i][2]), cents(ohlc[i][3]),
                    Fixed.ONE, Fixed.ONE, 1, 0);
        }
        return s;
    }

    private static long cents(long c) {
        return c * TICK;
    }

    @Test
    void candlesAggregateBarsAndAreDeltaEncodedInTicks() {
        // five 1-minute bars at 00:00 .. 00:04 (cents): as 5-minute candles, one candle: open 100, high 130,
        // low 90, close 120; as 2-minute candles (no such level, but the arithmetic is the same), three
        long[][] ohlc = {{100, 110, 95, 105}, {105, 130, 100, 110}, {110, 112, 90, 100}, {100, 125, 99, 115},
            {115, 121, 110, 120}};
        BarSeries s = bars(ohlc, T0, T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN, T0 + 4 * MIN);
        Map<String, Object> five = PriceChart.level(s, 0, 5, 5 * MIN, TICK, Map.of());
        assertThat(five.get("t0")).isEqualTo(T0);
        assertThat(five.get("n")).isEqualTo(1);
        // close 120 (the first close is absolute); open, high, low less the close: -20, +10, -30
        assertThat(five.get("c")).isEqualTo(Arrays.asList(120L));
        assertThat(five.get("o")).isEqualTo(Arrays.asList(-20L));
        assertThat(five.get("h")).isEqualTo(Arrays.asList(10L));
        assertThat(five.get("l")).isEqualTo(Arrays.asList(-30L));
        Map<String, Object> two = PriceChart.level(s, 0, 5, 2 * MIN, TICK, Map.of());
        // candles [00:00, 00:02): o 100 h 130 l 95 c 110; [00:02, 00:04): o 110 h 125 l 90 c 115; [00:04, ..): 115
        // 121 110 120. Closes as deltas: 110, +5, +5
        assertThat(two.get("c")).isEqualTo(Arrays.asList(110L, 5L, 5L));
        assertThat(two.get("o")).isEqualTo(Arrays.asList(-10L, -5L, -5L));
        assertThat(two.get("h")).isEqualTo(Arrays.asList(20L, 10L, 1L));
        assertThat(two.get("l")).isEqualTo(Arrays.asList(-15L, -25L, -10L));
    }

    @Test
    void aMissingBarLeavesAnEmptyCandleAndLinesKeepTheirLastValue() {
        long[][] ohlc = {{100, 100, 100, 100}, {200, 200, 200, 200}};
        BarSeries s = bars(ohlc, T0, T0 + 2 * MIN); // 00:01 is missing
        ChartRecorder rec = new ChartRecorder(List.of(s));
        rec.line(0, T0, "avg", 1.004); // 100.4 cents: rounds to 100 ticks
        rec.line(0, T0 + 2 * MIN, "avg", Double.NaN); // warm-up style gap
        Map<String, Object> m = PriceChart.level(s, 0, 2, MIN, TICK, rec.lines(0));
        assertThat(m.get("n")).isEqualTo(3);
        assertThat(m.get("c")).isEqualTo(Arrays.asList(100L, null, 100L));
        assertThat(((Map<?, ?>) m.get("lines")).get("avg")).isEqualTo(Arrays.asList(100L, null, null));
    }

    @Test
    void windowsCoverEachTradeWithPaddingAndMerge() {
        long[][] ohlc = new long[1000][];
        long[] times = new long[1000];
        for (int i = 0; i < 1000; i++) {
            ohlc[i] = new long[] {100, 100, 100, 100};
            times[i] = T0 + i * MIN;
        }
        BarSeries s = bars(ohlc, times);
        // a 10-bar trade at 100..110 pads by 60 bars: [40, 171); one at 150..160 overlaps and merges: [40, 221);
        // one at 600..900 (300 bars) pads by 600 and would span 1,500 bars <= 3,000: [0, 1000)
        List<TradeRecord> trades = List.of(trade(times[100], times[110]), trade(times[150], times[160]));
        List<int[]> w = PriceChart.windows(s, trades);
        assertThat(w).hasSize(1);
        assertThat(w.get(0)).containsExactly(40, 221);
        assertThat(PriceChart.windows(s, List.of(trade(times[600], times[900]))).get(0)).containsExactly(0, 1000);
        assertThat(PriceChart.index(s, times[5] + 30_000)).isEqualTo(5);
        assertThat(PriceChart.decimals(TICK)).isEqualTo(2);
        assertThat(PriceChart.decimals(Fixed.ONE)).isZero();
        assertThat(PriceChart.decimals(0)).isEqualTo(8);
    }

    @Test
    void stopsAndTargetsAreStepsFromEntryToExitWithABreakBetweenTrades() {
        long[][] ohlc = new long[10][];
        long[] times = new long[10];
        for (int i = 0; i < 10; i++) {
            ohlc[i] = new long[] {100, 100, 100, 100};
            times[i] = T0 + i * MIN;
        }
        BarSeries s = bars(ohlc, times);
        ChartRecorder rec = new ChartRecorder(List.of(s));
        rec.onOrderSubmitted(protective(dev.hft.core.OrderType.STOP_MARKET, times[1], 0, 95));
        rec.onOrderSubmitted(protective(dev.hft.core.OrderType.LIMIT, times[1], 110, 0));
        rec.onOrderSubmitted(protective(dev.hft.core.OrderType.STOP_MARKET, times[3], 0, 98)); // trailed up
        Map<String, Object> m = PriceChart.of(s, 0, TICK, List.of(trade(times[1], times[5])), rec);
        assertThat(((List<?>) m.get("stops")).stream().map(Object::toString).toList()).containsExactly(
                "[" + times[1] + ", 0.95]", "[" + times[3] + ", 0.98]", "[" + times[5] + ", 0.98]",
                "[" + times[5] + ", null]");
        assertThat(((List<?>) m.get("targets")).stream().map(Object::toString).toList()).containsExactly(
                "[" + times[1] + ", 1.1]", "[" + times[5] + ", 1.1]", "[" + times[5] + ", null]");
        assertThat((List<?>) m.get("longEntries")).hasSize(1);
        assertThat((List<?>) m.get("winningExits")).hasSize(1);
        assertThat((List<?>) m.get("losingExits")).isEmpty();
        // ten 1-minute bars: the data's own interval is a whole level, so no detail segments
        assertThat((List<?>) m.get("detail")).isEmpty();
        assertThat(((Map<?, ?>) ((List<?>) m.get("levels")).get(0)).get("ms")).isEqualTo(MIN);
        assertThat(Arrays.asList(((List<?>) m.get("levels")).stream().map(l -> ((Map<?, ?>) l).get("ms"))
                .toArray())).containsExactly(MIN, 5 * MIN, 15 * MIN, 60 * MIN, 240 * MIN, 1440 * MIN);
    }

    private static TradeRecord trade(long entry, long exit) {
        return new TradeRecord(0, Side.BUY, entry, cents(100), exit, cents(101), Fixed.ONE, cents(1), 0,
                ReasonCode.ENTRY_LIQ_LONG, ReasonCode.EXIT_TAKE_PROFIT, 1.0);
    }

    private static dev.hft.core.Order protective(dev.hft.core.OrderType type, long t, long price, long trigger) {
        return new dev.hft.core.Order("x", 0, Side.SELL, type, Fixed.ONE, cents(price), cents(trigger), true,
                ReasonCode.EXIT_STOP_LOSS, t, cents(100));
    }
}
