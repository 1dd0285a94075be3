package dev.hft.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.api.Action;
import dev.hft.api.Decision;
import dev.hft.api.PositionView;
import dev.hft.api.Strategy;
import dev.hft.core.Bar;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.Order;
import dev.hft.core.OrderType;
import dev.hft.core.ReasonCode;
import dev.hft.core.Side;
import dev.hft.engine.journal.RecordCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** How the engine sends a strategy's limit and stop entries, expires and cancels them (the venue is a fake here). */
class EntryOrdersTest {
    private static final Instrument INST = new Instrument("TEST", "T", "USDT", Fixed.parse("0.01"),
            Fixed.parse("0.001"), Fixed.parse("0.001"), Fixed.parse("5"));
    private static final long T0 = 1_704_067_200_000L;

    /** Runs {@code next} on the next bar (then skips). */
    static final class Next implements Strategy {
        Consumer<Decision> next;
        final List<Boolean> pending = new ArrayList<>();

        @Override
        public String name() {
            return "next";
        }

        @Override
        public int warmupBars() {
            return 0;
        }

        @Override
        public void onBar(Bar bar, PositionView position, Decision out) {
            pending.add(position.orderPending());
            if (next != null) {
                next.accept(out);
                next = null;
            } else {
                out.skip(ReasonCode.SKIP_NO_SIGNAL);
            }
        }

        @Override
        public void writeState(java.io.DataOutput out) { // no state of its own
        }

        @Override
        public void readState(java.io.DataInput in) {
        }
    }

    private final TradingEngineTest.FakeVenue venue = new TradingEngineTest.FakeVenue();
    private final Next strategy = new Next();
    private final TradingEngine engine = engine(strategy, venue);

    private static TradingEngine engine(Next s, TradingEngineTest.FakeVenue v) {
        TradingEngine e = new TradingEngine(new EngineConfig(Fixed.of(10_000), 0.10, Fixed.parse("0.001")),
                List.of(INST), List.of(s), v, new EngineListener() { }, "ent");
        v.engine = e;
        return e;
    }

    private static void bar(TradingEngine e, int i) {
        long c = Fixed.of(100);
        e.onBar(new Bar().set(0, T0 + i * 60_000L, T0 + i * 60_000L + 59_999, c, c, c, c, Fixed.of(1)));
    }

    private void bar(int i, String close) {
        long c = Fixed.parse(close);
        engine.onBar(new Bar().set(0, T0 + i * 60_000L, T0 + i * 60_000L + 59_999, c, c, c, c, Fixed.of(1)));
    }

    @Test
    void aLimitEntryIsSentAtItsPriceRoundedInTheTradersFavourAndSizedAtIt() {
        strategy.next = d -> d.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0.01, 0.02).limit(98.996, 0);
        bar(0, "100");
        Order o = venue.last();
        assertThat(o.type).isEqualTo(OrderType.LIMIT);
        assertThat(o.price).as("a buy limit rounds down").isEqualTo(Fixed.parse("98.99"));
        assertThat(o.quantity).as("1,000 / 1.001 / 98.99 = 10.0919 -> 10.091").isEqualTo(Fixed.parse("10.091"));
        assertThat(o.reduceOnly).isFalse();
        venue.fill(o, "98.99", T0 + 90_000);
        Order stop = venue.submitted.stream().filter(x -> x.type == OrderType.STOP_MARKET).findFirst().orElseThrow();
        assertThat(stop.triggerPrice).as("1% under the fill price, to the tick").isEqualTo(Fixed.parse("98.0"));
        assertThat(venue.last().price).as("2% over it").isEqualTo(Fixed.parse("100.97"));
        assertThat(engine.positionQuantity(0)).isEqualTo(Fixed.parse("10.091"));

