package dev.hft.api;

/**
 * One named, typed strategy parameter with its default and allowed range, so every parameter is overridable
 * ({@code --param name=value}) and validated once at the boundary; and, when the strategy declares one, the range
 * an optimization searches ({@code searchFrom} to {@code searchTo} by {@code searchStep}; NaN: none), which
 * {@code hft optimize} without {@code --space} walks.
 */
public record ParamSpec(String name, double defaultValue, double min, double max, boolean integer,
                        String description, double searchFrom, double searchTo, double searchStep) {

    /** A parameter without a search range: the optimizer leaves it at its value unless {@code --space} names it. */
    public ParamSpec(String name, double defaultValue, double min, double max, boolean integer, String description) {
        this(name, defaultValue, min, max, integer, description, Double.NaN, Double.NaN, Double.NaN);
    }

    /** A real-valued parameter with its default and inclusive range. */
    public static ParamSpec real(String name, double def, double min, double max, String description) {
        return new ParamSpec(name, def, min, max, false, description);
    }

    /** A whole-number parameter (a period, a count) with its default and inclusive range. */
    public static ParamSpec integer(String name, int def, int min, int max, String description) {
        return new ParamSpec(name, def, min, max, true, description);
    }

    /** This parameter with the range an optimization searches: {@code from} to {@code to} by {@code step}. */
    public ParamSpec search(double from, double to, double step) {
        if (!(from >= min && to <= max && from <= to && step > 0)) {
            throw new IllegalArgumentException("parameter " + name + ": search " + fmt(from) + ":" + fmt(to) + ":"
                    + fmt(step) + " must lie in [" + fmt(min) + ", " + fmt(max) + "] with a positive step");
        }
        return new ParamSpec(name, defaultValue, min, max, integer, description, from, to, step);
    }

    /** Whether the strategy declares a search range for this parameter. */
    public boolean searched() {
        return !Double.isNaN(searchStep);
    }

    /** Parses and validates a value; the message says which parameter and what was wrong. */
    public double parse(String strategy, String raw) {
        double v;
        try {
            v = Double.parseDouble(raw.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "strategy " + strategy + ": parameter '" + name + "' is not a number: '" + raw + "'");
        }
        if (!Double.isFinite(v) || v < min || v > max) {
            throw new IllegalArgumentException("strategy " + strategy + ": parameter '" + name + "' = " + raw
                    + " is outside [" + fmt(min) + ", " + fmt(max) + "]");
        }
        if (integer && v != Math.rint(v)) {
            throw new IllegalArgumentException(
                    "strategy " + strategy + ": parameter '" + name + "' must be a whole number, got " + raw);
        }
        return v;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
