package dev.hft.research;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.backtest.RunResult;
import dev.hft.backtest.BacktestRunner;
import dev.hft.backtest.data.BarSeries;
import dev.hft.backtest.synth.Regime;
import dev.hft.backtest.synth.RegimeSidecar;
import dev.hft.backtest.synth.SyntheticGenerator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegimesTest {
    @TempDir
    Path dir;

    @Test
    void classifierFindsPlantedTrendsAndIsCausal() {
        SyntheticGenerator.Generated g = SyntheticGenerator.randomWalk(
                dev.hft.core.InstrumentTable.builtIn().find("BTCUSDT"),
                dev.hft.backtest.synth.SymbolProfile.of("BTCUSDT"), 5, Fixtures.T0, 20 * 1440, 0.08);
        byte[] labels = Regimes.classify(g.series());
        assertThat(labels[0]).isEqualTo(Regimes.UNKNOWN);
        assertThat(labels[Regimes.WINDOW - 1]).isEqualTo(Regimes.UNKNOWN);
        int agree = 0;
        int trendCalls = 0;
        for (int i = Regimes.WINDOW; i < labels.length; i++) {
            Regime called = labels[i] < 0 ? null : Regime.values()[labels[i]];
            if (called == Regime.TRENDING_UP || called == Regime.TRENDING_DOWN) {
                trendCalls++;
                agree += called == g.regime(i) ? 1 : 0;
            }
        }
        assertThat(trendCalls).isGreaterThan(labels.length / 10); // the rule is strict: 2 sigma over 4 hours
        assertThat((double) agree / trendCalls).as("direction of trend calls matching the planted drift")
                .isGreaterThan(0.8);
        // causal: labels up to bar k do not change when the bars after k are cut away
        BarSeries cut = g.series().slice(Fixtures.T0, Fixtures.T0 + 10L * 86_400_000);
        byte[] cutLabels = Regimes.classify(cut);
        for (int i = 0; i < cut.size(); i++) {
            assertThat(cutLabels[i]).isEqualTo(labels[i]);
        }
    }

    @Test
    void pureRandomWalkIsMostlyRanging() {
        SyntheticGenerator.Generated g = SyntheticGenerator.randomWalk(
                dev.hft.core.InstrumentTable.builtIn().find("BTCUSDT"),
                dev.hft.backtest.synth.SymbolProfile.of("BTCUSDT"), 5, Fixtures.T0, 10 * 1440, 0);
        byte[] labels = Regimes.classify(g.series());
        long ranging = 0;
        for (byte b : labels) {
            ranging += b == Regime.RANGING.ordinal() ? 1 : 0;
        }
        assertThat((double) ranging / labels.length).isGreaterThan(0.8);
    }

    @Test
    void sidecarLabelsMatchTheGeneratorsAndTradesSplitByRegime() {
        SyntheticGenerator.Generated g = Fixtures.regimes(8, 15, "BTCUSDT");
        RegimeSidecar.write(dir, "1m", g.series(), g.regimes(), 8);
        byte[] read = Regimes.fromSidecar(dir.resolve(RegimeSidecar.fileName("BTCUSDT", "1m")), g.series());
        assertThat(read).isEqualTo(g.regimes());

        RunResult r = BacktestRunner.run(Fixtures.costFree("liquidation-hunter"),
                List.of(dev.hft.core.InstrumentTable.builtIn().find("BTCUSDT")), List.of(g.series()), "t");
        Map<String, Map<String, Object>> b = Regimes.breakdown(r, List.of(g.series()), List.of(read));
        int trades = b.values().stream().mapToInt(m -> (Integer) m.get("trades")).sum();
        assertThat(trades).isEqualTo(r.trades().size()).isPositive();
        double barsPct = b.values().stream().mapToDouble(m -> (Double) m.get("barsPct")).sum();
        assertThat(barsPct).isCloseTo(100.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(b).containsKey(Regime.LIQUIDATION_CASCADE.name());
    }
}
