package dev.hft.backtest.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hft.backtest.data.BarSeries;
import dev.hft.backtest.data.KlineReader;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.InstrumentTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticGeneratorTest {
    private static final long T0 = 1_704_067_200_000L;
    private final Instrument btc = InstrumentTable.builtIn().find("BTCUSDT");

    @TempDir
    Path tmp;

    private SyntheticGenerator.Generated gen(long seed, int bars) {
        return SyntheticGenerator.generate(btc, SymbolProfile.of("BTCUSDT"), seed, T0, bars);
    }

    @Test
    void sameSeedShouldGiveTheSameBarsAndAnotherSeedOthers() {
        BarSeries a = gen(7, 5_000).series();
        BarSeries b = gen(7, 5_000).series();
        BarSeries c = gen(8, 5_000).series();
        boolean differs = false;
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.close(i)).isEqualTo(a.close(i));
            assertThat(b.volume(i)).isEqualTo(a.volume(i));
            differs |= c.close(i) != a.close(i);
        }
        assertThat(differs).isTrue();
    }

    @Test
    void barsShouldBeValidOnTickAndContiguous() {
        BarSeries s = gen(42, 20_000).series();
        for (int i = 0; i < s.size(); i++) {
            assertThat(s.openTime(i)).isEqualTo(T0 + i * 60_000L);
            assertThat(s.high(i)).isGreaterThanOrEqualTo(Math.max(s.open(i), s.close(i)));
            assertThat(s.low(i)).isLessThanOrEqualTo(Math.min(s.open(i), s.close(i))).isPositive();
            assertThat(s.close(i) % btc.tickSize()).isZero();
            assertThat(s.volume(i)).isPositive();
            if (i > 0) {
                assertThat(s.open(i)).isEqualTo(s.close(i - 1));
            }
        }
        // realistic level: BTC stays within a plausible band over two weeks
        assertThat(Fixed.toDouble(s.close(s.size() - 1))).isBetween(20_000.0, 80_000.0);
    }

    @Test
    void sixtyDaysShouldLabelEveryRegimeAndCascadesShouldSpikeAndRevert() {
        SyntheticGenerator.Generated g = gen(42, 86_400);
        Map<Regime, Integer> counts = new EnumMap<>(Regime.class);
        for (int i = 0; i < g.series().size(); i++) {
            counts.merge(g.regime(i), 1, Integer::sum);
        }
        assertThat(counts.keySet()).containsExactlyInAnyOrder(Regime.TRENDING_UP, Regime.TRENDING_DOWN,
                Regime.RANGING, Regime.HIGH_VOLATILITY, Regime.LIQUIDATION_CASCADE); // RANDOM_WALK: randomWalk()
        // volume in cascades is well above volume elsewhere
        double cascadeVol = 0;
        double otherVol = 0;
        BarSeries s = g.series();
        for (int i = 0; i < s.size(); i++) {
            if (g.regime(i) == Regime.LIQUIDATION_CASCADE) {
                cascadeVol += Fixed.toDouble(s.volume(i));
            } else {
                otherVol += Fixed.toDouble(s.volume(i));
            }
        }
        double ratio = (cascadeVol / counts.get(Regime.LIQUIDATION_CASCADE))
                / (otherVol / (s.size() - counts.get(Regime.LIQUIDATION_CASCADE)));
        assertThat(ratio).as("cascade volume over normal volume").isGreaterThan(2.0);
        // high-volatility bars have wider ranges than ranging bars
        assertThat(meanRange(g, Regime.HIGH_VOLATILITY)).isGreaterThan(1.5 * meanRange(g, Regime.RANGING));
    }

    @Test
    void randomWalkIsSeededAndLabelsItsPlantedDrift() {
        var btc = dev.hft.core.InstrumentTable.builtIn().find("BTCUSDT");
        var p = SymbolProfile.of("BTCUSDT");
        SyntheticGenerator.Generated flat = SyntheticGenerator.randomWalk(btc, p, 1, T0, 5_000, 0);
        SyntheticGenerator.Generated again = SyntheticGenerator.randomWalk(btc, p, 1, T0, 5_000, 0);
        assertThat(again.series().close(4_999)).isEqualTo(flat.series().close(4_999));
        for (int i = 0; i < 5_000; i++) {
            assertThat(flat.regime(i)).isEqualTo(Regime.RANDOM_WALK);
        }
        SyntheticGenerator.Generated trend = SyntheticGenerator.randomWalk(btc, p, 1, T0, 50_000, 0.2);
        double up = 0;
        double down = 0;
        for (int i = 1; i < 50_000; i++) {
            double r = Math.log((double) trend.series().close(i) / trend.series().close(i - 1));
            if (trend.regime(i) == Regime.TRENDING_UP) {
                up += r;
            } else {
                assertThat(trend.regime(i)).isEqualTo(Regime.TRENDING_DOWN);
                down += r;
            }
        }
        assertThat(up).isPositive();
        assertThat(down).isNegative();
        assertThatThrownBy(() -> SyntheticGenerator.randomWalk(btc, p, 1, T0, 10, 1.5))
                .hasMessageContaining("trend must be in [0, 1]");
    }

    private static double meanRange(SyntheticGenerator.Generated g, Regime r) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < g.series().size(); i++) {
            if (g.regime(i) == r) {
                sum += Fixed.toDouble(g.series().high(i) - g.series().low(i)) / Fixed.toDouble(g.series().close(i));
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void writtenFilesShouldReadBackIdenticallyWithASidecarThatCoversEveryBar() throws IOException {
        SyntheticGenerator.Generated g = gen(3, 3 * 1440);
        Path dir = tmp.resolve("BTCUSDT");
        assertThat(KlineWriter.writeDaily(g.series(), "1m", dir)).isEqualTo(3);
        RegimeSidecar.write(dir, "1m", g.series(), g.regimes(), 3);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly(
                    "BTCUSDT-1m-2024-01-01.zip", "BTCUSDT-1m-2024-01-02.zip", "BTCUSDT-1m-2024-01-03.zip",
                    "BTCUSDT-1m-regimes.json");
        }
        BarSeries back = KlineReader.read(dir, "BTCUSDT").series();
        assertThat(back.size()).isEqualTo(g.series().size());
        for (int i = 0; i < back.size(); i++) {
            assertThat(back.openTime(i)).isEqualTo(g.series().openTime(i));
            assertThat(back.close(i)).isEqualTo(g.series().close(i));
            assertThat(back.high(i)).isEqualTo(g.series().high(i));
            assertThat(back.volume(i)).isEqualTo(g.series().volume(i));
        }
        JsonNode side = new ObjectMapper().readTree(dir.resolve("BTCUSDT-1m-regimes.json").toFile());
        long covered = 0;
        long expectNext = g.series().openTime(0);
        for (JsonNode seg : side.get("segments")) {
            assertThat(seg.get("fromOpenTimeMs").asLong()).isEqualTo(expectNext);
            covered += seg.get("bars").asLong();
            expectNext = seg.get("toOpenTimeMs").asLong() + 60_000;
        }
        assertThat(covered).isEqualTo(g.series().size());
        // same seed, same bytes
        Path again = tmp.resolve("again");
        KlineWriter.writeDaily(gen(3, 3 * 1440).series(), "1m", again);
        assertThat(Files.readAllBytes(again.resolve("BTCUSDT-1m-2024-01-02.zip")))
                .isEqualTo(Files.readAllBytes(dir.resolve("BTCUSDT-1m-2024-01-02.zip")));
    }
}
