package dev.hft.engine.strategy;

/**
 * A condition evaluated on the current state of a strategy's indicators, composable like ta4j's {@code Rule}
 * ({@link #and}, {@link #or}, {@link #negate}). Rules are built once at strategy construction; evaluating them
 * allocates nothing.
 */
@FunctionalInterface
public interface Rule {
    boolean isSatisfied();

    default Rule and(Rule other) {
        return () -> isSatisfied() && other.isSatisfied();
    }

    default Rule or(Rule other) {
        return () -> isSatisfied() || other.isSatisfied();
    }

    default Rule negate() {
        return () -> !isSatisfied();
    }
}
