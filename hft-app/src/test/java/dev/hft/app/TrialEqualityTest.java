package dev.hft.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.backtest.BacktestRunner;
import dev.hft.backtest.RunResult;
import dev.hft.backtest.RunSpec;
import dev.hft.backtest.data.BarSeries;
import dev.hft.backtest.report.Metrics;
import dev.hft.backtest.synth.SymbolProfile;
import dev.hft.backtest.synth.SyntheticGenerator;
import dev.hft.backtest.tape.Tape;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.InstrumentTable;
import dev.hft.engine.EngineConfig;
import dev.hft.engine.strategy.StrategyRegistry;
import dev.hft.research.Constraints;
import dev.hft.research.Dataset;
import dev.hft.research.Evaluator;
import dev.hft.research.Objective;
import dev.hft.research.OptimizationResult;
import dev.hft.research.Optimizer;
import dev.hft.research.ParamSpace;
import dev.hft.research.Sampler;
import dev.hft.research.SearchSpec;
import dev.hft.research.TrialResult;
import dev.hft.sim.FillModel;
import dev.hft.sim.IntrabarPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every trial of a search is the plain backtest of its point, bit for bit: every point of a small grid (not only the
 * best) runs both ways, for the built-in strategies and for the SDK example project's three strategies, compiled here
 * from its sources into a jar as a user would build it (a limit entry with expiry, several timeframes with scale-in
 * and partial exits, and a portfolio strategy on two symbols), and a strategy whose entry screen throws, on one and on
 * two symbols.
 */
class TrialEqualityTest {
    @TempDir
    static Path tmp;

    private static final long T0 = 1_704_067_200_000L;

