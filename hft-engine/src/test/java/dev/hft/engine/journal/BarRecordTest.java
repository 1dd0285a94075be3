package dev.hft.engine.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.core.Bar;
import dev.hft.core.Fixed;
import dev.hft.engine.cost.MarketStats;
import org.junit.jupiter.api.Test;

/** A bar's quote and liquidation fields: journaled only when present, and the quoted spread used for costs. */
class BarRecordTest {
    private static Bar bar() {
        long c = Fixed.of(42_000);
        return new Bar().set(0, 60_000, 119_999, c, c + Fixed.of(10), c - Fixed.of(10), c, Fixed.of(3));
    }

    @Test
    void quoteAndLiquidationFieldsAreWrittenOnlyWhenTheBarHasThem() {
        RecordCodec codec = new RecordCodec();
        Bar plain = bar();
        assertThat(codec.bar(plain).toString()).doesNotContain("bid", "liq");
        Bar rich = bar();
        rich.bid = Fixed.parse("41999.99");
        rich.ask = Fixed.parse("42000.01");
        rich.liquidationsKnown = true;
        rich.liquidatedLongs = Fixed.parse("125000.5");
        String json = codec.bar(rich).toString();
        assertThat(json).contains("\"bid\":\"41999.99\"", "\"ask\":\"42000.01\"", "\"liqL\":\"125000.5\"",
                "\"liqS\":\"0\"");
        Bar reused = new Bar().copyFrom(rich).set(0, 1, 2, 3, 3, 3, 3, 1);
        assertThat(reused.bid + reused.ask + reused.liquidatedLongs).as("set() clears them for the next event")
                .isZero();
        assertThat(reused.liquidationsKnown).isFalse();
        assertThat(new Bar().copyFrom(rich).liquidatedLongs).isEqualTo(rich.liquidatedLongs);
    }

    @Test
    void theTradePathIsWrittenOnlyWhenKnownWithLowsNegated() {
        RecordCodec codec = new RecordCodec();
        Bar b = bar();
        assertThat(codec.bar(b).toString()).doesNotContain("path");
        b.extremes = new long[] {Fixed.parse("42005.5"), -Fixed.parse("41990"), Fixed.of(42_010)};
        assertThat(codec.bar(b).toString()).endsWith(",\"path\":[\"42005.5\",\"-41990\",\"42010\"]}");
        b.extremes = new long[0];
        assertThat(codec.bar(b).toString()).endsWith(",\"path\":[]}");
        assertThat(new Bar().copyFrom(b).extremes).isSameAs(b.extremes);
        assertThat(new Bar().copyFrom(b).set(0, 1, 2, 3, 3, 3, 3, 1).extremes).isNull();
    }

    @Test
    void aQuotedSpreadReplacesTheHighLowEstimate() {
        MarketStats estimated = new MarketStats(10);
        MarketStats quoted = new MarketStats(10);
        for (int k = 0; k < 5; k++) {
            Bar b = bar();
            estimated.update(b);
            b.bid = Fixed.parse("41999");
            b.ask = Fixed.parse("42001");
            quoted.update(b);
        }
        assertThat(quoted.spreadBps()).isCloseTo(2.0 / 42_000 * 10_000, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(estimated.spreadBps()).isNotCloseTo(quoted.spreadBps(), org.assertj.core.data.Offset.offset(0.01));
    }
}
