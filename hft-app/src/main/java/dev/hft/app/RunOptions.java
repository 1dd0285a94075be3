package dev.hft.app;

import dev.hft.backtest.RunSpec;
import dev.hft.backtest.RunResult;
import dev.hft.backtest.BacktestRunner;
import dev.hft.backtest.data.BarSeries;
import dev.hft.backtest.data.DataReport;
import dev.hft.backtest.data.KlineCache;
import dev.hft.backtest.data.KlineReader;
import dev.hft.backtest.report.ReportWriter;
import dev.hft.backtest.synth.RegimeSidecar;
import dev.hft.backtest.synth.SyntheticGenerator;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.InstrumentTable;
import dev.hft.engine.EngineConfig;
import dev.hft.api.Params;
import dev.hft.api.StrategyFactory;
import dev.hft.engine.strategy.StrategyRegistry;
import dev.hft.research.Regimes;
import dev.hft.sim.FillModel;
import dev.hft.sim.LimitFill;
import dev.hft.sim.IntrabarPolicy;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options every command that runs the engine over history shares (data, strategy, costs, fills, sizing,
 * config file), resolved in one place: the command line, else the config file, else the default. Validation
 * happens here, before any data is loaded or anything is written.
 */
final class RunOptions {
    @Option(names = "--data", paramLabel = "PATH",
            description = "Kline .zip/.csv file or directory; repeat for several markets.")
    List<Path> data = new ArrayList<>();

    @Option(names = "--symbol", paramLabel = "SYM",
            description = "Symbol of each --data in order (default: from the file names); without --data, the "
                    + "synthetic symbols (default BTCUSDT, ETHUSDT).")
    List<String> symbols = new ArrayList<>();