    @BeforeAll
    static void exampleJar() throws Exception {
        Path src = Path.of("..", "examples", "strategy-template", "src", "main", "java", "example", "user");
        List<Path> sources;
        try (Stream<Path> s = Files.list(src)) {
            sources = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        List<String> factories = Files.readAllLines(src.resolve(Path.of("..", "..", "..", "resources", "META-INF",
                "services", "dev.hft.api.StrategyFactory")));
        Path fickle = tmp.resolve("fickle-src/example/user/FickleScreen.java");
        Files.createDirectories(fickle.getParent());
        Files.writeString(fickle, FICKLE);
        StrategyRegistry.addJars(List.of(StrategyJarTest.jar(tmp, "examples", sources, factories),
                StrategyJarTest.jar(tmp, "fickle", List.of(fickle), List.of("example.user.FickleScreen$Factory"))));
    }

    /**
     * sma-cross on series, whose entry screen throws on its 5,000th call and hold screen on its 300th: bugs in a user's
     * screens. With keyed=1 the
     * screen is keyed, so it throws while a search takes its answers for every bar: the trials then ask it bar by bar.
     */
    private static final String FICKLE = """
            package example.user;

            import dev.hft.api.*;
            import dev.hft.api.series.*;
            import dev.hft.core.Bar;
            import dev.hft.core.ReasonCode;
            import java.util.List;

            public final class FickleScreen implements Strategy {
                public static volatile int thrown;
                public static volatile int thrownHeld;
                private final int fast;
                private final boolean keyed;
                private Series f;
                private Series s;
                private int calls;
                private int heldCalls;

                FickleScreen(int fast, boolean keyed) {
                    this.fast = fast;
                    this.keyed = keyed;
                }

                public String name() { return "fickle-screen"; }
                public int warmupBars() { return 61; }

                public void onStart(StrategyContext ctx) {
                    f = ctx.series(SeriesSpec.sma(Input.CLOSE, fast));
                    s = ctx.series(SeriesSpec.sma(Input.CLOSE, 60));
                }

                public EntryScreen entryScreen() {
                    EntryScreen screen = i -> {
                        if (++calls == 5_000) {
                            thrown++;
                            throw new IllegalStateException("a bug in the screen");
                        }
                        return Series.crossedAbove(f, s);
                    };
                    return keyed ? EntryScreen.keyed("fickle " + fast, screen) : screen;
                }

                public HoldScreen holdScreen() { // throws on its 300th call, then is dropped
                    return (i, position) -> {
                        if (++heldCalls == 300) {
                            thrownHeld++;
                            throw new IllegalStateException("a bug in the hold screen");
                        }
                        return Series.crossedBelow(f, s);
                    };
                }

                public void onBar(Bar bar, PositionView position, Decision out) {
                    if (position.quantity() == 0 && !position.orderPending() && Series.crossedAbove(f, s)) {
                        out.enter(Action.ENTER_LONG, ReasonCode.ENTRY_SMA_CROSS_UP, 1, 0.01, 0.02);
                    } else if (position.quantity() > 0 && Series.crossedBelow(f, s)) {
                        out.exit(ReasonCode.EXIT_SMA_CROSS_DOWN);
                    } else {
                        out.skip(ReasonCode.SKIP_NO_SIGNAL);
                    }
                }

                public static final class Factory extends SimpleStrategyFactory {
                    public Factory() {
                        super("fickle-screen", "sma-cross whose screen throws once", List.of(
                                ParamSpec.integer("fast", 10, 1, 50, "fast SMA"),
                                ParamSpec.integer("keyed", 0, 0, 1, "1 = a keyed screen")),
                                p -> new FickleScreen(p.getInt("fast"), p.getInt("keyed") == 1));
                    }
                }
            }
            """;

    @AfterAll
    static void forgetTheJar() {
        StrategyRegistry.resetJars();
    }

    static Stream<Arguments> searches() {
        return Stream.of(
                Arguments.of("sma-cross", Map.of("fast", "5,10,20", "slow", "30,60"), 1),
                Arguments.of("sma-cross", Map.of("fast", "5,10,20", "slow", "30,60"), 2),
                Arguments.of("liquidation-hunter", Map.of("takeProfit", "0.01,0.02", "stopLoss", "0.004,0.012"), 1),
                // a keyed entry screen: the points of one extreme share its answers, two extremes two keys
                Arguments.of("liquidation-hunter", Map.of("takeProfit", "0.01,0.02", "extreme", "0.05,0.15"), 2),
                Arguments.of("rsi-reversion", Map.of("period", "7,14", "oversold", "25,35"), 1),
                Arguments.of("rsi-reversion", Map.of("period", "7,14", "oversold", "25,35"), 2),
                Arguments.of("trend-filter", Map.of("ema15m", "10,20", "takePct", "0.5,1.5"), 1),
                Arguments.of("trend-filter", Map.of("ema15m", "10,20", "takePct", "0.5,1.5"), 2),
                Arguments.of("pair-ratio", Map.of("window", "60,240", "entryZ", "1.5,2.5"), 2),
                // a screen that throws is dropped: the strategy then decides on every bar, as in the backtest
                Arguments.of("fickle-screen", Map.of("fast", "5,10"), 1),
                Arguments.of("fickle-screen", Map.of("fast", "5,10"), 2),
                Arguments.of("fickle-screen", Map.of("fast", "5,10", "keyed", "1"), 1));
    }

    @ParameterizedTest(name = "{0} on {2} symbol(s)")
    @MethodSource("searches")
    void everyTrialIsThePlainBacktestOfItsPoint(String strategy, Map<String, String> grid, int symbols)
            throws ReflectiveOperationException {
        Dataset data = data(symbols);
        EngineConfig engine = new EngineConfig(Fixed.of(10_000), 0.2, 0);
        // the default fees and the spread and impact model, so fills read the market statistics of the tape
        RunSpec base = new RunSpec(strategy, Map.of(), engine, null, null, null, false, null, 1.0,
                FillModel.NEXT_OPEN, IntrabarPolicy.STOP_FIRST, 0);
        ParamSpace space = ParamSpace.parse(StrategyRegistry.get(strategy), new LinkedHashMap<>(grid));
        OptimizationResult search = Optimizer.run(new SearchSpec(base, space, Sampler.GRID, 0, Objective.SHARPE,
                new Constraints(0, 100), 1, 2, Evaluator.ENGINE), data, null, null);
        assertThat(search.trials()).hasSize((int) space.size());

        Tape tape = Tape.prepare(data.instruments(), data.series(), engine.sanitizer(), 0);
        int traded = 0;
        for (TrialResult t : search.trials()) {
            RunSpec point = base.withParams(t.params());
            RunResult plain = BacktestRunner.run(point, data.instruments(), data.series(), "p");
            RunResult trial = BacktestRunner.trial(point, tape, "p");
            String at = strategy + " " + t.params();
            dev.hft.backtest.tape.TapeTest.assertSame(plain, trial);
            // and the optimizer's figures of the point are the plain backtest's
            Metrics m = Metrics.of(plain);
            assertThat(t.trades()).as(at).isEqualTo(m.trades);
            assertThat(t.returnPct()).as(at).isEqualTo(m.totalReturnPct);
            assertThat(t.maxDrawdownPct()).as(at).isEqualTo(m.maxDrawdownPct);
            assertThat(t.sharpe()).as(at).isEqualTo(m.sharpe);
            assertThat(t.bars()).as(at).isEqualTo(plain.bars());
            assertThat(t.daily()).as(at).isEqualTo(Metrics.dailyReturns(plain.equityTimeMs(), plain.equity(),
                    plain.initialCapital()));
            traded += plain.trades().isEmpty() ? 0 : 1;
        }
        assertThat(traded).as(strategy + " traded at some points, so the equality means something").isPositive();
        if (strategy.equals("fickle-screen")) {
            Class<?> c = StrategyRegistry.get(strategy).create(new dev.hft.api.Params(strategy,
                    StrategyRegistry.get(strategy).params(), Map.of())).getClass();
            assertThat(c.getField("thrown").getInt(null)).as("the screen threw in the trials").isPositive();
            assertThat(c.getField("thrownHeld").getInt(null)).as("the hold screen threw").isPositive();
        }
    }

    private static Dataset data(int symbols) {
        List<Instrument> inst = new ArrayList<>();
        List<BarSeries> series = new ArrayList<>();
        for (String s : List.of("BTCUSDT", "ETHUSDT").subList(0, symbols)) {
            Instrument i = InstrumentTable.builtIn().find(s);
            inst.add(i);
            series.add(SyntheticGenerator.generate(i, SymbolProfile.of(s), 42, T0, 10 * 1440).series());
        }
        return new Dataset(inst, series);
    }
}
