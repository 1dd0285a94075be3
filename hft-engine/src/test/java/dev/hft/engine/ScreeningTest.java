package dev.hft.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.api.Action;
import dev.hft.api.Decision;
import dev.hft.api.EntryScreen;
import dev.hft.api.PositionView;
import dev.hft.api.Strategy;
import dev.hft.api.StrategyContext;
import dev.hft.api.series.Input;
import dev.hft.api.series.Series;
import dev.hft.api.series.SeriesSpec;
import dev.hft.core.Bar;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.ReasonCode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A trial's engine: a screened strategy is asked to decide only where its screen lets it, and only while idle; a
 * screen that throws is dropped; the quiet-bar calls a trial makes change what {@code onBar} would have.
 */
class ScreeningTest {
    private static final Instrument INST = new Instrument("TEST", "T", "USDT", Fixed.parse("0.01"),
            Fixed.parse("0.001"), Fixed.parse("0.001"), Fixed.parse("5"));
    private static final long T0 = 1_704_067_200_000L;

    /** Buys when the close is above its 2-bar mean; the screen says the same from the series. */
    static final class AboveMean implements Strategy {
        final List<Long> decided = new ArrayList<>();
        Series mean;
        int screened;
        boolean screenThrows;

        @Override
        public String name() {
            return "above-mean";
        }

        @Override
        public int warmupBars() {
            return 2;
        }

        @Override
        public void onStart(StrategyContext context) {
            mean = context.series(SeriesSpec.sma(Input.CLOSE, 2));
        }

        @Override
        public EntryScreen entryScreen() {
            return i -> {
                screened++;
                if (screenThrows) {
                    throw new IllegalStateException("a bug in the screen");
                }
                return above();
            };
        }

        private boolean above() {
            return mean.count() >= 2 && Fixed.toDouble(lastClose) > mean.value();
        }

        long lastClose;
        /** What the hold screen answers; it counts its calls and throws when asked to. */
        boolean mayAct;
        boolean holdThrows;
        int held;

        @Override
        public dev.hft.api.HoldScreen holdScreen() {
            return (i, position) -> {
                held++;
                if (holdThrows) {
                    throw new IllegalStateException("a bug in the hold screen");
                }
                return mayAct;
            };
        }