    @Option(names = "--strategy", paramLabel = "NAME",
            description = "Strategy (default liquidation-hunter; see 'hft strategies').")
    String strategy;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "Strategy parameter override; repeatable.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--from", paramLabel = "DATE", description = "First day (UTC, YYYY-MM-DD), inclusive.")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last day (UTC, YYYY-MM-DD), inclusive.")
    String to;

    @Option(names = "--capital", paramLabel = "USD", description = "Initial capital (default 10000).")
    BigDecimal capital;

    @Option(names = "--venue", paramLabel = "NAME",
            description = "Fee schedule from the fee table (default binance-spot; see 'hft fees').")
    String venue;

    @Option(names = "--tier", paramLabel = "NAME", description = "Fee tier of --venue (default regular).")
    String tier;

    @Option(names = "--pay-fees-in-token", description = "Apply the venue token discount (BNB on Binance).")
    Boolean payFeesInToken;

    @Option(names = "--fee-bps", paramLabel = "N",
            description = "Flat fee per fill in bps of notional, instead of --venue/--tier.")
    Double feeBps;

    @Option(names = "--slippage-bps", paramLabel = "N",
            description = "Fixed slippage in bps instead of the default model (half the estimated spread plus "
                    + "square-root impact); none with --fill-model close.")
    Double slippageBps;

    @Option(names = "--impact", paramLabel = "COEF",
            description = "Coefficient of the square-root impact term (default 1.0).")
    Double impact;

    @Option(names = "--latency-ms", paramLabel = "MS",
            description = "Receive delay stamped on every bar; the sanitizer rejects bars above its latency limit "
                    + "(default 0).")
    Long latencyMs;

    @Option(names = "--position-pct", paramLabel = "PCT",
            description = "Percent of equity committed per entry (default 10).")
    Double positionPct;

    @Option(names = "--fill-model", paramLabel = "MODEL",
            description = "next-open (default): fill at the next bar's open plus slippage; close: at the signal "
                    + "bar's close, no slippage.")
    String fillModel;

    @Option(names = "--intrabar", paramLabel = "POLICY",
            description = "stop-first (default, pessimistic) or tp-first: which exit fills when one bar reaches both.")
    String intrabar;

    @Option(names = "--limit-fill", paramLabel = "RULE",
            description = "through (default): a limit order fills when a bar trades through its price; touch: when a "
                    + "bar reaches it (optimistic: assumes the order was first in the queue).")
    String limitFill;

    @Option(names = "--seed", description = "Seed of the synthetic data (default 42).")
    Long seed;

    @Option(names = "--days", description = "Days of synthetic data (default 60).")
    Integer days;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config file (see config/hft.example.yaml).")
    Path config;

    @Option(names = "--no-cache", description = "Parse the kline files even when a cached copy exists "
            + "(the cache lives in ~/.cache/hft/klines, or -Dhft.cache / $HFT_CACHE).")
    boolean noCache;


    /** A resolved run: validated settings and the loaded data. */
    record Resolved(RunSpec config, List<Instrument> instruments, List<BarSeries> series,
                    List<DataReport> reports, String dataLabel, long synthSeed, List<byte[]> regimeLabels,
                    String regimeSource) {
    }

    /** Resolves settings and loads the data, printing a line per data file to {@code stdout}. */
    Resolved resolve(PrintWriter stdout) {
        AppConfig cfg = AppConfig.load(config);
        AppConfig.BacktestSection d = cfg.backtest;
        InstrumentTable table = cfg.instrumentTable();

        String strategyName = first(strategy, d.strategy, "liquidation-hunter");
        Map<String, String> mergedParams = new LinkedHashMap<>(d.params);
        mergedParams.putAll(params);
        // each setting: the command line, else the config file, else the default
        BigDecimal cap = first(capital, d.capital, BigDecimal.valueOf(10_000));
        Double fee = first(feeBps, d.feeBps, null);
        Double slip = first(slippageBps, d.slippageBps, null);
        String venueName = first(venue, d.venue, RunSpec.VENUE_DEFAULT);
        String tierName = first(tier, d.tier, RunSpec.TIER_DEFAULT);
        boolean token = first(payFeesInToken, d.payFeesInToken, false);
        double impactCoef = first(impact, d.impactCoef, RunSpec.IMPACT_COEF_DEFAULT);
        long latency = first(latencyMs, d.latencyMs, 0L);
        double posPct = first(positionPct, d.positionPct, 10.0);
        FillModel fm = parseFillModel(first(fillModel, d.fillModel, "next-open"));
        IntrabarPolicy ib = parseIntrabar(first(intrabar, d.intrabar, "stop-first"));
        LimitFill lf = parseLimitFill(first(limitFill, d.limitFill, "through"));
        if (cap.signum() <= 0) {
            throw new UserError("--capital must be positive, got " + cap.toPlainString());
        }
        if (!(posPct > 0 && posPct <= 100)) {
            throw new UserError("--position-pct must be in (0, 100], got " + posPct);
        }
        long capFixed;
        try {
            capFixed = Fixed.parse(cap.toPlainString());
        } catch (NumberFormatException e) {
            throw new UserError("--capital: " + e.getMessage());
        }
        RunSpec bc = new RunSpec(strategyName, mergedParams,
                new EngineConfig(capFixed, posPct / 100.0, 0, cfg.sanitizer.config(), cfg.risk.limits()), fee,
                venueName, tierName, token, slip, impactCoef, fm, ib, latency, lf);
        BacktestRunner.validate(bc); // unknown strategy or parameter: fail before touching data or disk

        LocalDate fromDate = from == null ? null : Dates.parse("--from", from);
        LocalDate toDate = to == null ? null : Dates.parse("--to", to);
        if (fromDate != null && toDate != null && toDate.isBefore(fromDate)) {
            throw new UserError("--to (" + to + ") is before --from (" + from + ")");
        }

        // load and validate all data before anything is written
        List<Instrument> instruments = new ArrayList<>();
        List<BarSeries> series = new ArrayList<>();
        List<DataReport> reports = new ArrayList<>();
        String dataLabel;
        long synthSeed = seed != null ? seed : SyntheticData.SEED_DEFAULT;
        if (data.isEmpty()) {
            List<String> syms = symbols.isEmpty() ? List.of(SyntheticData.SYMBOLS_DEFAULT) : symbols;
            int nDays = days != null ? days : SyntheticData.DAYS_DEFAULT;
            LocalDate start = fromDate != null ? fromDate : LocalDate.parse(SyntheticData.START_DEFAULT);
            if (toDate != null) {
                nDays = (int) (toDate.toEpochDay() - start.toEpochDay() + 1);
            }
            for (String s : syms) {
                Instrument inst = instrument(table, s);
                instruments.add(inst);
                series.add(SyntheticData.series(inst, synthSeed, start, nDays));
            }
            dataLabel = "synthetic, " + nDays + " days of 1m bars from " + start + ", seed " + synthSeed;
        } else {
            if (!symbols.isEmpty() && symbols.size() != data.size()) {
                throw new UserError("give one --symbol per --data (" + data.size() + " --data, " + symbols.size()
                        + " --symbol), or none to take symbols from the file names");
            }
            if (seed != null || days != null) {
                throw new UserError("--seed and --days apply to synthetic data only; remove them or --data");
            }
            for (int i = 0; i < data.size(); i++) {
                Path p = data.get(i);
                long lo = fromDate == null ? Long.MIN_VALUE : Dates.startOfDayMs(fromDate);
                long hi = toDate == null ? Long.MAX_VALUE : Dates.startOfDayMs(toDate.plusDays(1));
                // the dates apply before validation: a row the run does not cover cannot stop it
                Klines k = readKlines("", p, symbols.isEmpty() ? null : symbols.get(i), table, noCache, lo, hi);
                Instrument inst = k.instrument();
                KlineReader.Result res = k.result();
                BarSeries s = res.series();
                if (fromDate != null || toDate != null) {
                    s = s.slice(lo, hi);
                    if (s.size() == 0) {
                        throw new UserError(p + ": no bars between --from and --to");
                    }
                }
                instruments.add(inst);
                series.add(s);
                reports.add(res.report());
                printDataReport(stdout, p, res.report());
            }
            dataLabel = String.join(", ", data.stream().map(Path::toString).toList());
        }
        for (int i = 0; i < instruments.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (instruments.get(i).symbol().equals(instruments.get(j).symbol())) {
                    throw new UserError("symbol " + instruments.get(i).symbol() + " given twice");
                }
            }
        }

        List<byte[]> labels = regimeLabels(instruments, series, synthSeed, fromDate, toDate);
        return new Resolved(bc, instruments, series, reports, dataLabel, synthSeed, labels,
                labels == null ? "classifier (docs/REGIMES.md)" : "labels planted by the synthetic generator");
    }

    /**
     * The regime labels planted in the data: regenerated for the built-in synthetic data, read from the
     * generator's sidecar files beside --data, or null (the caller classifies).
     */
    private List<byte[]> regimeLabels(List<Instrument> instruments, List<BarSeries> series, long synthSeed,
                                      LocalDate fromDate, LocalDate toDate) {
        List<byte[]> out = new ArrayList<>();
        if (data.isEmpty()) {
            int nDays = series.get(0).size() / 1440;
            LocalDate start = fromDate != null ? fromDate : LocalDate.parse(SyntheticData.START_DEFAULT);
            for (Instrument inst : instruments) {
                SyntheticGenerator.Generated g = SyntheticData.generate(inst, synthSeed, start, nDays);
                out.add(g.regimes());
            }
            return out;
        }
        for (int i = 0; i < data.size(); i++) {
            Path p = data.get(i);
            Path dir = Files.isDirectory(p) ? p : p.toAbsolutePath().getParent();
            Path sidecar = dir == null ? null : dir.resolve(RegimeSidecar.fileName(series.get(i).symbol(), "1m"));
            if (sidecar == null || !Files.isRegularFile(sidecar)) {
                return null;
            }
            out.add(Regimes.fromSidecar(sidecar, series.get(i)));
        }
        return out;
    }

    private static void printDataReport(PrintWriter out, Path p, DataReport r) {
        out.printf(Locale.ROOT, "data %s: %s, %d files, %,d rows, %,d bars%s%s%n", r.symbol(), p, r.files(), r.rows(),
                r.bars(), r.microsecondRows() > 0 ? ", " + r.microsecondRows() + " rows in microseconds" : "",
                r.headerLines() > 0 ? ", " + r.headerLines() + " header lines skipped" : "");
        if (r.duplicates() > 0) {
            out.printf(Locale.ROOT, "  WARNING %d duplicate bars dropped (first at %s)%n", r.duplicates(),
                    r.firstDuplicates().stream().map(ReportWriter::iso).toList());
        }
        if (r.gaps() > 0) {
            out.printf(Locale.ROOT, "  WARNING %d gaps, %d bars missing, not filled (first after a gap: %s)%n",
                    r.gaps(), r.missingBars(), r.firstGaps().stream().map(ReportWriter::iso).toList());
        }
        if (r.shortBars() > 0) {
            out.printf(Locale.ROOT, "  WARNING %d bars shorter than the interval (a trading halt's candle), kept "
                    + "(first at %s)%n", r.shortBars(), r.firstShortBars().stream().map(ReportWriter::iso).toList());
        }
        if (r.roundedValues() > 0) {
            out.printf(Locale.ROOT, "  WARNING %d values with floating-point noise beyond 8 decimals, rounded to 8 "
                    + "(docs/DATA.md)%n", r.roundedValues());
        }
        if (r.filesOutside() > 0 || r.rowsOutside() > 0) {
            out.printf(Locale.ROOT, "  %d files and %,d rows outside --from/--to, not read%n", r.filesOutside(),
                    r.rowsOutside());
        }
    }

    Map<String, Object> resolvedConfig(RunSpec bc, String dataLabel, List<Instrument> instruments,
                                               long synthSeed, RunResult result) {
        StrategyFactory f = StrategyRegistry.get(bc.strategy());
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("strategy", bc.strategy());
        Map<String, Object> p = new LinkedHashMap<>();
        new Params(f.name(), f.params(), bc.params()).asMap().forEach((k, v) -> p.put(k, ReportWriter.num(v)));
        c.put("params", p);
        c.put("data", dataLabel);
        if (data.isEmpty()) {
            c.put("seed", synthSeed);
        }
        c.put("from", from);
        c.put("to", to);
        c.put("initialCapital", ReportWriter.money(bc.engine().initialCapital()));
        c.put("positionPct", ReportWriter.num(bc.engine().positionFraction() * 100));
        c.put("fees", result.costModel().get("fees"));
        c.put("takerFeePct", ReportWriter.num((Double) result.costModel().get("takerFeePct")));
        c.put("slippage", result.costModel().get("slippage"));
        c.put("fillModel", bc.fillModel() == FillModel.CLOSE ? "close" : "next-open");
        c.put("intrabar", bc.intrabar() == IntrabarPolicy.STOP_FIRST ? "stop-first" : "tp-first");
        c.put("limitFill", bc.limitFill().name().toLowerCase(Locale.ROOT));
        c.put("latencyMs", bc.latencyMs());
        c.put("risk", bc.engine().risk().describe());
        c.put("sanitizer", result.sanitizer().get("thresholds"));
        List<Map<String, Object>> insts = new ArrayList<>();
        for (Instrument i : instruments) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("symbol", i.symbol());
            e.put("tickSize", ReportWriter.money(i.tickSize()));
            e.put("stepSize", ReportWriter.money(i.stepSize()));
            e.put("minQty", ReportWriter.money(i.minQty()));
            e.put("minNotional", ReportWriter.money(i.minNotional()));
            insts.add(e);
        }
        c.put("instruments", insts);
        return c;
    }

    /** Kline data read for an instrument: what {@link #readKlines} returns. */
    record Klines(Instrument instrument, KlineReader.Result result) {
    }

    /**
     * Reads and validates the klines at {@code path} for {@code symbol} (null: the symbol the file names carry),
     * opens and closes at {@code [lo, hi)}; a missing path or an unknown symbol is a user error, its message led by
     * {@code what} (e.g. "--replay: ").
     */
    static Klines readKlines(String what, Path path, String symbol, InstrumentTable table, boolean noCache, long lo,
                             long hi) {
        if (!java.nio.file.Files.exists(path)) {
            throw new UserError(what + "data path not found: " + path);
        }
        String sym = symbol != null ? symbol : KlineReader.symbolFromPath(path);
        if (sym == null) {
            throw new UserError(what + "cannot tell the symbol of " + path + " from its file names; add --symbol");
        }
        Instrument inst = instrument(table, sym);
        return new Klines(inst, KlineReader.read(path, inst.symbol(), noCache ? null : KlineCache.atDefaultLocation(),
                lo, hi));
    }

    static Instrument instrument(InstrumentTable table, String symbol) {
        Instrument i = table.find(symbol);
        if (i == null) {
            throw new UserError("unknown instrument '" + symbol + "': " + (table.all().size() <= 8 ? "built in are "
                    + String.join(", ", table.all().keySet()) + "; fetch every Binance instrument with 'hft data "
                    + "instruments' (into " + DataCommand.INSTRUMENTS_FILE + "), or add it" : "Binance lists no such "
                    + "spot or USD-M symbol in " + DataCommand.INSTRUMENTS_FILE + "; fetch it again with 'hft data "
                    + "instruments', or add it") + " under 'instruments:' in a --config file");
        }
        return i;
    }

    private static <T> T first(T commandLine, T configFile, T fallback) {
        return commandLine != null ? commandLine : configFile != null ? configFile : fallback;
    }

    static FillModel parseFillModel(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "next-open" -> FillModel.NEXT_OPEN;
            case "close" -> FillModel.CLOSE;
            default -> throw new UserError("--fill-model must be next-open or close, got '" + s + "'");
        };
    }

    static LimitFill parseLimitFill(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "through" -> LimitFill.THROUGH;
            case "touch" -> LimitFill.TOUCH;
            default -> throw new UserError("--limit-fill must be through or touch, got '" + s + "'");
        };
    }

    static IntrabarPolicy parseIntrabar(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "stop-first" -> IntrabarPolicy.STOP_FIRST;
            case "tp-first" -> IntrabarPolicy.TAKE_PROFIT_FIRST;
            default -> throw new UserError("--intrabar must be stop-first or tp-first, got '" + s + "'");
        };
    }

}
