package dev.hft.research;

import dev.hft.backtest.RunSpec;
import dev.hft.backtest.data.BarSeries;
import dev.hft.backtest.synth.SymbolProfile;
import dev.hft.backtest.synth.SyntheticGenerator;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.InstrumentTable;
import dev.hft.engine.EngineConfig;
import dev.hft.sim.FillModel;
import dev.hft.sim.IntrabarPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Data and settings shared by the research tests. */
final class Fixtures {
    static final long T0 = 1_704_067_200_000L; // 2024-01-01T00:00Z

    private Fixtures() {
    }

    /** Random-walk bars ({@code momentum} 0: no edge by construction) for each symbol. */
    static Dataset randomWalk(long seed, int days, double momentum, String... symbols) {
        List<Instrument> inst = new ArrayList<>();
        List<BarSeries> series = new ArrayList<>();
        for (String s : symbols) {
            Instrument i = InstrumentTable.builtIn().find(s);
            inst.add(i);
            series.add(SyntheticGenerator.randomWalk(i, SymbolProfile.of(s), seed, T0, days * 1440, momentum)
                    .series());
        }
        return new Dataset(inst, series);
    }

    /** Regime-labelled synthetic bars. */
    static SyntheticGenerator.Generated regimes(long seed, int days, String symbol) {
        Instrument i = InstrumentTable.builtIn().find(symbol);
        return SyntheticGenerator.generate(i, SymbolProfile.of(symbol), seed, T0, days * 1440);
    }

    /** sma-cross without costs: any profit is signal or luck, never a cost artefact. */
    static RunSpec costFree(String strategy) {
        EngineConfig engine = new EngineConfig(Fixed.of(10_000), EngineConfig.POSITION_FRACTION_DEFAULT, 0);
        return new RunSpec(strategy, Map.of(), engine, 0.0, 0.0,
                FillModel.NEXT_OPEN, IntrabarPolicy.STOP_FIRST);
    }

    static ParamSpace smaSpace() {
        return ParamSpace.parse(dev.hft.engine.strategy.StrategyRegistry.get("sma-cross"),
                new java.util.LinkedHashMap<>(Map.of("fast", "5,10,20,40")) {
                    {
                        put("slow", "60,120,240,480");
                    }
                });
    }
}