        @Override
        public void onBar(Bar bar, PositionView position, Decision out) {
            decided.add(bar.close);
            if (position.quantity() == 0 && !position.orderPending() && above()) {
                out.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0.01, 0);
            } else {
                out.skip(ReasonCode.SKIP_NO_SIGNAL);
            }
        }
    }

    private final TradingEngineTest.FakeVenue venue = new TradingEngineTest.FakeVenue();
    private final AboveMean strategy = new AboveMean();
    private final TradingEngine engine = new TradingEngine(
            new EngineConfig(Fixed.of(10_000), 0.10, Fixed.parse("0.001")), List.of(INST), List.of(strategy), venue,
            new EngineListener() { }, "screening");

    {
        venue.engine = engine;
    }

    private Bar bar(int i, String close) {
        long c = Fixed.parse(close);
        strategy.lastClose = c;
        return new Bar().set(0, T0 + i * 60_000L, T0 + i * 60_000L + 59_999, c, c, c, c, Fixed.of(1));
    }

    @Test
    void aBacktestNeverAsksTheScreen() {
        for (int i = 0; i < 5; i++) {
            engine.onBar(bar(i, "100"));
        }
        assertThat(strategy.screened).isZero();
        assertThat(strategy.decided).hasSize(5);
        assertThat(engine.quiet()).as("not a trial").isFalse();
    }

    @Test
    void anIdleScreenedStrategyDecidesOnlyWhereItsScreenLetsIt() {
        engine.screenEntries();
        assertThat(engine.quiet()).isTrue();
        engine.onBar(bar(0, "100"));
        engine.onBar(bar(1, "100"));
        engine.onBar(bar(2, "99"));
        assertThat(strategy.decided).as("the screen said no three times").isEmpty();
        assertThat(engine.barsProcessed()).isEqualTo(3);
        assertThat(engine.ledger().nonZero()).doesNotContainKey(ReasonCode.SKIP_NO_SIGNAL);
        engine.onBar(bar(3, "101")); // above the mean of 99 and 101: the screen lets it decide, and it enters
        assertThat(strategy.decided).containsExactly(Fixed.parse("101"));
        assertThat(venue.submitted).hasSize(1);
        assertThat(engine.quiet()).as("an order is working").isFalse();
        venue.fill(venue.last(), "101", T0 + 4 * 60_000);
        engine.onBar(bar(4, "90")); // in position: decided on every bar, whatever the screen
        assertThat(strategy.decided).hasSize(2);
    }

    @Test
    void aScreenThatThrowsIsDroppedAndTheStrategyDecidesOnEveryBar() {
        engine.screenEntries();
        strategy.screenThrows = true;
        engine.onBar(bar(0, "100"));
        engine.onBar(bar(1, "100"));
        assertThat(strategy.screened).as("asked once, then dropped").isEqualTo(1);
        assertThat(strategy.decided).hasSize(2);
        assertThat(engine.strategyFailure(0)).as("the strategy itself did nothing wrong").isNull();
        assertThat(engine.quiet()).as("no screen: every bar goes to the strategy").isFalse();
    }

    /** Enters on bar 3 and fills: a position held with its protective stop (1% below 101) working. */
    private void holdAPosition() {
        engine.screenEntries();
        engine.onBar(bar(0, "100"));
        engine.onBar(bar(1, "100"));
        engine.onBar(bar(2, "99"));
        engine.onBar(bar(3, "101"));
        venue.fill(venue.last(), "101", T0 + 4 * 60_000);
    }

    @Test
    void aHeldBarPassesWhereTheHoldScreenSaysNoAndIsTheEnginesWhereItSaysYes() {
        assertThat(engine.held(0)).as("flat").isFalse();
        holdAPosition();
        assertThat(engine.held(0)).as("held with only its stop working").isTrue();
        assertThat(engine.quiet()).isTrue();
        int decided = strategy.decided.size();
        long held = engine.positionQuantity(0);

        assertThat(engine.passHeld(bar(4, "102"))).isTrue();
        assertThat(engine.lastPrice(0)).as("marked").isEqualTo(Fixed.parse("102"));
        assertThat(strategy.decided).as("not asked").hasSize(decided);

        strategy.mayAct = true; // the screen lets it act: nothing changes, the bar is the engine's
        String before = engine.stateDigest();
        assertThat(engine.passHeld(bar(5, "103"))).isFalse();
        assertThat(engine.lastPrice(0)).as("the mark taken back").isEqualTo(Fixed.parse("102"));
        assertThat(engine.stateDigest()).isEqualTo(before);

        strategy.mayAct = false;
        strategy.holdThrows = true; // a throwing hold screen is dropped, and says yes
        assertThat(engine.passHeld(bar(5, "103"))).isFalse();
        assertThat(engine.held(0)).as("no hold screen any more").isFalse();
        assertThat(engine.positionQuantity(0)).isEqualTo(held);
        assertThat(engine.strategyFailure(0)).as("the strategy itself did nothing wrong").isNull();
    }

    @Test
    void aHeldBarOnANewDayOrWithAnOrderPendingIsNeverPassed() {
        holdAPosition();
        assertThat(engine.passHeld(bar(24 * 60 + 5, "102"))).as("a new UTC day: the risk guard rolls its day")
                .isFalse();
        engine.killSwitch();
        assertThat(engine.held(0)).as("trading is not ACTIVE").isFalse();
    }

    @Test
    void quietBarsChangeWhatOnBarWouldHave() {
        engine.screenEntries();
        engine.onBar(bar(0, "100"));
        assertThat(engine.mayEnter(0)).isFalse();
        Bar last = bar(5, "102");
        engine.passed(last, 4);
        assertThat(engine.barsProcessed()).isEqualTo(5);
        assertThat(engine.lastPrice(0)).isEqualTo(Fixed.parse("102"));
        long dayLater = T0 + 86_400_000L + 59_999;
        engine.passDay(dayLater);
        assertThat(engine.risk().day()).isEqualTo(Math.floorDiv(dayLater, 86_400_000L));
        assertThat(engine.equity()).as("idle: equity is cash").isEqualTo(Fixed.of(10_000));
    }
}
