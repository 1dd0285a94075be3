package dev.hft.research;

import dev.hft.backtest.RunResult;
import dev.hft.backtest.data.BarSeries;
import dev.hft.backtest.report.ChartRecorder;
import dev.hft.backtest.report.Metrics;
import dev.hft.backtest.report.ReportWriter;
import dev.hft.core.Fixed;
import dev.hft.core.Side;
import dev.hft.engine.TradeRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The data behind report.html, as plain maps and lists (written as JSON into the page). Long series are thinned
 * to a fixed number of points so a year of 1-minute bars still makes a page a browser opens at once; every trade
 * marker is kept up to {@link #MAX_MARKERS}.
 */
public final class ReportData {
    private static final long DAY_MS = 86_400_000L;
    static final int MAX_POINTS = 2_000;
    static final int MAX_MARKERS = 1_000;
    /** Most trades the page lists (a year of an active strategy stays a light page); trades.csv has all. */
    static final int MAX_TRADES = 20_000;
    static final int PNL_BINS = 30;

    private ReportData() {
    }

    /** Sections of one backtest: figures, equity and drawdown, prices with trades, monthly returns, P&amp;L. */
    public static Map<String, Object> backtest(String title, RunResult r, List<BarSeries> series,
                                               Map<String, Map<String, Object>> regimes) {
        return backtest(title, r, series, regimes, null);
    }

    /** As above, with the lines and levels {@code chart} recorded on the price charts (null for none). */
    public static Map<String, Object> backtest(String title, RunResult r, List<BarSeries> series,
                                               Map<String, Map<String, Object>> regimes, ChartRecorder chart) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("kind", "backtest");
        d.put("title", title);
        addRun(d, "", r, series, regimes, chart);
        return d;
    }

    /** Adds the sections of run {@code r} under keys prefixed by {@code prefix}. */
    public static void addRun(Map<String, Object> d, String prefix, RunResult r, List<BarSeries> series,
                       Map<String, Map<String, Object>> regimes) {
        addRun(d, prefix, r, series, regimes, null);
    }

    /**
     * As above, with what {@code chart} recorded during the run (the strategy's plotted lines, the stop and
     * take-profit levels) on the price charts; null for none.
     */
    public static void addRun(Map<String, Object> d, String prefix, RunResult r, List<BarSeries> series,
                              Map<String, Map<String, Object>> regimes, ChartRecorder chart) {
        Metrics m = Metrics.of(r);
        d.put(prefix + "summary", summary(m, r));
        Map<String, Object> sheet = ReportWriter.tearsheet(r, Metrics.dailyReturns(r.equityTimeMs(),
                r.equity(), r.initialCapital()), m.maxDrawdownPct);
        d.put(prefix + "tearsheet", tearsheet(sheet));
        d.put(prefix + "worstDrawdowns", sheet.get("worstDrawdowns"));
        d.put(prefix + "equity", equity(r));
        if (series != null && !series.isEmpty()) { // buy-and-hold beside the strategy, on the same thinned points
            d.put(prefix + "benchmark", benchmarkRows(ReportWriter.benchmark(r, series)));
            d.put(prefix + "benchmarkEquity", thinned(r.equityTimeMs(), dev.hft.backtest.report.Benchmark.equity(
                    r.equityTimeMs(), r.initialCapital(), series)));
        }
        if (series != null) {
            d.put(prefix + "prices", prices(r, series, chart));
        }
        d.put(prefix + "tradeList", tradeList(r));
        d.put(prefix + "monthly", monthly(r));
        d.put(prefix + "pnlHistogram", pnlHistogram(r));
        d.put(prefix + "dailyHistogram", dailyHistogram(r));
        d.put(prefix + "rolling", rolling(r));
        d.put(prefix + "reasons", reasons(m));
        d.put(prefix + "perSymbol", perSymbol(r));
        if (!r.tcaSummary().isEmpty()) {
            d.put(prefix + "tca", r.tcaSummary());
        }
        if (regimes != null) {
            d.put(prefix + "regimes", regimes);
        }
    }

    /** Key figures as [label, value] rows. */
    static List<List<Object>> summary(Metrics m, RunResult r) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("Initial capital", money(m.initialCapital)));
        rows.add(List.of("Final capital", money(m.finalCapital)));
        rows.add(List.of("Total return", pct(m.totalReturnPct)));
        rows.add(List.of("Trades", m.trades));
        rows.add(List.of("Win rate", pct(m.winRatePct)));
        rows.add(List.of("Profit factor", m.profitFactor == null ? "n/a" : fmt(m.profitFactor)));
        rows.add(List.of("Sharpe (annualised, daily)", m.sharpe == null ? "n/a" : fmt(m.sharpe)));
        rows.add(List.of("Max drawdown", pct(m.maxDrawdownPct)));
        rows.add(List.of("Fees", money(m.totalFees)));
        rows.add(List.of("Bars", m.bars));
        rows.add(List.of("Symbols", String.join(", ", m.symbols)));
        return rows;
    }

    /** The tearsheet's figures as [label, value] rows, each label naming its unit (the page formats by it). */
    static List<List<Object>> tearsheet(Map<String, Object> t) {
        String[][] labels = {{"cagrPct", "CAGR %"}, {"volatilityPct", "Volatility % (annualised)"},
            {"sortino", "Sortino (annualised)"}, {"calmar", "Calmar (CAGR / max drawdown)"},
            {"exposurePct", "Time in the market %"}, {"avgHoldingHours", "Mean holding (hours)"},
            {"medianHoldingHours", "Median holding (hours)"}, {"longestDrawdownDays", "Longest drawdown (days)"},
            {"bestDayPct", "Best day %"}, {"worstDayPct", "Worst day %"}, {"bestTrade", "Best trade (P&L)"},
            {"worstTrade", "Worst trade (P&L)"}, {"longestWinStreak", "Longest win streak (trades)"},
            {"longestLossStreak", "Longest loss streak (trades)"}, {"expectancy", "Expectancy per trade (P&L)"},
            {"payoffRatio", "Payoff (mean win / mean loss)"}};
        List<List<Object>> rows = new ArrayList<>();
        for (String[] l : labels) {
            Object v = t.get(l[0]);
            rows.add(java.util.Arrays.asList(l[1], v instanceof java.math.BigDecimal b ? b.doubleValue() : v));
        }
        return rows;
    }

    /** The benchmark's figures as [label, value] rows beside the strategy's. */
    static List<List<Object>> benchmarkRows(Map<String, Object> b) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(java.util.Arrays.asList("Buy and hold return %", number(b.get("totalReturnPct"))));
        rows.add(java.util.Arrays.asList("Buy and hold Sharpe (annualised)", number(b.get("sharpe"))));
        rows.add(java.util.Arrays.asList("Buy and hold max drawdown %", number(b.get("maxDrawdownPct"))));
        rows.add(java.util.Arrays.asList("Beta to buy and hold", number(b.get("beta"))));
        rows.add(java.util.Arrays.asList("Alpha % (annualised)", number(b.get("alphaPct"))));
        return rows;
    }

    private static Object number(Object v) {
        return v instanceof java.math.BigDecimal d ? d.doubleValue() : v;
    }

    /** Values at the points {@link #equity} keeps (the same thinning), as quote-asset doubles. */
    static List<Double> thinned(long[] t, long[] values) {
        int step = Math.max(1, (t.length + MAX_POINTS - 1) / MAX_POINTS);
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < t.length; i++) {
            if (i % step == step - 1 || i == t.length - 1) {
                out.add(round(Fixed.toDouble(values[i])));
            }
        }
        return out;
    }

    /** Equity and drawdown (percent, negative) thinned to {@link #MAX_POINTS}. */
    static Map<String, Object> equity(RunResult r) {
        long[] t = r.equityTimeMs();
        long[] e = r.equity();
        int step = Math.max(1, (t.length + MAX_POINTS - 1) / MAX_POINTS);
        List<Long> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Double> dd = new ArrayList<>();
        long peak = r.initialCapital();
        double worstInStep = 0;
        for (int i = 0; i < t.length; i++) {
            peak = Math.max(peak, e[i]);
            double ddNow = -100.0 * (peak - e[i]) / peak;
            worstInStep = Math.min(worstInStep, ddNow);
            if (i % step == step - 1 || i == t.length - 1) {
                times.add(t[i]);
                values.add(round(Fixed.toDouble(e[i])));
                dd.add(round(worstInStep)); // the deepest point of the step, so thinning never hides a drawdown
                worstInStep = 0;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("t", times);
        m.put("equity", values);
        m.put("drawdownPct", dd);
        return m;
    }

    /** Each symbol's price chart ({@link PriceChart}): candles at several resolutions, lines, trades, stops. */
    static List<Map<String, Object>> prices(RunResult r, List<BarSeries> series, ChartRecorder rec) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int k = 0; k < series.size(); k++) {
            out.add(PriceChart.of(series.get(k), k, r.instruments().get(k).tickSize(), r.trades(), rec));
        }
        return out;
    }

    /**
     * Every trade as a compact row for the page's trade list: symbol, side, entry time, entry price, exit time, exit
     * price, quantity, net P&L, return % of the entry notional, entry reason, exit reason (the first
     * {@link #MAX_TRADES} of a run; trades.csv has them all).
     */
    static List<List<Object>> tradeList(RunResult r) {
        List<List<Object>> rows = new ArrayList<>();
        for (TradeRecord t : r.trades()) {
            if (rows.size() >= MAX_TRADES) {
                break;
            }
            rows.add(List.of(r.instruments().get(t.instrument()).symbol(), t.side() == Side.BUY ? "long" : "short",
                    t.entryTimeMs(), Fixed.toDouble(t.entryPrice()), t.exitTimeMs(), Fixed.toDouble(t.exitPrice()),
                    Fixed.toDouble(t.quantity()), Fixed.toDouble(t.pnl()),
                    round(100 * Fixed.toDouble(t.pnl()) / Fixed.toDouble(t.entryNotional())), t.entryReasonName(),
                    t.exitReasonName()));
        }
        return rows;
    }

    /** Return of each UTC calendar month, compounded from the equity curve. */
    static List<List<Object>> monthly(RunResult r) {
        Map<String, double[]> months = new TreeMap<>();
        long[] t = r.equityTimeMs();
        long[] e = r.equity();
        double prev = Fixed.toDouble(r.initialCapital());
        // the month of the current point as [from, to): its name is formatted once per month, not once per point
        long from = 0;
        long to = 0;
        double[] month = null;
        for (int i = 0; i < t.length; i++) {
            double v = Fixed.toDouble(e[i]);
            if (month == null || t[i] < from || t[i] >= to) {
                ZonedDateTime z = Instant.ofEpochMilli(t[i]).atZone(ZoneOffset.UTC);
                ZonedDateTime first = z.withDayOfMonth(1).truncatedTo(java.time.temporal.ChronoUnit.DAYS);
                from = first.toInstant().toEpochMilli();
                to = first.plusMonths(1).toInstant().toEpochMilli();
                month = new double[] {prev, v};
                months.put(String.format("%04d-%02d", z.getYear(), z.getMonthValue()), month);
            } else {
                month[1] = v;
            }
            prev = v;
        }
        List<List<Object>> out = new ArrayList<>();
        months.forEach((k, v) -> out.add(List.of(k, round(100 * (v[1] / v[0] - 1)))));
        return out;
    }

    /** Histogram of daily returns in percent: 20 equal bins from the worst day to the best. */
    static Map<String, Object> dailyHistogram(RunResult r) {
        double[] daily = Metrics.dailyReturns(r.equityTimeMs(), r.equity(), r.initialCapital());
        return histogram(java.util.Arrays.stream(daily).map(d -> 100 * d).toArray(), 20);
    }

    /**
     * Rolling annualised Sharpe ratio and volatility (percent) of daily returns, one point per day from the first
     * full window on: 30 days, or a third of the period (at least 5) when it is shorter than 60 days.
     */
    static Map<String, Object> rolling(RunResult r) {
        long[] t = r.equityTimeMs();
        int[] ends = Metrics.dayEnds(t);
        double[] daily = Metrics.dailyReturns(r.equity(), ends, r.initialCapital());
        int window = daily.length >= 60 ? 30 : Math.max(5, daily.length / 3);
        List<Long> times = new ArrayList<>();
        List<Double> sharpe = new ArrayList<>();
        List<Double> vol = new ArrayList<>();
        for (int d = window - 1; d < daily.length; d++) {
            double[] w = java.util.Arrays.copyOfRange(daily, d - window + 1, d + 1);
            Double sr = Metrics.sharpe(w);
            double mean = java.util.Arrays.stream(w).average().orElse(0);
            double ss = 0;
            for (double x : w) {
                ss += (x - mean) * (x - mean);
            }
            times.add(t[ends[d]]);
            sharpe.add(sr == null ? null : round(sr));
            vol.add(round(100 * Math.sqrt(ss / (w.length - 1)) * Math.sqrt(365)));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("windowDays", window);
        m.put("t", times);
        m.put("sharpe", sharpe);
        m.put("volatilityPct", vol);
        return m;
    }

    /** Histogram of trade returns (percent of entry notional). */
    static Map<String, Object> pnlHistogram(RunResult r) {
        return histogram(r.trades().stream()
                .mapToDouble(t -> 100.0 * Fixed.toDouble(t.pnl()) / Fixed.toDouble(t.entryNotional())).toArray(),
                PNL_BINS);
    }

    /** {@code bins} equal bins from the least to the greatest of {@code x}, labelled by their middles. */
    static Map<String, Object> histogram(double[] x, int bins) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<String> labels = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        if (x.length > 0) {
            double lo = java.util.Arrays.stream(x).min().orElse(0);
            double hi = java.util.Arrays.stream(x).max().orElse(0);
            double width = hi > lo ? (hi - lo) / bins : 1;
            int[] c = new int[bins];
            for (double v : x) {
                c[Math.min(bins - 1, (int) ((v - lo) / width))]++;
            }
            for (int i = 0; i < bins; i++) {
                labels.add(String.format(java.util.Locale.ROOT, "%.2f", lo + (i + 0.5) * width));
                counts.add(c[i]);
            }
        }
        m.put("bins", labels);
        m.put("counts", counts);
        return m;
    }

    /** Performance by entry and exit reason: trades, win rate, net P&amp;L. */
    static List<Map<String, Object>> reasons(Metrics m) {
        List<Map<String, Object>> out = new ArrayList<>();
        addReasons(out, "entry", m.byEntryReason);
        addReasons(out, "exit", m.byExitReason);
        return out;
    }

    private static void addReasons(List<Map<String, Object>> out, String kind,
                                   Map<String, Metrics.ReasonStats> stats) {
        stats.forEach((k, s) -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("kind", kind);
            e.put("reason", k);
            e.put("trades", s.trades);
            e.put("winRatePct", round(s.winRatePct()));
            e.put("pnl", round(Fixed.toDouble(s.totalPnl)));
            out.add(e);
        });
    }

    /** Per symbol of a multi-market run: trades, win rate, net P&amp;L, profit factor. */
    public static Map<String, Map<String, Object>> perSymbol(RunResult r) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (int k = 0; k < r.instruments().size(); k++) {
            int trades = 0;
            int wins = 0;
            long pnl = 0;
            long gw = 0;
            long gl = 0;
            for (TradeRecord t : r.trades()) {
                if (t.instrument() == k) {
                    trades++;
                    wins += t.pnl() > 0 ? 1 : 0;
                    pnl += t.pnl();
                    if (t.pnl() > 0) {
                        gw += t.pnl();
                    } else {
                        gl -= t.pnl();
                    }
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("trades", trades);
            m.put("winRatePct", trades == 0 ? 0.0 : round(100.0 * wins / trades));
            m.put("pnl", round(Fixed.toDouble(pnl)));
            m.put("profitFactor", gl == 0 ? null : round((double) gw / gl));
            out.put(r.instruments().get(k).symbol(), m);
        }
        return out;
    }

    /** Optimization sections: trials table, heatmap of the first two dimensions, significance. */
    public static Map<String, Object> optimization(String title, OptimizationResult o) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("kind", "optimization");
        d.put("title", title);
        d.put("verdict", o.significance().verdict());
        d.put("significant", o.significance().significant());
        d.put("significance", significance(o));
        d.put("trials", topTrials(o, 25));
        if (o.spec().space().dimensions().size() >= 2) {
            d.put("heatmap", heatmap(o));
        }
        Map<String, Object> stability = stability(o);
        if (stability != null && !((List<?>) stability.get("lines")).isEmpty()) {
            d.put("stability", stability);
        }
        return d;
    }

    static List<List<Object>> significance(OptimizationResult o) {
        Significance s = o.significance();
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("Objective", o.spec().objective().label()));
        rows.add(List.of("Sampler", o.spec().sampler().name().toLowerCase(java.util.Locale.ROOT)));
        rows.add(List.of("Parameter points evaluated (N)", s.trials()));
        rows.add(List.of("Days", s.periods()));
        rows.add(List.of("Best daily Sharpe", fmt(s.dailySharpe())));
        rows.add(List.of("Probabilistic Sharpe (vs 0)", fmt(s.psr())));
        rows.add(List.of("Independent trials (from their mean correlation)", fmt(s.effectiveTrials())));
        rows.add(List.of("Expected best daily Sharpe of as many lucky trials (luck bar)",
                fmt(s.expectedMaxSharpe())));
        rows.add(List.of("Deflated Sharpe", fmt(s.dsr())));
        rows.add(List.of("Probability of backtest overfitting",
                s.pbo() == null ? "n/a" : fmt(s.pbo().probability())));
        rows.add(List.of("Finding", s.finding().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')));
        rows.add(List.of("Minimum track record (days)", Double.isFinite(s.minTrackRecordDays())
                ? String.format(java.util.Locale.ROOT, "%,d", (long) Math.ceil(s.minTrackRecordDays())) : "n/a"));
        // throughput is left out on purpose: the report must be the same bytes on every run (it is in run.json)
        return rows;
    }

    /**
     * The CPCV section: its counts and the distribution of the paths' annualised Sharpe ratios (sorted, for a
     * chart) with the share of paths that made money.
     */
    public static Map<String, Object> cpcv(Cpcv c) {
        double[] sorted = annualised(c.pathSharpes());
        java.util.Arrays.sort(sorted);
        Map<String, Object> m = new LinkedHashMap<>();
        List<Double> sharpes = new ArrayList<>();
        for (double v : sorted) {
            sharpes.add(round(v));
        }
        m.put("sharpes", sharpes);
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("Groups, tested at a time", c.groups() + ", " + c.testGroups()));
        rows.add(List.of("Purge, embargo (days)", c.purgeDays() + ", " + c.embargoDays()));
        rows.add(List.of("Train/test splits", c.splits()));
        rows.add(List.of("Out-of-sample paths", c.paths()));
        rows.add(List.of("Median path Sharpe (annualised)", fmt(c.medianSharpe() * Math.sqrt(365))));
        rows.add(List.of("Worst, best path Sharpe", fmt(sorted[0]) + ", " + fmt(sorted[sorted.length - 1])));
        rows.add(List.of("Paths that made money", String.format(java.util.Locale.ROOT, "%.0f%%",
                100 * c.shareProfitable())));
        m.put("rows", rows);
        return m;
    }

    /** Per-day Sharpe ratios times sqrt(365), as the reports show them. */
    public static double[] annualised(double[] daily) {
        double[] out = new double[daily.length];
        for (int i = 0; i < daily.length; i++) {
            out[i] = daily[i] * Math.sqrt(365);
        }
        return out;
    }

    static List<Map<String, Object>> topTrials(OptimizationResult o, int n) {
        List<TrialResult> full = new ArrayList<>(o.fullRuns());
        full.sort(Comparator.comparing((TrialResult t) -> t.ok() ? -t.score() : Double.POSITIVE_INFINITY)
                .thenComparingInt(TrialResult::id));
        List<Map<String, Object>> out = new ArrayList<>();
        for (TrialResult t : full.subList(0, Math.min(n, full.size()))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", t.id());
            m.put("params", t.params().toString());
            m.put("status", t.status());
            m.put("score", t.score() == null ? null : round(t.score()));
            m.put("trades", t.trades());
            m.put("returnPct", round(t.returnPct()));
            m.put("winRatePct", round(t.winRatePct()));
            m.put("maxDrawdownPct", round(t.maxDrawdownPct()));
            out.add(m);
        }
        return out;
    }

    /** Best score per cell of the first two dimensions (the others maximised out). */
    static Map<String, Object> heatmap(OptimizationResult o) {
        List<ParamSpace.Dimension> dims = o.spec().space().dimensions();
        ParamSpace.Dimension x = dims.get(0);
        ParamSpace.Dimension y = dims.get(1);
        Double[][] best = new Double[x.values().length][y.values().length];
        for (TrialResult t : o.fullRuns()) {
            if (!t.ok()) {
                continue;
            }
            int[] c = o.spec().space().coordinates(t.point());
            Double cur = best[c[0]][c[1]];
            if (cur == null || t.score() > cur) {
                best[c[0]][c[1]] = t.score();
            }
        }
        List<String> xs = new ArrayList<>();
        List<String> ys = new ArrayList<>();
        for (int i = 0; i < x.values().length; i++) {
            xs.add(x.format(i));
        }
        for (int j = 0; j < y.values().length; j++) {
            ys.add(y.format(j));
        }
        List<List<Object>> cells = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            for (int j = 0; j < ys.size(); j++) {
                if (best[i][j] != null) {
                    cells.add(List.of(i, j, round(best[i][j])));
                }
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x", x.name());
        m.put("y", y.name());
        m.put("xs", xs);
        m.put("ys", ys);
        m.put("cells", cells);
        m.put("objective", o.spec().objective().label());
        return m;
    }

    /**
     * Parameter stability: the objective along each parameter through the chosen point, the other parameters held
     * at their chosen values (a point that was not run, or failed the constraints, is null), and the objective of
     * the chosen point's neighbours (one step along one parameter). An edge that lives on a plateau keeps its
     * neighbours close; a lone peak among poor neighbours is the shape of a lucky point. Null without a best trial.
     */
    public static Map<String, Object> stability(OptimizationResult o) {
        if (o.best() == null) {
            return null;
        }
        ParamSpace space = o.spec().space();
        List<ParamSpace.Dimension> dims = space.dimensions();
        Map<Long, Double> score = new java.util.HashMap<>();
        for (TrialResult t : o.fullRuns()) {
            if (t.ok()) {
                score.put(t.point(), t.score());
            }
        }
        int[] chosen = space.coordinates(o.best().point());
        List<Map<String, Object>> lines = new ArrayList<>();
        List<Double> neighbours = new ArrayList<>();
        for (int d = 0; d < dims.size(); d++) {
            ParamSpace.Dimension dim = dims.get(d);
            if (dim.values().length < 2) {
                continue;
            }
            List<String> values = new ArrayList<>();
            List<Double> scores = new ArrayList<>();
            for (int i = 0; i < dim.values().length; i++) {
                int[] c = chosen.clone();
                c[d] = i;
                Double v = score.get(space.index(c));
                values.add(dim.format(i));
                scores.add(v == null ? null : round(v));
                if (v != null && Math.abs(i - chosen[d]) == 1) {
                    neighbours.add(v);
                }
            }
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("param", dim.name());
            line.put("values", values);
            line.put("scores", scores);
            line.put("chosen", chosen[d]);
            lines.add(line);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("objective", o.spec().objective().label());
        m.put("chosenScore", round(o.best().score()));
        m.put("neighbours", neighbours.size());
        m.put("neighbourMeanScore", neighbours.isEmpty() ? null
                : round(neighbours.stream().mapToDouble(Double::doubleValue).average().orElseThrow()));
        m.put("worstNeighbourScore", neighbours.isEmpty() ? null
                : round(neighbours.stream().mapToDouble(Double::doubleValue).min().orElseThrow()));
        m.put("lines", lines);
        return m;
    }

    /**
     * The search as a whole, for the report: every whole-period trial that counted, as grid coordinates and score
     * (any pair of parameters as a heatmap, all of them as parallel coordinates); each parameter's importance (the
     * share of the scores' variance its value explains, {@link Stats#varianceShare}), highest first; and, when
     * {@code holdout} is given (the same trials run on the holdout, {@link Optimizer#evaluateAll}), every trial's
     * in-sample against holdout objective with their rank correlation. Null without a trial that counted.
     */
    public static Map<String, Object> search(OptimizationResult o, List<TrialResult> holdout) {
        List<TrialResult> ok = o.fullRuns().stream().filter(TrialResult::ok).toList();
        if (ok.isEmpty()) {
            return null;
        }
        ParamSpace space = o.spec().space();
        List<ParamSpace.Dimension> dims = space.dimensions();
        List<Map<String, Object>> axes = new ArrayList<>();
        for (ParamSpace.Dimension d : dims) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < d.values().length; i++) {
                values.add(d.format(i));
            }
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("name", d.name());
            a.put("values", values);
            axes.add(a);
        }
        int[][] coords = new int[dims.size()][ok.size()];
        double[] scores = new double[ok.size()];
        List<List<Object>> points = new ArrayList<>();
        for (int k = 0; k < ok.size(); k++) {
            int[] c = space.coordinates(ok.get(k).point());
            List<Object> row = new ArrayList<>();
            for (int d = 0; d < c.length; d++) {
                coords[d][k] = c[d];
                row.add(c[d]);
            }
            scores[k] = ok.get(k).score();
            row.add(round(scores[k]));
            points.add(row);
        }
        List<Map<String, Object>> importance = new ArrayList<>();
        for (int d = 0; d < dims.size(); d++) {
            double share = Stats.varianceShare(coords[d], scores);
            if (dims.get(d).values().length > 1 && Double.isFinite(share)) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("param", dims.get(d).name());
                p.put("share", round(share));
                importance.add(p);
            }
        }
        importance.sort(Comparator.comparing((Map<String, Object> p) -> -(Double) p.get("share")));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("objective", o.spec().objective().label());
        m.put("axes", axes);
        m.put("points", points);
        m.put("best", o.best().id());
        m.put("importance", importance);
        if (holdout != null) {
            Map<Integer, TrialResult> byId = new java.util.HashMap<>();
            holdout.forEach(t -> byId.put(t.id(), t));
            List<List<Object>> scatter = new ArrayList<>();
            List<double[]> pairs = new ArrayList<>();
            for (TrialResult t : ok) {
                TrialResult h = byId.get(t.id());
                if (h != null && h.score() != null) {
                    scatter.add(List.of(round(t.score()), round(h.score()), t.id(), t.params().toString()));
                    pairs.add(new double[] {t.score(), h.score()});
                }
            }
            m.put("scatter", scatter);
            double rho = Stats.spearman(pairs.stream().mapToDouble(p -> p[0]).toArray(),
                    pairs.stream().mapToDouble(p -> p[1]).toArray());
            m.put("rankCorrelation", Double.isFinite(rho) ? round(rho) : null);
        }
        return m;
    }

    /**
     * Walk-forward curves: the stitched out-of-sample return (percent, at each UTC day's end) against each window's
     * in-sample return of the parameters it chose, over its train period (each from 0 at its own start: the slopes
     * compare), and the walk-forward efficiency: the stitched run's annualised return over the mean annualised
     * in-sample return of the chosen parameters (Pardo; below 1, the in-sample figures promised more than trading
     * delivered). Null efficiency when the in-sample mean is not positive.
     */
    public static Map<String, Object> walkCurves(WalkForward.Result wf) {
        List<Map<String, Object>> windows = new ArrayList<>();
        double isSum = 0;
        int isCount = 0;
        for (WalkForward.WindowResult w : wf.windows()) {
            TrialResult best = w.optimization().best();
            if (best == null) {
                continue;
            }
            long day0 = Math.floorDiv(w.window().trainFromMs(), DAY_MS) * DAY_MS;
            List<List<Object>> pts = new ArrayList<>();
            pts.add(List.of(day0, 0.0));
            double growth = 1;
            double[] daily = best.daily();
            for (int d = 0; d < daily.length; d++) {
                growth *= 1 + daily[d];
                pts.add(List.of(day0 + (d + 1) * DAY_MS, round(100 * (growth - 1))));
            }
            double a = Stats.annualisedReturn(daily);
            if (Double.isFinite(a)) {
                isSum += a;
                isCount++;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", w.window().index());
            m.put("points", pts);
            windows.add(m);
        }
        RunResult st = wf.stitched();
        List<List<Object>> stitched = new ArrayList<>();
        double oos = Double.NaN;
        if (st.equityTimeMs().length > 0) {
            int[] ends = Metrics.dayEnds(st.equityTimeMs());
            double[] daily = Metrics.dailyReturns(st.equity(), ends, st.initialCapital());
            double growth = 1;
            for (int d = 0; d < daily.length; d++) {
                growth *= 1 + daily[d];
                long t = Math.floorDiv(st.equityTimeMs()[ends[d]], DAY_MS) * DAY_MS + DAY_MS;
                stitched.add(List.of(t, round(100 * (growth - 1))));
            }
            oos = Stats.annualisedReturn(daily);
        }
        double isMean = isCount == 0 ? Double.NaN : isSum / isCount;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stitched", stitched);
        m.put("windows", windows);
        m.put("inSampleAnnualisedPct", Double.isFinite(isMean) ? round(100 * isMean) : null);
        m.put("outOfSampleAnnualisedPct", Double.isFinite(oos) ? round(100 * oos) : null);
        m.put("efficiency", isMean > 0 && Double.isFinite(oos) ? round(oos / isMean) : null);
        return m;
    }

    /** In-sample against out-of-sample, side by side. */
    public static List<List<Object>> compare(RunResult is, RunResult oos) {
        Metrics a = Metrics.of(is);
        Metrics b = Metrics.of(oos);
        List<List<Object>> rows = new ArrayList<>();
        rows.add(row("Total return %", a.totalReturnPct, b.totalReturnPct));
        rows.add(row("Sharpe", a.sharpe, b.sharpe));
        rows.add(row("Win rate %", a.winRatePct, b.winRatePct));
        rows.add(row("Profit factor", a.profitFactor, b.profitFactor));
        rows.add(row("Max drawdown %", a.maxDrawdownPct, b.maxDrawdownPct));
        rows.add(List.of("Trades", a.trades, b.trades));
        rows.add(List.of("Days", a.tradingDays, b.tradingDays));
        return rows;
    }

    private static List<Object> row(String name, Double a, Double b) {
        List<Object> r = new ArrayList<>();
        r.add(name);
        r.add(a == null ? null : Math.round(a * 1e4) / 1e4);
        r.add(b == null ? null : Math.round(b * 1e4) / 1e4);
        return r;
    }

    static double round(double v) {
        if (!Double.isFinite(v)) {
            return 0;
        }
        return Math.round(v * 1e6) / 1e6;
    }

    /** An amount of the quote asset for people: two decimals, thousands separated (the JSON keeps all eight). */
    static String money(long fixed) {
        return new java.text.DecimalFormat("#,##0.00", java.text.DecimalFormatSymbols.getInstance(
                java.util.Locale.ROOT)).format(new java.math.BigDecimal(Fixed.format(fixed))
                .setScale(2, java.math.RoundingMode.HALF_EVEN));
    }

    static String pct(double v) {
        return String.format(java.util.Locale.ROOT, "%.2f%%", v);
    }

    static String fmt(double v) {
        return Double.isFinite(v) ? String.format(java.util.Locale.ROOT, "%.3f", v) : "n/a";
    }

    /** ISO time for tables. */
    static String iso(long ms) {
        return ReportWriter.iso(ms);
    }
}
