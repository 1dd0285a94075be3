package dev.hft.research;

import dev.hft.backtest.RunSpec;
import dev.hft.backtest.report.Metrics;
import dev.hft.backtest.synth.SymbolProfile;
import dev.hft.backtest.synth.SyntheticGenerator;
import dev.hft.backtest.synth.WalkModel;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.InstrumentTable;
import dev.hft.engine.EngineConfig;
import dev.hft.engine.strategy.StrategyRegistry;
import dev.hft.sim.FillModel;
import dev.hft.sim.IntrabarPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures the luck verdict: how often it calls an edge on data that has none by construction (false positives),
 * and how often it finds one that was planted (power), with and without the default costs. Each run is what a
 * user does: generate {@code days} of 1-minute bars, optimize a small grid on the first 75%, and run the chosen
 * point once on the held-out 25%. An edge counts as <em>found</em> when the verdict is significant and the chosen
 * point made money on the holdout. Seeded: the same cases and seeds give the same counts.
 */
public final class VerdictCalibration {
    /** Share of the period held out. */
    public static final double HOLDOUT = 0.25;
    /** Generator's cascade rate per bar in the cascade cases (one every ten hours on average). */
    public static final double CASCADE_RATE = 1.0 / 600;
    /** Generator's jump rate per bar in the jump cases (about one a day). */
    public static final double JUMP_RATE = 1.0 / 1440;

    private VerdictCalibration() {
    }

    /**
     * One kind of data and strategy.
     *
     * @param name     label for people
     * @param strategy built-in strategy searched
     * @param model    the random walk (its {@link WalkModel#planted()} says whether an edge exists)
     * @param costs    the default fee and slippage model of {@code hft optimize}; false for none
     */
    public record Case(String name, String strategy, WalkModel model, boolean costs) {
        public boolean planted() {
            return model.planted();
        }
    }

    /**
     * What the verdict said over the seeds of one case.
     *
     * @param runs               optimizations run
     * @param significant        runs the verdict called an edge
     * @param holdoutProfitable  runs whose chosen point made money on the holdout
     * @param found              significant and profitable on the holdout (so at most {@code holdoutProfitable})
     * @param naive              runs whose best trial's probabilistic Sharpe ratio against zero reached the
     *                           threshold: what a test that ignores the search would call, and a ceiling for any
     *                           test that discounts it
     * @param findings           runs per {@link Significance.Finding}, in the enum's order
     * @param meanLuckBar        mean per-day Sharpe ratio of the luck bar
     * @param meanBestSharpe     mean per-day Sharpe ratio of the best trial
     */
    public record Outcome(Case c, int runs, int significant, int holdoutProfitable, int found, int naive,
                          int[] findings, double meanLuckBar, double meanBestSharpe) {
    }

    /** The cases of {@code hft bench verdict}: no-edge walks for both strategies, then the planted edges. */
    public static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (boolean costs : new boolean[] {false, true}) {
            out.add(new Case("sma-cross, plain walk", "sma-cross", WalkModel.PLAIN, costs));
            out.add(new Case("sma-cross, clustered volatility", "sma-cross", new WalkModel(0, true, 0, 0, 0), costs));
            out.add(new Case("sma-cross, jumps", "sma-cross", new WalkModel(0, false, JUMP_RATE, 0, 0), costs));
            out.add(new Case("liquidation-hunter, cascades that do not revert", "liquidation-hunter",
                    new WalkModel(0, false, 0, CASCADE_RATE, 0), costs));
            out.add(new Case("liquidation-hunter, clustered, jumps, cascades", "liquidation-hunter",
                    new WalkModel(0, true, JUMP_RATE, CASCADE_RATE, 0), costs));
        }
        for (boolean costs : new boolean[] {false, true}) {
            for (double k : new double[] {0.05, 0.10, 0.15}) {
                out.add(new Case("sma-cross, trend " + k, "sma-cross", WalkModel.trend(k), costs));
            }
            out.add(new Case("liquidation-hunter, reversion 0.9", "liquidation-hunter",
                    new WalkModel(0, false, 0, CASCADE_RATE, 0.9), costs));
        }
        return out;
    }

    /** Runs {@code seeds} seeds (from {@code firstSeed}) of {@code c} on {@code days} days of BTCUSDT bars. */
    public static Outcome run(Case c, long firstSeed, int seeds, int days, int threads) {
        Instrument btc = InstrumentTable.builtIn().find("BTCUSDT");
        SearchSpec spec = spec(c, threads);
        int significant = 0;
        int profitable = 0;
        int found = 0;
        int naive = 0;
        int[] findings = new int[Significance.Finding.values().length];
        double bar = 0;
        double best = 0;
        for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
            Dataset data = new Dataset(List.of(btc), List.of(SyntheticGenerator.walk(btc,
                    SymbolProfile.of("BTCUSDT"), seed, 1_704_067_200_000L, days * 1440, c.model()).series()));
            Holdout h = Holdout.run(spec, data, HOLDOUT, 0, null, null);
            Significance s = h.inSample().significance();
            boolean sig = s.significant();
            boolean money = h.outSample() != null && Metrics.of(h.outSample()).totalReturnPct > 0;
            significant += sig ? 1 : 0;
            profitable += money ? 1 : 0;
            found += sig && money ? 1 : 0;
            naive += s.psr() >= Significance.DSR_THRESHOLD ? 1 : 0;
            findings[s.finding().ordinal()]++;
            bar += Double.isNaN(s.expectedMaxSharpe()) ? 0 : s.expectedMaxSharpe();
            best += Double.isNaN(s.dailySharpe()) ? 0 : s.dailySharpe();
        }
        return new Outcome(c, seeds, significant, profitable, found, naive, findings, bar / seeds, best / seeds);
    }

    /** The grid and settings of a case: 16 points of sma-cross, 27 of the liquidation hunter's exits and band. */
    static SearchSpec spec(Case c, int threads) {
        EngineConfig engine = new EngineConfig(Fixed.of(10_000), EngineConfig.POSITION_FRACTION_DEFAULT, 0);
        RunSpec base = c.costs()
                ? new RunSpec(c.strategy(), Map.of(), engine, null, null, null, false, null,
                        RunSpec.IMPACT_COEF_DEFAULT, FillModel.NEXT_OPEN, IntrabarPolicy.STOP_FIRST, 0)
                : new RunSpec(c.strategy(), Map.of(), engine, 0.0, 0.0, FillModel.NEXT_OPEN, IntrabarPolicy.STOP_FIRST);
        Map<String, String> grid = new LinkedHashMap<>();
        if (c.strategy().equals("sma-cross")) {
            grid.put("fast", "5,10,20,40");
            grid.put("slow", "60,120,240,480");
        } else {
            grid.put("takeProfit", "0.005,0.01,0.02");
            grid.put("stopLoss", "0.004,0.008,0.016");
            grid.put("extreme", "0.05,0.1,0.2");
        }
        ParamSpace space = ParamSpace.parse(StrategyRegistry.get(c.strategy()), grid);
        return new SearchSpec(base, space, Sampler.GRID, 0, Objective.SHARPE, new Constraints(5, 100), 1, threads);
    }
}
