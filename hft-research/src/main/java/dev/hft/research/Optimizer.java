package dev.hft.research;

import dev.hft.backtest.RunSpec;
import dev.hft.backtest.RunResult;
import dev.hft.backtest.BacktestRunner;
import dev.hft.backtest.report.Metrics;
import dev.hft.backtest.tape.Tape;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Searches a parameter space by running one backtest per point, in parallel on a fixed pool, over data loaded
 * once and shared read-only. Which points run, and in what evaluation order, depends only on the spec and the
 * seed, never on thread timing; results are kept by evaluation number, so the outcome is the same on any number
 * of threads. Completed trials go to a {@link TrialStore} as they finish, so an interrupted optimization resumes
 * where it stopped.
 */
public final class Optimizer {
    /** Successive halving keeps the best 1/ETA of a rung and runs it on ETA times more data. */
    public static final int ETA = 3;
    /** Most rungs successive halving uses (the first runs on 1/ETA^(MAX_RUNGS-1) of the period). */
    public static final int MAX_RUNGS = 4;
    /** Shortest period a successive-halving rung runs on: 5 days. */
    public static final long MIN_RUNG_MS = 5 * 86_400_000L;

    /** Told after every finished trial (from worker completion order, on the calling thread). */
    public interface Progress {
        void onTrial(int done, int planned, TrialResult best, long elapsedNanos);
    }

    private Optimizer() {
    }

