package dev.hft.app;

import dev.hft.backtest.synth.KlineWriter;
import dev.hft.backtest.synth.RegimeSidecar;
import dev.hft.backtest.synth.SyntheticGenerator;
import dev.hft.core.Instrument;
import dev.hft.core.InstrumentTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hft generate}: writes synthetic Binance-format kline files with labelled regimes. */
@Command(name = "generate", sortOptions = false,
        description = "Generate seeded synthetic 1-minute klines (Binance daily zip format) with a regime sidecar.")
final class GenerateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--symbol", paramLabel = "SYM", description = "Symbols (default BTCUSDT, ETHUSDT).")
    List<String> symbols = new ArrayList<>();

    @Option(names = "--days", description = "Number of days (default 60).")
    int days = SyntheticData.DAYS_DEFAULT;

    @Option(names = "--start", paramLabel = "DATE", description = "First day, UTC (default 2024-01-01).")
    String start = SyntheticData.START_DEFAULT;

    @Option(names = "--seed", description = "Seed (default 42). Same seed, same bytes.")
    long seed = SyntheticData.SEED_DEFAULT;

    @Option(names = "--model", paramLabel = "NAME",
            description = "regimes (default: trends, ranges, volatility clusters, liquidation cascades) or "
                    + "random-walk (no edge for any strategy unless --trend plants one).")
    String model = "regimes";

    @Option(names = "--trend", paramLabel = "SIGMAS",
            description = "random-walk only: drift per bar in standard deviations, switching sign at random "
                    + "(default 0 = no edge; 0.05 is an edge trend-following finds).")
    double trend;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default data/synthetic).")
    Path out = Path.of("data", "synthetic");

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config (instrument overrides).")
    Path config;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        InstrumentTable table = AppConfig.load(config).instrumentTable();
        LocalDate startDate = Dates.parse("--start", start);
        List<String> syms = symbols.isEmpty() ? List.of(SyntheticData.SYMBOLS_DEFAULT) : symbols;
        List<Instrument> insts = new ArrayList<>();
        for (String s : syms) {
            insts.add(RunOptions.instrument(table, s));
        }
        boolean walk = switch (model) {
            case "regimes" -> false;
            case "random-walk" -> true;
            default -> throw new UserError("--model must be regimes or random-walk, got '" + model + "'");
        };
        if (!walk && trend != 0) {
            throw new UserError("--trend applies to --model random-walk only");
        }
        if (!(trend >= 0 && trend <= 1)) {
            throw new UserError("--trend must be in [0, 1] standard deviations per bar, got " + trend);
        }
        for (Instrument inst : insts) {
            SyntheticGenerator.Generated g = walk ? SyntheticData.randomWalk(inst, seed, startDate, days, trend)
                    : SyntheticData.generate(inst, seed, startDate, days);
            Path dir = out.resolve(inst.symbol());
            int files = KlineWriter.writeDaily(g.series(), "1m", dir);
            RegimeSidecar.write(dir, "1m", g.series(), g.regimes(), seed);
            stdout.printf(Locale.ROOT, "%s: %,d bars in %d daily files + %s -> %s%n", inst.symbol(),
                    g.series().size(), files, RegimeSidecar.fileName(inst.symbol(), "1m"), dir);
        }
        stdout.flush();
        return Main.EXIT_OK;
    }
}
