package dev.hft.backtest.tape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hft.backtest.BacktestRunner;
import dev.hft.backtest.RunResult;
import dev.hft.backtest.RunSpec;
import dev.hft.backtest.data.BarSeries;
import dev.hft.backtest.synth.SymbolProfile;
import dev.hft.backtest.synth.SyntheticGenerator;
import dev.hft.core.Bar;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.InstrumentTable;
import dev.hft.core.ReasonCode;
import dev.hft.engine.EngineConfig;
import dev.hft.engine.bus.EventBus;
import dev.hft.engine.risk.RiskLimits;
import dev.hft.engine.sanitizer.SanitizerConfig;
import dev.hft.sim.FillModel;
import dev.hft.sim.IntrabarPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A trial that reads the market stage from a prepared tape is the backtest of the same spec and data, bit for bit:
 * on data the sanitizer rejects and freezes (gaps, a silent symbol, bad prints, duplicates), with the cost model's
 * slippage and impact (which read the statistics) and the spread gate, on one and two symbols.
 */
public class TapeTest {
    private static final long T0 = 1_704_067_200_000L;
    private static final Instrument BTC = InstrumentTable.builtIn().find("BTCUSDT");
    private static final Instrument ETH = InstrumentTable.builtIn().find("ETHUSDT");

    /** {@code days} of synthetic bars with every kind of trouble the sanitizer knows, placed by {@code seed}. */
    static BarSeries troubled(Instrument inst, long seed, int days) {
        BarSeries clean = SyntheticGenerator.generate(inst, SymbolProfile.of(inst.symbol()), seed, T0, days * 1440)
                .series();
        SplittableRandom r = new SplittableRandom(seed);
        BarSeries out = new BarSeries(inst.symbol(), 60_000, clean.size());
        Bar b = new Bar();
        for (int k = 0; k < clean.size(); k++) {
            clean.fill(k, 0, b);
            int roll = r.nextInt(4000);
            if (roll < 3) {
                k += 3 + r.nextInt(20); // a gap (a freeze), sometimes long enough to make the symbol stale
                continue;
            }
            long close = b.close;
            long high = b.high;
            if (roll < 5) { // a bad print: the close far away, the high with it (an outlier, not an OHLC error)
                close = inst.roundPrice(b.close + b.close / 8);
                high = Math.max(high, close);
            } else if (roll < 6) {
                high = b.low - inst.tickSize(); // inconsistent OHLC
            }
            out.add(b.openTimeMs, b.open, high, b.low, close, b.volume, 0, b.trades, b.takerBuyVolume);
            if (roll == 7) { // the same bar twice
                out.add(b.openTimeMs, b.open, high, b.low, close, b.volume, 0, b.trades, b.takerBuyVolume);
            }
        }
        return out;
    }

    static RunSpec spec(String strategy, Map<String, String> params, RiskLimits risk, long latencyMs) {
        EngineConfig engine = new EngineConfig(Fixed.of(10_000), 0.2, 0, SanitizerConfig.DEFAULT, risk);
        // the default fees and the spread and impact model: fills and the spread gate read the statistics
        return new RunSpec(strategy, params, engine, null, null, null, false, null, 1.0, FillModel.NEXT_OPEN,
                IntrabarPolicy.STOP_FIRST, latencyMs);
    }

