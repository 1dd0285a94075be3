package dev.hft.research;

import dev.hft.api.ParamSpec;
import dev.hft.api.StrategyFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A finite parameter space: each dimension is a strategy parameter with an ordered list of values, given as a
 * range with a step ({@code from:to:step}) or a list ({@code a,b,c}). Points are numbered in mixed radix, the
 * last dimension fastest, so a point index names the same parameters on every run.
 */
public final class ParamSpace {
    /** Largest number of values one dimension may expand to: a typo in a step should fail, not allocate. */
    public static final int MAX_VALUES_PER_DIMENSION = 100_000;

    /** One parameter and its candidate values, in the order given. */
    public record Dimension(String name, double[] values, boolean integer) {
        /** The value formatted as the strategy parameter parser expects it (whole numbers without a point). */
        public String format(int i) {
            double v = values[i];
            if (integer || v == Math.rint(v) && Math.abs(v) < 1e15) {
                return Long.toString((long) v);
            }
            return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }
    }

    private final String strategy;
    private final List<Dimension> dimensions;
    private final long size;

    private ParamSpace(String strategy, List<Dimension> dimensions) {
        this.strategy = strategy;
        this.dimensions = List.copyOf(dimensions);
        long n = 1;
        for (Dimension d : dimensions) {
            n = Math.multiplyExact(n, d.values().length);
        }
        this.size = n;
    }

    /**
     * Parses {@code name=spec} entries (insertion order kept) against the strategy's parameters: unknown names,
     * values outside a parameter's range, fractional values for whole-number parameters and empty or huge
     * ranges are refused with a message that names the parameter and the value.
     */
    /**
     * The search the strategy declares: {@code from:to:step} of every parameter with a declared search range
     * ({@link ParamSpec#search}); the others keep their values. Empty when it declares none.
     */
    public static Map<String, String> declared(StrategyFactory factory) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ParamSpec p : factory.params()) {
            if (p.searched()) {
                out.put(p.name(), plain(p.searchFrom()) + ":" + plain(p.searchTo()) + ":" + plain(p.searchStep()));
            }
        }
        return out;
    }

    private static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    public static ParamSpace parse(StrategyFactory factory, Map<String, String> specs) {
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("the parameter space is empty: give at least one --space name=spec");
        }
        Map<String, ParamSpec> known = new LinkedHashMap<>();
        factory.params().forEach(p -> known.put(p.name(), p));
        List<Dimension> dims = new ArrayList<>();
        for (Map.Entry<String, String> e : specs.entrySet()) {
            ParamSpec p = known.get(e.getKey());
            if (p == null) {
                throw new IllegalArgumentException("strategy " + factory.name() + " has no parameter '" + e.getKey()
                        + "'; known: " + String.join(", ", known.keySet()));
            }
            double[] values = expand(p, e.getValue().strip());
            for (double v : values) {
                p.parse(factory.name(), Double.toString(v)); // range and whole-number checks, one message style
            }
            dims.add(new Dimension(p.name(), values, p.integer()));
        }
        return new ParamSpace(factory.name(), dims);
    }

    private static double[] expand(ParamSpec p, String spec) {
        String where = "parameter '" + p.name() + "' = '" + spec + "'";
        try {
            if (spec.contains(":")) {
                String[] parts = spec.split(":", -1);
                if (parts.length != 3) {
                    throw new IllegalArgumentException(where + ": a range is from:to:step");
                }
                BigDecimal from = new BigDecimal(parts[0].strip());
                BigDecimal to = new BigDecimal(parts[1].strip());
                BigDecimal step = new BigDecimal(parts[2].strip());
                if (step.signum() <= 0) {
                    throw new IllegalArgumentException(where + ": the step must be positive");
                }
                if (to.compareTo(from) < 0) {
                    throw new IllegalArgumentException(where + ": 'to' is below 'from'");
                }
                long count = to.subtract(from).divideToIntegralValue(step).longValueExact() + 1;
                if (count > MAX_VALUES_PER_DIMENSION) {
                    throw new IllegalArgumentException(where + ": expands to " + count + " values (at most "
                            + MAX_VALUES_PER_DIMENSION + ")");
                }
                double[] v = new double[(int) count];
                for (int i = 0; i < count; i++) {
                    v[i] = from.add(step.multiply(BigDecimal.valueOf(i))).doubleValue();
                }
                return v;
            }
            String[] parts = spec.split(",");
            double[] v = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                v[i] = new BigDecimal(parts[i].strip()).doubleValue();
            }
            return v;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(where + ": not a number list (a,b,c) or range (from:to:step)", e);
        }
    }

    public String strategy() {
        return strategy;
    }

    public List<Dimension> dimensions() {
        return dimensions;
    }

    /** Number of points in the grid. */
    public long size() {
        return size;
    }

    /** The point of {@code coordinates}, a value index per dimension: the inverse of {@link #coordinates}. */
    public long index(int[] coordinates) {
        long index = 0;
        for (int d = 0; d < dimensions.size(); d++) {
            index = index * dimensions.get(d).values().length + coordinates[d];
        }
        return index;
    }

    /** The value index of each dimension for point {@code index} (last dimension fastest). */
    public int[] coordinates(long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("point " + index + " of " + size);
        }
        int[] c = new int[dimensions.size()];
        long rest = index;
        for (int d = dimensions.size() - 1; d >= 0; d--) {
            int n = dimensions.get(d).values().length;
            c[d] = (int) (rest % n);
            rest /= n;
        }
        return c;
    }

    /** Parameter overrides (name to formatted value, in dimension order) of point {@code index}. */
    public Map<String, String> point(long index) {
        int[] c = coordinates(index);
        Map<String, String> m = new LinkedHashMap<>();
        for (int d = 0; d < c.length; d++) {
            m.put(dimensions.get(d).name(), dimensions.get(d).format(c[d]));
        }
        return m;
    }

    /** A stable text form of the space, part of an optimization's fingerprint. */
    public String describe() {
        StringBuilder sb = new StringBuilder(strategy);
        for (Dimension d : dimensions) {
            sb.append(' ').append(d.name()).append('=');
            for (int i = 0; i < d.values().length; i++) {
                sb.append(i == 0 ? "" : ",").append(d.format(i));
            }
        }
        return sb.toString();
    }
}
