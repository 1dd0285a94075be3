package dev.hft.engine.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The streaming indicators on numbers small enough to check by hand (ta4j comparisons: IndicatorLibraryTest). */
class IndicatorBatchTest {
    @Test
    void rsiSeedsWithTheMeanChangeThenSmoothsLikeWilder() {
        Rsi r = new Rsi(2);
        r.update(10);
        r.update(12); // +2
        assertThat(r.isReady()).isFalse();
        assertThat(r.value()).isNaN();
        r.update(11); // -1: gain 1, loss 0.5 -> RS 2 -> 66.67
        assertThat(r.value()).isCloseTo(100 - 100 / 3.0, within(1e-12));
        r.update(14); // +3: gain (1 + 3) / 2 = 2, loss (0.5 + 0) / 2 = 0.25 -> RS 8
        assertThat(r.value()).isCloseTo(100 - 100 / 9.0, within(1e-12));
        Rsi flat = new Rsi(1);
        flat.update(5);
        flat.update(5);
        assertThat(flat.value()).isEqualTo(50);
        assertThatThrownBy(() -> new Rsi(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wmaWeighsTheNewestMostAndStaysExactAcrossItsRebuilds() {
        Wma w = new Wma(3);
        w.update(1);
        w.update(2);
        assertThat(w.value()).isNaN();
        w.update(3); // (1 + 4 + 9) / 6
        assertThat(w.value()).isCloseTo(14 / 6.0, within(1e-12));
        w.update(4); // (2 + 6 + 12) / 6
        assertThat(w.value()).isCloseTo(20 / 6.0, within(1e-12));
        for (int x = 5; x <= 100; x++) {
            w.update(x);
        }
        assertThat(w.value()).isCloseTo((98 + 2 * 99 + 3 * 100) / 6.0, within(1e-9));
    }

    @Test
    void rocBollingerChannelAndObvByHand() {
        Roc roc = new Roc(2);
        roc.update(100);
        roc.update(105);
        assertThat(roc.value()).isNaN();
        roc.update(110); // (110 - 100) / 100
        assertThat(roc.value()).isCloseTo(10, within(1e-12));
        assertThat(roc.unstableBars()).isEqualTo(3);

        Bollinger b = new Bollinger(4, 2);
        for (double x : new double[] {2, 4, 4, 6}) {
            b.update(x);
        }
        // mean 4, population variance (4 + 0 + 0 + 4) / 4 = 2
        assertThat(b.value()).isCloseTo(4, within(1e-12));
        assertThat(b.stdDev()).isCloseTo(Math.sqrt(2), within(1e-12));
        assertThat(b.upper()).isCloseTo(4 + 2 * Math.sqrt(2), within(1e-12));
        assertThat(b.lower()).isCloseTo(4 - 2 * Math.sqrt(2), within(1e-12));
        assertThat(b.width()).isCloseTo(Math.sqrt(2), within(1e-12));
        assertThat(b.zScore()).isCloseTo(2 / Math.sqrt(2), within(1e-12));
        assertThat(b.count()).isEqualTo(4);

        Channel c = new Channel(3);
        c.update(10, 8, 9);
        c.update(12, 9, 11);
        assertThat(c.value()).isNaN();
        c.update(11, 7, 10); // channel 7..12
        assertThat(c.upper()).isEqualTo(12);
        assertThat(c.lower()).isEqualTo(7);
        assertThat(c.middle()).isEqualTo(9.5);
        assertThat(c.value()).isCloseTo(60, within(1e-12));
        assertThat(c.williamsR()).isCloseTo(-40, within(1e-12));
        Channel flat = new Channel(1);
        flat.update(5, 5, 5);
        assertThat(flat.value()).isEqualTo(50);
        assertThat(flat.williamsR()).isEqualTo(-50);

        Obv o = new Obv();
        assertThat(o.value()).isNaN();
        o.update(10, 5);
        o.update(11, 3);
        o.update(9, 2);
        o.update(9, 7);
        assertThat(o.value()).isEqualTo(1);
        assertThat(o.isReady()).isTrue();
    }
}
