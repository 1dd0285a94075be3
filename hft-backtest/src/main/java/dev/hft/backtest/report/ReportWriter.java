package dev.hft.backtest.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hft.backtest.RunResult;
import dev.hft.backtest.data.DataReport;
import dev.hft.core.Fixed;
import dev.hft.core.ReasonCode;
import dev.hft.engine.TradeRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the files a backtest leaves behind. Everything here is a pure function of the result and config, so two
 * runs on the same inputs give byte-identical files (wall-clock figures go to {@code run.json} only).
 * Formats are documented in docs/RESULTS.md.
 */
public final class ReportWriter {
    public static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private ReportWriter() {
    }

    public static String iso(long ms) {
        return ISO.format(Instant.ofEpochMilli(ms));
    }

    /**
     * {@link #iso} for many times in a row, as an equity curve has them: the date is formatted once per UTC day and
     * the time of day is written from the milliseconds, with the same text. Not thread-safe: one per loop.
     */
    public static final class IsoTimes {
        private static final long DAY_MS = 86_400_000L;
        private final StringBuilder sb = new StringBuilder(24);
        private long dayStart = Long.MAX_VALUE;
        private long dayEnd = Long.MIN_VALUE;
        private String date;

        public String format(long ms) {
            if (ms < dayStart || ms >= dayEnd) {
                dayStart = Math.floorDiv(ms, DAY_MS) * DAY_MS;
                dayEnd = dayStart + DAY_MS;
                String midnight = iso(dayStart);
                date = midnight.substring(0, midnight.indexOf('T') + 1);
            }
            int t = (int) (ms - dayStart);
            sb.setLength(0);
            sb.append(date);
            two(t / 3_600_000).append(':');
            two(t / 60_000 % 60).append(':');
            two(t / 1000 % 60).append('.');
            int milli = t % 1000;
            sb.append((char) ('0' + milli / 100)).append((char) ('0' + milli / 10 % 10))
                    .append((char) ('0' + milli % 10)).append('Z');
            return sb.toString();
        }

        private StringBuilder two(int v) {
            return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
        }
    }

    /** Writes metrics.json, trades.csv, equity.csv, reasons.csv and config.json into {@code dir}. */
    public static void write(Path dir, RunResult r, Metrics m, Map<String, Object> resolvedConfig,
                             List<DataReport> data) {
        write(dir, r, m, resolvedConfig, data, null);
    }

    /** As above; with the run's bar series (not null), metrics.json also compares the run with buy-and-hold. */
    public static void write(Path dir, RunResult r, Metrics m, Map<String, Object> resolvedConfig,
                             List<DataReport> data, List<dev.hft.backtest.data.BarSeries> series) {
        try {
            Files.createDirectories(dir);
            Map<String, Object> metrics = metricsJson(m, r, data);
            if (series != null && !series.isEmpty()) {
                metrics.put("benchmark", benchmark(r, series));
            }
            writeJson(dir.resolve("metrics.json"), metrics);
            writeTrades(dir.resolve("trades.csv"), r);
            writeEquity(dir.resolve("equity.csv"), r);
            writeReasons(dir.resolve("reasons.csv"), r, m);
            writeTca(dir.resolve("tca.csv"), r);
            Map<String, Object> config = new java.util.LinkedHashMap<>();
            config.put("hftVersion", dev.hft.core.BuildInfo.VERSION); // the code that made these results
            config.putAll(resolvedConfig);
            writeJson(dir.resolve("config.json"), config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results to " + dir + ": " + e.getMessage(), e);
        }
    }

    public static void writeJson(Path file, Object value) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(value);
        Files.write(file, bytes);
        Files.write(file, new byte[] {'\n'}, java.nio.file.StandardOpenOption.APPEND);
    }

