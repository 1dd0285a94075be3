package dev.hft.backtest.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.backtest.SharedData;
import dev.hft.backtest.data.BarSeries;
import dev.hft.backtest.data.KlineReader;
import dev.hft.core.Bar;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.InstrumentTable;
import dev.hft.core.ReasonCode;
import dev.hft.engine.EngineConfig;
import dev.hft.engine.EngineListener;
import dev.hft.engine.TradingEngine;
import dev.hft.engine.cost.FlatFeeModel;
import dev.hft.engine.cost.SlippageModel;
import dev.hft.api.Action;
import dev.hft.api.Decision;
import dev.hft.api.PositionView;
import dev.hft.api.Strategy;
import dev.hft.sim.FillModel;
import dev.hft.sim.IntrabarPolicy;
import dev.hft.sim.SimulatedExchange;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Longer bars built by the engine from a month of real 1-minute ETHUSDT: every interval (5m, 15m, 1h, 4h, 1d) is
 * delivered with its last minute and holds exactly its minutes; changing every minute after a time T changes
 * nothing the strategy saw or decided before T.
 */
class MultiTimeframeTest {
    private static final long MIN = 60_000;
    private static final List<Long> INTERVALS = List.of(5 * MIN, 15 * MIN, 60 * MIN, 240 * MIN, 1440 * MIN);

    /** Records every callback (what, at which base bar, with which values) and trades a 4h-filtered 15m signal. */
    static final class Recorder implements Strategy {
        final List<String> seen = new ArrayList<>();
        long trend4h;
        long last15m;
        long prev15m;

        @Override
        public String name() {
            return "mtf";
        }

        @Override
        public int warmupBars() {
            return 0;
        }

        @Override
        public List<Long> intervals() {
            return INTERVALS;
        }

        @Override
        public void onBar(long intervalMs, Bar bar) {
            seen.add(intervalMs / MIN + "m " + bar.openTimeMs + ".." + bar.closeTimeMs + " o" + bar.open + " h"
                    + bar.high + " l" + bar.low + " c" + bar.close + " v" + bar.volume);
            if (intervalMs == 240 * MIN) {
                trend4h = bar.close - bar.open;
            } else if (intervalMs == 15 * MIN) {
                prev15m = last15m;
                last15m = bar.close;
            }
        }

        @Override
        public void onBar(Bar bar, PositionView position, Decision out) {
            boolean up = trend4h > 0 && prev15m > 0 && last15m > prev15m;
            if (position.quantity() == 0 && up) {
                out.enter(Action.ENTER_LONG, ReasonCode.ENTRY_SMA_CROSS_UP, 1, 0.01, 0.01);
            } else {
                out.skip(ReasonCode.SKIP_NO_SIGNAL);
            }
            seen.add("decision at " + bar.closeTimeMs + " " + out.action);
        }
    }

    private static List<String> run(BarSeries s, long perturbAfter) {
        Instrument eth = InstrumentTable.builtIn().find("ETHUSDT");
        SimulatedExchange venue = new SimulatedExchange(List.of(eth), FlatFeeModel.ofBps(10), SlippageModel.NONE,
                FillModel.NEXT_OPEN, IntrabarPolicy.STOP_FIRST);
        Recorder r = new Recorder();
        TradingEngine engine = new TradingEngine(new EngineConfig(Fixed.of(10_000), 0.10, Fixed.parse("0.001")),
                List.of(eth), List.of(r), venue, new EngineListener() {
                }, "mtf");
        venue.setListener(engine);
        for (int i = 0; i < s.size(); i++) {
            Bar b = s.fill(i, 0, new Bar());
            b.receiveTimeMs = b.closeTimeMs + 1;
            if (b.openTimeMs >= perturbAfter) { // another future: every price 1% higher, volume doubled
                b.open = eth.roundPrice(b.open * 101 / 100);
                b.high = eth.roundPrice(b.high * 101 / 100);
                b.low = eth.roundPrice(b.low * 101 / 100);
                b.close = eth.roundPrice(b.close * 101 / 100);
                b.high = Math.max(b.high, Math.max(b.open, b.close));
                b.low = Math.min(b.low, Math.min(b.open, b.close));
                b.volume *= 2;
            }
            engine.onBar(b);
        }
        return r.seen;
    }

    @Test
    void longerBarsArriveWithTheirLastMinuteAndNothingAfterTChangesWhatCameBefore() {
        BarSeries s = KlineReader.read(SharedData.klines("ETHUSDT"), "ETHUSDT").series().slice(1_704_067_200_000L,
                1_706_745_600_000L); // January 2024
        List<String> plain = run(s, Long.MAX_VALUE);
        long t = 1_704_067_200_000L + 10 * 1440 * MIN + 7 * MIN; // day 11, 00:07
        List<String> other = run(s, t);
        // everything the strategy saw or decided before T is the same; from T on it differs
        int firstAfter = plain.indexOf(plain.stream().filter(x -> x.startsWith("decision at " + (t + 59_999) + " "))
                .findFirst().orElseThrow());
        assertThat(other.subList(0, firstAfter)).as("before T").isEqualTo(plain.subList(0, firstAfter));
        assertThat(other.subList(firstAfter, other.size())).isNotEqualTo(plain.subList(firstAfter, plain.size()));
        // each interval: whole, and delivered just before the decision on its last minute, never earlier
        for (long iv : INTERVALS) {
            assertThat(plain.stream().filter(x -> x.startsWith(iv / MIN + "m ")).count()).as(iv / MIN + "m bars")
                    .isEqualTo(31 * 1440 * MIN / iv);
        }
        for (int k = 0; k < plain.size(); k++) {
            String x = plain.get(k);
            if (!x.startsWith("decision")) {
                long close = Long.parseLong(x.split(" ")[1].split("\\.\\.")[1]);
                int next = k + 1;
                while (!plain.get(next).startsWith("decision")) {
                    next++;
                }
                assertThat(plain.get(next)).as("delivered with its last minute: " + x)
                        .startsWith("decision at " + close + " ");
            }
        }
        // the daily bar of January 1st holds exactly that day's minutes
        BarSeries day1 = s.slice(1_704_067_200_000L, 1_704_153_600_000L);
        long high = Long.MIN_VALUE;
        long low = Long.MAX_VALUE;
        long vol = 0;
        for (int i = 0; i < day1.size(); i++) {
            high = Math.max(high, day1.high(i));
            low = Math.min(low, day1.low(i));
            vol += day1.volume(i);
        }
        String d1 = plain.stream().filter(x -> x.startsWith("1440m ")).findFirst().orElseThrow();
        assertThat(d1).contains(" o" + day1.open(0) + " h" + high + " l" + low + " c" + day1.close(day1.size() - 1)
                + " v" + vol);
        assertThat(plain.stream().filter(x -> x.endsWith("ENTER_LONG")).count()).as("the strategy traded")
                .isPositive();
    }
}
