package dev.hft.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.core.ReasonCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionMonitorTest {

    @Test
    void theViewShowsThePositionItsStopTheRecentEventsAndTheShortfallOfEachFill() {
        Rig rig = new Rig(10); // every market fill 10 bps worse than the decision price
        rig.bar("100");
        rig.bar("99");
        rig.bar("101"); // fast crosses above slow: enter long, filled at once, stop resting
        SessionView v = rig.monitor.publish(Rig.T0 + 1);
        assertThat(v.positions()).hasSize(1);
        SessionView.Position p = v.positions().get(0);
        assertThat(p.quantity()).isPositive();
        assertThat(p.avgEntry()).isCloseTo(101 * 1.001, org.assertj.core.data.Offset.offset(0.01));
        assertThat(p.lastPrice()).isEqualTo(101.0);
        assertThat(v.orders()).singleElement().satisfies(o -> {
            assertThat(o.type()).isEqualTo("STOP_MARKET");
            assertThat(o.reason()).isEqualTo("EXIT_STOP_LOSS");
        });
        assertThat(v.events()).extracting(SessionView.Event::kind).containsSubsequence("decision", "order", "fill",
                "order");
        assertThat(v.events()).anySatisfy(e -> assertThat(e.reason()).isEqualTo("ENTRY_SMA_CROSS_UP"));
        assertThat(v.tca().orders()).as("the entry; the stop rests").isEqualTo(1);
        assertThat(v.tca().slippageBps()).as("the venue's 10 bps")
                .isCloseTo(10.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(v.tca().shortfallBps()).isCloseTo(v.tca().delayBps() + v.tca().spreadBps() + v.tca().slippageBps()
                + v.tca().feeBps(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(v.bars()).isEqualTo(3);
        assertThat(v.risk()).isEqualTo("ACTIVE");
        assertThat(v.reasons()).containsEntry("ENTRY_SMA_CROSS_UP", 1L);
        assertThat(v.ready()).as("the stream is not up yet").isFalse();
        rig.monitor.streamStatus("connected", "ws://x");
        assertThat(rig.monitor.publish(Rig.T0 + 2).ready()).isTrue();
    }

    @Test
    void aDrawdownThresholdAlertsOnceUntilANewPeak() {
        Rig rig = new Rig(0, 0.3, 5);
        rig.bar("100");
        rig.bar("99");
        rig.bar("101"); // long at 101
        rig.monitor.publish(1);
        rig.bar("99"); // crosses down: out at 99, about -0.4% of equity (a fifth of it was in)
        SessionView v = rig.monitor.publish(2);
        assertThat(v.drawdownPct()).isBetween(0.35, 0.45);
        rig.monitor.publish(3);
        assertThat(rig.console).filteredOn(l -> l.contains("drawdown")).singleElement().asString()
                .contains("threshold 0.3%");
    }

    @Test
    void anOrderNotPlacedBeforeARestartWarnsAndOnlyAGivenUpUnknownOrderIsCritical() {
        Rig rig = new Rig(0);
        dev.hft.core.Order exit = new dev.hft.core.Order("x-1", 0, dev.hft.core.Side.SELL,
                dev.hft.core.OrderType.MARKET, dev.hft.core.Fixed.parse("0.01"), 0, 0, true, ReasonCode.EXIT_SIGNAL,
                0, dev.hft.core.Fixed.parse("100"));
        rig.monitor.onOrderRejected(exit, ReasonCode.REJECT_NOT_PLACED);
        rig.monitor.onOrderRejected(new dev.hft.core.Order("x-2", 0, dev.hft.core.Side.BUY,
                dev.hft.core.OrderType.MARKET, dev.hft.core.Fixed.parse("0.01"), 0, 0, false,
                ReasonCode.ENTRY_SMA_CROSS_UP, 0, dev.hft.core.Fixed.parse("100")), ReasonCode.REJECT_LOST);
        SessionView v = rig.monitor.publish(1);
        assertThat(v.alerts()).filteredOn(a -> a.message().startsWith("x-1")).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo("WARNING");
            assertThat(a.message()).contains("was not placed", "nothing executed");
        });
        assertThat(v.alerts()).filteredOn(a -> a.message().startsWith("x-2")).singleElement()
                .satisfies(a -> assertThat(a.severity()).isEqualTo("CRITICAL"));
    }

    @Test
    void theKillSwitchAndAFreezeRaiseAlertsAndShowInTheView() {
        Rig rig = new Rig(0);
        rig.bar("100");
        rig.bar(5, "100.5"); // four minutes missing: a gap freezes the instrument
        rig.engine.killSwitch();
        SessionView v = rig.monitor.publish(1);
        assertThat(v.killSwitch()).isTrue();
        assertThat(v.risk()).isEqualTo("HALTED");
        assertThat(v.positions().get(0).frozen()).isTrue();
        assertThat(rig.console).anySatisfy(l -> assertThat(l).startsWith("ALERT CRITICAL kill switch"));
        assertThat(rig.console).anySatisfy(l -> assertThat(l).startsWith("ALERT WARNING freeze").contains("BTCUSDT",
                ReasonCode.SANITIZER_GAP.name()));
        assertThat(v.events()).extracting(SessionView.Event::kind).contains("frozen", "risk");
        assertThat(v.alerts()).extracting(SessionView.Alert::kind).contains("freeze", "kill switch");
        assertThat(v.alerts()).filteredOn(a -> a.kind().equals("kill switch")).singleElement()
                .satisfies(a -> assertThat(a.severity()).isEqualTo("CRITICAL"));
        for (int k = 0; k < 30; k++) {
            rig.monitor.alert(Alerts.Severity.INFO, "test", "t" + k, "alert " + k);
        }
        assertThat(rig.monitor.publish(2).alerts()).as("the last 20 only").hasSize(SessionMonitor.ALERTS)
                .last().satisfies(a -> assertThat(a.message()).isEqualTo("alert 29"));
    }

    @Test
    void whatReconciliationChangesIsAlertedAsADifference() {
        Rig rig = new Rig(0);
        rig.bar("100");
        rig.bar("99");
        rig.bar("101"); // long, stop resting
        String stop = rig.resting.get(0).clientOrderId;
        rig.monitor.reconciling(true);
        rig.engine.onOrderCanceled(rig.resting.remove(0)); // say the venue reports the stop canceled outside
        rig.monitor.reconciling(false);
        assertThat(rig.console).anySatisfy(l -> assertThat(l).contains("reconciliation", stop,
                "canceled while the session was down"));
    }

    @Test
    void theEquityCurveStaysBoundedAndInTimeOrder() {
        Rig rig = new Rig(0);
        for (int m = 0; m < 5_000; m++) {
            rig.bar(m, m % 2 == 0 ? "100" : "100.01");
            rig.monitor.publish(m);
        }
        List<double[]> curve = rig.monitor.view().equityCurve();
        assertThat(curve.size()).isLessThan(SessionMonitor.CURVE_POINTS).isGreaterThan(SessionMonitor.CURVE_POINTS / 4);
        for (int i = 1; i < curve.size(); i++) {
            assertThat(curve.get(i)[0]).isGreaterThan(curve.get(i - 1)[0]);
        }
        assertThat(curve.get(0)[0]).isEqualTo(Rig.T0 + 59_999);
        assertThat(rig.monitor.view().events()).hasSizeLessThanOrEqualTo(SessionMonitor.EVENTS);
    }

    @Test
    void closedTradesCountWinsAndRealizedPnlAndPricesCarryTheFills() {
        Rig rig = new Rig(0);
        rig.monitor.onTradeClosed(new dev.hft.engine.TradeRecord(0, dev.hft.core.Side.BUY, 1_000, dev.hft.core.Fixed
                .of(100), 2_000, dev.hft.core.Fixed.of(103), dev.hft.core.Fixed.ONE, dev.hft.core.Fixed.of(3), 0,
                ReasonCode.ENTRY_SMA_CROSS_UP, ReasonCode.EXIT_SMA_CROSS_DOWN, 1.0));
        rig.monitor.onTradeClosed(new dev.hft.engine.TradeRecord(0, dev.hft.core.Side.SELL, 3_000, dev.hft.core.Fixed
                .of(100), 4_000, dev.hft.core.Fixed.of(101), dev.hft.core.Fixed.ONE, -dev.hft.core.Fixed.of(1), 0,
                ReasonCode.ENTRY_SMA_CROSS_UP, ReasonCode.EXIT_STOP_LOSS, 1.0));
        rig.bar("100");
        rig.bar("99");
        rig.bar("101"); // a long entry: one fill
        SessionView v = rig.monitor.publish(Rig.T0 + 1);
        // by hand: two trades, one winning (+3), one losing (-1): win rate 50%, realized P&L +2
        assertThat(v.tradeStats()).isEqualTo(new SessionView.TradeStats(2, 1, 50.0, 2.0));
        assertThat(v.trades()).extracting(SessionView.Trade::side).containsExactly("long", "short");
        assertThat(v.trades().get(1).exitReason()).isEqualTo("EXIT_STOP_LOSS");
        assertThat(v.prices()).singleElement().satisfies(p -> {
            assertThat(p.points()).hasSize(3);
            assertThat(p.points().get(2)[1]).isEqualTo(101.0);
        });
        assertThat(v.fills()).singleElement().satisfies(f -> {
            assertThat(f.side()).isEqualTo("BUY");
            assertThat(f.price()).isEqualTo(101.0);
        });
    }

    @Test
    void thePriceRingKeepsTheLastClosesInTimeOrder() {
        Rig rig = new Rig(0);
        int n = SessionMonitor.PRICES + 5;
        for (int m = 0; m < n; m++) {
            rig.bar(m, m % 2 == 0 ? "100" : "101");
        }
        List<double[]> points = rig.monitor.publish(Rig.T0 + n * 60_000L).prices().get(0).points();
        assertThat(points).hasSize(SessionMonitor.PRICES);
        // the oldest kept is bar 5 (closing a minute after its open, less a millisecond), the newest bar n - 1
        assertThat(points.get(0)[0]).isEqualTo(Rig.T0 + 6 * 60_000L - 1);
        assertThat(points.get(points.size() - 1)[0]).isEqualTo(Rig.T0 + n * 60_000L - 1);
        assertThat(points.get(points.size() - 1)[1]).isEqualTo(n % 2 == 1 ? 100.0 : 101.0);
        for (int k = 1; k < points.size(); k++) {
            assertThat(points.get(k)[0] - points.get(k - 1)[0]).isEqualTo(60_000.0);
        }
    }
}
