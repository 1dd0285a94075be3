package dev.hft.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * {@link Fixed#fromDouble} takes a floating-point fast path; it must give what its definition (the double's decimal
 * text rounded half-even to 8 decimals) gives, for every double, above all near the halves where rounding turns.
 */
class FixedFromDoubleTest {

    @Property(tries = 2000)
    void equalsTheDecimalDefinition(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < 500; i++) {
            double d = switch (r.nextInt(6)) {
                // whole 8-decimal values and exact halves of the 9th decimal: where half-even decides
                case 0 -> (r.nextLong(-10_000_000_000L, 10_000_000_000L) + 0.5) / 1e8;
                case 1 -> r.nextLong(-10_000_000_000_000L, 10_000_000_000_000L) / 1e8;
                // a few ulps around those
                case 2 -> Math.nextAfter((r.nextLong(-1_000_000_000L, 1_000_000_000L) + 0.5) / 1e8,
                        r.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
                // fractions of prices, sizes and rates
                case 3 -> r.nextDouble() * Math.pow(10, r.nextInt(-12, 8)) * (r.nextBoolean() ? 1 : -1);
                // products like equity x fraction, as the engine forms them
                case 4 -> r.nextDouble(0, 100_000) * r.nextDouble(0, 1);
                // any bit pattern in the range a long of 8 decimals holds
                default -> Double.longBitsToDouble(r.nextLong()) % 9.0e10;
            };
            if (Double.isFinite(d)) {
                assertThat(Fixed.fromDouble(d)).as("fromDouble(%s)", d).isEqualTo(Fixed.fromDoubleExact(d));
            }
        }
    }

    @Test
    void halvesRoundToEvenAndSignsAndLimitsHold() {
        assertThat(Fixed.fromDouble(0.123456785)).isEqualTo(Fixed.fromDoubleExact(0.123456785));
        assertThat(Fixed.fromDouble(0.000000005)).isEqualTo(0); // 0.5e-8: half to even, 0
        assertThat(Fixed.fromDouble(0.000000015)).isEqualTo(2);
        assertThat(Fixed.fromDouble(-0.000000015)).isEqualTo(-2);
        assertThat(Fixed.fromDouble(-0.0)).isZero();
        assertThat(Fixed.fromDouble(42_000.12345678)).isEqualTo(4_200_012_345_678L);
        assertThat(Fixed.fromDouble(9.0e10)).isEqualTo(Fixed.fromDoubleExact(9.0e10)); // above the fast path
        assertThatThrownBy(() -> Fixed.fromDouble(Double.NaN)).hasMessageContaining("not a finite number");
        assertThatThrownBy(() -> Fixed.fromDouble(1e12)).isInstanceOf(ArithmeticException.class);
    }
}
