package dev.hft.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.hft.backtest.RunResult;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.InstrumentTable;
import dev.hft.core.ReasonCode;
import dev.hft.core.Side;
import dev.hft.engine.TradeRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private static final long DAY = 86_400_000L;
    private static final long T0 = 1_704_067_200_000L;

    @Test
    void dailyReturnsShouldUseTheLastPointOfEachUtcDay() {
        long[] t = {T0 + 1000, T0 + 2000, T0 + DAY + 5, T0 + 2 * DAY + 5};
        long[] e = {Fixed.of(101), Fixed.of(110), Fixed.of(99), Fixed.of(99)};
        double[] r = Metrics.dailyReturns(t, e, Fixed.of(100));
        assertThat(r).containsExactly(new double[] {0.10, 99.0 / 110 - 1, 0.0}, offset(1e-12));
    }

    @Test
    void sharpeShouldBeMeanOverSampleSdTimesRoot365() {
        double[] r = {0.01, -0.005, 0.02, 0.0};
        double mean = 0.025 / 4;
        double sd = Math.sqrt(((0.01 - mean) * (0.01 - mean) + (-0.005 - mean) * (-0.005 - mean)
                + (0.02 - mean) * (0.02 - mean) + mean * mean) / 3);
        assertThat(Metrics.sharpe(r)).isCloseTo(mean / sd * Math.sqrt(365), offset(1e-12));
        assertThat(Metrics.sharpe(new double[] {0.01})).isNull();
        assertThat(Metrics.sharpe(new double[] {0.01, 0.01})).isNull();
    }

    @Test
    void maxDrawdownShouldBeTheWorstFallFromARunningPeak() {
        long[] e = {Fixed.of(110), Fixed.of(99), Fixed.of(120), Fixed.of(90), Fixed.of(130)};
        assertThat(Metrics.maxDrawdownPct(e, Fixed.of(100))).isCloseTo(25.0, offset(1e-12));
        assertThat(Metrics.maxDrawdownPct(new long[] {Fixed.of(90)}, Fixed.of(100))).isCloseTo(10.0, offset(1e-12));
    }

    @Test
    void tradeStatisticsShouldFollowTheirDefinitions() {
        Instrument btc = InstrumentTable.builtIn().find("BTCUSDT");
        TradeRecord win = new TradeRecord(0, Side.BUY, T0, Fixed.of(100), T0 + 60_000, Fixed.of(102), Fixed.of(10),
                Fixed.of(18), Fixed.of(2), ReasonCode.ENTRY_LIQ_LONG, ReasonCode.EXIT_TAKE_PROFIT, 0.8);
        TradeRecord loss = new TradeRecord(0, Side.SELL, T0, Fixed.of(100), T0 + 60_000, Fixed.of(101), Fixed.of(10),
                Fixed.of(-12), Fixed.of(2), ReasonCode.ENTRY_LIQ_SHORT, ReasonCode.EXIT_STOP_LOSS, 0.8);
        RunResult r = new RunResult(List.of(btc), List.of(win, loss), List.of(),
                new long[] {T0 + 59_999}, new long[] {Fixed.of(10_006)}, Fixed.of(10_000), Fixed.of(10_006),
                Fixed.of(4), 1, Map.of(), Map.of(), Map.of(), List.of(), Map.of(), Map.of(), 1);
        Metrics m = Metrics.of(r);
        assertThat(m.trades).isEqualTo(2);
        assertThat(m.wins).isEqualTo(1);
        assertThat(m.winRatePct).isEqualTo(50.0);
        assertThat(m.avgWin).isEqualTo(Fixed.of(18));
        assertThat(m.avgWinPct).isCloseTo(1.8, offset(1e-12)); // 18 / 1,000 notional
        assertThat(m.avgLossPct).isCloseTo(-1.2, offset(1e-12));
        assertThat(m.profitFactor).isCloseTo(1.5, offset(1e-12));
        assertThat(m.totalPnl).isEqualTo(Fixed.of(6));
        assertThat(m.totalReturnPct).isCloseTo(0.06, offset(1e-12));
        assertThat(m.exitReasonNames()).containsExactly(Map.entry("EXIT_TAKE_PROFIT", 1L),
                Map.entry("EXIT_STOP_LOSS", 1L));
        assertThat(m.byEntryReason.get(ReasonCode.ENTRY_LIQ_SHORT.name()).totalPnl).isEqualTo(Fixed.of(-12));
        assertThat(m.sharpe).isNull();
    }

    @Test
    void reasonsAreListedByTheCatalogueThenTheStrategysOwnInDeclarationOrder() {
        Instrument btc = InstrumentTable.builtIn().find("BTCUSDT");
        dev.hft.api.Reason late = dev.hft.api.Reason.entry("ZZ_FIRST", "declared first");
        dev.hft.api.Reason early = dev.hft.api.Reason.entry("AA_SECOND", "declared second");
        List<TradeRecord> trades = List.of(
                trade(ReasonCode.ENTRY_STRATEGY, "AA_SECOND", -1),
                trade(ReasonCode.ENTRY_STRATEGY, "ZZ_FIRST", 3),
                trade(ReasonCode.ENTRY_LIQ_LONG, null, 2),
                trade(ReasonCode.ENTRY_STRATEGY, "ZZ_FIRST", 1));
        RunResult r = new RunResult(List.of(btc), trades, List.of(), new long[] {T0 + 59_999},
                new long[] {Fixed.of(10_005)}, Fixed.of(10_000), Fixed.of(10_005), 0, 1, Map.of(), Map.of(), Map.of(),
                List.of(), Map.of(), Map.of(), 1, List.of(new dev.hft.engine.ReasonLedger.OwnCount(late, 2),
                        new dev.hft.engine.ReasonLedger.OwnCount(early, 1)));
        Metrics m = Metrics.of(r);
        assertThat(m.byEntryReason.keySet()).containsExactly("ENTRY_LIQ_LONG", "ZZ_FIRST", "AA_SECOND");
        assertThat(m.byEntryReason.get("ZZ_FIRST").trades).isEqualTo(2);
        assertThat(m.byEntryReason.get("ZZ_FIRST").totalPnl).isEqualTo(Fixed.of(4));
        assertThat(m.byEntryReason.get("ZZ_FIRST").wins).isEqualTo(2);
        assertThat(m.exitReasonNames()).containsExactly(Map.entry("EXIT_SIGNAL", 4L));
    }

    private static TradeRecord trade(ReasonCode entry, String own, long pnl) {
        return new TradeRecord(0, Side.BUY, T0, Fixed.of(100), T0 + 60_000, Fixed.of(101), Fixed.of(1), Fixed.of(pnl),
                0, entry, ReasonCode.EXIT_SIGNAL, 1, own, null);
    }
}
