package dev.hft.app;

import dev.hft.backtest.BacktestResult;
import dev.hft.backtest.report.Metrics;
import dev.hft.backtest.report.ReportWriter;
import dev.hft.core.Fixed;
import dev.hft.core.ReasonCode;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** The backtest report printed to the console. */
final class ConsoleReport {
    private ConsoleReport() {
    }

    static void print(PrintWriter out, String strategy, BacktestResult r, Metrics m, String dataLabel,
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
        double seconds = r.elapsedNanos() / 1e9;
        out.println(row("Bars processed", String.format(Locale.ROOT, "%,d  (%,.0f bars/s)", r.bars(),
                seconds > 0 ? r.bars() / seconds : 0)));
        out.println(row("Results", resultsDir));
        out.println(line);
        out.println(" A backtest is a simulation on past or synthetic data. It is no promise of future profit.");
        out.flush();
    }

    private static void printReasonTable(PrintWriter out, Map<ReasonCode, Metrics.ReasonStats> stats) {
        stats.forEach((k, s) -> out.printf(Locale.ROOT, "   %-22s %5d trades  win %5.1f%%  P&L %s%n", k.name(),
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
