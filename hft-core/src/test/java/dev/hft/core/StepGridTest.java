package dev.hft.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The division-free multiple test gives the remainder's answer for every value and step. */
class StepGridTest {
    @Provide
    Arbitrary<Long> steps() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(1, 1_000), // small odd and even steps
                Arbitraries.integers().between(0, 62).map(k -> 1L << k), // powers of two
                Arbitraries.integers().between(0, 18).map(k -> (long) Math.pow(10, k)), // decimal ticks
                Arbitraries.longs().between(1, Long.MAX_VALUE));
    }

    @Property(tries = 3000)
    void agreesWithTheRemainder(@ForAll long x, @ForAll("steps") long step) {
        assertThat(new StepGrid(step).test(x)).as("%d %% %d", x, step).isEqualTo(x % step == 0);
    }

    @Property(tries = 3000)
    void multiplesAndTheirNeighbours(@ForAll long k, @ForAll("steps") long step) {
        long x = k * step; // wraps sometimes: still a long whose remainder the test must match
        StepGrid t = new StepGrid(step);
        for (long v : new long[] {x, x + 1, x - 1, -x}) {
            assertThat(t.test(v)).as("%d %% %d", v, step).isEqualTo(v % step == 0);
        }
    }

    @Test
    void edges() {
        StepGrid cent = new StepGrid(Fixed.parse("0.01"));
        assertThat(cent.test(Fixed.parse("39996.08"))).isTrue();
        assertThat(cent.test(Fixed.parse("39996.085"))).isFalse();
        assertThat(new StepGrid(0).test(12345)).as("a step of 0 is no filter").isTrue();
        assertThat(new StepGrid(1).test(Long.MIN_VALUE)).isTrue();
        assertThat(new StepGrid(2).test(Long.MIN_VALUE)).isTrue();
        assertThat(new StepGrid(3).test(Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE % 3 == 0);
        assertThat(new StepGrid(Long.MAX_VALUE).test(Long.MAX_VALUE)).isTrue();
        assertThat(new StepGrid(Long.MAX_VALUE).test(Long.MIN_VALUE)).isFalse();
        assertThat(new StepGrid(7).step()).isEqualTo(7);
        assertThatThrownBy(() -> new StepGrid(-1)).hasMessageContaining("must not be negative");
    }
}
