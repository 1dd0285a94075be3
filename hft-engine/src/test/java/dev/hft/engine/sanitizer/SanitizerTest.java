package dev.hft.engine.sanitizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.core.Bar;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.ReasonCode;
import dev.hft.engine.EngineListener;
import dev.hft.engine.bus.EventBus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** T2-T5 and the sanitizer half of T6: each rule on hand-made bars. */
class SanitizerTest {
    private static final Instrument INST = new Instrument("T", "T", "USDT", Fixed.parse("0.01"), Fixed.parse("0.001"),
            0, 0);
    private static final long T0 = 1_704_067_200_000L;
    private static final long MIN = 60_000L;

    private final List<String> events = new ArrayList<>();
    private final EventBus bus = new EventBus();

    {
        bus.subscribe(new EngineListener() {
            @Override
            public void onInstrumentFrozen(int instrument, ReasonCode reason, long nowMs) {
                events.add("frozen " + reason);
            }

            @Override
            public void onInstrumentThawed(int instrument, long nowMs) {
                events.add("thawed");
            }

            @Override
            public void onMarketDataRejected(Bar bar, ReasonCode reason) {
                events.add("rejected " + reason);
            }
        });
    }

    private Sanitizer sanitizer(SanitizerConfig c) {
        return new Sanitizer(c, new Instrument[] {INST, INST}, bus);
    }

    private static Bar bar(int instrument, int minute, String o, String h, String l, String c, String v) {
        long t = T0 + minute * MIN;
        return new Bar().set(instrument, t, t + MIN - 1, Fixed.parse(o), Fixed.parse(h), Fixed.parse(l),
                Fixed.parse(c), Fixed.parse(v));
    }

    private static Bar bar(int minute, String close) {
        return bar(0, minute, close, close, close, close, "1");
    }

    private static long now(Bar b) {
        return b.closeTimeMs;
    }

    @Test
    void shouldRejectBadValuesInconsistentOhlcAndOffTickPrices() {
        Sanitizer s = sanitizer(SanitizerConfig.DEFAULT);
        Bar zero = bar(0, 0, "0", "1", "0", "1", "1");
        assertThat(s.onBar(zero, now(zero))).isEqualTo(ReasonCode.SANITIZER_BAD_VALUE);
        Bar negVol = bar(0, 0, "1", "1", "1", "1", "-1");
        assertThat(s.onBar(negVol, now(negVol))).isEqualTo(ReasonCode.SANITIZER_BAD_VALUE);
        Bar ohlc = bar(0, 0, "10", "9", "8", "10", "1"); // high below open
        assertThat(s.onBar(ohlc, now(ohlc))).isEqualTo(ReasonCode.SANITIZER_OHLC);
        Bar tick = bar(0, 0, "10.005", "10.01", "10", "10", "1");
        assertThat(s.onBar(tick, now(tick))).isEqualTo(ReasonCode.SANITIZER_OFF_TICK);
        Bar step = bar(0, 0, "10", "10", "10", "10", "1.0005");
        assertThat(s.onBar(step, now(step))).as("volume step not checked for bars by default").isNull();
        Sanitizer strict = sanitizer(new SanitizerConfig(100, 50, 25, 3, 3, 0, 5, true));
        Bar step2 = bar(0, 0, "10", "10", "10", "10", "1.0005");
        assertThat(strict.onBar(step2, now(step2))).isEqualTo(ReasonCode.SANITIZER_OFF_STEP);
        assertThat(s.count(0, ReasonCode.SANITIZER_OHLC)).isEqualTo(1);
        assertThat(s.seen(0)).isEqualTo(5);
        assertThat(s.accepted(0)).isEqualTo(1);
        assertThat(events).contains("rejected SANITIZER_OHLC");
    }

