package dev.hft.engine.tca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.hft.core.Bar;
import dev.hft.core.Fill;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.Order;
import dev.hft.core.OrderType;
import dev.hft.core.ReasonCode;
import dev.hft.core.Side;
import dev.hft.engine.cost.CostModel;
import dev.hft.engine.cost.FlatFeeModel;
import dev.hft.engine.cost.MarketStats;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** T14: the shortfall decomposition and markouts on one hand-made order. */
class TcaTest {
    private static final Instrument INST = new Instrument("T", "T", "USDT", Fixed.parse("0.01"), Fixed.parse("0.001"),
            0, 0);
    private static final long T0 = 1_704_067_200_000L;

    private static Bar bar(int minute, String open, String close) {
        long t = T0 + minute * 60_000L;
        long o = Fixed.parse(open);
        long c = Fixed.parse(close);
        return new Bar().set(0, t, t + 59_999, o, Math.max(o, c), Math.min(o, c), c, Fixed.of(1));
    }

    @Test
    void shouldSplitShortfallIntoDelayExecutionAndFeeAndMeasureMarkouts() {
        // fresh statistics: no spread and no impact estimate, so the estimate is the 10 bps fee alone
        CostModel costs = new CostModel(FlatFeeModel.ofBps(10), new MarketStats[] {new MarketStats(20)}, 1, true);
        Tca tca = new Tca(costs, new Instrument[] {INST});
        Order buy = new Order("o1", 0, Side.BUY, OrderType.MARKET, Fixed.of(1), 0, 0, false,
                ReasonCode.ENTRY_LIQ_LONG, T0 - 1, Fixed.of(100));
        tca.onOrderSubmitted(buy);
        tca.onBar(bar(0, "100.5", "100.7")); // arrival: the next bar's open
        tca.onFill(buy, new Fill("o1", 0, Side.BUY, Fixed.parse("100.6"), Fixed.of(1), Fixed.parse("0.1006"), T0,
                ReasonCode.ENTRY_LIQ_LONG));
        tca.onBar(bar(1, "100.7", "101"));
        for (int m = 2; m <= 15; m++) {
            tca.onBar(bar(m, "101", m == 5 ? "99.6" : m == 15 ? "102.612" : "101"));
        }
        TcaRecord r = tca.records().get(0);
        assertThat(r.arrivalPrice).isEqualTo(Fixed.parse("100.5"));
        assertThat(r.delayBps()).isCloseTo(50, offset(1e-9));        // (100.5 - 100) / 100
        assertThat(r.executionBps()).isCloseTo(10, offset(1e-9));    // (100.6 - 100.5) / 100
        assertThat(r.spreadBps()).isZero();
        assertThat(r.slippageBps()).isCloseTo(10, offset(1e-9));
        assertThat(r.feeBps()).isCloseTo(10.06, offset(1e-9));       // 0.1006 / (100 * 1)
        assertThat(r.shortfallDecisionBps()).isCloseTo(70.06, offset(1e-9));
        assertThat(r.shortfallArrivalBps()).isCloseTo(20.06, offset(1e-9));
        assertThat(r.estimate.totalBps()).isCloseTo(10, offset(1e-9));
        assertThat(r.estimateErrorBps()).isCloseTo(60.06, offset(1e-9));
        assertThat(r.markoutBps[0]).isCloseTo((101 - 100.6) / 100.6 * 10_000, offset(1e-9));
        assertThat(r.markoutBps[1]).isCloseTo((99.6 - 100.6) / 100.6 * 10_000, offset(1e-9));
        assertThat(r.markoutBps[2]).isCloseTo((102.612 - 100.6) / 100.6 * 10_000, offset(1e-9));
        Map<String, Object> s = tca.summary();
        assertThat(s.get("orders")).isEqualTo(1);
        assertThat((Double) s.get("avgShortfallVsDecisionBps")).isCloseTo(70.06, offset(1e-9));
    }

    @Test
    void immediateAndRestingFillsShouldArriveAtTheirBenchmark() {
        CostModel costs = new CostModel(FlatFeeModel.ofBps(10), new MarketStats[] {new MarketStats(20)}, 1, true);
        Tca tca = new Tca(costs, new Instrument[] {INST});
        Order sell = new Order("c1", 0, Side.SELL, OrderType.MARKET, Fixed.of(1), 0, 0, false,
                ReasonCode.ENTRY_LIQ_SHORT, T0, Fixed.of(100));
        tca.onOrderSubmitted(sell);
        tca.onFill(sell, new Fill("c1", 0, Side.SELL, Fixed.of(100), Fixed.of(1), Fixed.parse("0.1"), T0,
                ReasonCode.ENTRY_LIQ_SHORT));
        Order stop = new Order("s1", 0, Side.BUY, OrderType.STOP_MARKET, Fixed.of(1), 0, Fixed.of(101), true,
                ReasonCode.EXIT_STOP_LOSS, T0, Fixed.of(100));
        tca.onOrderSubmitted(stop);
        tca.onFill(stop, new Fill("s1", 0, Side.BUY, Fixed.parse("101.1"), Fixed.of(1), Fixed.parse("0.1011"), T0,
                ReasonCode.EXIT_STOP_LOSS));
        TcaRecord close = tca.records().get(0);
        assertThat(close.delayBps()).isZero();
        assertThat(close.shortfallDecisionBps()).isCloseTo(10, offset(1e-9));
        TcaRecord s = tca.records().get(1);
        assertThat(s.decisionPrice()).isEqualTo(Fixed.of(101));
        assertThat(s.executionBps()).isCloseTo(0.1 / 101 * 10_000, offset(1e-9));
        tca.onFill(new Order("unknown", 0, Side.BUY, OrderType.MARKET, 1, 0, 0, false, ReasonCode.EXIT_SIGNAL, 0, 1),
                new Fill("unknown", 0, Side.BUY, 1, 1, 0, 0, ReasonCode.EXIT_SIGNAL));
        assertThat(tca.records()).hasSize(2);
    }
}
