package dev.hft.backtest.sanitizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.backtest.SharedData;
import dev.hft.backtest.data.BarSeries;
import dev.hft.backtest.data.KlineReader;
import dev.hft.core.Bar;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.InstrumentTable;
import dev.hft.core.Order;
import dev.hft.core.ReasonCode;
import dev.hft.engine.EngineConfig;
import dev.hft.engine.EngineListener;
import dev.hft.engine.TradingEngine;
import dev.hft.engine.bus.EventBus;
import dev.hft.engine.cost.FlatFeeModel;
import dev.hft.engine.cost.SlippageModel;
import dev.hft.engine.sanitizer.Sanitizer;
import dev.hft.engine.sanitizer.SanitizerConfig;
import dev.hft.api.Action;
import dev.hft.api.Decision;
import dev.hft.api.PositionView;
import dev.hft.api.Strategy;
import dev.hft.sim.FillModel;
import dev.hft.sim.IntrabarPolicy;
import dev.hft.sim.SimulatedExchange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real liquidation cascade (ETHUSDT 2024-02-28 17:31 UTC: -5.4% in one minute on 19,350 ETH) against bad prints
 * planted in the same day: the sanitizer accepts the cascade and the move after it, and rejects the prints; an
 * engine whose strategy buys sharp falls trades the cascade and never the prints.
 */
class CascadeTest {
    private static final long DAY = 1_709_078_400_000L; // 2024-02-28T00:00Z
    private static final long CASCADE = DAY + (17 * 60 + 31) * 60_000L;
    private static final long PRINT_UP = DAY + 12 * 60 * 60_000L; // 12:00: 10x with ordinary volume
    private static final long PRINT_DOWN = DAY + 14 * 60 * 60_000L; // 14:00: -50%, huge volume, at that price all bar

    private final Instrument eth = InstrumentTable.builtIn().find("ETHUSDT");
    private List<Bar> bars;

    @BeforeEach
    void load() {
        BarSeries day = KlineReader.read(SharedData.day("ETHUSDT", "2024-02-28"), "ETHUSDT").series();
        bars = new ArrayList<>();
        for (int i = 0; i < day.size(); i++) {
            Bar b = day.fill(i, 0, new Bar());
            b.receiveTimeMs = b.closeTimeMs + 1;
            Bar prev = bars.isEmpty() ? null : bars.get(bars.size() - 1);
            if (b.openTimeMs == PRINT_UP) { // one trade printed ten times too high, volume as usual
                b.open = prev.close;
                b.close = prev.close * 10;
                b.high = b.close;
                b.low = Math.min(b.open, b.low);
            } else if (b.openTimeMs == PRINT_DOWN) { // a bar at half the price from its open, volume 100x
                long half = eth.roundPrice(prev.close / 2);
                b.open = half;
                b.high = half;
                b.low = half;
                b.close = half;
                b.volume *= 100;
                b.trades *= 100;
            }
            bars.add(b);
        }
    }

    @Test
    void theCascadeIsAcceptedAndTheBadPrintsAreRejected() {
        Sanitizer s = new Sanitizer(SanitizerConfig.DEFAULT, new Instrument[] {eth}, new EventBus());
        Map<Long, ReasonCode> outcome = new LinkedHashMap<>();
        List<Long> confirmed = new ArrayList<>();
        for (Bar b : bars) {
            ReasonCode r = s.onBar(b, b.receiveTimeMs);
            if (r != null) {
                outcome.put(b.openTimeMs, r);
            }
            if (s.confirmedMove()) {
                confirmed.add(b.openTimeMs);
            }
        }
        assertThat(outcome).as("only the two planted prints are rejected").containsOnlyKeys(PRINT_UP, PRINT_DOWN)
                .containsEntry(PRINT_UP, ReasonCode.SANITIZER_OUTLIER)
                .containsEntry(PRINT_DOWN, ReasonCode.SANITIZER_OUTLIER);
        assertThat(confirmed).as("the cascade, corroborated (its rebound is no outlier by then)").contains(CASCADE);
        assertThat(s.isFrozen(0)).isFalse();
        assertThat(s.count(0, ReasonCode.SANITIZER_MOVE_CONFIRMED)).isEqualTo(confirmed.size());
    }

    /** Buys a close more than 4% below the previous close it saw; exits after five bars. */
    static final class BuyTheFall implements Strategy {
        long previous;
        int held;

        @Override
        public String name() {
            return "buy-the-fall";
        }

        @Override
        public int warmupBars() {
            return 0;
        }

        @Override
        public void onBar(Bar bar, PositionView position, Decision out) {
            boolean fell = previous > 0 && bar.close < previous * 0.96;
            previous = bar.close;
            if (position.quantity() != 0 && ++held >= 5) {
                held = 0;
                out.exit(ReasonCode.EXIT_SIGNAL);
            } else if (position.quantity() == 0 && fell) {
                out.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0.05, 0);
            } else {
                out.skip(ReasonCode.SKIP_NO_SIGNAL);
            }
        }
    }

    @Test
    void anEngineBuyingSharpFallsTradesTheCascadeAndNeverAPrint() {
        SimulatedExchange venue = new SimulatedExchange(List.of(eth), FlatFeeModel.ofBps(10), SlippageModel.NONE,
                FillModel.NEXT_OPEN, IntrabarPolicy.STOP_FIRST);
        List<Order> entries = new ArrayList<>();
        TradingEngine engine = new TradingEngine(new EngineConfig(Fixed.of(10_000), 0.10, Fixed.parse("0.001")),
                List.of(eth), List.of(new BuyTheFall()), venue, new EngineListener() {
                    @Override
                    public void onOrderSubmitted(Order o) {
                        if (!o.reduceOnly) {
                            entries.add(o);
                        }
                    }
                }, "cascade");
        venue.setListener(engine);
        for (Bar b : bars) {
            engine.onBar(b);
        }
        // an order is decided when its bar is received: the close plus 1 ms here
        assertThat(entries).extracting(o -> o.decisionTimeMs).as("decided on the cascade's close")
                .contains(CASCADE + 60_000);
        assertThat(entries).extracting(o -> o.decisionTimeMs).as("never on a print or the bar after it")
                .doesNotContain(PRINT_UP + 60_000, PRINT_UP + 120_000, PRINT_DOWN + 60_000, PRINT_DOWN + 120_000);
        assertThat(engine.ledger().get(ReasonCode.SANITIZER_MOVE_CONFIRMED)).isPositive();
        assertThat(engine.ledger().get(ReasonCode.SANITIZER_OUTLIER)).isEqualTo(2);
    }
}
