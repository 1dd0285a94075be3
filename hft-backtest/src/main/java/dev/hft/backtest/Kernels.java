package dev.hft.backtest;

import dev.hft.api.Params;
import dev.hft.backtest.tape.Tape;
import dev.hft.api.Strategy;
import dev.hft.api.StrategyFactory;
import dev.hft.core.ExecutionClient;
import dev.hft.core.Instrument;
import dev.hft.engine.EngineConfig;
import dev.hft.engine.TradingEngine;
import dev.hft.engine.bus.EventBus;
import dev.hft.engine.cost.CostModel;
import dev.hft.engine.cost.FixedBpsSlippage;
import dev.hft.engine.cost.FlatFeeModel;
import dev.hft.engine.cost.MarketStats;
import dev.hft.engine.cost.SlippageModel;
import dev.hft.engine.strategy.StrategyRegistry;
import dev.hft.sim.FillModel;
import dev.hft.sim.SimulatedExchange;
import java.util.List;
import java.util.Map;

/**
 * The one place a trading kernel is assembled: the strategies of a run, the market statistics, the cost model and
 * the engine, sending to the simulated exchange (backtest, optimize, walk-forward) or to a venue outside (replay,
 * recovery, paper, live, and the benchmarks that stand in for a venue). Every mode builds its engine here, so two
 * engines of the same run are alike by construction.
 *
 * <p>The cost models differ by design, and only here: a backtest's estimates slippage and impact from the market
 * statistics (unless the spec fixes slippage in bps, or fills at the close); a kernel for a venue outside gets fills
 * from that venue, so its cost model holds the fee rates and feeds the engine's spread gate and TCA estimates only.
 */
public final class Kernels {
    /** Window (bars) of the market statistics behind the spread and impact estimates. */
    public static final int STATS_WINDOW = Tape.STATS_WINDOW;

    private Kernels() {
    }

    /**
     * A backtest kernel: the engine, the simulated exchange it sends to (listening to the engine), its costs, and the
     * tape's market stage when it reads one (else null).
     */
    public record Simulated(TradingEngine engine, SimulatedExchange exchange, CostModel costs, FlatFeeModel fees,
                            EngineConfig engineConfig, Tape.Stage stage) {
    }

    /** The kernel of a backtest as {@code spec} describes it, publishing to {@code bus}. */
    public static Simulated simulated(RunSpec spec, List<Instrument> instruments, EventBus bus, String runId) {
        return simulated(spec, instruments, bus, runId, null);
    }

    /**
     * The same kernel reading its market stage from {@code tape} (prepared with the spec's sanitizer thresholds and
     * latency; null to compute it as the bars stream): an optimizer's trial.
     */
    public static Simulated simulated(RunSpec spec, List<Instrument> instruments, EventBus bus, String runId,
                                      Tape tape) {
        FlatFeeModel fees = feeModel(spec);
        boolean close = spec.fillModel() == FillModel.CLOSE;
        Tape.Stage stage = tape == null ? null : tape.stage(bus);
        CostModel costs = new CostModel(fees, stage == null ? stats(instruments.size()) : stage.statistics(),
                spec.impactCoef(), !close && spec.slippageBps() == null);
        SlippageModel slippage = close ? SlippageModel.NONE
                : spec.slippageBps() != null ? new FixedBpsSlippage(spec.slippageBps()) : costs;
        SimulatedExchange exchange = new SimulatedExchange(instruments, fees, slippage, spec.fillModel(),
                spec.intrabar(), spec.limitFill());
        EngineConfig engineConfig = spec.engine().withFeeRate(fees.takerRate());
        TradingEngine engine = new TradingEngine(engineConfig, instruments,
                strategies(spec.strategy(), spec.params(), instruments.size()), exchange, costs, bus, runId, stage);
        exchange.setListener(engine);
        return new Simulated(engine, exchange, costs, fees, engineConfig, stage);
    }

    /**
     * A kernel whose fills come from {@code venue}: flat fees at the given rates, no slippage model (the venue fills),
     * publishing to {@code bus}. The caller sets the venue's listener to the engine once it is ready for reports.
     */
    public static TradingEngine forVenue(EngineConfig config, List<Instrument> instruments, String strategy,
                                         Map<String, String> params, long makerRate, long takerRate,
                                         ExecutionClient venue, EventBus bus, String runId) {
        CostModel costs = new CostModel(new FlatFeeModel(makerRate, takerRate), stats(instruments.size()), 0, false);
        return new TradingEngine(config, instruments, strategies(strategy, params, instruments.size()), venue, costs,
                bus, runId);
    }

    /** The fee model a spec asks for: a flat rate, or the fee table's venue and tier. */
    public static FlatFeeModel feeModel(RunSpec spec) {
        if (spec.feeBps() != null) {
            return FlatFeeModel.ofBps(spec.feeBps());
        }
        String venue = spec.venue() != null ? spec.venue() : RunSpec.VENUE_DEFAULT;
        String tier = spec.tier() != null ? spec.tier() : RunSpec.TIER_DEFAULT;
        return dev.hft.engine.cost.FeeTable.builtIn().find(venue, tier).model(spec.payFeesInToken());
    }

    /** The strategies of a run: the registry's factory for {@code name} with {@code params}, one per instrument. */
    static List<Strategy> strategies(String name, Map<String, String> params, int instruments) {
        StrategyFactory f = StrategyRegistry.get(name);
        return StrategyRegistry.instances(f, new Params(f.name(), f.params(), params), instruments);
    }

    private static MarketStats[] stats(int instruments) {
        MarketStats[] stats = new MarketStats[instruments];
        for (int i = 0; i < stats.length; i++) {
            stats[i] = new MarketStats(STATS_WINDOW);
        }
        return stats;
    }
}
