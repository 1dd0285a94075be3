package dev.hft.research;

/** How the optimizer picks the points of the parameter space it runs. */
public enum Sampler {
    /** Every point of the grid, in index order. */
    GRID,
    /** A seeded sample of grid points without replacement. */
    RANDOM,
    /**
     * Successive halving: a seeded sample runs on a short prefix of the in-sample period, the best third goes on
     * to a three times longer prefix, and so on until the survivors run on the whole period.
     */
    HALVING;

    public static Sampler parse(String s) {
        for (Sampler v : values()) {
            if (v.name().equalsIgnoreCase(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown sampler '" + s + "'; known: grid, random, halving");
    }
}
