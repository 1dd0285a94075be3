package dev.hft.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.hft.backtest.data.BarSeries;
import dev.hft.backtest.data.KlineReader;
import dev.hft.core.Fixed;
import dev.hft.api.indicator.Atr;
import dev.hft.api.indicator.Ema;
import dev.hft.api.indicator.RangePosition;
import dev.hft.api.indicator.RollingExtreme;
import dev.hft.api.indicator.Sma;
import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each streaming indicator against values computed independently on real BTCUSDT 1-minute bars (3 days, 4,320
 * bars): exact decimal arithmetic for the averages, brute force over the window for the extremes.
 */
class IndicatorRealDataTest {
    private static BarSeries s;

    @BeforeAll
    static void load() {
        BarSeries all = KlineReader.read(SharedData.klines("BTCUSDT"), "BTCUSDT").series();
        s = all.slice(all.openTime(0), all.openTime(0) + 3 * 86_400_000L);
    }

    private static BigDecimal bd(long v) {
        return Fixed.toBigDecimal(v);
    }

    @Test
    void smaShouldMatchExactDecimalMeans() {
        for (int period : new int[] {10, 50, 200}) {
            Sma sma = new Sma(period);
            for (int i = 0; i < s.size(); i++) {
                sma.update(Fixed.toDouble(s.close(i)));
                if (i + 1 >= period) {
                    BigDecimal sum = BigDecimal.ZERO;
                    for (int k = i + 1 - period; k <= i; k++) {
                        sum = sum.add(bd(s.close(k)));
                    }
                    double expected = sum.divide(BigDecimal.valueOf(period), MathContext.DECIMAL128).doubleValue();
                    assertThat(sma.value()).as("SMA(%d) at %d", period, i).isCloseTo(expected, offset(1e-6));
                }
            }
        }
    }

    @Test
    void volumeAverageShouldMatchExactDecimalMeans() {
        Sma avg = new Sma(20);
        for (int i = 0; i < s.size(); i++) {
            avg.update(Fixed.toDouble(s.volume(i)));
            if (i >= 19) {
                BigDecimal sum = BigDecimal.ZERO;
                for (int k = i - 19; k <= i; k++) {
                    sum = sum.add(bd(s.volume(k)));
                }
                assertThat(avg.value()).isCloseTo(sum.divide(BigDecimal.valueOf(20), MathContext.DECIMAL128)
                        .doubleValue(), offset(1e-9));
            }
        }
    }

    @Test
    void emaShouldMatchADecimalRecursionSeededWithTheSma() {
        int period = 50;
        Ema ema = new Ema(period);
        BigDecimal alpha = BigDecimal.valueOf(2).divide(BigDecimal.valueOf(period + 1), MathContext.DECIMAL128);
        BigDecimal value = null;
        BigDecimal seed = BigDecimal.ZERO;
        for (int i = 0; i < s.size(); i++) {
            ema.update(Fixed.toDouble(s.close(i)));
            BigDecimal c = bd(s.close(i));
            if (i + 1 < period) {
                seed = seed.add(c);
                continue;
            }
            if (i + 1 == period) {
                value = seed.add(c).divide(BigDecimal.valueOf(period), MathContext.DECIMAL128);
            } else {
                value = value.add(alpha.multiply(c.subtract(value), MathContext.DECIMAL128), MathContext.DECIMAL128);
            }
            assertThat(ema.value()).as("EMA at %d", i).isCloseTo(value.doubleValue(), offset(1e-6));
        }
    }

    @Test
    void atrShouldMatchWilderOnDecimalTrueRanges() {
        int period = 14;
        Atr atr = new Atr(period);
        BigDecimal value = null;
        BigDecimal seed = BigDecimal.ZERO;
        for (int i = 0; i < s.size(); i++) {
            atr.update(Fixed.toDouble(s.high(i)), Fixed.toDouble(s.low(i)), Fixed.toDouble(s.close(i)));
            BigDecimal tr = bd(s.high(i) - s.low(i));
            if (i > 0) {
                tr = tr.max(bd(Math.abs(s.high(i) - s.close(i - 1)))).max(bd(Math.abs(s.low(i) - s.close(i - 1))));
            }
            if (i + 1 < period) {
                seed = seed.add(tr);
                continue;
            }
            if (i + 1 == period) {
                value = seed.add(tr).divide(BigDecimal.valueOf(period), MathContext.DECIMAL128);
            } else {
                value = value.multiply(BigDecimal.valueOf(period - 1)).add(tr)
                        .divide(BigDecimal.valueOf(period), MathContext.DECIMAL128);
            }
            assertThat(atr.value()).as("ATR at %d", i).isCloseTo(value.doubleValue(), offset(1e-6));
        }
    }

    @Test
    void rollingHighLowAndRangePositionShouldMatchBruteForce() {
        int period = 60;
        RollingExtreme hi = RollingExtreme.max(period);
        RollingExtreme lo = RollingExtreme.min(period);
        RangePosition pos = new RangePosition(period);
        for (int i = 0; i < s.size(); i++) {
            double h = Fixed.toDouble(s.high(i));
            double l = Fixed.toDouble(s.low(i));
            double c = Fixed.toDouble(s.close(i));
            hi.update(h);
            lo.update(l);
            pos.update(h, l, c);
            if (i + 1 >= period) {
                long maxH = Long.MIN_VALUE;
                long minL = Long.MAX_VALUE;
                for (int k = i + 1 - period; k <= i; k++) {
                    maxH = Math.max(maxH, s.high(k));
                    minL = Math.min(minL, s.low(k));
                }
                assertThat(hi.value()).isEqualTo(Fixed.toDouble(maxH));
                assertThat(lo.value()).isEqualTo(Fixed.toDouble(minL));
                double expected = (double) (s.close(i) - minL) / (maxH - minL);
                assertThat(pos.value()).isCloseTo(expected, offset(1e-9));
            }
        }
    }
}
