package dev.hft.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.backtest.data.BarSeries;
import dev.hft.backtest.data.KlineReader;
import dev.hft.core.Fill;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.InstrumentTable;
import dev.hft.core.Order;
import dev.hft.engine.EngineConfig;
import dev.hft.engine.EngineListener;
import dev.hft.sim.FillModel;
import dev.hft.sim.IntrabarPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * No look-ahead: change every bar from time T on (prices and volumes) and show that every decision made and
 * every fill that happened before T is identical, on real BTCUSDT data. If any component peeked at a future
 * bar, something before T would change.
 */
class NoLookAheadTest {
    /** Orders submitted and fills, as comparable text. */
    static final class Recorder implements EngineListener {
        final List<String> orders = new ArrayList<>();
        final List<String> fills = new ArrayList<>();
        final List<Long> orderTimes = new ArrayList<>();
        final List<Long> fillTimes = new ArrayList<>();

        @Override
        public void onOrderSubmitted(Order o) {
            orders.add(o.toString() + " @" + o.decisionTimeMs + " ref=" + o.decisionPrice);
            orderTimes.add(o.decisionTimeMs);
        }

        @Override
        public void onFill(Order order, Fill f) {
            fills.add(f.toString());
            fillTimes.add(f.timeMs());
        }

        List<String> ordersBefore(long t) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < orders.size(); i++) {
                if (orderTimes.get(i) < t) {
                    out.add(orders.get(i));
                }
            }
            return out;
        }

        List<String> fillsBefore(long t) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < fills.size(); i++) {
                if (fillTimes.get(i) < t) {
                    out.add(fills.get(i));
                }
            }
            return out;
        }
    }

    /** The series with every bar at or after {@code t} distorted: prices scaled, volumes multiplied. */
    static BarSeries distortFrom(BarSeries s, long t) {
        BarSeries d = new BarSeries(s.symbol(), s.intervalMs(), s.size());
        long tick = Fixed.parse("0.01");
        for (int i = 0; i < s.size(); i++) {
            if (s.openTime(i) < t) {
                d.add(s.openTime(i), s.open(i), s.high(i), s.low(i), s.close(i), s.volume(i), s.quoteVolume(i),
                        s.trades(i), s.takerBuyVolume(i));
            } else {
                // a different, still valid future: prices down 7% and wobbling, volumes x5 on every third bar
                long f = Fixed.parse(i % 2 == 0 ? "0.93" : "0.935");
                long o = Fixed.floorToStep(Fixed.mul(s.open(i), f), tick);
                long c = Fixed.floorToStep(Fixed.mul(s.close(i), f), tick);
                long h = Math.max(Fixed.floorToStep(Fixed.mul(s.high(i), f), tick), Math.max(o, c));
                long l = Math.min(Fixed.floorToStep(Fixed.mul(s.low(i), f), tick), Math.min(o, c));
                long v = i % 3 == 0 ? s.volume(i) * 5 : s.volume(i);
                d.add(s.openTime(i), o, h, l, c, v, s.quoteVolume(i), s.trades(i), s.takerBuyVolume(i));
            }
        }
        return d;
    }

    @ParameterizedTest(name = "{0} fill={1}")
    @CsvSource({"liquidation-hunter,next-open", "liquidation-hunter,close", "sma-cross,next-open",
        "sma-cross,close"})
    void decisionsAndFillsBeforeTShouldNotDependOnBarsAfterT(String strategy, String fill) {
        BarSeries all = KlineReader.read(SharedData.klines("BTCUSDT"), "BTCUSDT").series();
        BarSeries data = all.slice(all.openTime(0), all.openTime(0) + 14 * 86_400_000L);
        Instrument btc = InstrumentTable.builtIn().find("BTCUSDT");
        long t = data.openTime(0) + 9 * 86_400_000L + 7 * 60_000L; // day 10, 00:07 UTC
        RunSpec cfg = new RunSpec(strategy, Map.of(), new EngineConfig(Fixed.of(10_000), 0.1, 0), 10, 2,
                fill.equals("close") ? FillModel.CLOSE : FillModel.NEXT_OPEN, IntrabarPolicy.STOP_FIRST);

        Recorder original = new Recorder();
        BacktestRunner.run(cfg, List.of(btc), List.of(data), "r", original);
        Recorder changed = new Recorder();
        BacktestRunner.run(cfg, List.of(btc), List.of(distortFrom(data, t)), "r", changed);

        assertThat(original.ordersBefore(t)).as("enough decisions before T to mean something").hasSizeGreaterThan(10);
        assertThat(changed.ordersBefore(t)).isEqualTo(original.ordersBefore(t));
        assertThat(changed.fillsBefore(t)).isEqualTo(original.fillsBefore(t));
        // and the distortion is real: what happens after T does change
        assertThat(changed.fills).isNotEqualTo(original.fills);
    }
}
