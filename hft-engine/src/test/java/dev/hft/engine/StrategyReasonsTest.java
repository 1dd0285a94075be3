package dev.hft.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hft.api.Action;
import dev.hft.api.Decision;
import dev.hft.api.PositionView;
import dev.hft.api.Reason;
import dev.hft.api.Strategy;
import dev.hft.core.Bar;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.Order;
import dev.hft.core.OrderType;
import dev.hft.core.ReasonCode;
import dev.hft.engine.journal.RecordCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A strategy's own reason codes: counted, carried by its orders and trades, journaled, and kept in snapshots. */
class StrategyReasonsTest {
    private static final Instrument INST = new Instrument("TEST", "T", "USDT", Fixed.parse("0.01"),
            Fixed.parse("0.001"), Fixed.parse("0.001"), Fixed.parse("5"));
    private static final long T0 = 1_704_067_200_000L;
    private static final Reason DIP = Reason.entry("DIP_BOUGHT", "bought a dip");
    private static final Reason BOUNCE = Reason.exit("BOUNCE_SOLD", "sold the bounce");
    private static final Reason CALM = Reason.skip("TOO_CALM", "nothing moves");
    private static final Reason UNDECLARED = Reason.entry("NOT_LISTED", "a reason reasons() forgot");

    /** Does what {@link #next} says on the next bar, with its own reasons. */
    static final class OwnReasons implements Strategy {
        Action next = Action.NONE;
        Reason entryReason = DIP;

        @Override
        public String name() {
            return "own-reasons";
        }

        @Override
        public int warmupBars() {
            return 0;
        }

        @Override
        public List<Reason> reasons() {
            return List.of(DIP, BOUNCE, CALM);
        }

        @Override
        public void onBar(Bar bar, PositionView position, Decision out) {
            if (next == Action.ENTER_LONG) {
                out.enter(Action.ENTER_LONG, entryReason, 1, 0.02, 0);
            } else if (next == Action.EXIT) {
                out.exit(BOUNCE);
            } else {
                out.skip(CALM);
            }
            next = Action.NONE;
        }

        @Override
        public void writeState(DataOutput out) {
        }

        @Override
        public void readState(DataInput in) {
        }
    }

    private final TradingEngineTest.FakeVenue venue = new TradingEngineTest.FakeVenue();
    private final OwnReasons strategy = new OwnReasons();
    private final List<TradeRecord> trades = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    private TradingEngine engine(OwnReasons s, TradingEngineTest.FakeVenue v) {
        TradingEngine e = new TradingEngine(new EngineConfig(Fixed.of(10_000), 0.10, Fixed.parse("0.001")),
                List.of(INST), List.of(s), v, new EngineListener() {
                    @Override
                    public void onTradeClosed(TradeRecord trade) {
                        trades.add(trade);
                    }

                    @Override
                    public void onStrategyFailed(int instrument, String failure, long nowMs) {
                        failures.add(failure);
                    }
                }, "own1");
        v.engine = e;
        return e;
    }

    private static Bar bar(int i, String close) {
        long c = Fixed.parse(close);
        return new Bar().set(0, T0 + i * 60_000L, T0 + i * 60_000L + 59_999, c, c, c, c, Fixed.of(1));
    }

    private static long own(TradingEngine e, Reason r) {
        return e.ledger().own().stream().filter(o -> o.reason().equals(r)).findFirst().orElseThrow().count();
    }

