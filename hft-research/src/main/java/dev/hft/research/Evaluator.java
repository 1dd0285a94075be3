package dev.hft.research;

import java.util.Locale;

/** How the optimizer runs its trials. */
public enum Evaluator {
    /**
     * The {@link FastEvaluator} where it models the settings (the liquidation hunter), the full engine
     * elsewhere; the best trial is re-run with the full engine and must give the same figures.
     */
    AUTO("fast evaluator, best trial verified against the engine"),
    /** The full engine for every trial. */
    ENGINE("engine");

    private final String label;

    Evaluator(String label) {
        this.label = label;
    }

    /** How a report describes trials run this way. */
    public String label() {
        return label;
    }

    /** {@code auto} or {@code engine}, any case. */
    public static Evaluator parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("evaluator '" + s + "': expected auto or engine");
        }
    }
}
