package dev.hft.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class FixedTest {
    @Test
    void shouldParseBinanceDecimals() {
        assertThat(Fixed.parse("42283.58000000")).isEqualTo(4_228_358_000_000L);
        assertThat(Fixed.parse("0.00001")).isEqualTo(1_000L);
        assertThat(Fixed.parse("-1.5")).isEqualTo(-150_000_000L);
        assertThat(Fixed.parse("7")).isEqualTo(700_000_000L);
        assertThat(Fixed.parse("1.123456780000")).isEqualTo(112_345_678L);
    }

    @Test
    void shouldRejectWhatIsNotAnExactDecimal() {
        for (String bad : new String[] {"", "-", ".", "1e5", "1.2.3", "abc", "1.000000001", " 1", "NaN",
            "92233720369", "92233720368.54775808", "-92233720369"}) {
            assertThat(Fixed.parseOrMin(bad, 0, bad.length())).as(bad).isEqualTo(Long.MIN_VALUE);
        }
        assertThat(Fixed.parseOrMin("92233720368.54775807", 0, 20)).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> Fixed.parse("12x")).isInstanceOf(NumberFormatException.class)
                .hasMessageContaining("12x");
    }

    @Test
    void shouldFormatWithoutTrailingZeros() {
        assertThat(Fixed.format(4_228_358_000_000L)).isEqualTo("42283.58");
        assertThat(Fixed.format(Fixed.of(10))).isEqualTo("10");
        assertThat(Fixed.format(-1)).isEqualTo("-0.00000001");
        assertThat(Fixed.format(Fixed.parse("1.005"), 2)).isEqualTo("1.00");
    }

    @Test
    void shouldMultiplyPriceByQuantityBeyond64BitIntermediates() {
        // 42,000 * 0.1 = 4,200: the raw product 4.2e12 * 1e7 overflows a long, the result does not
        long p = Fixed.parse("42000");
        long q = Fixed.parse("0.1");
        assertThat(Fixed.mul(p, q)).isEqualTo(Fixed.parse("4200"));
        assertThat(Fixed.div(Fixed.parse("1000"), Fixed.parse("42000"))).isEqualTo(Fixed.parse("0.02380952"));
    }

    @Test
    void shouldRoundToSteps() {
        long step = Fixed.parse("0.01");
        assertThat(Fixed.floorToStep(Fixed.parse("1.239"), step)).isEqualTo(Fixed.parse("1.23"));
        assertThat(Fixed.ceilToStep(Fixed.parse("1.231"), step)).isEqualTo(Fixed.parse("1.24"));
        assertThat(Fixed.roundToStep(Fixed.parse("1.235"), step)).isEqualTo(Fixed.parse("1.24"));
        assertThat(Fixed.roundToStep(Fixed.parse("1.2349"), step)).isEqualTo(Fixed.parse("1.23"));
        assertThat(Fixed.floorToStep(123, 0)).isEqualTo(123);
    }

    @Property
    void mulShouldEqualBigDecimalHalfUp(@ForAll @LongRange(min = -10_000_000_000_000L,
            max = 10_000_000_000_000L) long a,
                                        @ForAll @LongRange(min = -100_000_000_000L, max = 100_000_000_000L) long b) {
        BigDecimal exact = BigDecimal.valueOf(a, 8).multiply(BigDecimal.valueOf(b, 8)).setScale(8,
                RoundingMode.HALF_UP);
        assertThat(Fixed.mul(a, b)).isEqualTo(exact.unscaledValue().longValueExact());
    }

    @Property(tries = 2000)
    void mulOverTheWholeRangeShouldBeExactOrRefuse(@ForAll long a, @ForAll long b) {
        exactOrRefused(exactProduct(a, b), () -> Fixed.mul(a, b));
    }

    private static BigDecimal exactProduct(long a, long b) {
        return BigDecimal.valueOf(a, 8).multiply(BigDecimal.valueOf(b, 8)).setScale(8, RoundingMode.HALF_UP);
    }

    /** The operation gives the exact (rounded) value when it fits in a long, and refuses when it does not. */
    private static void exactOrRefused(BigDecimal exact, java.util.function.LongSupplier op) {
        if (exact.unscaledValue().bitLength() < 64) {
            assertThat(op.getAsLong()).as("exact %s", exact).isEqualTo(exact.unscaledValue().longValueExact());
        } else {
            assertThatThrownBy(op::getAsLong).isInstanceOf(ArithmeticException.class);
        }
    }

    @Property(tries = 5000)
    void mulOfAQuantityByAPriceShouldEqualBigDecimalHalfUp(
            @ForAll @LongRange(min = -100_000_000_000L, max = 100_000_000_000L) long quantity,
            @ForAll @LongRange(min = -10_000_000_000_000_000L, max = 10_000_000_000_000_000L) long price,
            @ForAll boolean swap) {
        // one factor up to ~1,000 units, the other up to 1e11: past 64 bits before the division, a result that
        // mostly fits; either order, every sign, and products whose fraction is exactly a half
        long a = swap ? price : quantity;
        long b = swap ? quantity : price;
        exactOrRefused(exactProduct(a, b), () -> Fixed.mul(a, b));
        long half = 50_000_000L + 100_000_000L * (Math.abs(quantity) % 1000); // n.5 units
        exactOrRefused(exactProduct(half, price | 1), () -> Fixed.mul(half, price | 1));
    }

    @Test
    void mulOfAPositionValueNeedsNoBigDecimalButStaysExact() {
        long qty = Fixed.parse("0.03125");
        long price = Fixed.parse("42283.58");
        assertThat(Fixed.mul(qty, price)).isEqualTo(Fixed.parse("1321.36187500"));
        assertThat(Fixed.mul(-qty, price)).isEqualTo(-Fixed.parse("1321.36187500"));
        assertThat(Fixed.mul(Fixed.parse("0.00000005"), Fixed.parse("0.5"))).as("half away from zero")
                .isEqualTo(Fixed.parse("0.00000003"));
        assertThat(Fixed.mul(Fixed.parse("-0.00000005"), Fixed.parse("0.5"))).isEqualTo(-3);
    }

    @Property(tries = 5000)
    void divOfANotionalByAPriceShouldEqualBigDecimalHalfUpOrRefuse(@ForAll long notional,
            @ForAll @LongRange(min = -2_000_000_000_000_000L, max = 2_000_000_000_000_000L) long price,
            @ForAll boolean halfway) {
        // a x ONE past 64 bits, divisors on both sides of the two-step path's limit (2^63 / 10^4), quotients that
        // do not fit (refused), and quotients exactly halfway between two steps of 1e-8: a = (2n + 1) t and
        // b = 2e8 t give n + 0.5 steps
        long t = 1 + Math.abs(price % 1_000_000_000L);
        long a = halfway ? (2 * Math.abs(notional % 1_000_000L) + 1) * t * Long.signum(notional | 1) : notional;
        long b = halfway ? 200_000_000L * t : price;
        Assume.that(b != 0);
        exactOrRefused(BigDecimal.valueOf(a, 8).divide(BigDecimal.valueOf(b, 8), 8, RoundingMode.HALF_UP),
                () -> Fixed.div(a, b));
    }

    @Property
    void divShouldEqualBigDecimalHalfUp(@ForAll @LongRange(min = -10_000_000_000_000L,
            max = 10_000_000_000_000L) long a,
                                        @ForAll @LongRange(min = 1, max = 100_000_000_000L) long b) {
        BigDecimal exact = BigDecimal.valueOf(a, 8).divide(BigDecimal.valueOf(b, 8), 8, RoundingMode.HALF_UP);
        if (exact.unscaledValue().bitLength() < 64) {
            assertThat(Fixed.div(a, b)).isEqualTo(exact.unscaledValue().longValueExact());
        } else {
            // never a silently wrapped value
            assertThatThrownBy(() -> Fixed.div(a, b)).isInstanceOf(ArithmeticException.class);
        }
    }

    @Property
    void appendToShouldWriteExactlyWhatFormatWrites(@ForAll long v) {
        assertThat(Fixed.appendTo(new StringBuilder(), v).toString()).isEqualTo(Fixed.format(v));
    }

    @Test
    void appendToShouldHandleTheEdges() {
        for (long v : new long[] {0, 1, -1, Fixed.ONE, -Fixed.ONE, 50_000_000, -50_000_000, Long.MAX_VALUE,
            Long.MIN_VALUE, 4_228_358_000_000L}) {
            assertThat(Fixed.appendTo(new StringBuilder(), v).toString()).as("" + v).isEqualTo(Fixed.format(v));
        }
    }

    @Property
    void formatThenParseShouldRoundTrip(@ForAll long v) {
        if (v == Long.MIN_VALUE) {
            return;
        }
        assertThat(Fixed.parse(Fixed.format(v))).isEqualTo(v);
    }

    @Test
    void aVenuesComputedAmountIsRoundedHalfEvenToEightDecimalsNotRefused() {
        assertThat(Fixed.parseRounded("0.4994572836")).isEqualTo(Fixed.parse("0.49945728"));
        assertThat(Fixed.parseRounded("0.000000015")).as("half-even: to the even 8th digit").isEqualTo(2);
        assertThat(Fixed.parseRounded("0.000000025")).isEqualTo(2);
        assertThat(Fixed.parseRounded("42283.58")).isEqualTo(Fixed.parse("42283.58"));
        assertThatThrownBy(() -> Fixed.parseRounded("1e3")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> Fixed.parseRounded("99999999999999999999")).isInstanceOf(NumberFormatException.class);
    }
}
