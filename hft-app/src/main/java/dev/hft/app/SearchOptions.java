package dev.hft.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hft.backtest.RunSpec;
import dev.hft.engine.strategy.StrategyRegistry;
import dev.hft.research.Constraints;
import dev.hft.research.Evaluator;
import dev.hft.research.Objective;
import dev.hft.research.SearchSpec;
import dev.hft.research.ParamSpace;
import dev.hft.research.Sampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The parameter search options shared by {@code hft optimize} and {@code hft walkforward}. */
final class SearchOptions {
    @Option(names = "--space", paramLabel = "NAME=SPEC",
            description = "A parameter to search: from:to:step (e.g. takeProfit=0.01:0.03:0.005) or a list "
                    + "(e.g. rangeBars=30,60,120); repeatable.")
    Map<String, String> space = new LinkedHashMap<>();

    @Option(names = "--space-file", paramLabel = "FILE",
            description = "YAML file with a 'space:' map of the same specs (lists allowed); --space adds to it.")
    Path spaceFile;

    @Option(names = "--sampler", paramLabel = "NAME",
            description = "grid (default: every point), random (--trials points) or halving (successive halving "
                    + "of --trials points on growing shares of the data).")
    String sampler = "grid";

    @Option(names = "--trials", paramLabel = "N", description = "Points to sample for random and halving "
            + "(default 100).")
    int trials = 100;

    @Option(names = "--objective", paramLabel = "NAME",
            description = "sharpe (default), profit-factor, return, return-over-drawdown, win-rate.")
    String objective = "sharpe";

    @Option(names = "--min-trades", paramLabel = "N", description = "Trials with fewer closed trades do not count "
            + "(default 10).")
    int minTrades = Constraints.DEFAULT.minTrades();

    @Option(names = "--max-drawdown", paramLabel = "PCT", description = "Trials with a deeper maximum drawdown do "
            + "not count (default 100).")
    double maxDrawdown = Constraints.DEFAULT.maxDrawdownPct();

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--sample-seed", paramLabel = "N", description = "Seed of the random and halving samplers "
            + "(default 1).")
    long sampleSeed = 1;

    @Option(names = "--evaluator", paramLabel = "NAME",
            description = "auto (default): the liquidation hunter runs on the fast evaluator (shared "
                    + "indicators, the engine's own rules, same figures), its best trial re-run with the full engine "
                    + "and compared; engine: the full engine for every trial.")
    String evaluator = "auto";

    /** Most grid points walked whole when the declared ranges are searched (beyond: a random sample). */
    static final long DECLARED_GRID_LIMIT = 1_000;

    /** What {@link #spec} chose for a run without --space, to print; null when --space was given. */
    String declaredNote;

    /** The search spec around {@code base}; every bad value is a {@link UserError} naming the option. */
    SearchSpec spec(RunSpec base) {
        Map<String, String> all = new LinkedHashMap<>();
        if (spaceFile != null) {
            all.putAll(readSpaceFile(spaceFile));
        }
        all.putAll(space);
        try {
            String samplerName = sampler;
            if (all.isEmpty()) {
                // no --space: the search ranges the strategy declares; a grid too large to walk whole becomes a
                // random sample of --trials points
                all.putAll(ParamSpace.declared(StrategyRegistry.get(base.strategy())));
                if (all.isEmpty()) {
                    throw new UserError("strategy " + base.strategy() + " declares no search ranges: give the "
                            + "parameters to search with --space NAME=SPEC or --space-file FILE (see 'hft "
                            + "strategies')");
                }
                if (samplerName.equals("grid") && ParamSpace.parse(StrategyRegistry.get(base.strategy()), all)
                        .size() > DECLARED_GRID_LIMIT) {
                    samplerName = "random";
                }
                declaredNote = "no --space: searching the declared ranges " + all + (samplerName.equals(sampler)
                        ? "" : ", " + trials + " random points of them (--sampler grid with a --space to walk all)");
            }
            ParamSpace ps = ParamSpace.parse(StrategyRegistry.get(base.strategy()), all);
            int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            return new SearchSpec(base, ps, Sampler.parse(samplerName), trials, Objective.parse(objective),
                    new Constraints(minTrades, maxDrawdown), sampleSeed, t, Evaluator.parse(evaluator));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    static Map<String, String> readSpaceFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserError("space file not found: " + file);
        }
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            JsonNode s = root == null ? null : root.get("space");
            if (s == null || !s.isObject()) {
                throw new UserError(file + ": expected a 'space:' map of parameter specs");
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (v.isArray()) {
                    StringBuilder sb = new StringBuilder();
                    v.forEach(x -> sb.append(sb.length() == 0 ? "" : ",").append(x.asText()));
                    out.put(e.getKey(), sb.toString());
                } else if (v.isValueNode()) {
                    out.put(e.getKey(), v.asText());
                } else {
                    throw new UserError(file + ": space." + e.getKey() + ": expected a list or 'from:to:step'");
                }
            }
            return out;
        } catch (IOException e) {
            throw new UserError(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}
