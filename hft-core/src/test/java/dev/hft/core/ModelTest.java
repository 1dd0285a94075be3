package dev.hft.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelTest {
    @Test
    void barCopyShouldCarryEveryField() {
        Bar a = new Bar().set(3, 1000, 1999, Fixed.of(10), Fixed.of(12), Fixed.of(9), Fixed.of(11), Fixed.of(5));
        a.quoteVolume = Fixed.of(55);
        a.trades = 7;
        a.takerBuyVolume = Fixed.of(2);
        Bar b = new Bar().copyFrom(a);
        assertThat(b).usingRecursiveComparison().isEqualTo(a);
        assertThat(b.toString()).contains("O=10", "H=12", "L=9", "C=11");
        // set() resets the optional fields so a reused flyweight never carries stale values
        b.set(3, 2000, 2999, 1, 1, 1, 1, 1);
        assertThat(b.trades).isZero();
        assertThat(b.quoteVolume).isZero();
    }

    @Test
    void orderShouldDescribeItselfWithoutNoise() {
        Order o = new Order("run-1", 0, Side.SELL, OrderType.STOP_MARKET, Fixed.parse("0.5"), 0, Fixed.of(99), true,
                ReasonCode.EXIT_STOP_LOSS, 0, Fixed.of(100));
        assertThat(o.toString())
                .isEqualTo("Order[run-1 SELL STOP_MARKET qty=0.5 trigger=99 reduceOnly EXIT_STOP_LOSS]");
        assertThat(Side.SELL.opposite()).isEqualTo(Side.BUY);
        assertThat(Side.SELL.sign()).isEqualTo(-1);
    }

    @Test
    void everyReasonCodeShouldBeDescribed() {
        for (ReasonCode c : ReasonCode.values()) {
            assertThat(c.description()).as(c.name()).isNotBlank();
            assertThat(c.name()).startsWith(c.kind().name().substring(0, 4));
            assertThat(c.name().length()).isLessThanOrEqualTo(32);
        }
    }
}
