package dev.hft.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.backtest.SharedData;
import dev.hft.backtest.data.BarSeries;
import dev.hft.backtest.data.KlineReader;
import dev.hft.core.Fixed;
import dev.hft.api.indicator.Adx;
import dev.hft.api.indicator.Bollinger;
import dev.hft.api.indicator.Cci;
import dev.hft.api.indicator.Keltner;
import dev.hft.api.indicator.Channel;
import dev.hft.api.indicator.Hma;
import dev.hft.api.indicator.Ichimoku;
import dev.hft.api.indicator.Kama;
import dev.hft.api.indicator.RegressionSlope;
import dev.hft.api.indicator.Macd;
import dev.hft.api.indicator.MultiEma;
import dev.hft.api.indicator.StochRsi;
import dev.hft.api.indicator.Vwap;
import dev.hft.api.indicator.Obv;
import dev.hft.api.indicator.ParabolicSar;
import dev.hft.api.indicator.Roc;
import dev.hft.api.indicator.SuperTrend;
import dev.hft.api.indicator.Rsi;
import dev.hft.api.indicator.Wma;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.CCIIndicator;
import org.ta4j.core.indicators.DoubleEMAIndicator;
import org.ta4j.core.indicators.adx.ADXIndicator;
import org.ta4j.core.indicators.adx.MinusDIIndicator;
import org.ta4j.core.indicators.adx.PlusDIIndicator;
import org.ta4j.core.indicators.keltner.KeltnerChannelMiddleIndicator;
import org.ta4j.core.indicators.keltner.KeltnerChannelUpperIndicator;
import org.ta4j.core.indicators.HMAIndicator;
import org.ta4j.core.indicators.KAMAIndicator;
import org.ta4j.core.indicators.ichimoku.IchimokuKijunSenIndicator;
import org.ta4j.core.indicators.ichimoku.IchimokuSenkouSpanBIndicator;
import org.ta4j.core.indicators.ichimoku.IchimokuTenkanSenIndicator;
import org.ta4j.core.indicators.statistics.SimpleLinearRegressionIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.ParabolicSarIndicator;
import org.ta4j.core.indicators.ROCIndicator;
import org.ta4j.core.indicators.StochasticRSIIndicator;
import org.ta4j.core.indicators.TripleEMAIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.StochasticOscillatorKIndicator;
import org.ta4j.core.indicators.WMAIndicator;
import org.ta4j.core.indicators.WilliamsRIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.helpers.HighPriceIndicator;
import org.ta4j.core.indicators.helpers.HighestValueIndicator;
import org.ta4j.core.indicators.helpers.LowPriceIndicator;
import org.ta4j.core.indicators.helpers.LowestValueIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.indicators.supertrend.SuperTrendIndicator;
import org.ta4j.core.indicators.supertrend.SuperTrendLowerBandIndicator;
import org.ta4j.core.indicators.supertrend.SuperTrendUpperBandIndicator;
import org.ta4j.core.indicators.volume.OnBalanceVolumeIndicator;
import org.ta4j.core.indicators.volume.VWAPIndicator;
import org.ta4j.core.num.Num;

/**
 * The streaming indicators against ta4j 0.17 on 20 days of real 1-minute BTCUSDT (28,800 bars), value by value once
 * each is ready: equal to 1e-9 relative where both use the same definition, to 1e-6 for the RSI after 20 x period
 * bars (ta4j seeds Wilder's averages with the first change, ours with the mean of the first period, as ta-lib);
 * and each comes back bit for bit from a snapshot.
 */
class IndicatorLibraryTest {
    private static double v(Indicator<Num> ind, int i) {
        return ind.getValue(i).doubleValue();
    }

    private static void close(String what, int i, double ours, double theirs, double tolerance) {
        double scale = Math.max(1, Math.abs(theirs));
        assertThat(Math.abs(ours - theirs) / scale).as("%s at bar %d: %s vs ta4j %s", what, i, ours, theirs)
                .isLessThanOrEqualTo(tolerance);
    }

