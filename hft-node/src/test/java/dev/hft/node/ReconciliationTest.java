package dev.hft.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.backtest.RunSpec;
import dev.hft.backtest.StartRecord;
import dev.hft.core.Bar;
import dev.hft.core.ExecutionListener;
import dev.hft.core.Fill;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.InstrumentTable;
import dev.hft.core.Order;
import dev.hft.core.OrderType;
import dev.hft.core.ReasonCode;
import dev.hft.core.VenueOrderStatus;
import dev.hft.engine.EngineConfig;
import dev.hft.engine.TradingEngine;
import dev.hft.engine.bus.EventBus;
import dev.hft.engine.cost.FlatFeeModel;
import dev.hft.engine.cost.SlippageModel;
import dev.hft.engine.journal.JsonEngineJournal;
import dev.hft.api.Params;
import dev.hft.api.StrategyFactory;
import dev.hft.engine.strategy.StrategyRegistry;
import dev.hft.journal.FsyncPolicy;
import dev.hft.journal.JournalConfig;
import dev.hft.journal.JournalRecord;
import dev.hft.journal.JournalRecovery;
import dev.hft.journal.JournalWriter;
import dev.hft.sim.FillModel;
import dev.hft.sim.IntrabarPolicy;
import dev.hft.sim.SimulatedExchange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a restart the engine asks the venue about every order it believes is working, before any new order:
 * fills it missed are applied once, an order the venue never received is rejected as lost, a lost stop is placed
 * again. Everything it learns is journaled, so the continued journal still replays byte for byte.
 */
class ReconciliationTest {
    private static final long T0 = 1_704_067_200_000L;
    private static final Instrument BTC = InstrumentTable.builtIn().find("BTCUSDT");
    // sma-cross 1/2 enters on the third bar when closes go 100, 99, 101
    private static final Map<String, String> PARAMS = Map.of("fast", "1", "slow", "2");

    @TempDir
    Path tmp;

    private final FlatFeeModel fees = FlatFeeModel.ofBps(10);
    private final EngineConfig config = new EngineConfig(Fixed.of(10_000), 0.1, fees.takerRate());

    private SimulatedExchange venue() {
        return new SimulatedExchange(List.of(BTC), fees, SlippageModel.NONE, FillModel.NEXT_OPEN,
                IntrabarPolicy.STOP_FIRST);
    }

    private static Bar bar(int minute, String close) {
        long t = T0 + minute * 60_000L;
        long c = Fixed.parse(close);
        return new Bar().set(0, t, t + 59_999, c, c, c, c, Fixed.of(10));
    }

    /** The original process: journal per order, engine on the venue, fed the given closes; then it "dies". */
    private TradingEngine original(Path dir, SimulatedExchange venue, String... closes) {
        return original(dir, venue, e -> { }, closes);
    }

    private TradingEngine original(Path dir, SimulatedExchange venue, java.util.function.Consumer<TradingEngine> last,
                                   String... closes) {
        return original(dir, venue, venue, last, closes);
    }

    /** As above with the engine sending through {@code client} (a venue that loses calls, say). */
    private TradingEngine original(Path dir, dev.hft.core.ExecutionClient client, SimulatedExchange venue,
                                   java.util.function.Consumer<TradingEngine> last, String... closes) {
        JournalWriter w = JournalWriter.create(dir, "rc", JournalConfig.of(FsyncPolicy.PER_ORDER), JournalWriter.FILES);
        RunSpec bc = new RunSpec("sma-cross", PARAMS, config, null, null, null, false, null, 1.0,
                FillModel.NEXT_OPEN, IntrabarPolicy.STOP_FIRST, 0);
        w.append("start", T0, StartRecord.encode(bc, config, List.of(BTC), fees), false);
        StrategyFactory f = StrategyRegistry.get("sma-cross");
        TradingEngine e = new TradingEngine(config, List.of(BTC), List.of(f.create(new Params(f.name(), f.params(),
                PARAMS))), client, TradingEngine.defaultCosts(config, 1), new EventBus(), "rc");
        venue.setListener(e);
        e.setJournal(new JsonEngineJournal(w));
        for (int m = 0; m < closes.length; m++) {
            e.onBar(bar(m, closes[m]));
        }
        last.accept(e);
        w.close();
        return e;
    }

    private ReplayRunner.Recovered recover(Path dir, SimulatedExchange venue, JournalWriter[] resumed) {
        resumed[0] = JournalWriter.resume(dir, JournalRecovery.scan(dir, r -> { }, true),
                JournalConfig.of(FsyncPolicy.PER_ORDER), JournalWriter.FILES);
        ReplayRunner.Recovered rec = ReplayRunner.recover(dir, new JsonEngineJournal(resumed[0]), venue);
        venue.setListener(rec.engine());
        return rec;
    }

    private static List<String> types(Path dir) {
        List<String> t = new ArrayList<>();
        JournalRecovery.scan(dir, r -> t.add(r.type() + (r.type().equals("rejected") ? ":" + r.data() : "")), false);
        return t;
    }

