package dev.hft.backtest.tape;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.api.EntryScreen;
import dev.hft.api.series.Input;
import dev.hft.api.series.Series;
import dev.hft.api.series.SeriesSpec;
import dev.hft.backtest.data.BarSeries;
import dev.hft.backtest.synth.SymbolProfile;
import dev.hft.backtest.synth.SyntheticGenerator;
import dev.hft.core.Instrument;
import dev.hft.core.InstrumentTable;
import dev.hft.engine.bus.EventBus;
import dev.hft.engine.sanitizer.SanitizerConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A keyed entry screen's answers, taken once for the whole tape and shared by the runs that ask for its key. */
class TapeScreenTest {
    private static final Instrument BTC = InstrumentTable.builtIn().find("BTCUSDT");
    private static final Instrument ETH = InstrumentTable.builtIn().find("ETHUSDT");

    private static Tape tape() {
        BarSeries btc = SyntheticGenerator.generate(BTC, SymbolProfile.of("BTCUSDT"), 7, 1_704_067_200_000L, 3000)
                .series();
        BarSeries eth = SyntheticGenerator.generate(ETH, SymbolProfile.of("ETHUSDT"), 8, 1_704_067_200_000L, 3000)
                .series();
        return Tape.prepare(List.of(BTC, ETH), List.of(btc, eth), SanitizerConfig.DEFAULT, 0);
    }

    @Test
    void theAnswersAreTheScreensOwnOnEveryAcceptedBarAndTheStageIsBackAtItsStart() {
        Tape tape = tape();
        Tape.Stage stage = tape.stage(new EventBus());
        Series fast = stage.series(1, SeriesSpec.sma(Input.CLOSE, 5));
        Series slow = stage.series(1, SeriesSpec.sma(Input.CLOSE, 30));
        EntryScreen screen = EntryScreen.keyed("cross 5/30", i -> Series.crossedAbove(fast, slow));
        long[] bits = tape.screen(1, screen, stage);
        assertThat(stage.lastAccepted(0)).as("the walk left the stage where a run starts").isEqualTo(-1);
        assertThat(stage.lastAccepted(1)).isEqualTo(-1);
        assertThat(fast.count()).isZero();

        int yes = 0;
        for (int k = 0; k < tape.size(); k++) { // the same walk by hand: the stage passes every (plain) bar
            assertThat(tape.plain(k)).as("clean data: every bar plain").isTrue();
            stage.pass(k);
            boolean says = tape.instrument(k) == 1 && screen.mayEnter(1);
            assertThat((bits[k >> 6] & (1L << k)) != 0).as("bar " + k).isEqualTo(says);
            yes += says ? 1 : 0;
        }
        assertThat(yes).as("the screen said yes somewhere, so the comparison means something").isPositive();

        Tape.Stage other = tape.stage(new EventBus());
        EntryScreen sameKey = EntryScreen.keyed("cross 5/30", i -> {
            throw new AssertionError("a key already answered is not asked again");
        });
        assertThat(tape.screen(1, sameKey, other)).isSameAs(bits);
    }

    @Test
    void aKeyedScreenThatThrowsIsNotSharedAndEachRunAsksItsOwn() {
        Tape tape = tape();
        Tape.Stage stage = tape.stage(new EventBus());
        int[] calls = {0};
        EntryScreen faulty = EntryScreen.keyed("faulty", i -> {
            if (++calls[0] == 100) {
                throw new IllegalStateException("a bug in the screen");
            }
            return true;
        });
        assertThat(tape.screen(0, faulty, stage)).isNull();
        assertThat(stage.lastAccepted(0)).isEqualTo(-1);
        assertThat(tape.screen(0, EntryScreen.keyed("faulty", i -> true), tape.stage(new EventBus())))
                .as("remembered as unusable").isNull();
    }
}
