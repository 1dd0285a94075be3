package dev.hft.research;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything an optimization produced.
 *
 * @param spec         what was searched
 * @param trials       every evaluation, by evaluation number
 * @param sampled      distinct points sampled
 * @param resumed      evaluations taken from an earlier, interrupted run
 * @param barsThisRun  bars processed by the evaluations of this run (for throughput)
 * @param elapsedNanos wall time of this run
 * @param best         the best ok trial on the whole period, or null
 * @param significance whether {@code best} is distinguishable from luck
 * @param evaluator    how the trials ran (the full engine, or the fast evaluator with the best trial verified)
 * @param bestRun      the full engine's backtest of {@code best} on the whole period when the optimizer ran it (to
 *                     verify the fast evaluator), else null
 */
public record OptimizationResult(SearchSpec spec, List<TrialResult> trials, int sampled, int resumed,
                                 long barsThisRun, long elapsedNanos, TrialResult best, Significance significance,
                                 String evaluator, dev.hft.backtest.RunResult bestRun) {

    static OptimizationResult of(SearchSpec spec, List<TrialResult> all, int sampled, int resumed,
                                 long barsThisRun, long elapsedNanos, String evaluator,
                                 dev.hft.backtest.RunResult bestRun) {
        List<TrialResult> full = new ArrayList<>();
        TrialResult best = null;
        for (TrialResult t : all) {
            if (t.budget() >= 1.0) {
                full.add(t);
                if (t.ok() && (best == null || TrialResult.better(t, best))) {
                    best = t;
                }
            }
        }
        return new OptimizationResult(spec, List.copyOf(all), sampled, resumed, barsThisRun, elapsedNanos, best,
                Significance.of(best, full, sampled), evaluator, bestRun);
    }

    /** This result with the engine's run of the best trial and the wall time of the whole optimization. */
    OptimizationResult finished(dev.hft.backtest.RunResult run, long elapsed) {
        return new OptimizationResult(spec, trials, sampled, resumed, barsThisRun, elapsed, best, significance,
                evaluator, run);
    }

    /** Trials that ran on the whole in-sample period. */
    public List<TrialResult> fullRuns() {
        return trials.stream().filter(t -> t.budget() >= 1.0).toList();
    }

    /** Bar evaluations per second of this run (all threads together). */
    public double barsPerSecond() {
        return elapsedNanos == 0 ? 0 : barsThisRun * 1e9 / elapsedNanos;
    }
}