    @Test
    void everyIndicatorMatchesTa4jBarByBarOnRealData() throws Exception {
        BarSeries all = KlineReader.read(SharedData.klines("BTCUSDT"), "BTCUSDT").series();
        BarSeries s = all.slice(all.openTime(0), all.openTime(0) + 20 * 86_400_000L);
        org.ta4j.core.BarSeries t = SmaCrossThreeWays.ta4jSeries(s);
        ClosePriceIndicator c = new ClosePriceIndicator(t);
        RSIIndicator rsiT = new RSIIndicator(c, 14);
        WMAIndicator wmaT = new WMAIndicator(c, 20);
        ROCIndicator rocT = new ROCIndicator(c, 10);
        SMAIndicator smaT = new SMAIndicator(c, 20);
        StandardDeviationIndicator sdT = new StandardDeviationIndicator(c, 20);
        BollingerBandsMiddleIndicator mid = new BollingerBandsMiddleIndicator(smaT);
        BollingerBandsUpperIndicator upT = new BollingerBandsUpperIndicator(mid, sdT, t.numOf(2));
        BollingerBandsLowerIndicator loT = new BollingerBandsLowerIndicator(mid, sdT, t.numOf(2));
        StochasticOscillatorKIndicator kT = new StochasticOscillatorKIndicator(t, 14);
        WilliamsRIndicator wrT = new WilliamsRIndicator(t, 14);
        HighestValueIndicator hhT = new HighestValueIndicator(new HighPriceIndicator(t), 20);
        LowestValueIndicator llT = new LowestValueIndicator(new LowPriceIndicator(t), 20);
        OnBalanceVolumeIndicator obvT = new OnBalanceVolumeIndicator(t);
        MACDIndicator macdT = new MACDIndicator(c, 12, 26);
        DoubleEMAIndicator demaT = new DoubleEMAIndicator(c, 20);
        TripleEMAIndicator temaT = new TripleEMAIndicator(c, 20);
        HMAIndicator hmaT = new HMAIndicator(c, 20);
        VWAPIndicator vwapT = new VWAPIndicator(t, 30);
        StochasticRSIIndicator srsiT = new StochasticRSIIndicator(c, 14);
        IchimokuTenkanSenIndicator tenkanT = new IchimokuTenkanSenIndicator(t, 9);
        IchimokuKijunSenIndicator kijunT = new IchimokuKijunSenIndicator(t, 26);
        IchimokuSenkouSpanBIndicator spanBT = new IchimokuSenkouSpanBIndicator(t, 52);
        KAMAIndicator kamaT = new KAMAIndicator(c, 10, 2, 30);
        ADXIndicator adxT = new ADXIndicator(t, 14);
        PlusDIIndicator plusT = new PlusDIIndicator(t, 14);
        MinusDIIndicator minusT = new MinusDIIndicator(t, 14);
        KeltnerChannelMiddleIndicator kcMid = new KeltnerChannelMiddleIndicator(t, 20);
        KeltnerChannelUpperIndicator kcUp = new KeltnerChannelUpperIndicator(kcMid, 2, 10);
        CCIIndicator cciT = new CCIIndicator(t, 20);
        org.ta4j.core.indicators.ATRIndicator stAtr = new org.ta4j.core.indicators.ATRIndicator(t, 10);
        SuperTrendUpperBandIndicator stUpT = new SuperTrendUpperBandIndicator(t, stAtr, 3d);
        SuperTrendLowerBandIndicator stLoT = new SuperTrendLowerBandIndicator(t, stAtr, 3d);
        SuperTrendIndicator stT = new SuperTrendIndicator(t, 10, 3d);
        SimpleLinearRegressionIndicator slopeT = new SimpleLinearRegressionIndicator(c, 20,
                SimpleLinearRegressionIndicator.SimpleLinearRegressionType.SLOPE);

        Rsi rsi = new Rsi(14);
        Wma wma = new Wma(20);
        Roc roc = new Roc(10);
        Bollinger bb = new Bollinger(20, 2);
        Channel k14 = new Channel(14);
        Channel donchian = new Channel(20);
        Obv obv = new Obv();
        Macd macd = new Macd(12, 26, 9);
        MultiEma dema = MultiEma.dema(20);
        MultiEma tema = MultiEma.tema(20);
        Hma hma = new Hma(20);
        Vwap vwap = new Vwap(30);
        StochRsi srsi = new StochRsi(14);
        Ichimoku ichimoku = new Ichimoku(9, 26, 52);
        Kama kama = new Kama(10, 2, 30);
        RegressionSlope slope = new RegressionSlope(20);
        Adx adx = new Adx(14);
        Keltner kc = new Keltner(20, 10, 2);
        Cci cci = new Cci(20);
        SuperTrend st = new SuperTrend(10, 3);
        int compared = 0;
        int superTrendCompared = 0;
        for (int i = 0; i < s.size(); i++) {
            double close = Fixed.toDouble(s.close(i));
            double high = Fixed.toDouble(s.high(i));
            double low = Fixed.toDouble(s.low(i));
            rsi.update(close);
            wma.update(close);
            roc.update(close);
            bb.update(close);
            k14.update(high, low, close);
            donchian.update(high, low, close);
            obv.update(close, Fixed.toDouble(s.volume(i)));
            macd.update(close);
            dema.update(close);
            tema.update(close);
            hma.update(close);
            vwap.update(high, low, close, Fixed.toDouble(s.volume(i)));
            srsi.update(close);
            ichimoku.update(high, low, close);
            kama.update(close);
            slope.update(close);
            adx.update(high, low, close);
            kc.update(high, low, close);
            cci.update(high, low, close);
            st.update(high, low, close);
            close("KAMA", i, kama.value(), v(kamaT, i), 1e-9);
            if (i >= 40 * 14) { // Wilder's averages, seeded differently (see the class comment)
                close("+DI", i, adx.plusDi(), v(plusT, i), 1e-6);
                close("-DI", i, adx.minusDi(), v(minusT, i), 1e-6);
                close("ADX", i, adx.value(), v(adxT, i), 1e-6);
                close("Keltner middle", i, kc.value(), v(kcMid, i), 1e-6);
                close("Keltner upper", i, kc.upper(), v(kcUp, i), 1e-6);
                close("SuperTrend upper band", i, st.upper(), v(stUpT, i), 1e-6);
                close("SuperTrend lower band", i, st.lower(), v(stLoT, i), 1e-6);
                double theirs = v(stT, i);
                if (theirs != 0) {
                    close("SuperTrend", i, st.value(), theirs, 1e-6);
                    superTrendCompared++;
                }
            }
            if (i >= 20) {
                close("CCI", i, cci.value(), v(cciT, i), 1e-6); // a difference of two prices over a small deviation
            }
            if (i >= 52) {
                close("Ichimoku tenkan-sen", i, ichimoku.tenkanSen(), v(tenkanT, i), 1e-9);
                close("Ichimoku kijun-sen", i, ichimoku.value(), v(kijunT, i), 1e-9);
                if (i + 25 < s.size()) { // ta4j shows the span where charts draw it: index - 26 + 1
                    close("Ichimoku senkou span B", i, ichimoku.senkouSpanB(), v(spanBT, i + 25), 1e-9);
                }
                close("regression slope", i, slope.value(), v(slopeT, i), 1e-9);
            }
            if (i >= 20 * 14) {
                close("RSI", i, rsi.value(), v(rsiT, i), 1e-6);
                close("stochastic RSI", i, srsi.value(), v(srsiT, i), 1e-5);
            }
            if (i >= 30 * 26) { // EMAs seeded differently (ta4j: the first value; here: an SMA) have converged
                close("MACD", i, macd.value(), v(macdT, i), 1e-6);
                close("DEMA", i, dema.value(), v(demaT, i), 1e-6);
                close("TEMA", i, tema.value(), v(temaT, i), 1e-6);
            }
            if (i >= 30) {
                close("HMA", i, hma.value(), v(hmaT, i), 1e-9);
                close("VWAP", i, vwap.value(), v(vwapT, i), 1e-9);
            }
            if (i >= 20) {
                close("WMA", i, wma.value(), v(wmaT, i), 1e-9);
                close("ROC", i, roc.value(), v(rocT, i), 1e-9);
                close("Bollinger middle", i, bb.value(), v(mid, i), 1e-9);
                close("Bollinger upper", i, bb.upper(), v(upT, i), 1e-9);
                close("Bollinger lower", i, bb.lower(), v(loT, i), 1e-9);
                close("stochastic %K", i, k14.value(), v(kT, i), 1e-9);
                close("Williams %R", i, k14.williamsR(), v(wrT, i), 1e-9);
                close("Donchian upper", i, donchian.upper(), v(hhT, i), 1e-9);
                close("Donchian lower", i, donchian.lower(), v(llT, i), 1e-9);
                compared++;
            }
            close("OBV", i, obv.value(), v(obvT, i), 1e-9);
        }
        assertThat(compared).isEqualTo(s.size() - 20);
        assertThat(superTrendCompared).isEqualTo(s.size() - 40 * 14); // ta4j starts at 0 and leaves it at once
        // ta4j's parabolic SAR walks back through the series on each new value: two days of bars keep it quick
        BarSeries twoDays = s.slice(s.openTime(0), s.openTime(0) + 2 * 86_400_000L);
        ParabolicSarIndicator psarT = new ParabolicSarIndicator(SmaCrossThreeWays.ta4jSeries(twoDays));
        ParabolicSar psar = new ParabolicSar(0.02, 0.02, 0.2);
        for (int i = 0; i < twoDays.size(); i++) {
            psar.update(Fixed.toDouble(twoDays.high(i)), Fixed.toDouble(twoDays.low(i)),
                    Fixed.toDouble(twoDays.close(i)));
            if (i >= 1) {
                close("parabolic SAR", i, psar.value(), v(psarT, i), 1e-9);
            }
        }
        // a snapshot brings each back exactly
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        rsi.writeState(out);
        wma.writeState(out);
        bb.writeState(out);
        k14.writeState(out);
        Rsi rsi2 = new Rsi(14);
        Wma wma2 = new Wma(20);
        Bollinger bb2 = new Bollinger(20, 2);
        Channel k2 = new Channel(14);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        rsi2.readState(in);
        wma2.readState(in);
        bb2.readState(in);
        k2.readState(in);
        for (double x : new double[] {42_000.5, 41_990, 42_010.25}) {
            rsi.update(x);
            rsi2.update(x);
            wma.update(x);
            wma2.update(x);
            bb.update(x);
            bb2.update(x);
            k14.update(x + 5, x - 5, x);
            k2.update(x + 5, x - 5, x);
        }
        assertThat(rsi2.value()).isEqualTo(rsi.value());
        assertThat(wma2.value()).isEqualTo(wma.value());
        assertThat(bb2.upper()).isEqualTo(bb.upper());
        assertThat(k2.williamsR()).isEqualTo(k14.williamsR());
    }
}