    @Test
    void ownReasonsNameTheOrdersTheTradesAndTheCounts() {
        TradingEngine e = engine(strategy, venue);
        strategy.next = Action.ENTER_LONG;
        e.onBar(bar(0, "100"));
        Order entry = venue.last();
        assertThat(entry.reason).as("the carrier code").isEqualTo(ReasonCode.ENTRY_STRATEGY);
        assertThat(entry.strategyReason).isEqualTo("DIP_BOUGHT");
        venue.fill(entry, "100", T0 + 60_000);
        Order stop = venue.last();
        assertThat(stop.type).isEqualTo(OrderType.STOP_MARKET);
        assertThat(stop.strategyReason).as("the engine's own stop keeps its built-in code").isNull();
        e.onBar(bar(1, "101")); // skip: TOO_CALM
        strategy.next = Action.EXIT;
        e.onBar(bar(2, "103"));
        Order exit = venue.last();
        assertThat(exit.reason).isEqualTo(ReasonCode.EXIT_SIGNAL);
        assertThat(exit.strategyReason).isEqualTo("BOUNCE_SOLD");
        venue.fill(exit, "103", T0 + 3 * 60_000);

        assertThat(trades).hasSize(1);
        TradeRecord t = trades.get(0);
        assertThat(t.entryReasonName()).isEqualTo("DIP_BOUGHT");
        assertThat(t.exitReasonName()).isEqualTo("BOUNCE_SOLD");
        assertThat(own(e, DIP)).isEqualTo(1);
        assertThat(own(e, BOUNCE)).as("an exit counts once, when the trade closes").isEqualTo(1);
        assertThat(own(e, CALM)).isEqualTo(1);
        assertThat(e.ledger().get(ReasonCode.ENTRY_STRATEGY)).as("the carrier is not counted").isZero();
        assertThat(e.ledger().get(ReasonCode.EXIT_SIGNAL)).isZero();

        RecordCodec codec = new RecordCodec();
        assertThat(codec.submit(entry).toString()).contains("\"r\":\"ENTRY_STRATEGY\"", "\"sr\":\"DIP_BOUGHT\"");
        assertThat(codec.submit(stop).toString()).doesNotContain("\"sr\"");
        Decision d = new Decision().exit(BOUNCE);
        assertThat(codec.decision(0, d).toString()).contains("\"sr\":\"BOUNCE_SOLD\"");
    }

    @Test
    void aSnapshotKeepsTheOwnReasonOfAnOpenPositionAndTheCounts() {
        TradingEngine a = engine(strategy, venue);
        strategy.next = Action.ENTER_LONG;
        a.onBar(bar(0, "100"));
        venue.fill(venue.last(), "100", T0 + 60_000);
        byte[] snap = a.snapshot();

        TradingEngineTest.FakeVenue vb = new TradingEngineTest.FakeVenue();
        TradingEngine b = engine(new OwnReasons(), vb);
        b.restore(snap);
        assertThat(b.snapshot()).isEqualTo(snap);
        assertThat(own(b, DIP)).isEqualTo(1);
        Order stop = b.workingOrders().stream().filter(o -> o.type == OrderType.STOP_MARKET).findFirst()
                .orElseThrow();
        vb.fill(stop, "98", T0 + 2 * 60_000);
        assertThat(trades).hasSize(1);
        assertThat(trades.get(0).entryReasonName()).as("restored with the position").isEqualTo("DIP_BOUGHT");
        assertThat(trades.get(0).exitReasonName()).isEqualTo("EXIT_STOP_LOSS");
        assertThat(b.ledger().get(ReasonCode.EXIT_STOP_LOSS)).isEqualTo(1);
    }

    @Test
    void aReasonTheStrategyDidNotDeclareIsAFaultOfTheStrategy() {
        TradingEngine e = engine(strategy, venue);
        strategy.entryReason = UNDECLARED;
        strategy.next = Action.ENTER_LONG;
        e.onBar(bar(0, "100"));
        assertThat(venue.submitted).as("fail closed: nothing sent").isEmpty();
        assertThat(failures).singleElement().asString().contains("NOT_LISTED", "reasons()");
        assertThat(e.ledger().get(ReasonCode.RISK_STRATEGY_FAILED)).isEqualTo(1);
    }

    @Test
    void strategiesOfOneRunShareACatalogueButMayNotRedefineAName() {
        ReasonLedger l = new ReasonLedger();
        l.declare(List.of(DIP, BOUNCE));
        l.declare(List.of(DIP, CALM)); // the same reason again (another instrument's strategy): one slot
        assertThat(l.own()).extracting(ReasonLedger.OwnCount::reason).containsExactly(DIP, BOUNCE, CALM);
        assertThatThrownBy(() -> l.declare(List.of(Reason.exit("DIP_BOUGHT", "another meaning"))))
                .hasMessageContaining("DIP_BOUGHT");
        l.count(ReasonCode.EXIT_SIGNAL, "NOT_DECLARED"); // an unknown name on an order (an old journal): built-in
        assertThat(l.get(ReasonCode.EXIT_SIGNAL)).isEqualTo(1);
        assertThatThrownBy(() -> l.count(new Decision().enter(Action.ENTER_LONG, UNDECLARED, 1, 0, 0)))
                .isInstanceOf(IllegalStateException.class);
    }
}
