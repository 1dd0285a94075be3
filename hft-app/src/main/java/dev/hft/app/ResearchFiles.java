package dev.hft.app;

import dev.hft.backtest.RunResult;
import dev.hft.backtest.data.BarSeries;
import dev.hft.backtest.report.Metrics;
import dev.hft.backtest.report.ReportWriter;
import dev.hft.research.Confidence;
import dev.hft.research.OptimizationResult;
import dev.hft.research.ParamSpace;
import dev.hft.research.Regimes;
import dev.hft.research.ReportData;
import dev.hft.research.Significance;
import dev.hft.research.TrialResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Files and console lines shared by {@code hft optimize} and {@code hft walkforward}. */
final class ResearchFiles {
    /** Seed of the bootstrap intervals: fixed, so the same run gives the same intervals. */
    static final long BOOTSTRAP_SEED = 20_240_101L;

    private ResearchFiles() {
    }

    /** trials.csv: one row per evaluation, the parameters as columns. */
    static void writeTrials(Path file, OptimizationResult o, String windowColumn) throws IOException {
        writeTrials(file, List.of(o), windowColumn == null ? null : List.of(windowColumn));
    }

    static void writeTrials(Path file, List<OptimizationResult> runs, List<String> windows) throws IOException {
        List<ParamSpace.Dimension> dims = runs.get(0).spec().space().dimensions();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder h = new StringBuilder(windows == null ? "" : "window,");
            h.append("id,rung,budget,status,score");
            dims.forEach(d -> h.append(',').append(d.name()));
            h.append(",trades,win_rate_pct,return_pct,sharpe,profit_factor,max_drawdown_pct,bars,note\n");
            w.write(h.toString());
            for (int k = 0; k < runs.size(); k++) {
                for (TrialResult t : runs.get(k).trials()) {
                    StringBuilder sb = new StringBuilder(windows == null ? "" : windows.get(k) + ",");
                    sb.append(t.id()).append(',').append(t.rung()).append(',').append(num(t.budget())).append(',')
                            .append(t.status()).append(',').append(t.score() == null ? "" : num(t.score()));
                    dims.forEach(d -> sb.append(',').append(t.params().get(d.name())));
                    sb.append(',').append(t.trades()).append(',').append(num(t.winRatePct())).append(',')
                            .append(num(t.returnPct())).append(',').append(t.sharpe() == null ? "" : num(t.sharpe()))
                            .append(',').append(t.profitFactor() == null ? "" : num(t.profitFactor())).append(',')
                            .append(num(t.maxDrawdownPct())).append(',').append(t.bars()).append(',')
                            .append(csv(t.note())).append('\n');
                    w.write(sb.toString());
                }
            }
        }
    }

    static String num(double d) {
        return ReportWriter.num(d).toPlainString();
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** The figures of a run for summary.json. */
    static Map<String, Object> figures(RunResult r, List<BarSeries> series, List<byte[]> labels) {
        Metrics m = Metrics.of(r);
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("from", r.equityTimeMs().length == 0 ? null : ReportWriter.iso(r.equityTimeMs()[0]));
        j.put("to", r.equityTimeMs().length == 0 ? null
                : ReportWriter.iso(r.equityTimeMs()[r.equityTimeMs().length - 1]));
        j.put("totalReturnPct", ReportWriter.num(m.totalReturnPct));
        j.put("sharpe", m.sharpe == null ? null : ReportWriter.num(m.sharpe));
        j.put("winRatePct", ReportWriter.num(m.winRatePct));
        j.put("profitFactor", m.profitFactor == null ? null : ReportWriter.num(m.profitFactor));
        j.put("maxDrawdownPct", ReportWriter.num(m.maxDrawdownPct));
        j.put("trades", m.trades);
        j.put("tradingDays", m.tradingDays);
        j.put("confidence95", Confidence.of(r, BOOTSTRAP_SEED));
        j.put("perSymbol", ReportData.perSymbol(r));
        if (labels != null) {
            j.put("regimes", Regimes.breakdown(r, series, labels));
        }
        return j;
    }

    static Map<String, Object> significance(Significance s) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("significant", s.significant());
        j.put("finding", s.finding().name());
        j.put("verdict", s.verdict());
        j.put("trials", s.trials());
        j.put("days", s.periods());
        j.put("bestDailySharpe", ReportWriter.num(s.dailySharpe()));
        j.put("probabilisticSharpe", ReportWriter.num(s.psr()));
        j.put("effectiveTrials", ReportWriter.num(s.effectiveTrials()));
        j.put("meanTrialCorrelation", ReportWriter.num(s.meanCorrelation()));
        j.put("luckSharpeVariance", ReportWriter.num(s.sharpeVariance()));
        j.put("crossTrialSharpeVariance", ReportWriter.num(s.crossTrialVariance()));
        j.put("expectedMaxDailySharpeOfLuck", ReportWriter.num(s.expectedMaxSharpe()));
        j.put("deflatedSharpe", ReportWriter.num(s.dsr()));
        j.put("deflatedSharpeThreshold", Significance.DSR_THRESHOLD);
        j.put("pbo", s.pbo() == null ? null : ReportWriter.num(s.pbo().probability()));
        j.put("pboSplits", s.pbo() == null ? null : s.pbo().splits());
        // null when no track record at this Sharpe would clear the luck bar
        j.put("minTrackRecordDays", ReportWriter.num(Math.ceil(s.minTrackRecordDays())));
        return j;
    }

    /** The CPCV figures for summary.json: counts, and every path's annualised Sharpe ratio in path order. */
    static Map<String, Object> cpcv(dev.hft.research.Cpcv c) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("groups", c.groups());
        j.put("testGroups", c.testGroups());
        j.put("purgeDays", c.purgeDays());
        j.put("embargoDays", c.embargoDays());
        j.put("splits", c.splits());
        j.put("paths", c.paths());
        List<Object> sharpes = new java.util.ArrayList<>();
        for (double v : ReportData.annualised(c.pathSharpes())) {
            sharpes.add(ReportWriter.num(v));
        }
        j.put("pathSharpes", sharpes);
        j.put("medianPathSharpe", ReportWriter.num(c.medianSharpe() * Math.sqrt(365)));
        j.put("shareOfPathsProfitable", ReportWriter.num(c.shareProfitable()));
        return j;
    }

    static void printTrialsLine(PrintWriter out, OptimizationResult o) {
        out.printf(Locale.ROOT, "trials: %d points (%s), %d evaluations%s; %,.0f bar-evaluations/s on %d threads "
                        + "(%s)%n",
                o.sampled(), o.spec().sampler().name().toLowerCase(Locale.ROOT), o.trials().size(),
                o.resumed() > 0 ? ", " + o.resumed() + " resumed from the checkpoint" : "", o.barsPerSecond(),
                o.spec().threads(), o.evaluator());
    }
}
