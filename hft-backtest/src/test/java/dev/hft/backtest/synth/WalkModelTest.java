package dev.hft.backtest.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hft.backtest.data.BarSeries;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.InstrumentTable;
import org.junit.jupiter.api.Test;

/** The walks the verdict is calibrated on: what each feature puts into the bars, and nothing else. */
class WalkModelTest {
    private static final long T0 = 1_704_067_200_000L;
    private static final int BARS = 60_000;
    private final Instrument btc = InstrumentTable.builtIn().find("BTCUSDT");
    private final double sigma0 = SymbolProfile.of("BTCUSDT").minuteVolatility();

    private SyntheticGenerator.Generated walk(WalkModel m) {
        return SyntheticGenerator.walk(btc, SymbolProfile.of("BTCUSDT"), 11, T0, BARS, m);
    }

    private static double[] logReturns(BarSeries s) {
        double[] r = new double[s.size() - 1];
        for (int i = 1; i < s.size(); i++) {
            r[i - 1] = Math.log(Fixed.toDouble(s.close(i)) / Fixed.toDouble(s.close(i - 1)));
        }
        return r;
    }

    @Test
    void aPlainWalkIsTheRandomWalkWithoutATrend() {
        BarSeries a = walk(WalkModel.PLAIN).series();
        BarSeries b = SyntheticGenerator.randomWalk(btc, SymbolProfile.of("BTCUSDT"), 11, T0, BARS, 0).series();
        for (int i = 0; i < a.size(); i += 997) {
            assertThat(a.close(i)).isEqualTo(b.close(i));
            assertThat(a.volume(i)).isEqualTo(b.volume(i));
        }
    }

    @Test
    void jumpsAreRareLargeMovesOfEitherSign() {
        double[] plain = logReturns(walk(WalkModel.PLAIN).series());
        double[] jumps = logReturns(walk(new WalkModel(0, false, 0.005, 0, 0)).series());
        int up = 0;
        int down = 0;
        for (double r : jumps) {
            up += r > 7 * sigma0 ? 1 : 0;
            down += r < -7 * sigma0 ? 1 : 0;
        }
        // 0.5% of 60,000 bars: about 300 jumps, half each way; a Gaussian walk has no 7-sigma bar
        assertThat(up + down).isBetween(240, 360);
        assertThat(up).isBetween((up + down) / 3, 2 * (up + down) / 3);
        assertThat(java.util.Arrays.stream(plain).filter(r -> Math.abs(r) > 7 * sigma0).count()).isZero();
    }

    @Test
    void clusteredVolatilityFattensTheTailsAndKeepsTheLevel() {
        double[] plain = logReturns(walk(WalkModel.PLAIN).series());
        double[] clustered = logReturns(walk(new WalkModel(0, true, 0, 0, 0)).series());
        assertThat(kurtosis(plain)).isBetween(2.8, 3.2);
        assertThat(kurtosis(clustered)).isGreaterThan(3.5);
        assertThat(sd(clustered) / sd(plain)).isBetween(0.85, 1.15);
    }

    @Test
    void aCascadeGivesBackTheShareOfItsMoveThePlantedReversionSays() {
        assertThat(meanGiveBack(0.9)).isBetween(-1.1, -0.7);
        assertThat(meanGiveBack(0)).isBetween(-0.2, 0.2);
    }

    /** Mean over cascades of the log move of the bars labelled after it, over the cascade bar's own move. */
    private double meanGiveBack(double reversion) {
        SyntheticGenerator.Generated g = walk(new WalkModel(0, false, 0, 1.0 / 600, reversion));
        double[] r = logReturns(g.series());
        double sum = 0;
        int cascades = 0;
        for (int i = 1; i < r.length; i++) {
            // the cascade bar: labelled, and a move of at least 10 sigmas where the previous bar was no cascade
            boolean start = g.regime(i + 1) == Regime.LIQUIDATION_CASCADE && g.regime(i) != Regime.LIQUIDATION_CASCADE
                    && Math.abs(r[i]) > 10 * sigma0;
            if (!start) {
                continue;
            }
            double back = 0;
            for (int j = i + 1; j < r.length && g.regime(j + 1) == Regime.LIQUIDATION_CASCADE; j++) {
                back += r[j];
            }
            sum += back / r[i];
            cascades++;
        }
        assertThat(cascades).as("about one cascade per 600 bars").isBetween(60, 140);
        return sum / cascades;
    }

    @Test
    void featuresAndBoundsAreChecked() {
        assertThat(WalkModel.PLAIN.planted()).isFalse();
        assertThat(WalkModel.trend(0.05).planted()).isTrue();
        assertThat(new WalkModel(0, true, 0.01, 0.01, 0).planted()).as("cascades that do not revert").isFalse();
        assertThat(new WalkModel(0, false, 0, 0.01, 0.5).planted()).isTrue();
        assertThat(new WalkModel(0, false, 0, 0, 0.5).planted()).as("reversion without cascades").isFalse();
        assertThatThrownBy(() -> new WalkModel(-0.1, false, 0, 0, 0)).hasMessageContaining("trend must be in [0, 1]");
        assertThatThrownBy(() -> new WalkModel(0, false, 1, 0, 0)).hasMessageContaining("jump rate");
        assertThatThrownBy(() -> new WalkModel(0, false, 0, -1, 0)).hasMessageContaining("cascade rate");
        assertThatThrownBy(() -> new WalkModel(0, false, 0, 0, 1.5)).hasMessageContaining("reversion must be");
    }

    private static double sd(double[] x) {
        double m = java.util.Arrays.stream(x).average().orElseThrow();
        return Math.sqrt(java.util.Arrays.stream(x).map(v -> (v - m) * (v - m)).sum() / (x.length - 1));
    }

    private static double kurtosis(double[] x) {
        double m = java.util.Arrays.stream(x).average().orElseThrow();
        double m2 = java.util.Arrays.stream(x).map(v -> Math.pow(v - m, 2)).average().orElseThrow();
        double m4 = java.util.Arrays.stream(x).map(v -> Math.pow(v - m, 4)).average().orElseThrow();
        return m4 / (m2 * m2);
    }
}
