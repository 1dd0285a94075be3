package dev.hft.backtest;

import dev.hft.engine.EngineConfig;
import dev.hft.sim.FillModel;
import dev.hft.sim.IntrabarPolicy;
import java.util.Map;

/**
 * Everything a backtest run needs besides the data, already validated.
 *
 * @param strategy     strategy name
 * @param params       parameter overrides (name to raw value)
 * @param engine       capital and sizing
 * @param feeBps       fee per fill in basis points of notional (maker and taker)
 * @param slippageBps  slippage of market and stop fills in basis points (next-open model only)
 * @param fillModel    when market orders fill
 * @param intrabar     which protective order fills first when a bar covers both
 */
public record BacktestConfig(String strategy, Map<String, String> params, EngineConfig engine, double feeBps,
                             double slippageBps, FillModel fillModel, IntrabarPolicy intrabar) {
    public static final double FEE_BPS_DEFAULT = 10.0; // Binance spot regular tier, 0.1%
    public static final double SLIPPAGE_BPS_DEFAULT = 2.0;

    public BacktestConfig {
        params = Map.copyOf(params);
        if (!(feeBps >= 0 && feeBps < 10_000)) {
            throw new IllegalArgumentException("fee must be in [0, 10000) bps, got " + feeBps);
        }
        if (!(slippageBps >= 0 && slippageBps < 10_000)) {
            throw new IllegalArgumentException("slippage must be in [0, 10000) bps, got " + slippageBps);
        }
    }
}
