package dev.hft.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hft.core.Fixed;
import dev.hft.core.ReasonCode;
import dev.hft.core.Side;
import dev.hft.engine.TradeRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each tearsheet figure on hand-made numbers, worked out here. */
class TearsheetTest {
    private static final long H = 3_600_000L;
    private static final long DAY = 24 * H;

    private static TradeRecord trade(long entryMs, long exitMs, String pnl) {
        return new TradeRecord(0, Side.BUY, entryMs, Fixed.of(100), exitMs, Fixed.of(100), Fixed.of(1),
                Fixed.parse(pnl), 0, ReasonCode.ENTRY_SMA_CROSS_UP, ReasonCode.EXIT_SIGNAL, 1);
    }

    @Test
    void drawdownsHaveTheirPeakTroughAndRecoveryAndTheLastMayBeOpen() {
        long[] t = {0, DAY, 2 * DAY, 3 * DAY, 4 * DAY, 5 * DAY, 6 * DAY};
        // 100 -> 110 (peak) -> 99 (trough, -10%) -> 111 (recovered, new peak) -> 100 (open, -9.9099%)
        long[] e = {Fixed.of(100), Fixed.of(110), Fixed.of(99), Fixed.of(105), Fixed.of(111), Fixed.of(100),
            Fixed.of(104)};
        List<Tearsheet.Drawdown> dds = Tearsheet.drawdowns(t, e, Fixed.of(100));
        assertThat(dds).hasSize(2);
        assertThat(dds.get(0)).isEqualTo(new Tearsheet.Drawdown(DAY, 2 * DAY, 4 * DAY, 10.0));
        assertThat(dds.get(0).days(6 * DAY)).isEqualTo(3.0);
        assertThat(dds.get(1).recoveryMs()).as("not recovered").isEqualTo(-1);
        assertThat(dds.get(1).depthPct()).isCloseTo(100.0 * 11 / 111, within(1e-9));
        assertThat(dds.get(1).days(6 * DAY)).as("to the end of the data").isEqualTo(2.0);
    }

    @Test
    void growthRiskAndTheTradesFigures() {
        // 10% over 365 days is 10% a year; over half a year it compounds to 21%
        assertThat(Tearsheet.cagrPct(Fixed.of(100), Fixed.of(110), 365)).isCloseTo(10.0, within(1e-9));
        assertThat(Tearsheet.cagrPct(Fixed.of(100), Fixed.of(110), 365 / 2 + 1)).isCloseTo(20.9, within(0.2));
        double[] daily = {0.01, -0.02, 0.03, -0.01};
        // mean 0.0025; downside deviation sqrt((0.0004 + 0.0001) / 4) = 0.01118; x sqrt 365
        assertThat(Tearsheet.sortino(daily)).isCloseTo(0.0025 / Math.sqrt(0.0005 / 4) * Math.sqrt(365),
                within(1e-9));
        // deviations from the mean 0.0075, -0.0225, 0.0275, -0.0125: squares sum to 0.001475; sample deviation
        // sqrt(0.001475 / 3) = 0.022174, x sqrt 365 x 100 = 42.36
        assertThat(Tearsheet.volatilityPct(daily)).isCloseTo(100 * Math.sqrt(0.001475 / 3) * Math.sqrt(365),
                within(1e-9)).isCloseTo(42.36, within(0.01));
        assertThat(Tearsheet.streaks(new long[] {5, 3, -1, 0, -2, 7, 1, 1, -4}))
                .as("a zero is a loss, as in the win rate").containsExactly(3, 3);
        // wins 4 and 2 (mean 3), losses -1 and -2 (mean 1.5): payoff 2
        assertThat(Tearsheet.payoff(new long[] {Fixed.of(4), Fixed.of(-1), Fixed.of(2), Fixed.of(-2)}))
                .isEqualTo(2.0);
        assertThat(Tearsheet.payoff(new long[] {Fixed.of(4)})).isNaN();
        assertThat(Tearsheet.median(new double[] {1, 2, 10})).isEqualTo(2);
        assertThat(Tearsheet.median(new double[] {1, 2, 4, 10})).isEqualTo(3);
    }

    @Test
    void exposureCountsOverlappingTradesOnce() {
        // over 10 hours: [0, 2] and [1, 4] overlap into 4 hours, [6, 7] adds 1: 50%
        List<TradeRecord> trades = List.of(trade(0, 2 * H, "1"), trade(H, 4 * H, "1"), trade(6 * H, 7 * H, "-1"));
        assertThat(Tearsheet.exposurePct(trades, 0, 10 * H)).isEqualTo(50.0);
        assertThat(Tearsheet.exposurePct(List.of(), 0, 10 * H)).isZero();
    }
}
