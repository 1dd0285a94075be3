package dev.hft.research;

import dev.hft.backtest.RunSpec;

/**
 * What an {@link Optimizer} searches and how.
 *
 * @param base        the backtest settings every trial shares; the point's parameters override its own
 * @param space       the parameter space
 * @param sampler     grid, random or successive halving
 * @param trials      points to sample (random and halving; the grid runs every point)
 * @param objective   what to maximise
 * @param constraints what a trial must meet to count
 * @param seed        seed of the sampler
 * @param threads     worker threads
 * @param evaluator   how trials run: {@link Evaluator#AUTO} (the fast evaluator where it applies, verified) or
 *                    {@link Evaluator#ENGINE} (the full engine for every trial)
 */
public record SearchSpec(RunSpec base, ParamSpace space, Sampler sampler, int trials, Objective objective,
                         Constraints constraints, long seed, int threads, Evaluator evaluator) {
    /** With {@link Evaluator#AUTO}. */
    public SearchSpec(RunSpec base, ParamSpace space, Sampler sampler, int trials, Objective objective,
                      Constraints constraints, long seed, int threads) {
        this(base, space, sampler, trials, objective, constraints, seed, threads, Evaluator.AUTO);
    }

    public SearchSpec {
        java.util.Objects.requireNonNull(evaluator, "evaluator");
        if (trials <= 0 && sampler != Sampler.GRID) {
            throw new IllegalArgumentException("trials must be positive, got " + trials);
        }
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
    }
}