    @Test
    void aFillTheEngineMissedWhileDownShouldBeAppliedOnceAndTheStopPlaced() {
        Path dir = tmp.resolve("missed-fill");
        SimulatedExchange venue = venue();
        original(dir, venue, "100", "99", "101"); // the entry is sent at the third bar's close, then the crash
        // while the engine is down the venue keeps trading: the next bar fills the entry at its open
        venue.setListener(new ExecutionListener() {
            @Override
            public void onOrderFilled(Order order, Fill fill) {
            }

            @Override
            public void onOrderRejected(Order order, ReasonCode reason) {
            }

            @Override
            public void onOrderCanceled(Order order) {
            }
        });
        venue.onMarketData(bar(3, "102"));
        assertThat(venue.query("rc-1").state()).isEqualTo(VenueOrderStatus.State.FILLED);

        JournalWriter[] w = new JournalWriter[1];
        ReplayRunner.Recovered rec = recover(dir, venue, w);
        TradingEngine e = rec.engine();
        assertThat(rec.unresolved()).containsExactly("rc-1");
        assertThat(e.reconciliationPending()).isTrue();
        assertThat(e.positionQuantity(0)).isZero();
        e.reconcile();
        assertThat(e.reconciliationPending()).isFalse();
        assertThat(e.positionQuantity(0)).as("the missed fill is applied").isPositive();
        e.reconcile();
        assertThat(e.positionQuantity(0)).as("and only once").isEqualTo(venue.query("rc-1").fills().get(0).quantity());
        assertThat(venue.query("rc-2").state()).as("its protective stop is at the venue")
                .isEqualTo(VenueOrderStatus.State.WORKING);
        w[0].close();
        assertThat(types(dir)).as("gate raised, the missed fill, gate lowered, then the stop (the second reconcile "
                + "finds nothing new)").endsWith("submit", "unreconciled", "fill", "operator", "submit", "operator");
        assertThat(ReplayRunner.replay(dir).identical()).isTrue();
    }

    @Test
    void anOrderTheVenueNeverReceivedShouldBeRejectedAsNotPlacedAndTradingGoOn() {
        Path dir = tmp.resolve("never-received");
        original(dir, venue(), "100", "99", "101");
        SimulatedExchange freshVenue = venue(); // the crash came between journaling the order and sending it
        JournalWriter[] w = new JournalWriter[1];
        ReplayRunner.Recovered rec = recover(dir, freshVenue, w);
        TradingEngine e = rec.engine();
        assertThat(rec.unresolved()).containsExactly("rc-1");
        e.reconcile();
        assertThat(e.workingOrderIds()).isEmpty();
        assertThat(e.ledger().get(ReasonCode.REJECT_NOT_PLACED)).isEqualTo(1);
        assertThat(e.ledger().get(ReasonCode.REJECT_LOST)).as("not the in-session give-up").isZero();
        w[0].close();
        List<String> t = types(dir);
        assertThat(t.get(t.size() - 2)).contains("REJECT_NOT_PLACED");
        assertThat(t).last().isEqualTo("operator");
        assertThat(ReplayRunner.replay(dir).identical()).isTrue();
    }

    @Test
    void aLostProtectiveStopShouldBePlacedAgain() {
        Path dir = tmp.resolve("lost-stop");
        SimulatedExchange venue = venue();
        original(dir, venue, "100", "99", "101", "102"); // entry filled at the 4th bar's open, stop rc-2 sent
        assertThat(venue.query("rc-2").state()).isEqualTo(VenueOrderStatus.State.WORKING);
        // a venue that lost that stop (say, the crash came before it left): rebuild one that has only the entry
        SimulatedExchange partial = venue();
        JournalWriter[] w = new JournalWriter[1];
        ReplayRunner.Recovered rec = recover(dir, partial, w);
        TradingEngine e = rec.engine();
        assertThat(e.positionQuantity(0)).isPositive();
        assertThat(rec.unresolved()).containsExactly("rc-2");
        e.reconcile();
        List<String> ids = e.workingOrderIds();
        assertThat(ids).hasSize(1).doesNotContain("rc-2");
        assertThat(partial.query(ids.get(0)).state()).as("a new stop at the venue").isEqualTo(
                VenueOrderStatus.State.WORKING);
        w[0].close();
        List<JournalRecord> records = new ArrayList<>();
        JournalRecovery.scan(dir, records::add, false);
        JournalRecord last = records.get(records.size() - 1);
        assertThat(last.type()).isEqualTo("submit");
        assertThat(last.data()).contains("\"type\":\"" + OrderType.STOP_MARKET + "\"", "\"ro\":true");
        assertThat(ReplayRunner.replay(dir).identical()).isTrue();
    }

