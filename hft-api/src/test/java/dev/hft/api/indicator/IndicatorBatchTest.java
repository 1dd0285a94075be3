package dev.hft.api.indicator;

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

    @Test
    void emaFamilyHullVwapAndStochasticRsiByHand() throws Exception {
        Macd m = new Macd(2, 3, 2);
        for (double x : new double[] {1, 2, 3}) {
            m.update(x);
        }
        // EMA2 seeded with mean(1,2)=1.5 then 1.5 + 2/3 (3 - 1.5) = 2.5; EMA3 = mean(1,2,3) = 2
        assertThat(m.value()).isCloseTo(0.5, within(1e-12));
        assertThat(m.signal()).isNaN();
        m.update(4); // EMA2 = 2.5 + 2/3 * 1.5 = 3.5; EMA3 = 2 + 0.5 * 2 = 3 -> MACD 0.5; signal mean(0.5, 0.5)
        assertThat(m.value()).isCloseTo(0.5, within(1e-12));
        assertThat(m.signal()).isCloseTo(0.5, within(1e-12));
        assertThat(m.histogram()).isCloseTo(0, within(1e-12));
        assertThatThrownBy(() -> new Macd(3, 2, 2)).isInstanceOf(IllegalArgumentException.class);

        MultiEma dema = MultiEma.dema(1); // EMA of period 1 is the value itself: DEMA = 2x - x = x
        MultiEma tema = MultiEma.tema(1);
        dema.update(7);
        tema.update(7);
        assertThat(dema.value()).isEqualTo(7);
        assertThat(tema.value()).isEqualTo(7);

        Hma h = new Hma(4); // WMA(2) and WMA(4), then WMA(2) of 2*WMA2 - WMA4
        for (double x : new double[] {1, 2, 3, 4, 5}) {
            h.update(x);
        }
        // WMA2 = 14/3, WMA4 = 4 at the last value; 13/3 before: (13/3 + 2 * 16/3) / 3 = 5, no lag on a line
        assertThat(h.value()).isCloseTo(5, within(1e-12));
        assertThat(h.isReady()).isTrue();

        Vwap v = new Vwap(2);
        v.update(11, 9, 10, 1); // typical 10
        v.update(21, 19, 20, 3); // typical 20
        assertThat(v.value()).isCloseTo((10 + 60) / 4.0, within(1e-12));
        Vwap none = new Vwap(1);
        none.update(1, 1, 1, 0);
        assertThat(none.value()).isNaN();

        StochRsi sr = new StochRsi(2);
        for (double x : new double[] {10, 12, 11, 14, 13}) {
            sr.update(x);
        }
        assertThat(sr.value()).isBetween(0.0, 1.0);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        sr.writeState(out);
        Roc roc = new Roc(1);
        Obv obv = new Obv();
        Channel ch = new Channel(2);
        Bollinger bb = new Bollinger(2, 1);
        for (double x : new double[] {3, 4, 2}) {
            roc.update(x);
            obv.update(x, 1);
            ch.update(x + 1, x - 1, x);
            bb.update(x);
        }
        roc.writeState(out);
        obv.writeState(out);
        ch.writeState(out);
        bb.writeState(out);
        v.writeState(out);
        h.writeState(out);
        m.writeState(out);
        dema.writeState(out);
        StochRsi sr2 = new StochRsi(2);
        Vwap v2 = new Vwap(2);
        Hma h2 = new Hma(4);
        Macd m2 = new Macd(2, 3, 2);
        MultiEma d2 = MultiEma.dema(1);
        java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()));
        sr2.readState(in);
        Roc roc2 = new Roc(1);
        Obv obv2 = new Obv();
        Channel ch2 = new Channel(2);
        Bollinger bb2 = new Bollinger(2, 1);
        roc2.readState(in);
        obv2.readState(in);
        ch2.readState(in);
        bb2.readState(in);
        assertThat(roc2.value()).isEqualTo(roc.value());
        assertThat(obv2.value()).isEqualTo(obv.value());
        assertThat(ch2.williamsR()).isEqualTo(ch.williamsR());
        assertThat(bb2.upper()).isEqualTo(bb.upper());
        v2.readState(in);
        h2.readState(in);
        m2.readState(in);
        d2.readState(in);
        sr.update(15);
        sr2.update(15);
        assertThat(sr2.value()).isEqualTo(sr.value());
        assertThat(v2.value()).isEqualTo(v.value());
        assertThat(h2.value()).isEqualTo(h.value());
        assertThat(m2.value()).isEqualTo(m.value());
        assertThat(d2.value()).isEqualTo(dema.value());
    }

    @Test
    void ichimokuKamaAndRegressionSlopeByHand() throws Exception {
        Ichimoku ich = new Ichimoku(2, 3, 4);
        double[][] bars = {{10, 8}, {12, 9}, {11, 7}, {13, 10}};
        for (double[] b : bars) {
            ich.update(b[0], b[1], (b[0] + b[1]) / 2);
        }
        assertThat(ich.tenkanSen()).isEqualTo((13 + 7) / 2.0); // last 2: highs 11, 13; lows 7, 10
        assertThat(ich.value()).isEqualTo((13 + 7) / 2.0); // last 3
        assertThat(ich.senkouSpanA()).isEqualTo(10);
        assertThat(ich.senkouSpanB()).isEqualTo((13 + 7) / 2.0); // all 4
        assertThat(ich.isReady()).isTrue();

        Kama k = new Kama(2, 2, 30);
        k.update(10);
        k.update(11);
        assertThat(k.value()).as("the first period values as they are").isEqualTo(11);
        k.update(12); // er = |12 - 10| / (1 + 1) = 1: sc = (2/3)^2
        assertThat(k.value()).isCloseTo(11 + 4 / 9.0, within(1e-12));
        k.update(12); // er = |12 - 11| / (1 + 0) = 1 again
        assertThat(k.value()).isCloseTo(11 + 4 / 9.0 + 4 / 9.0 * (12 - 11 - 4 / 9.0), within(1e-12));

        RegressionSlope slope = new RegressionSlope(3);
        for (double x : new double[] {5, 7, 9}) {
            slope.update(x);
        }
        assertThat(slope.value()).isCloseTo(2, within(1e-12));
        for (double x : new double[] {9, 9, 9, 8, 7}) {
            slope.update(x);
        }
        assertThat(slope.value()).isCloseTo(-1, within(1e-12)); // 9, 8, 7
        assertThatThrownBy(() -> new RegressionSlope(1)).isInstanceOf(IllegalArgumentException.class);

        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        ich.writeState(out);
        k.writeState(out);
        slope.writeState(out);
        Ichimoku ich2 = new Ichimoku(2, 3, 4);
        Kama k2 = new Kama(2, 2, 30);
        RegressionSlope slope2 = new RegressionSlope(3);
        java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()));
        ich2.readState(in);
        k2.readState(in);
        slope2.readState(in);
        k.update(13);
        k2.update(13);
        slope.update(6);
        slope2.update(6);
        assertThat(ich2.senkouSpanB()).isEqualTo(ich.senkouSpanB());
        assertThat(k2.value()).isEqualTo(k.value());
        assertThat(slope2.value()).isEqualTo(slope.value());
    }

    @Test
    void adxKeltnerCciMfiSessionVwapAndMomentumByHand() throws Exception {
        Adx adx = new Adx(2);
        // a steady rise: all movement up (+DM 1 a bar over a true range of 1.5), so the ADX climbs to 100
        for (int k = 0; k < 10; k++) {
            adx.update(10 + k + 1, 10 + k, 10 + k + 0.5);
        }
        assertThat(adx.minusDi()).isEqualTo(0);
        assertThat(adx.plusDi()).isCloseTo(200 / 3.0, within(1e-9));
        assertThat(adx.value()).isCloseTo(100, within(1e-9));

        Keltner kc = new Keltner(1, 1, 2);
        kc.update(12, 8, 10); // middle = typical 10; ATR = 4
        assertThat(kc.value()).isCloseTo(10, within(1e-12));
        assertThat(kc.upper()).isCloseTo(18, within(1e-12));
        assertThat(kc.lower()).isCloseTo(2, within(1e-12));

        Cci cci = new Cci(3);
        cci.update(3, 3, 3);
        cci.update(6, 6, 6);
        cci.update(9, 9, 9); // tp 3, 6, 9: mean 6, mean deviation 2: (9 - 6) / (0.015 * 2) = 100
        assertThat(cci.value()).isCloseTo(100, within(1e-9));

        Mfi mfi = new Mfi(2);
        mfi.update(10, 10, 10, 1);
        mfi.update(12, 12, 12, 1); // up: +12
        mfi.update(11, 11, 11, 2); // down: -22
        assertThat(mfi.value()).isCloseTo(100 - 100 / (1 + 12 / 22.0), within(1e-9));
        Mfi up = new Mfi(1);
        up.update(1, 1, 1, 1);
        up.update(2, 2, 2, 1);
        assertThat(up.value()).isEqualTo(100);

        SessionVwap sv = new SessionVwap();
        long day = 86_400_000L;
        sv.update(day - 60_000, 10, 10, 10, 5);
        sv.update(day, 20, 20, 20, 1); // a new UTC day starts afresh
        sv.update(day + 60_000, 30, 30, 30, 1);
        assertThat(sv.value()).isCloseTo(25, within(1e-12));
        assertThatThrownBy(() -> new SessionVwap(0)).isInstanceOf(IllegalArgumentException.class);

        Momentum m = new Momentum(2);
        m.update(5);
        m.update(6);
        assertThat(m.value()).isNaN();
        m.update(9);
        assertThat(m.value()).isEqualTo(4);

        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        for (dev.hft.api.state.Snapshottable x : new dev.hft.api.state.Snapshottable[] {adx, kc, cci, mfi,
            sv, m}) {
            x.writeState(out);
        }
        Adx adx2 = new Adx(2);
        Keltner kc2 = new Keltner(1, 1, 2);
        Cci cci2 = new Cci(3);
        Mfi mfi2 = new Mfi(2);
        SessionVwap sv2 = new SessionVwap();
        Momentum m2 = new Momentum(2);
        java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()));
        for (dev.hft.api.state.Snapshottable x : new dev.hft.api.state.Snapshottable[] {adx2, kc2, cci2,
            mfi2, sv2, m2}) {
            x.readState(in);
        }
        assertThat(adx2.value()).isEqualTo(adx.value());
        assertThat(kc2.upper()).isEqualTo(kc.upper());
        assertThat(cci2.value()).isEqualTo(cci.value());
        assertThat(mfi2.value()).isEqualTo(mfi.value());
        assertThat(sv2.value()).isEqualTo(sv.value());
        assertThat(m2.value()).isEqualTo(m.value());
    }

    @Test
    void parabolicSarFollowsARiseAndReversesOnAPenetration() throws Exception {
        ParabolicSar p = new ParabolicSar(0.1, 0.1, 0.3);
        p.update(11, 9, 10);
        assertThat(p.value()).isNaN();
        p.update(12, 10, 11); // rising: the stop starts at the lower low (9), the extreme point at 12
        assertThat(p.rising()).isTrue();
        assertThat(p.value()).isEqualTo(9);
        p.update(13, 11, 12); // 9 + 0.1 (12 - 9) = 9.3, kept at or below the last two lows (10, 9): 9; af 0.2
        assertThat(p.value()).isCloseTo(9, within(1e-12));
        p.update(14, 12, 13); // 9 + 0.2 (13 - 9) = 9.8, below the last two lows (11, 10); af 0.3
        assertThat(p.value()).isCloseTo(9.8, within(1e-12));
        p.update(14.5, 9.5, 10); // 9.8 + 0.3 (14 - 9.8) = 11.06 > low 9.5: reversal; the stop is the extreme
        assertThat(p.rising()).isFalse(); // point 14, kept above the last two highs (14, 13)
        assertThat(p.value()).isEqualTo(14);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        p.writeState(new java.io.DataOutputStream(bytes));
        ParabolicSar q = new ParabolicSar(0.1, 0.1, 0.3);
        q.readState(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
        p.update(10, 9, 9.5);
        q.update(10, 9, 9.5);
        assertThat(q.value()).isEqualTo(p.value());
        assertThatThrownBy(() -> new ParabolicSar(0, 0.1, 0.2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void superTrendRatchetsItsBandsAndTurnsOnACloseThroughTheLine() throws Exception {
        SuperTrend st = new SuperTrend(1, 1); // ATR(1) is the bar's true range
        st.update(11, 9, 10); // median 10, range 2: bands 12 / 8; the first bar starts down, on the upper band
        assertThat(st.upTrend()).isFalse();
        assertThat(st.value()).isEqualTo(12);
        st.update(12, 10, 11); // basic upper 13 may not raise the upper band (12) while the close stays below it
        assertThat(st.upper()).isEqualTo(12);
        assertThat(st.lower()).isEqualTo(9);
        assertThat(st.value()).isEqualTo(12);
        st.update(14, 12, 13.5); // close 13.5 above the upper band 12: the trend turns up, the line is the lower band
        assertThat(st.upTrend()).isTrue();
        assertThat(st.value()).isEqualTo(10);
        st.update(14, 13, 13.8); // previous close above the upper band: it resets to basic 14.5; lower rises to 12.5
        assertThat(st.upper()).isEqualTo(14.5);
        assertThat(st.value()).isEqualTo(12.5);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        st.writeState(new java.io.DataOutputStream(bytes));
        SuperTrend copy = new SuperTrend(1, 1);
        copy.readState(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
        st.update(13.9, 11, 11.5); // basic lower 9.55 may not lower the lower band; close 11.5 below 12.5: down
        copy.update(13.9, 11, 11.5);
        assertThat(st.lower()).isEqualTo(12.5);
        assertThat(st.upTrend()).isFalse();
        assertThat(st.value()).isEqualTo(14.5);
        assertThat(copy.value()).isEqualTo(st.value());
        assertThat(copy.upTrend()).isFalse();
        assertThatThrownBy(() -> new SuperTrend(10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
