package dev.hft.research;

import dev.hft.backtest.BacktestResult;
import dev.hft.backtest.BacktestRunner;

/**
 * Out-of-sample validation: the last part of the period is held out, the optimizer sees only the rest, and the
 * chosen parameters then run once on the holdout. The holdout is never touched by the search; a purge gap between
 * the two keeps a trade opened in-sample from reaching into it.
 *
 * @param inSample  the optimization on the in-sample period
 * @param isBest    the best parameters re-run on the in-sample period (full results, for the report)
 * @param outSample the best parameters on the holdout, or null when no trial met the constraints
 * @param splitMs   first open time of the holdout
 * @param purgeMs   gap left out before the holdout
 */
public record Holdout(OptimizationResult inSample, BacktestResult isBest, BacktestResult outSample, long splitMs,
                      long purgeMs) {

    /** Holds out the last {@code fraction} of {@code data} (by time, aligned to the bar interval). */
    public static Holdout run(Optimizer.Spec spec, Dataset data, double fraction, long purgeMs, TrialStore store,
                              Optimizer.Progress progress) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("holdout must be a fraction in (0, 1), got " + fraction);
        }
        if (purgeMs < 0) {
            throw new IllegalArgumentException("purge must be >= 0, got " + purgeMs + " ms");
        }
        long start = data.startMs();
        long end = data.endMs();
        long interval = data.series().get(0).intervalMs();
        long split = start + Math.floorDiv((long) ((end - start) * (1 - fraction)), interval) * interval;
        if (split - purgeMs <= start) {
            throw new IllegalArgumentException("the purge gap leaves no in-sample data");
        }
        Dataset is = data.slice(start, split - purgeMs);
        Dataset oos = data.slice(split, end);
        OptimizationResult opt = Optimizer.run(spec, is, store, progress);
        if (opt.best() == null) {
            return new Holdout(opt, null, null, split, purgeMs);
        }
        return new Holdout(opt, rerun(spec, is, opt.best()), rerun(spec, oos, opt.best()), split, purgeMs);
    }

    /** Runs the trial's parameters on {@code data} with full results. */
    static BacktestResult rerun(Optimizer.Spec spec, Dataset data, TrialResult trial) {
        return BacktestRunner.run(Optimizer.withParams(spec.base(), trial.params()), data.instruments(),
                data.series(), "best-" + trial.id());
    }
}