        Decision sell = new Decision().enter(Action.ENTER_SHORT, ReasonCode.ENTRY_LIQ_SHORT, 1, 0, 0).limit(101.001, 0);
        assertThat(sell.entryPrice).isEqualTo(101.001);
        assertThat(new RecordCodec().decision(0, sell).toString())
                .contains("\"et\":\"LIMIT\"", "\"ep\":101.001", "\"ex\":0");
    }

    @Test
    void aSellLimitRoundsUpAndAStopEntryCarriesItsTrigger() {
        strategy.next = d -> d.enter(Action.ENTER_SHORT, ReasonCode.ENTRY_LIQ_SHORT, 1, 0.01, 0).limit(101.001, 0);
        bar(0, "100");
        assertThat(venue.last().price).isEqualTo(Fixed.parse("101.01"));
        assertThat(venue.last().side).isEqualTo(Side.SELL);

        TradingEngineTest.FakeVenue v2 = new TradingEngineTest.FakeVenue();
        Next s2 = new Next();
        TradingEngine e2 = engine(s2, v2);
        s2.next = d -> d.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0.01, 0).stop(102.004, 3);
        bar(e2, 0);
        Order stop = v2.last();
        assertThat(stop.type).isEqualTo(OrderType.STOP_MARKET);
        assertThat(stop.triggerPrice).isEqualTo(Fixed.parse("102"));
        assertThat(stop.price).isZero();
    }

    @Test
    void anEntryExpiresAfterItsBarsAndTheStrategyCanCancelOne() {
        strategy.next = d -> d.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0.01, 0).limit(90, 2);
        bar(0, "100");
        String first = venue.last().clientOrderId;
        bar(1, "100");
        assertThat(venue.canceled).isEmpty();
        bar(2, "100");
        assertThat(venue.canceled).containsExactly(first);
        assertThat(engine.ledger().get(ReasonCode.SKIP_ENTRY_EXPIRED)).isEqualTo(1);
        assertThat(strategy.pending).containsExactly(false, true, false);

        strategy.next = d -> d.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0.01, 0).limit(90, 0);
        bar(3, "100");
        String second = venue.last().clientOrderId;
        bar(4, "100");
        strategy.next = Decision::cancelEntry;
        bar(5, "100");
        assertThat(venue.canceled).containsExactly(first, second);
        assertThat(engine.ledger().get(ReasonCode.SKIP_ENTRY_CANCELED)).isEqualTo(1);
        strategy.next = Decision::cancelEntry;
        bar(6, "100"); // nothing resting: nothing to cancel
        assertThat(venue.canceled).hasSize(2);
    }

    @Test
    void aSnapshotKeepsTheBarsALimitEntryMayStillWait() {
        Next s = new Next();
        TradingEngineTest.FakeVenue va = new TradingEngineTest.FakeVenue();
        TradingEngine a = engine(s, va);
        s.next = d -> d.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0.01, 0).limit(90, 2);
        bar(a, 0);
        byte[] snap = a.snapshot();
        TradingEngineTest.FakeVenue vb = new TradingEngineTest.FakeVenue();
        Next s2 = new Next();
        TradingEngine b = engine(s2, vb);
        b.restore(snap);
        vb.submitted.addAll(b.workingOrders());
        bar(b, 1);
        bar(b, 2);
        assertThat(vb.canceled).as("the restored entry still expires on its second bar").hasSize(1);
    }

    @Test
    void theStrategySizesItsEntryByFractionNotionalOrRisk() {
        // equity 10,000, close 100, fee 0.1% kept inside the budget except for a fixed notional
        strategy.next = d -> d.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0.02, 0).sizeFraction(0.05);
        bar(0, "100");
        assertThat(venue.last().quantity).as("500 / 1.001 / 100 = 4.995005").isEqualTo(Fixed.parse("4.995"));
        venue.engine.onOrderCanceled(venue.last());

        strategy.next = d -> d.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0.02, 0).sizeNotional(500);
        bar(1, "100");
        assertThat(venue.last().quantity).as("500 / 100").isEqualTo(Fixed.parse("5"));
        venue.engine.onOrderCanceled(venue.last());

        strategy.next = d -> d.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0.02, 0).sizeRisk(0.005);
        bar(2, "100");
        // a 2% stop losing 0.5% of equity: 10,000 x 0.005 / 0.02 = 2,500 / 1.001 / 100 = 24.975
        assertThat(venue.last().quantity).isEqualTo(Fixed.parse("24.975"));
        Decision d = new Decision().enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0.02, 0).sizeRisk(0.005);
        assertThat(new RecordCodec().decision(0, d).toString()).contains("\"sz\":\"RISK\"", "\"sv\":0.005");
    }

    @Test
    void aPostOnlyEntryCarriesItsTimeInForceToTheVenueTheJournalAndASnapshot() {
        strategy.next = d -> d.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0.01, 0).limit(99, 0).postOnly();
        bar(0, "100");
        Order o = venue.last();
        assertThat(o.timeInForce).isEqualTo(dev.hft.core.TimeInForce.GTX);
        RecordCodec codec = new RecordCodec();
        assertThat(codec.submit(o).toString()).contains("\"tif\":\"GTX\"");
        Decision ioc = new Decision().enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0, 0).limit(99, 0).ioc();
        assertThat(codec.decision(0, ioc).toString()).contains("\"tif\":\"IOC\"");
        assertThat(codec.submit(new Order("x", 0, Side.BUY, OrderType.LIMIT, 1, 1, 0, false,
                ReasonCode.ENTRY_LIQ_LONG, 0, 1)).toString()).as("GTC is not written").doesNotContain("tif");

        TradingEngineTest.FakeVenue vb = new TradingEngineTest.FakeVenue();
        TradingEngine b = engine(new Next(), vb);
        b.restore(engine.snapshot());
        assertThat(b.workingOrders()).singleElement()
                .satisfies(w -> assertThat(w.timeInForce).isEqualTo(dev.hft.core.TimeInForce.GTX));
    }

    @Test
    void aTrailingStopGoesOutWithItsDistanceAndKeepsItThroughASnapshot() {
        strategy.next = d -> d.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0.015, 0).trailStop();
        bar(0, "100");
        venue.fill(venue.last(), "100", T0 + 60_000);
        Order stop = venue.last();
        assertThat(stop.type).isEqualTo(OrderType.STOP_MARKET);
        assertThat(stop.trailBps).isEqualTo(150);
        assertThat(stop.triggerPrice).as("its first level").isEqualTo(Fixed.parse("98.5"));
        assertThat(new RecordCodec().submit(stop).toString()).contains("\"trail\":150");
        TradingEngine b = engine(new Next(), new TradingEngineTest.FakeVenue());
        b.restore(engine.snapshot());
        assertThat(b.workingOrders()).singleElement().satisfies(w -> assertThat(w.trailBps).isEqualTo(150));
        assertThat(b.snapshot()).isEqualTo(engine.snapshot());
    }

    @Test
    void aStopLimitEntryIsRoundedAndSizedAtItsLimit() {
        strategy.next = d -> d.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0.01, 0)
                .stopLimit(101.004, 101.509, 0);
        bar(0, "100");
        Order o = venue.last();
        assertThat(o.type).isEqualTo(OrderType.STOP_LIMIT);
        assertThat(o.triggerPrice).isEqualTo(Fixed.parse("101"));
        assertThat(o.price).as("a buy's limit rounds down").isEqualTo(Fixed.parse("101.5"));
        assertThat(o.quantity).as("1,000 / 1.001 / 101.5").isEqualTo(Fixed.parse("9.842"));
        Decision d = new Decision().enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0, 0).stopLimit(101, 102, 0);
        assertThat(new RecordCodec().decision(0, d).toString()).contains("\"et\":\"STOP_LIMIT\"", "\"el\":102");
    }

    /** A venue whose cancels are confirmed only when the test says so, as live. */
    static final class SlowCancels extends TradingEngineTest.FakeVenue {
        @Override
        public void cancel(String id) {
            canceled.add(id);
        }
    }

    @Test
    void aReplacementLeavesOnlyOnceTheCancelIsConfirmedAndNeverIfTheOldOrderFilled() {
        SlowCancels v = new SlowCancels();
        Next s = new Next();
        TradingEngine e = engine(s, v);
        s.next = d -> d.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0.01, 0).limit(99, 0);
        bar(e, 0);
        Order first = v.last();
        s.next = d -> d.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0.01, 0).limit(99.5, 0).replacing();
        bar(e, 1);
        assertThat(v.canceled).containsExactly(first.clientOrderId);
        assertThat(v.submitted).as("nothing new before the cancel is confirmed").containsExactly(first);
        e.onOrderCanceled(first);
        assertThat(v.last().price).isEqualTo(Fixed.parse("99.5"));
        assertThat(e.workingOrders()).containsExactly(v.last());

        Order second = v.last();
        s.next = d -> d.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0.01, 0).limit(99.8, 0).replacing();
        bar(e, 2);
        v.fill(second, "99.5", T0 + 200_000); // it filled before the cancel landed: it stands, alone
        int sent = v.submitted.size();
        assertThat(e.positionQuantity(0)).isEqualTo(second.quantity);
        e.onOrderCanceled(second); // a late confirmation changes nothing
        assertThat(v.submitted).hasSize(sent);
        assertThat(v.submitted).noneMatch(o -> o.price == Fixed.parse("99.8"));
        assertThat(e.ledger().get(ReasonCode.SKIP_ENTRY_CANCELED)).isEqualTo(1);
        assertThat(new RecordCodec().decision(0, new Decision().enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG,
                1, 0, 0).limit(99, 0).replacing()).toString()).contains("\"rp\":true");
    }
}