    static Stream<Arguments> runs() {
        RiskLimits tight = new RiskLimits(1.5, 0.4, 0.8, 1.6, true, 90, 100, 5, 0.5, Fixed.of(1_000_000), 0, 1, 2);
        Map<String, String> smaFast = Map.of("fast", "5", "slow", "20");
        Map<String, String> hunter = Map.of("extreme", "0.05", "volumeSpike", "1.5");
        return Stream.of(
                Arguments.of("sma-cross, one symbol", spec("sma-cross", smaFast, RiskLimits.DEFAULT, 0), 1),
                Arguments.of("sma-cross, two symbols, latency", spec("sma-cross", smaFast, RiskLimits.DEFAULT, 40), 2),
                Arguments.of("liquidation hunter, one symbol", spec("liquidation-hunter", hunter, RiskLimits.DEFAULT,
                        0), 1),
                Arguments.of("liquidation hunter, two symbols, halts", spec("liquidation-hunter", hunter, tight, 0),
                        2),
                // one symbol and a keyed screen: flat runs are passed at once, the daily looks among them included
                Arguments.of("liquidation hunter, one symbol, halts", spec("liquidation-hunter", hunter, tight, 0),
                        1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void aTrialOnTheTapeIsTheBacktest(String name, RunSpec spec, int symbols) {
        List<Instrument> inst = symbols == 1 ? List.of(BTC) : List.of(BTC, ETH);
        List<BarSeries> data = new ArrayList<>();
        for (int i = 0; i < symbols; i++) {
            data.add(troubled(inst.get(i), 11 + i, 12));
        }
        RunResult plain = BacktestRunner.run(spec, inst, data, "plain");
        Tape tape = Tape.prepare(inst, data, spec.engine().sanitizer(), spec.latencyMs());
        RunResult trial = BacktestRunner.trial(spec, tape, "plain");
        assertSame(plain, trial);
        // the trouble happened, and the run traded through it
        assertThat(plain.reasons()).containsKeys(ReasonCode.SANITIZER_GAP, ReasonCode.SANITIZER_OHLC,
                ReasonCode.SANITIZER_DUPLICATE, ReasonCode.SANITIZER_THAW);
        assertThat(plain.trades()).hasSizeGreaterThan(3);
        assertThat(tape.size()).isEqualTo(data.stream().mapToInt(BarSeries::size).sum());
        // the tape is read, never written: a second trial on it is the same again
        assertSame(plain, BacktestRunner.trial(spec, tape, "plain"));
    }

    /** Asserts that trial {@code b} is run {@code a}: every figure, and every reason count but the spared skips. */
    public static void assertSame(RunResult a, RunResult b) {
        assertThat(b.trades()).isEqualTo(a.trades());
        assertThat(b.fills()).isEqualTo(a.fills());
        assertThat(b.equityTimeMs()).isEqualTo(a.equityTimeMs());
        assertThat(b.equity()).isEqualTo(a.equity());
        assertThat(b.finalCapital()).isEqualTo(a.finalCapital());
        assertThat(b.totalFees()).isEqualTo(a.totalFees());
        assertThat(b.bars()).isEqualTo(a.bars());
        // a trial does not ask a screened strategy on bars it would skip: every other count is the backtest's
        assertThat(withoutSkips(b.reasons())).isEqualTo(withoutSkips(a.reasons()));
        a.reasons().forEach((code, n) -> assertThat(b.reasons().getOrDefault(code, 0L)).isLessThanOrEqualTo(n));
        assertThat(b.ownReasons().stream().filter(o -> o.reason().kind() != ReasonCode.Kind.SKIP).toList())
                .isEqualTo(a.ownReasons().stream().filter(o -> o.reason().kind() != ReasonCode.Kind.SKIP).toList());
    }

    static Map<ReasonCode, Long> withoutSkips(Map<ReasonCode, Long> reasons) {
        Map<ReasonCode, Long> out = new java.util.TreeMap<>(reasons);
        out.keySet().removeIf(c -> c.kind() == ReasonCode.Kind.SKIP);
        return out;
    }

    @Test
    void aStageRefusesABarThatIsNotTheTapesNext() {
        Tape tape = Tape.prepare(List.of(BTC, ETH), List.of(troubled(BTC, 3, 1), troubled(ETH, 4, 1)),
                SanitizerConfig.DEFAULT, 0);
        Tape.Stage stage = tape.stage(new EventBus());
        Bar bar = new Bar();
        tape.fill(1, bar); // ETH's first bar, where BTC's is next
        assertThat(bar.instrument).isEqualTo(1);
        assertThatThrownBy(() -> stage.check(bar, bar.nowMs())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not the tape's bar 0");
        assertThatThrownBy(() -> stage.pass(5)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not the next bar");
    }

    @Test
    void aTrialRefusesATapeOfOtherSettings() {
        RunSpec spec = spec("sma-cross", Map.of(), RiskLimits.DEFAULT, 0);
        Tape tape = Tape.prepare(List.of(BTC), List.of(troubled(BTC, 3, 1)), SanitizerConfig.DEFAULT, 40);
        assertThatThrownBy(() -> BacktestRunner.trial(spec, tape, "t")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("other sanitizer thresholds or latency");
        Tape merged = Tape.merged(List.of(BTC), List.of(troubled(BTC, 3, 1)), 0);
        assertThat(merged.fits(SanitizerConfig.DEFAULT, 0)).isFalse();
        assertThatThrownBy(() -> merged.stage(new EventBus())).isInstanceOf(IllegalStateException.class);
    }
}
