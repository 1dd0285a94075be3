package dev.hft.api;

import dev.hft.core.ReasonCode;
import java.util.regex.Pattern;

/**
 * One of a strategy's own reason codes: why it entered, exited or skipped, in its own words, beside the built-in
 * catalogue ({@link ReasonCode}). Declare each once, as a constant, list them all in {@link Strategy#reasons()},
 * and pass them to {@link Decision#enter(Action, Reason, double, double, double)}, {@link Decision#exit(Reason)}
 * or {@link Decision#skip(Reason)}. They are counted in {@code reasons.csv}, name trades in {@code trades.csv},
 * group the performance by reason, and appear in the journal and on the dashboard like built-in codes.
 *
 * <p>A name is upper case with underscores ({@code RSI_OVERSOLD}), at most 64 characters, and may not be one of
 * the built-in codes. Two reasons are equal when their names are.
 */
public final class Reason {
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private final String name;
    private final ReasonCode.Kind kind;
    private final String description;

    private Reason(String name, ReasonCode.Kind kind, String description) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("reason name '" + name + "' must be upper case letters, digits and "
                    + "underscores, starting with a letter, at most 64 characters (e.g. RSI_OVERSOLD)");
        }
        for (ReasonCode c : ReasonCode.values()) {
            if (c.name().equals(name)) {
                throw new IllegalArgumentException("reason name " + name + " is a built-in code: choose another");
            }
        }
        if (description == null || description.isBlank() || description.indexOf('"') >= 0
                || description.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("reason " + name + " needs a one-line description without quotes");
        }
        this.name = name;
        this.kind = kind;
        this.description = description;
    }

    /** A reason to enter a position. */
    public static Reason entry(String name, String description) {
        return new Reason(name, ReasonCode.Kind.ENTRY, description);
    }

    /** A reason to close a position (the strategy's own exit, at market). */
    public static Reason exit(String name, String description) {
        return new Reason(name, ReasonCode.Kind.EXIT, description);
    }

    /** A reason not to trade on a bar. */
    public static Reason skip(String name, String description) {
        return new Reason(name, ReasonCode.Kind.SKIP, description);
    }

    /** The code as reports and the journal show it. */
    public String name() {
        return name;
    }

    /** Whether it explains an entry, an exit or a skip. */
    public ReasonCode.Kind kind() {
        return kind;
    }

    /** One line for {@code reasons.csv} and {@code hft strategies}. */
    public String description() {
        return description;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reason r && r.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