    /** Runs the search; {@code store} and {@code progress} may be null. */
    public static OptimizationResult run(SearchSpec spec, Dataset data, TrialStore store, Progress progress) {
        long start = System.nanoTime();
        List<Long> sample = sample(spec);
        List<Double> budgets = budgets(spec.sampler(), sample.size(), data.endMs() - data.startMs());
        int planned = plannedEvaluations(sample.size(), budgets.size());
        List<TrialResult> all = new ArrayList<>();
        AtomicInteger done = new AtomicInteger();
        TrialResult[] best = new TrialResult[1];
        ExecutorService pool = pool(spec.threads());
        int resumed = 0;
        long barsThisRun = 0;
        boolean fastUsed = false;
        try {
            List<Long> points = sample;
            int nextId = 0;
            for (int rung = 0; rung < budgets.size(); rung++) {
                double budget = budgets.get(rung);
                Dataset slice = data.prefix(budget);
                FastEvaluator fast = fastEvaluator(spec, slice);
                fastUsed |= fast != null && budget >= 1.0;
                Tape tape = fast == null ? tape(spec, slice) : null;
                TrialResult[] results = new TrialResult[points.size()];
                CompletionService<TrialResult> cs = new ExecutorCompletionService<>(pool);
                int submitted = 0;
                for (int i = 0; i < points.size(); i++) {
                    int id = nextId + i;
                    TrialResult prior = store == null ? null : store.completed(id);
                    if (prior != null) {
                        results[i] = prior;
                        resumed++;
                        note(prior, done, planned, best, start, progress, spec);
                        continue;
                    }
                    int rungNo = rung;
                    long point = points.get(i);
                    cs.submit(() -> evaluate(spec, slice, fast, tape, id, rungNo, budget, point));
                    submitted++;
                }
                for (int k = 0; k < submitted; k++) {
                    TrialResult r = cs.take().get();
                    results[r.id() - nextId] = r;
                    barsThisRun += r.bars();
                    if (store != null) {
                        store.append(r);
                    }
                    note(r, done, planned, best, start, progress, spec);
                }
                nextId += points.size();
                all.addAll(List.of(results));
                if (rung + 1 < budgets.size()) {
                    points = survivors(results);
                    if (points.isEmpty()) {
                        break;
                    }
                }
            }
            // the engine's check of the best trial on one worker while this thread computes the statistics
            TrialResult chosen = best[0];
            Future<RunResult> check = fastUsed ? pool.submit(() -> verify(spec, data, chosen)) : null;
            OptimizationResult result = OptimizationResult.of(spec, all, sample.size(), resumed, barsThisRun, 0,
                    fastUsed ? Evaluator.AUTO.label() : Evaluator.ENGINE.label(), null);
            return result.finished(check == null ? null : check.get(), System.nanoTime() - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("optimization interrupted; completed trials are kept for --resume", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("trial failed: " + c, c);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Each of {@code trials} run again on {@code data}, in their order, with their ids and points, on the spec's
     * threads (by the fast evaluator where it applies) and with no constraints: what every point did on other data,
     * such as the holdout, for the report. Choosing among these figures would be choosing on that data; the
     * workbench only shows them.
     */
    public static List<TrialResult> evaluateAll(SearchSpec spec, Dataset data, List<TrialResult> trials) {
        SearchSpec open = new SearchSpec(spec.base(), spec.space(), spec.sampler(), spec.trials(), spec.objective(),
                new Constraints(0, 100), spec.seed(), spec.threads(), spec.evaluator());
        FastEvaluator fast = fastEvaluator(open, data);
        Tape tape = fast == null ? tape(open, data) : null;
        ExecutorService pool = pool(spec.threads());
        try {
            List<Future<TrialResult>> futures = new ArrayList<>();
            for (TrialResult t : trials) {
                futures.add(pool.submit(() -> evaluate(open, data, fast, tape, t.id(), t.rung(), 1.0, t.point())));
            }
            List<TrialResult> out = new ArrayList<>();
            for (Future<TrialResult> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("trial failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** A fixed pool of daemon trial workers. */
    private static ExecutorService pool(int threads) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "trial-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /** The fast evaluator for this slice when the spec allows it and it models the settings, else null. */
    private static FastEvaluator fastEvaluator(SearchSpec spec, Dataset slice) {
        if (spec.evaluator() != Evaluator.AUTO || !FastEvaluator.supports(spec.base(), slice)) {
            return null;
        }
        try {
            return FastEvaluator.prepare(spec.base(), slice);
        } catch (IllegalArgumentException e) {
            return null; // settings the engine refuses: let every trial say so, as without the fast evaluator
        }
    }

    /** The data prepared once for every trial of the spec that the fast evaluator does not run ({@link Tape}). */
    static Tape tape(SearchSpec spec, Dataset data) {
        return Tape.prepare(data.instruments(), data.series(), spec.base().engine().sanitizer(),
                spec.base().latencyMs());
    }

    /**
     * Re-runs the best trial with the full engine and refuses the result if any figure differs: the fast evaluator
     * is held to the engine on every optimization, not only in the tests. Returns that engine run (run id
     * {@code best-<id>}, as {@link #rerun} names it), or null without a best trial.
     */
    static RunResult verify(SearchSpec spec, Dataset data, TrialResult best) {
        if (best == null) {
            return null;
        }
        RunResult run = rerun(spec, data, best);
        TrialResult engine = figures(spec, run, null, best.id(), best.rung(), best.budget(), best.point(),
                best.params());
        if (!sameFigures(best, engine)) {
            throw new IllegalStateException("the fast evaluator and the engine disagree on point " + best.params()
                    + " (fast: " + figures(best) + "; engine: " + figures(engine) + "). This is a bug; run again "
                    + "with --evaluator engine for results from the engine alone");
        }
        return run;
    }

    /** Every figure of two trials equal (status, trades, ratios, daily returns, score). */
    static boolean sameFigures(TrialResult a, TrialResult b) {
        return a.status().equals(b.status()) && a.trades() == b.trades()
                && Double.compare(a.winRatePct(), b.winRatePct()) == 0
                && Double.compare(a.returnPct(), b.returnPct()) == 0
                && java.util.Objects.equals(a.sharpe(), b.sharpe())
                && java.util.Objects.equals(a.profitFactor(), b.profitFactor())
                && Double.compare(a.maxDrawdownPct(), b.maxDrawdownPct()) == 0 && a.bars() == b.bars()
                && java.util.Objects.equals(a.score(), b.score()) && java.util.Arrays.equals(a.daily(), b.daily());
    }

    private static String figures(TrialResult t) {
        return t.status() + ", " + t.trades() + " trades, return " + t.returnPct() + "%, sharpe " + t.sharpe()
                + ", max drawdown " + t.maxDrawdownPct() + "%, " + t.bars() + " bars";
    }

    private static void note(TrialResult r, AtomicInteger done, int planned, TrialResult[] best, long start,
                             Progress progress, SearchSpec spec) {
        if (r.ok() && r.budget() >= 1.0 && (best[0] == null || better(r, best[0]))) {
            best[0] = r;
        }
        int d = done.incrementAndGet();
        if (progress != null) {
            progress.onTrial(d, planned, best[0], System.nanoTime() - start);
        }
    }

    /** Higher score wins; ties go to the earlier evaluation ({@link TrialResult#better}). */
    static boolean better(TrialResult a, TrialResult b) {
        return TrialResult.better(a, b);
    }

    /**
     * One backtest of one point on {@code data}: by {@code fast} when not null, else by the engine over {@code tape}
     * (the same data prepared once), else by a plain backtest; the same figures each way. The strategy refusing the
     * parameters makes the trial invalid.
     */
    static TrialResult evaluate(SearchSpec spec, Dataset data, FastEvaluator fast, Tape tape, int id, int rung,
                                double budget, long point) {
        Map<String, String> pointParams = spec.space().point(point);
        RunResult r;
        try {
            RunSpec trial = spec.base().withParams(pointParams);
            r = fast != null ? fast.runTransient(pointParams) // figures are taken below, before the next trial
                    : tape != null ? BacktestRunner.trial(trial, tape, "trial-" + id, equityBuffer(tape))
                    : BacktestRunner.run(trial, data.instruments(), data.series(), "trial-" + id);
        } catch (IllegalArgumentException e) {
            return new TrialResult(id, rung, budget, point, pointParams, TrialResult.INVALID, e.getMessage(), 0, 0,
                    0, null, null, 0, 0, null, new double[0]);
        }
        int[] dayEnds = fast != null ? fast.dayEnds()
                : tape != null && r.equityTimeMs() == tape.pointTimes() ? tape.dayEnds() : null;
        return figures(spec, r, dayEnds, id, rung, budget, point, pointParams);
    }

    /** Each worker's equity curve for its trials on one tape: figures are taken before its next trial. */
    private static final ThreadLocal<long[]> EQUITY = new ThreadLocal<>();

    private static long[] equityBuffer(Tape tape) {
        long[] b = EQUITY.get();
        if (b == null || b.length != tape.times()) {
            b = new long[tape.times()];
            EQUITY.set(b);
        }
        return b;
    }

    /** A finished backtest's figures as a trial: ok, or infeasible with the reason. */
    private static TrialResult figures(SearchSpec spec, RunResult r, int[] dayEnds, int id, int rung, double budget,
                                       long point, Map<String, String> pointParams) {
        double[] daily = dayEnds != null ? Metrics.dailyReturns(r.equity(), dayEnds, r.initialCapital())
                : Metrics.dailyReturns(r.equityTimeMs(), r.equity(), r.initialCapital());
        Metrics m = Metrics.of(r, daily);
        TrialResult t = new TrialResult(id, rung, budget, point, pointParams, TrialResult.OK, "", m.trades,
                m.winRatePct, m.totalReturnPct, m.sharpe, m.profitFactor, m.maxDrawdownPct, r.bars(), null, daily);
        double score = spec.objective().score(t);
        if (Double.isNaN(score)) {
            return t.withVerdict(TrialResult.INFEASIBLE, spec.objective().label() + " undefined", null);
        }
        String violation = spec.constraints().violation(t);
        if (violation != null) {
            return t.withVerdict(TrialResult.INFEASIBLE, violation, null);
        }
        return t.withVerdict(TrialResult.OK, "", score);
    }

    /**
     * A digest of everything that decides an optimization's trials: space, sampler, trial count, objective,
     * constraints, seed, backtest settings and the data (symbols, period and every bar). A checkpoint resumes only
     * under the same fingerprint.
     */
    public static String fingerprint(SearchSpec spec, Dataset data) {
        RunSpec b = spec.base();
        StringBuilder sb = new StringBuilder("hft-optimize-v1|").append(spec.space().describe()).append('|')
                .append(spec.sampler()).append('|').append(spec.trials()).append('|').append(spec.objective())
                .append('|').append(spec.constraints()).append('|').append(spec.seed()).append('|')
                .append(b.strategy()).append(new java.util.TreeMap<>(b.params())).append('|').append(b.engine())
                .append('|').append(b.feeBps()).append(b.venue()).append(b.tier()).append(b.payFeesInToken())
                .append(b.slippageBps()).append(b.impactCoef()).append(b.fillModel()).append(b.intrabar())
                .append(b.latencyMs()).append('|').append(b.limitFill());
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            md.update(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(48);
            for (dev.hft.backtest.data.BarSeries s : data.series()) {
                md.update(s.symbol().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                for (int i = 0; i < s.size(); i++) {
                    buf.clear();
                    buf.putLong(s.openTime(i)).putLong(s.open(i)).putLong(s.high(i)).putLong(s.low(i))
                            .putLong(s.close(i)).putLong(s.volume(i));
                    md.update(buf.array(), 0, 48);
                }
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The base config with {@code overrides} on top of its own parameters. */
    public static RunSpec withParams(RunSpec b, Map<String, String> overrides) {
        return b.withParams(overrides);
    }

    /** Runs the trial's parameters on {@code data} with full results, as run {@code best-<id>}. */
    public static RunResult rerun(SearchSpec spec, Dataset data, TrialResult trial) {
        return BacktestRunner.run(spec.base().withParams(trial.params()), data.instruments(), data.series(),
                "best-" + trial.id());
    }

    /** The points to evaluate first, in evaluation order. */
    static List<Long> sample(SearchSpec spec) {
        long size = spec.space().size();
        List<Long> out = new ArrayList<>();
        if (spec.sampler() == Sampler.GRID || spec.trials() >= size) {
            if (size > 10_000_000) {
                throw new IllegalArgumentException("the grid has " + size + " points; use --sampler random or "
                        + "halving with --trials");
            }
            for (long i = 0; i < size; i++) {
                out.add(i);
            }
            return out;
        }
        // Floyd's algorithm: k distinct points of n with k draws, in a seed-determined order
        SplittableRandom rnd = new SplittableRandom(spec.seed());
        LinkedHashSet<Long> chosen = new LinkedHashSet<>();
        for (long j = size - spec.trials(); j < size; j++) {
            long t = rnd.nextLong(j + 1);
            chosen.add(chosen.contains(t) ? j : t);
        }
        out.addAll(chosen);
        return out;
    }

    /**
     * Data fraction of each rung: 1.0 alone, or ETA^-(R-1) ... 1 for successive halving, with no rung shorter than
     * {@link #MIN_RUNG_MS} (a daily Sharpe ratio needs days).
     */
    static List<Double> budgets(Sampler sampler, int n, long periodMs) {
        List<Double> b = new ArrayList<>();
        if (sampler != Sampler.HALVING) {
            b.add(1.0);
            return b;
        }
        int rungs = 1;
        for (long k = n; k >= ETA && rungs < MAX_RUNGS && periodMs / Math.pow(ETA, rungs) >= MIN_RUNG_MS;
             k = (k + ETA - 1) / ETA) {
            rungs++;
        }
        for (int r = 0; r < rungs; r++) {
            b.add(Math.pow(ETA, -(rungs - 1 - r)));
        }
        return b;
    }

    private static int plannedEvaluations(int n, int rungs) {
        int total = 0;
        int k = n;
        for (int r = 0; r < rungs; r++) {
            total += k;
            k = (k + ETA - 1) / ETA;
        }
        return total;
    }

    /** The best ceil(n / ETA) ok trials of a rung, best first. */
    private static List<Long> survivors(TrialResult[] rung) {
        List<TrialResult> ok = new ArrayList<>();
        for (TrialResult t : rung) {
            if (t.ok()) {
                ok.add(t);
            }
        }
        ok.sort(Comparator.comparingDouble((TrialResult t) -> -t.score()).thenComparingInt(TrialResult::id));
        int keep = (rung.length + ETA - 1) / ETA;
        List<Long> next = new ArrayList<>();
        for (int i = 0; i < Math.min(keep, ok.size()); i++) {
            next.add(ok.get(i).point());
        }
        return next;
    }
}
