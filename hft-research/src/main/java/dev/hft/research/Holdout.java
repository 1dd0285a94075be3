package dev.hft.research;

import dev.hft.backtest.RunResult;

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
public record Holdout(OptimizationResult inSample, RunResult isBest, RunResult outSample, long splitMs,
                      long purgeMs) {

    /** Holds out the last {@code fraction} of {@code data} (by time, aligned to the bar interval). */
    public static Holdout run(SearchSpec spec, Dataset data, double fraction, long purgeMs, TrialStore store,
                              Optimizer.Progress progress) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("holdout must be a fraction in (0, 1), got " + fraction);
        }
        if (purgeMs < 0) {
            throw new IllegalArgumentException("purge must be >= 0, got " + purgeMs + " ms");
        }
        long split = splitMs(data, fraction);
        Dataset is = inSample(data, fraction, purgeMs);
        Dataset oos = data.slice(split, data.endMs());
        OptimizationResult opt = Optimizer.run(spec, is, store, progress);
        if (opt.best() == null) {
            return new Holdout(opt, null, null, split, purgeMs);
        }
        return new Holdout(opt, bestRun(spec, is, opt), Optimizer.rerun(spec, oos, opt.best()), split, purgeMs);
    }

    /**
     * The engine's backtest of the optimization's best trial on the data it was optimized on, or null without one:
     * the run the optimizer's own check made when it has one (the same run), else a new one.
     */
    public static RunResult bestRun(SearchSpec spec, Dataset data, OptimizationResult opt) {
        if (opt.best() == null) {
            return null;
        }
        return opt.bestRun() != null ? opt.bestRun() : Optimizer.rerun(spec, data, opt.best());
    }

    /** First open time of the holdout: the last {@code fraction} of the period, aligned to the bar interval. */
    public static long splitMs(Dataset data, double fraction) {
        long start = data.startMs();
        long interval = data.series().get(0).intervalMs();
        return start + Math.floorDiv((long) ((data.endMs() - start) * (1 - fraction)), interval) * interval;
    }

    /** The data the optimizer may see: everything before the holdout and its purge gap. */
    public static Dataset inSample(Dataset data, double fraction, long purgeMs) {
        long split = splitMs(data, fraction);
        if (split - purgeMs <= data.startMs()) {
            throw new IllegalArgumentException("the holdout and purge gap leave no in-sample data");
        }
        return data.slice(data.startMs(), split - purgeMs);
    }

}