    @Test
    void shouldRejectDuplicatesAndOutOfOrderEvents() {
        Sanitizer s = sanitizer(SanitizerConfig.DEFAULT);
        assertThat(s.onBar(bar(5, "10"), now(bar(5, "10")))).isNull();
        assertThat(s.onBar(bar(5, "10"), now(bar(5, "10")))).isEqualTo(ReasonCode.SANITIZER_DUPLICATE);
        assertThat(s.onBar(bar(4, "10"), now(bar(5, "10")))).isEqualTo(ReasonCode.SANITIZER_OUT_OF_ORDER);
        assertThat(s.validationRate()).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void shouldRejectLateEventsAndBlockEntriesOnWideSpreads() {
        Sanitizer s = sanitizer(SanitizerConfig.DEFAULT);
        Bar b = bar(0, "10");
        assertThat(s.onBar(b, b.closeTimeMs + 101)).isEqualTo(ReasonCode.SANITIZER_LATENCY);
        assertThat(s.onBar(b, b.closeTimeMs - 101)).as("received before it closed").isEqualTo(
                ReasonCode.SANITIZER_FUTURE);
        assertThat(s.count(0, ReasonCode.SANITIZER_FUTURE)).isEqualTo(1);
        assertThat(s.onBar(b, b.closeTimeMs + 100)).isNull();
        assertThat(s.entryBlock(0, 49.9)).isNull();
        assertThat(s.entryBlock(0, 50.1)).isEqualTo(ReasonCode.SANITIZER_SPREAD);
        assertThat(s.count(0, ReasonCode.SANITIZER_SPREAD)).isEqualTo(1);
    }

    @Test
    void gapShouldFreezeUntilEnoughCleanBarsThenThaw() {
        Sanitizer s = sanitizer(SanitizerConfig.DEFAULT); // thawAfter 5
        for (int m = 0; m < 3; m++) {
            assertThat(s.onBar(bar(m, "10"), now(bar(m, "10")))).isNull();
        }
        Bar afterGap = bar(10, "10");
        assertThat(s.onBar(afterGap, now(afterGap))).as("the bar after a gap is valid data").isNull();
        assertThat(s.isFrozen(0)).isTrue();
        assertThat(s.entryBlock(0, 0)).isEqualTo(ReasonCode.RISK_INSTRUMENT_FROZEN);
        for (int m = 11; m < 15; m++) {
            s.onBar(bar(m, "10"), now(bar(m, "10")));
            assertThat(s.isFrozen(0)).as("minute " + m).isTrue();
        }
        // a rejected event while frozen restarts the count
        assertThat(s.onBar(bar(14, "10"), now(bar(15, "10")))).isEqualTo(ReasonCode.SANITIZER_DUPLICATE);
        for (int m = 15; m < 19; m++) {
            s.onBar(bar(m, "10"), now(bar(m, "10")));
            assertThat(s.isFrozen(0)).isTrue();
        }
        s.onBar(bar(19, "10"), now(bar(19, "10")));
        assertThat(s.isFrozen(0)).isFalse();
        assertThat(events).containsSubsequence("frozen SANITIZER_GAP", "thawed");
        assertThat(s.freezes(0)).isEqualTo(1);
        assertThat(s.count(0, ReasonCode.SANITIZER_THAW)).isEqualTo(1);
    }

    @Test
    void silentInstrumentShouldFreezeAsStale() {
        Sanitizer s = sanitizer(new SanitizerConfig(100, 50, 25, 3, 3, 180_000, 2, false));
        s.onBar(bar(0, 0, "10", "10", "10", "10", "1"), T0 + MIN - 1);
        s.onBar(bar(1, 0, "10", "10", "10", "10", "1"), T0 + MIN - 1);
        for (int m = 1; m <= 3; m++) {
            Bar b = bar(1, m, "10", "10", "10", "10", "1");
            s.onBar(b, now(b));
        }
        assertThat(s.isFrozen(0)).as("exactly 3 minutes silent is not yet stale").isFalse();
        for (int m = 4; m <= 4; m++) {
            Bar b = bar(1, m, "10", "10", "10", "10", "1");
            s.onBar(b, now(b));
        }
        assertThat(s.isFrozen(0)).as("no update on instrument 0 for more than 3 minutes").isTrue();
        assertThat(s.isFrozen(1)).isFalse();
        assertThat(events).contains("frozen SANITIZER_STALE");
    }

    @Test
    void outliersShouldBeRejectedAndARealNewLevelAcceptedWithAFreeze() {
        Sanitizer s = sanitizer(SanitizerConfig.DEFAULT); // 25x mean jump and 3%, 3 in a row = new level
        int m = 0;
        for (; m < 30; m++) {
            String c = m % 2 == 0 ? "100.00" : "100.10"; // ~0.1% jumps
            s.onBar(bar(m, c), now(bar(m, c)));
        }
        Bar spike = bar(m++, "120.00");
        assertThat(s.onBar(spike, now(spike))).isEqualTo(ReasonCode.SANITIZER_OUTLIER);
        Bar back = bar(m++, "100.05");
        assertThat(s.onBar(back, now(back))).as("the bad tick is gone, the next bar is fine").isNull();
        assertThat(s.isFrozen(0)).as("the rejected bar left a hole: frozen like a gap").isTrue();
        for (int k = 0; k < 5; k++, m++) {
            s.onBar(bar(m, "100.05"), now(bar(m, "100.05")));
        }
        assertThat(s.isFrozen(0)).isFalse();
        // a market that really moved: three outliers in a row are taken as the new level
        assertThat(s.onBar(bar(m, "150.00"), now(bar(m++, "150.00")))).isEqualTo(ReasonCode.SANITIZER_OUTLIER);
        assertThat(s.onBar(bar(m, "150.00"), now(bar(m++, "150.00")))).isEqualTo(ReasonCode.SANITIZER_OUTLIER);
        assertThat(s.onBar(bar(m, "150.00"), now(bar(m++, "150.00")))).isNull();
        assertThat(s.isFrozen(0)).isTrue();
        assertThat(events).containsSubsequence("rejected SANITIZER_OUTLIER", "frozen SANITIZER_GAP", "thawed",
                "rejected SANITIZER_OUTLIER", "rejected SANITIZER_OUTLIER", "frozen SANITIZER_OUTLIER_BURST");
        assertThat(s.onBar(bar(m, "150.10"), now(bar(m, "150.10")))).as("new level is the reference now").isNull();
    }

    @Test
    void shouldRefuseNonsenseThresholds() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SanitizerConfig(-1, 50, 25, 3, 3, 0, 5, false))
                .hasMessageContaining("negative");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SanitizerConfig(1, 50, 25, 3, 3, 0, 0, false))
                .hasMessageContaining("thawAfter");
    }
}
