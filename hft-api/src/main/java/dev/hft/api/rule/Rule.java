package dev.hft.api.rule;

/**
 * A condition evaluated on the current state of a strategy's indicators, composable like ta4j's {@code Rule}
 * ({@link #and}, {@link #or}, {@link #negate}). Rules are built once at strategy construction; evaluating them
 * allocates nothing.
 */
@FunctionalInterface
public interface Rule {
    /** Whether the condition holds now. */
    boolean isSatisfied();

    /** True when this and {@code other} hold (evaluated lazily, left first). */
    default Rule and(Rule other) {
        return () -> isSatisfied() && other.isSatisfied();
    }

    /** True when this or {@code other} holds (evaluated lazily, left first). */
    default Rule or(Rule other) {
        return () -> isSatisfied() || other.isSatisfied();
    }

    /** True when this does not hold. */
    default Rule negate() {
        return () -> !isSatisfied();
    }
}
