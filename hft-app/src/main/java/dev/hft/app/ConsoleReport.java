package dev.hft.app;

import dev.hft.backtest.RunResult;
import dev.hft.backtest.report.Metrics;
import dev.hft.backtest.report.ReportWriter;
import dev.hft.core.Fixed;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** The backtest report printed to the console. */
final class ConsoleReport {
    private ConsoleReport() {
    }

    static void print(PrintWriter out, String strategy, RunResult r, Metrics m, String dataLabel,
                      String resultsDir) {
        String line = "=".repeat(72);
        out.println(line);
        out.println(" BACKTEST  " + strategy + "  on  " + String.join(", ", m.symbols));
        out.println(line);
        out.println(row("Data", dataLabel));
        if (r.equityTimeMs().length > 0) {
            out.println(row("Period", ReportWriter.iso(r.equityTimeMs()[0]) + " .. "
                    + ReportWriter.iso(r.equityTimeMs()[r.equityTimeMs().length - 1])));
        }
        out.println(row("Initial capital", usd(m.initialCapital)));
        out.println(row("Final capital", usd(m.finalCapital)));
        out.println(row("Total P&L", usd(m.totalPnl) + "  (" + pct(m.totalReturnPct) + ")"));
        out.println(row("Total fees", usd(m.totalFees)));
        out.println(row("Trades", m.trades + "  (wins " + m.wins + ", losses " + m.losses + ")"));
        out.println(row("Win rate", String.format(Locale.ROOT, "%.1f%%", m.winRatePct)));
        out.println(row("Average win", usd(m.avgWin) + "  (" + pct(m.avgWinPct) + ")"));
        out.println(row("Average loss", usd(m.avgLoss) + "  (" + pct(m.avgLossPct) + ")"));
        out.println(row("Profit factor", m.profitFactor == null ? "n/a (no losing trade)"
                : String.format(Locale.ROOT, "%.2f", m.profitFactor)));
        out.println(row("Sharpe (daily, x sqrt 365)", m.sharpe == null ? "n/a (fewer than 2 days or no variance)"
                : String.format(Locale.ROOT, "%.2f", m.sharpe)));
        out.println(row("Max drawdown", String.format(Locale.ROOT, "%.2f%%", m.maxDrawdownPct)));
        out.println(" Exit breakdown:");
        if (m.exitReasons.isEmpty()) {
            out.println("   (no trades)");
        }
        printReasonTable(out, m.byExitReason);
        if (!m.byEntryReason.isEmpty()) {
            out.println(" By entry reason:");
            printReasonTable(out, m.byEntryReason);
        }
        printHardening(out, r);
        double seconds = r.elapsedNanos() / 1e9;
        out.println(row("Bars processed", String.format(Locale.ROOT, "%,d  (%,.0f bars/s)", r.bars(),
                seconds > 0 ? r.bars() / seconds : 0)));
        out.println(row("Results", resultsDir + " (open report.html in a browser)"));
        out.println(line);
        out.println(" A backtest is a simulation on past or synthetic data. It is no promise of future profit.");
        out.flush();
    }

    /** The risk limits and sanitizer thresholds in use, printed before the run starts. */
    static void printLimits(PrintWriter out, dev.hft.backtest.RunSpec bc) {
        StringBuilder sb = new StringBuilder(" Risk guard: state ACTIVE; limits");
        bc.engine().risk().describe().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        out.println(sb);
        dev.hft.engine.sanitizer.SanitizerConfig s = bc.engine().sanitizer();
        out.printf(Locale.ROOT, " Sanitizer: maxLatencyMs=%d maxSpreadBps=%s outlier=%sx and %s%% staleAfterMs=%d "
                + "thawAfter=%d%n", s.maxLatencyMs(), fmt(s.maxSpreadBps()), fmt(s.outlierMultiple()),
                fmt(s.outlierMinPct()), s.staleAfterMs(), s.thawAfter());
        out.flush();
    }

    @SuppressWarnings("unchecked")
    private static void printHardening(PrintWriter out, RunResult r) {
        Map<String, Object> san = r.sanitizer();
        Map<String, Object> symbols = (Map<String, Object>) san.get("symbols");
        long freezes = 0;
        long seen = 0;
        long accepted = 0;
        for (Object o : symbols.values()) {
            Map<String, Object> e = (Map<String, Object>) o;
            freezes += (Long) e.get("freezes");
            seen += (Long) e.get("events");
            accepted += (Long) e.get("accepted");
        }
        out.println(row("Data validation", String.format(Locale.ROOT, "%,d of %,d events accepted (%.4f%%), %d freezes",
                accepted, seen, (Double) san.get("validationRatePct"), freezes)));
        Map<String, Object> risk = r.risk();
        java.util.List<?> changes = (java.util.List<?>) risk.get("stateChanges");
        out.println(row("Risk state", risk.get("finalState") + "  (" + changes.size() + " state changes, "
                + risk.get("ordersDenied") + " orders denied " + risk.get("denials") + ")"));
        Map<String, Object> t = r.tcaSummary();
        out.println(row("TCA (bps, per order)", String.format(Locale.ROOT,
                "%d orders: estimated %.2f, shortfall %.2f vs decision = delay %.2f + spread %.2f + slippage %.2f "
                        + "+ fee %.2f; |estimate error| %.2f",
                (Integer) t.get("orders"), (Double) t.get("avgEstimatedBps"),
                        (Double) t.get("avgShortfallVsDecisionBps"),
                (Double) t.get("avgDelayBps"), (Double) t.get("avgSpreadBps"), (Double) t.get("avgSlippageBps"),
                (Double) t.get("avgFeeBps"), (Double) t.get("avgAbsEstimateErrorBps"))));
        out.println(row("Markouts (bps)", String.format(Locale.ROOT, "+1 bar %.2f, +5 bars %.2f, +15 bars %.2f",
                (Double) t.get("avgMarkout1Bps"), (Double) t.get("avgMarkout5Bps"),
                        (Double) t.get("avgMarkout15Bps"))));
        out.println(row("Costs", r.costModel().get("fees") + "; slippage " + r.costModel().get("slippage")));
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static void printReasonTable(PrintWriter out, Map<String, Metrics.ReasonStats> stats) {
        stats.forEach((k, s) -> out.printf(Locale.ROOT, "   %-22s %5d trades  win %5.1f%%  P&L %s%n", k,
                s.trades, s.winRatePct(), usd(s.totalPnl)));
    }

    private static String row(String label, String value) {
        return String.format(Locale.ROOT, " %-28s %s", label, value);
    }

    static String usd(long v) {
        return String.format(Locale.ROOT, "%s$%,.2f", v < 0 ? "-" : "", Math.abs(Fixed.toDouble(v)));
    }

    private static String pct(double p) {
        return String.format(Locale.ROOT, "%+.2f%%", p);
    }
}
