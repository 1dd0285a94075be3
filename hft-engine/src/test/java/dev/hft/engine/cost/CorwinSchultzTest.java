package dev.hft.engine.cost;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * The spread estimate with its logarithms shared (each bar's ln(high/low) computed once, the two-bar range's
 * taken from a bar whose range holds the other's) is the textbook formula bit for bit.
 */
class CorwinSchultzTest {
    private static final double K = 3 - 2 * Math.sqrt(2);

    /** Corwin and Schultz (2012), every logarithm computed where it appears. */
    static double reference(double h1, double l1, double h2, double l2) {
        if (l1 <= 0 || l2 <= 0) {
            return 0;
        }
        double b1 = Math.log(h1 / l1);
        double b2 = Math.log(h2 / l2);
        double beta = b1 * b1 + b2 * b2;
        double g = Math.log(Math.max(h1, h2) / Math.min(l1, l2));
        double alpha = (Math.sqrt(2 * beta) - Math.sqrt(beta)) / K - Math.sqrt(g * g / K);
        if (!(alpha > 0)) {
            return 0;
        }
        double e = Math.exp(alpha);
        double s = 2 * (e - 1) / (1 + e);
        return s > 0 ? s : 0;
    }

    /** Two bars around 100 whose ranges overlap, nest or coincide (shared edges included) in every way. */
    @Property(tries = 5000)
    void sharedLogarithmsGiveTheTextbookValue(@ForAll @DoubleRange(min = 90, max = 110) double a,
                                              @ForAll @DoubleRange(min = 0, max = 2) double w1,
                                              @ForAll @IntRange(min = 0, max = 5) int shape,
                                              @ForAll @DoubleRange(min = 0, max = 2) double w2) {
        double h1 = a + w1;
        double l1 = a;
        double[] second = switch (shape) {
            case 0 -> new double[] {h1, l1}; // the same range
            case 1 -> new double[] {h1 - w1 / 3, l1 + w1 / 3}; // inside the first
            case 2 -> new double[] {h1 + w2, l1 - w2}; // holds the first
            case 3 -> new double[] {h1, l1 + w1 / 2}; // shares the high
            case 4 -> new double[] {h1 + w2, l1 + w2}; // overlaps, higher
            default -> new double[] {h1 - w2, l1 - w2}; // overlaps, lower
        };
        double h2 = second[0];
        double l2 = second[1];
        double got = MarketStats.corwinSchultz(h1, l1, h2, l2);
        assertThat(Double.doubleToRawLongBits(got)).as("%s %s %s %s", h1, l1, h2, l2)
                .isEqualTo(Double.doubleToRawLongBits(reference(h1, l1, h2, l2)));
    }
}
