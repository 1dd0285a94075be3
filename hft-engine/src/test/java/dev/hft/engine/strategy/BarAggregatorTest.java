package dev.hft.engine.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hft.core.Bar;
import dev.hft.core.Fixed;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

/** Longer bars from 1-minute bars, by hand: complete only with their last minute, partial first intervals dropped. */
class BarAggregatorTest {
    private static final long T0 = 1_704_067_200_000L; // 2024-01-01T00:00Z, on every grid up to a day

    private static Bar minute(int m, String o, String h, String l, String c, String v) {
        long t = T0 + m * 60_000L;
        Bar b = new Bar().set(0, t, t + 59_999, Fixed.parse(o), Fixed.parse(h), Fixed.parse(l), Fixed.parse(c),
                Fixed.parse(v));
        b.trades = 10;
        b.takerBuyVolume = Fixed.parse(v) / 2;
        b.quoteVolume = Fixed.parse(v) * 100;
        return b;
    }

    @Test
    void fiveMinutesMakeOneFiveMinuteBarAtTheCloseOfTheLast() {
        BarAggregator five = new BarAggregator(300_000);
        String[][] m = {{"100", "101", "99", "100.5", "1"}, {"100.5", "103", "100", "102", "2"},
            {"102", "102.5", "98", "99", "3"}, {"99", "100", "97.5", "98", "1.5"}, {"98", "99", "97.9", "98.8", "0.5"}};
        for (int k = 0; k < 4; k++) {
            assertThat(five.add(minute(k, m[k][0], m[k][1], m[k][2], m[k][3], m[k][4]))).as("minute " + k).isNull();
        }
        Bar b = five.add(minute(4, m[4][0], m[4][1], m[4][2], m[4][3], m[4][4]));
        assertThat(b).isNotNull();
        assertThat(b.openTimeMs).isEqualTo(T0);
        assertThat(b.closeTimeMs).isEqualTo(T0 + 299_999);
        assertThat(b.open).isEqualTo(Fixed.parse("100"));
        assertThat(b.high).isEqualTo(Fixed.parse("103"));
        assertThat(b.low).isEqualTo(Fixed.parse("97.5"));
        assertThat(b.close).isEqualTo(Fixed.parse("98.8"));
        assertThat(b.volume).isEqualTo(Fixed.parse("8"));
        assertThat(b.trades).isEqualTo(50);
        assertThat(b.takerBuyVolume).isEqualTo(Fixed.parse("4"));
        assertThat(b.quoteVolume).isEqualTo(Fixed.parse("800"));
        // the next interval starts afresh
        assertThat(five.add(minute(5, "98.8", "99", "98", "98.5", "1"))).isNull();
    }

    @Test
    void anIntervalTheDataJoinsInTheMiddleIsNotGivenOutAndStateSurvivesASnapshot() throws Exception {
        BarAggregator five = new BarAggregator(300_000);
        for (int k = 2; k < 5; k++) { // joins at minute 2 of the first interval
            assertThat(five.add(minute(k, "100", "100", "100", "100", "1"))).isNull();
        }
        for (int k = 5; k < 8; k++) {
            five.add(minute(k, "100", "10" + k, "99", "100", "1"));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        five.writeState(new DataOutputStream(bytes));
        BarAggregator restored = new BarAggregator(300_000);
        restored.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        for (BarAggregator a : new BarAggregator[] {five, restored}) {
            assertThat(a.add(minute(8, "100", "100", "95", "100", "1"))).isNull();
            Bar b = a.add(minute(9, "100", "100", "99", "101", "1"));
            assertThat(b.high).isEqualTo(Fixed.parse("107"));
            assertThat(b.low).isEqualTo(Fixed.parse("95"));
            assertThat(b.volume).isEqualTo(Fixed.parse("5"));
        }
        assertThatThrownBy(() -> new BarAggregator(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