    /** metrics.json: the keys in a fixed order. */
    static Map<String, Object> metricsJson(Metrics m, RunResult r, List<DataReport> data) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("initialCapital", money(m.initialCapital));
        j.put("finalCapital", money(m.finalCapital));
        j.put("totalPnl", money(m.totalPnl));
        j.put("totalReturnPct", num(m.totalReturnPct));
        j.put("totalFees", money(m.totalFees));
        j.put("trades", m.trades);
        j.put("wins", m.wins);
        j.put("losses", m.losses);
        j.put("winRatePct", num(m.winRatePct));
        j.put("avgWin", money(m.avgWin));
        j.put("avgWinPct", num(m.avgWinPct));
        j.put("avgLoss", money(m.avgLoss));
        j.put("avgLossPct", num(m.avgLossPct));
        j.put("profitFactor", m.profitFactor == null ? null : num(m.profitFactor));
        j.put("sharpe", m.sharpe == null ? null : num(m.sharpe));
        j.put("maxDrawdownPct", num(m.maxDrawdownPct));
        j.put("tradingDays", m.tradingDays);
        j.put("exitReasons", m.exitReasonNames());
        j.put("bars", m.bars);
        j.put("symbols", m.symbols);
        j.put("byEntryReason", reasonStats(m.byEntryReason));
        j.put("byExitReason", reasonStats(m.byExitReason));
        Map<String, Long> decisions = new LinkedHashMap<>();
        r.reasons().forEach((k, v) -> decisions.put(k.name(), v));
        for (dev.hft.engine.ReasonLedger.OwnCount o : r.ownReasons()) { // the strategy's own, after the catalogue
            if (o.count() != 0) {
                decisions.put(o.reason().name(), o.count());
            }
        }
        j.put("reasonCounts", decisions);
        Map<String, Object> tca = new LinkedHashMap<>();
        r.tcaSummary().forEach((k, v) -> tca.put(k, v instanceof Double d ? num(d) : v));
        j.put("tca", tca);
        j.put("sanitizer", r.sanitizer());
        j.put("risk", r.risk());
        j.put("costs", r.costModel());
        j.put("tearsheet", tearsheet(r, Metrics.dailyReturns(r.equityTimeMs(), r.equity(), r.initialCapital()),
                m.maxDrawdownPct));
        if (data != null) {
            List<Map<String, Object>> dq = new java.util.ArrayList<>();
            for (DataReport d : data) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("symbol", d.symbol());
                e.put("files", d.files());
                e.put("rows", d.rows());
                e.put("bars", d.bars());
                e.put("duplicates", d.duplicates());
                e.put("gaps", d.gaps());
                e.put("missingBars", d.missingBars());
                e.put("firstGaps", d.firstGaps().stream().map(ReportWriter::iso).toList());
                e.put("shortBars", d.shortBars());
                e.put("firstShortBars", d.firstShortBars().stream().map(ReportWriter::iso).toList());
                e.put("roundedValues", d.roundedValues());
                dq.add(e);
            }
            j.put("data", dq);
        }
        return j;
    }

    private static Map<String, Object> reasonStats(Map<String, Metrics.ReasonStats> stats) {
        Map<String, Object> out = new LinkedHashMap<>();
        stats.forEach((k, s) -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("trades", s.trades);
            e.put("winRatePct", num(s.winRatePct()));
            e.put("totalPnl", money(s.totalPnl));
            e.put("avgPnl", money(s.avgPnl()));
            out.put(k, e);
        });
        return out;
    }

    /** Money with 8 decimals at most, trailing zeros removed. */
    public static BigDecimal money(long v) {
        return new BigDecimal(Fixed.format(v));
    }

    /** A ratio rounded to 6 decimals: stable text, no float noise. */
    public static BigDecimal num(double d) {
        if (!Double.isFinite(d)) {
            return null;
        }
        BigDecimal b = BigDecimal.valueOf(d).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return b.scale() < 0 ? b.setScale(0) : b;
    }

    /**
     * The {@link Tearsheet} of a run, as ordered name to value for metrics.json and the report (null where a figure
     * is undefined).
     */
    public static Map<String, Object> tearsheet(RunResult r, double[] daily, double maxDrawdownPct) {
        Map<String, Object> j = new LinkedHashMap<>();
        long[] t = r.equityTimeMs();
        long end = t.length == 0 ? 0 : t[t.length - 1];
        double cagr = Tearsheet.cagrPct(r.initialCapital(), r.finalCapital(), daily.length);
        j.put("cagrPct", num(cagr));
        j.put("volatilityPct", num(Tearsheet.volatilityPct(daily)));
        j.put("sortino", num(Tearsheet.sortino(daily)));
        j.put("calmar", maxDrawdownPct > 0 ? num(cagr / maxDrawdownPct) : null);
        j.put("exposurePct", num(Tearsheet.exposurePct(r.trades(), t.length == 0 ? 0 : t[0], end)));
        double[] holds = r.trades().stream()
                .mapToDouble(x -> (x.exitTimeMs() - x.entryTimeMs()) / Tearsheet.HOUR_MS)
                .sorted().toArray();
        j.put("avgHoldingHours", holds.length == 0 ? null : num(Arrays.stream(holds).average().orElse(0)));
        j.put("medianHoldingHours", holds.length == 0 ? null : num(Tearsheet.median(holds)));
        List<Tearsheet.Drawdown> dds = Tearsheet.drawdowns(t, r.equity(), r.initialCapital());
        Tearsheet.Drawdown longest = dds.stream().max(Comparator.comparingDouble(d -> d.days(end))).orElse(null);
        j.put("longestDrawdownDays", longest == null ? null : num(longest.days(end)));
        j.put("longestDrawdownRecovered", longest == null ? null : longest.recoveryMs() >= 0);
        List<Map<String, Object>> worst = new ArrayList<>();
        dds.stream().sorted(Comparator.comparingDouble(Tearsheet.Drawdown::depthPct).reversed()
                .thenComparingLong(Tearsheet.Drawdown::peakMs)).limit(5).forEach(d -> {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("depthPct", num(d.depthPct()));
                    e.put("peak", iso(d.peakMs()));
                    e.put("trough", iso(d.troughMs()));
                    e.put("recovered", d.recoveryMs() < 0 ? null : iso(d.recoveryMs()));
                    e.put("days", num(d.days(end)));
                    worst.add(e);
                });
        j.put("worstDrawdowns", worst);
        j.put("bestDayPct", daily.length == 0 ? null : num(100 * Arrays.stream(daily).max().orElse(0)));
        j.put("worstDayPct", daily.length == 0 ? null : num(100 * Arrays.stream(daily).min().orElse(0)));
        TradeRecord best = r.trades().stream().max(Comparator.comparingLong(TradeRecord::pnl)).orElse(null);
        TradeRecord worstTrade = r.trades().stream().min(Comparator.comparingLong(TradeRecord::pnl)).orElse(null);
        j.put("bestTrade", best == null ? null : money(best.pnl()));
        j.put("worstTrade", worstTrade == null ? null : money(worstTrade.pnl()));
        int[] streaks = Tearsheet.streaks(r.trades().stream().mapToLong(TradeRecord::pnl).toArray());
        j.put("longestWinStreak", streaks[0]);
        j.put("longestLossStreak", streaks[1]);
        long total = r.trades().stream().mapToLong(TradeRecord::pnl).sum();
        j.put("expectancy", r.trades().isEmpty() ? null : money(Fixed.div(total,
                Fixed.of(r.trades().size()))));
        j.put("payoffRatio", num(Tearsheet.payoff(r.trades().stream().mapToLong(TradeRecord::pnl).toArray())));
        return j;
    }

    /** The {@link Benchmark}'s figures beside the run's, for metrics.json and the report. */
    public static Map<String, Object> benchmark(RunResult r, List<dev.hft.backtest.data.BarSeries> series) {
        long[] t = r.equityTimeMs();
        long[] bench = Benchmark.equity(t, r.initialCapital(), series);
        double[] bd = Metrics.dailyReturns(t, bench, r.initialCapital());
        double[] sd = Metrics.dailyReturns(t, r.equity(), r.initialCapital());
        double beta = Benchmark.beta(sd, bd);
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("name", "buy and hold, equal weight");
        long last = bench.length == 0 ? r.initialCapital() : bench[bench.length - 1];
        j.put("totalReturnPct", num(100.0 * (Fixed.toDouble(last) / Fixed.toDouble(r.initialCapital())
                - 1)));
        j.put("sharpe", Metrics.sharpe(bd) == null ? null : num(Metrics.sharpe(bd)));
        j.put("maxDrawdownPct", num(Metrics.maxDrawdownPct(bench, r.initialCapital())));
        j.put("beta", num(beta));
        j.put("alphaPct", num(Benchmark.alphaPct(sd, bd, beta)));
        return j;
    }
    /** The run's trades and equity curve, as {@code <prefix>trades.csv} and {@code <prefix>equity.csv}. */
    public static void writeTradesAndEquity(Path dir, String prefix, RunResult r) throws IOException {
        writeTrades(dir.resolve(prefix + "trades.csv"), r);
        writeEquity(dir.resolve(prefix + "equity.csv"), r);
    }

    private static void writeTrades(Path file, RunResult r) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("symbol,side,entryTime,entryPrice,exitTime,exitPrice,quantity,pnl,fees,entryReason,exitReason\n");
            for (TradeRecord t : r.trades()) {
                w.write(r.instruments().get(t.instrument()).symbol());
                w.write(',');
                w.write(t.side() == dev.hft.core.Side.BUY ? "LONG" : "SHORT");
                w.write(',');
                w.write(iso(t.entryTimeMs()));
                w.write(',');
                w.write(Fixed.format(t.entryPrice()));
                w.write(',');
                w.write(iso(t.exitTimeMs()));
                w.write(',');
                w.write(Fixed.format(t.exitPrice()));
                w.write(',');
                w.write(Fixed.format(t.quantity()));
                w.write(',');
                w.write(Fixed.format(t.pnl()));
                w.write(',');
                w.write(Fixed.format(t.fees()));
                w.write(',');
                w.write(t.entryReasonName());
                w.write(',');
                w.write(t.exitReasonName());
                w.write('\n');
            }
        }
    }

    /** tca.csv: one row per filled order; see TcaRecord for the definitions. */
    private static void writeTca(Path file, RunResult r) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("order,symbol,side,type,reason,quantity,decisionTime,decisionPrice,arrivalPrice,fillTime,"
                    + "fillPrice,estFeeBps,estSpreadBps,estImpactBps,estTotalBps,delayBps,spreadBps,slippageBps,"
                    + "feeBps,shortfallDecisionBps,shortfallArrivalBps,markout1Bps,markout5Bps,markout15Bps,"
                    + "estErrorBps\n");
            for (dev.hft.engine.tca.TcaRecord t : r.tca()) {
                StringBuilder sb = new StringBuilder(256);
                // the order's number in the run: the client order id is <runId>-<order> (runId in run.json), and the
                // random run id would make two identical runs differ here
                String id = t.order.clientOrderId;
                sb.append(id.substring(id.lastIndexOf('-') + 1)).append(',')
                        .append(r.instruments().get(t.order.instrument).symbol()).append(',')
                        .append(t.order.side).append(',').append(t.order.type).append(',')
                        .append(t.order.strategyReason != null ? t.order.strategyReason : t.order.reason.name())
                        .append(',')
                        .append(Fixed.format(t.filledQty)).append(',')
                        .append(iso(t.order.decisionTimeMs)).append(',')
                        .append(Fixed.format(t.decisionPrice())).append(',')
                        .append(Fixed.format(t.arrivalPrice)).append(',')
                        .append(iso(t.fillTimeMs)).append(',')
                        .append(Fixed.format(t.avgFillPrice()));
                double[] v = {t.estimate.feeBps(), t.estimate.spreadBps(), t.estimate.impactBps(),
                    t.estimate.totalBps(), t.delayBps(), t.spreadBps(), t.slippageBps(), t.feeBps(),
                    t.shortfallDecisionBps(), t.shortfallArrivalBps(), t.markoutBps[0], t.markoutBps[1],
                    t.markoutBps[2], t.estimateErrorBps()};
                for (double d : v) {
                    sb.append(',');
                    BigDecimal b = num(d);
                    if (b != null) {
                        sb.append(b.toPlainString());
                    }
                }
                w.write(sb.append('\n').toString());
            }
        }
    }

    private static void writeEquity(Path file, RunResult r) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("time,equity\n");
            long[] t = r.equityTimeMs();
            long[] e = r.equity();
            IsoTimes times = new IsoTimes();
            for (int i = 0; i < t.length; i++) {
                w.write(times.format(t[i]));
                w.write(',');
                w.write(Fixed.format(e[i], 2));
                w.write('\n');
            }
        }
    }

    private static void writeReasons(Path file, RunResult r, Metrics m) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("reason,kind,count,trades,winRatePct,totalPnl,avgPnl,description\n");
            for (ReasonCode c : ReasonCode.values()) {
                reasonRow(w, c.name(), c.kind(), r.reasons().getOrDefault(c, 0L), c.description(), m);
            }
            for (dev.hft.engine.ReasonLedger.OwnCount o : r.ownReasons()) { // the strategy's own, after the catalogue
                reasonRow(w, o.reason().name(), o.reason().kind(), o.count(), o.reason().description(), m);
            }
        }
    }

    private static void reasonRow(BufferedWriter w, String name, ReasonCode.Kind kind, long count, String description,
                                  Metrics m) throws IOException {
        Metrics.ReasonStats s = kind == ReasonCode.Kind.ENTRY ? m.byEntryReason.get(name)
                : kind == ReasonCode.Kind.EXIT ? m.byExitReason.get(name) : null;
        if (count == 0 && s == null) {
            return;
        }
        w.write(name + ',' + kind + ',' + count + ',');
        if (s != null) {
            w.write(s.trades + "," + num(s.winRatePct()).toPlainString() + "," + Fixed.format(s.totalPnl)
                    + "," + Fixed.format(s.avgPnl()));
        } else {
            w.write("0,,,");
        }
        w.write(",\"" + description + "\"\n");
    }
}
