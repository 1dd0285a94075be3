package dev.hft.engine.strategy;

/**
 * One named, typed strategy parameter with its default and allowed range, so every parameter is overridable
 * ({@code --param name=value}) and validated once at the boundary.
 */
public record ParamSpec(String name, double defaultValue, double min, double max, boolean integer,
                        String description) {

    public static ParamSpec real(String name, double def, double min, double max, String description) {
        return new ParamSpec(name, def, min, max, false, description);
    }

    public static ParamSpec integer(String name, int def, int min, int max, String description) {
        return new ParamSpec(name, def, min, max, true, description);
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