    @Test
    void aCancelJournaledButNeverDeliveredShouldBeSentAgainAndItsOrderStayKnown() {
        Path dir = tmp.resolve("cancel-lost");
        SimulatedExchange venue = venue();
        // the crash comes between journaling the stop's cancel and sending it: the venue never hears of it
        dev.hft.core.ExecutionClient losesCancels = new dev.hft.core.ExecutionClient() {
            @Override
            public void submit(Order order) {
                venue.submit(order);
            }

            @Override
            public void cancel(String clientOrderId) {
            }

            @Override
            public void onMarketData(Bar bar) {
                venue.onMarketData(bar);
            }
        };
        // entry rc-1 fills at the 4th bar's open, stop rc-2 rests; the 5th bar crosses down: cancel rc-2, exit rc-3
        original(dir, losesCancels, venue, e -> { }, "100", "99", "101", "102", "100");
        assertThat(venue.query("rc-2").state()).isEqualTo(VenueOrderStatus.State.WORKING);
        JournalWriter[] w = new JournalWriter[1];
        ReplayRunner.Recovered rec = recover(dir, venue, w);
        TradingEngine e = rec.engine();
        assertThat(e.workingOrderIds()).as("the position no longer holds the stop").doesNotContain("rc-2");
        assertThat(rec.unresolved()).as("but the engine still knows it is at the venue").contains("rc-2", "rc-3");
        assertThat(e.knownOrderIds()).contains("rc-2");
        e.reconcile();
        assertThat(venue.query("rc-2").state()).as("the cancel reached the venue this time")
                .isEqualTo(VenueOrderStatus.State.CANCELED);
        assertThat(e.knownOrderIds()).doesNotContain("rc-2");
        w[0].close();
        List<String> t = types(dir);
        assertThat(t).as("the repeat is journaled, then the venue's answer").endsWith("cancel", "canceled");
        assertThat(t.stream().filter("cancel"::equals)).as("the first cancel and its repeat").hasSize(2);
        assertThat(ReplayRunner.replay(dir).identical()).isTrue();
    }

    @Test
    void theKillSwitchShouldSurviveARestart() {
        Path dir = tmp.resolve("kill");
        original(dir, venue(), TradingEngine::killSwitch, "100", "99");
        JournalWriter[] w = new JournalWriter[1];
        ReplayRunner.Recovered rec = recover(dir, venue(), w);
        TradingEngine e = rec.engine();
        e.reconcile();
        assertThat(e.risk().killSwitchEngaged()).isTrue();
        assertThat(e.risk().state()).isEqualTo(dev.hft.engine.risk.TradingState.HALTED);
        e.onBar(bar(2, "101")); // the strategy wants in: refused
        assertThat(e.ledger().get(ReasonCode.RISK_KILL_SWITCH)).isPositive();
        assertThat(e.workingOrderIds()).isEmpty();
        w[0].close();
    }

    @Test
    void anInputRecoveryFinishesSendsNothingAndRecordsItsDenialBehindTheGate() throws Exception {
        Path dir = tmp.resolve("mid-input");
        original(dir, venue(), "100", "99", "101"); // the third bar decides an entry and submits rc-1
        // the crash came after the third bar's record reached the disk, before its decision and order
        List<JournalRecord> records = new ArrayList<>();
        JournalRecovery.scan(dir, records::add, false);
        JournalRecord decision = records.get(records.size() - 2);
        assertThat(decision.type()).isEqualTo("decision");
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(dir.resolve(decision.file()),
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(decision.offset());
        }
        SimulatedExchange venue = venue();
        JournalWriter[] w = new JournalWriter[1];
        ReplayRunner.Recovered rec = recover(dir, venue, w);
        TradingEngine e = rec.engine();
        assertThat(venue.query("rc-1").state()).as("recovery finished the bar without sending its entry")
                .isEqualTo(VenueOrderStatus.State.UNKNOWN);
        assertThat(e.ledger().get(ReasonCode.RISK_UNRECONCILED)).as("the entry was denied, and counted").isOne();
        e.reconcile();
        assertThat(venue.query("rc-1").state()).as("a decision on a bar as old as the downtime never leaves")
                .isEqualTo(VenueOrderStatus.State.UNKNOWN);
        e.onBar(bar(3, "100"));
        e.onBar(bar(4, "102"));
        assertThat(e.workingOrderIds()).as("trading goes on after reconciliation").isNotEmpty();
        w[0].close();
        assertThat(types(dir).subList(records.size() - 3, records.size())).containsExactly("bar",
                "unreconciled", "decision");
        assertThat(ReplayRunner.replay(dir).identical()).as("a replay raises the gate where recovery did").isTrue();
    }

    @Test
    void noNewOrderShouldLeaveBeforeReconciliation() {
        Path dir = tmp.resolve("gate");
        original(dir, venue(), "100", "99");
        SimulatedExchange venue = venue();
        JournalWriter[] w = new JournalWriter[1];
        ReplayRunner.Recovered rec = recover(dir, venue, w);
        TradingEngine e = rec.engine();
        e.onBar(bar(2, "101")); // a cross up: the strategy wants in
        assertThat(e.ledger().get(ReasonCode.RISK_UNRECONCILED)).isEqualTo(1);
        assertThat(venue.query("rc-1").state()).isEqualTo(VenueOrderStatus.State.UNKNOWN);
        e.reconcile();
        e.onBar(bar(3, "100"));
        e.onBar(bar(4, "102"));
        assertThat(venue.query("rc-1").state()).as("after reconciliation it goes out").isNotEqualTo(
                VenueOrderStatus.State.UNKNOWN);
        w[0].close();
    }
}
