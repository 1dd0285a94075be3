package dev.hft.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A bar's trade path: where levels on either side of the open are first reached. */
class BarPathTest {
    private static final long T0 = 1_704_067_200_000L;

    private static long px(String s) {
        return Fixed.parse(s);
    }

    @Test
    void aBarTouchesLevelsOnItsPathInOrder() {
        Bar b = new Bar().set(0, T0, T0 + 59_999, px("100"), px("103"), px("99"), px("100"), 0);
        assertThat(b.firstTouch(px("102"), true)).as("no path: not known").isEqualTo(Bar.NEVER);
        b.extremes = new long[] {px("101"), -px("99.5"), px("103"), -px("99")};
        assertThat(b.firstTouch(px("100"), true)).as("at the open").isEqualTo(-1);
        assertThat(b.firstTouch(px("102"), true)).isEqualTo(2);
        assertThat(b.firstTouch(px("99.5"), false)).isEqualTo(1);
        assertThat(b.firstTouch(px("99.2"), false)).isEqualTo(3);
        assertThat(b.firstTouch(px("104"), true)).isEqualTo(Bar.NEVER);
    }

    @Test
    void copiesShareThePathAndANewEventClearsIt() {
        Bar b = new Bar().set(0, T0, T0 + 59_999, px("100"), px("101"), px("100"), px("101"), 0);
        b.extremes = new long[] {px("101")};
        Bar copy = new Bar().copyFrom(b);
        assertThat(copy.extremes).isSameAs(b.extremes);
        assertThat(copy.firstTouch(px("100.5"), true)).isZero();
        assertThat(copy.set(0, T0, T0 + 59_999, px("100"), px("101"), px("100"), px("101"), 0).extremes).isNull();
    }
}
