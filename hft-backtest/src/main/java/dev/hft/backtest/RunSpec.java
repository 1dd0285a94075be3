package dev.hft.backtest;

import dev.hft.engine.EngineConfig;
import dev.hft.sim.FillModel;
import dev.hft.sim.IntrabarPolicy;
import dev.hft.sim.LimitFill;
import java.util.Map;

/**
 * A run's specification: everything a backtest, a trial or a paper session needs besides the data, already
 * validated (also what a journal's start record restores).
 *
 * @param strategy     strategy name
 * @param params       parameter overrides (name to raw value)
 * @param engine       capital, sizing, sanitizer thresholds, risk limits
 * @param feeBps       flat fee per fill in bps of notional; null to use {@code venue}/{@code tier} from the fee table
 * @param venue        fee-table venue (e.g. binance-spot) when {@code feeBps} is null
 * @param tier         fee-table tier (e.g. regular)
 * @param payFeesInToken apply the venue token discount (BNB on Binance)
 * @param slippageBps  fixed slippage in bps; null for the spread + square-root impact model
 * @param impactCoef   coefficient of the square-root impact term
 * @param fillModel    when market orders fill
 * @param intrabar     which protective order fills first when a bar covers both
 * @param latencyMs    receive time minus event time stamped on every bar (the sanitizer checks it)
 * @param limitFill    when resting limit orders fill: traded through (the default) or touched
 */
public record RunSpec(String strategy, Map<String, String> params, EngineConfig engine, Double feeBps,
                             String venue, String tier, boolean payFeesInToken, Double slippageBps, double impactCoef,
                             FillModel fillModel, IntrabarPolicy intrabar, long latencyMs, LimitFill limitFill) {
    public static final String VENUE_DEFAULT = "binance-spot";
    public static final String TIER_DEFAULT = "regular";
    public static final double IMPACT_COEF_DEFAULT = 1.0;

    public RunSpec {
        params = Map.copyOf(params);
        if (feeBps != null && !(feeBps >= 0 && feeBps < 10_000)) {
            throw new IllegalArgumentException("fee must be in [0, 10000) bps, got " + feeBps);
        }
        if (slippageBps != null && !(slippageBps >= 0 && slippageBps < 10_000)) {
            throw new IllegalArgumentException("slippage must be in [0, 10000) bps, got " + slippageBps);
        }
        if (!(impactCoef >= 0)) {
            throw new IllegalArgumentException("impact coefficient must be >= 0, got " + impactCoef);
        }
        if (latencyMs < 0) {
            throw new IllegalArgumentException("latency must be >= 0 ms, got " + latencyMs);
        }
        java.util.Objects.requireNonNull(limitFill, "limitFill");
    }

    /** Limits that fill when traded through. */
    public RunSpec(String strategy, Map<String, String> params, EngineConfig engine, Double feeBps,
                          String venue, String tier, boolean payFeesInToken, Double slippageBps, double impactCoef,
                          FillModel fillModel, IntrabarPolicy intrabar, long latencyMs) {
        this(strategy, params, engine, feeBps, venue, tier, payFeesInToken, slippageBps, impactCoef, fillModel,
                intrabar, latencyMs, LimitFill.THROUGH);
    }

    /** The same settings with another limit fill rule. */
    public RunSpec withLimitFill(LimitFill rule) {
        return new RunSpec(strategy, params, engine, feeBps, venue, tier, payFeesInToken, slippageBps,
                impactCoef, fillModel, intrabar, latencyMs, rule);
    }

    /** Flat fee, fixed slippage, no latency: the simple form tests use. */
    public RunSpec(String strategy, Map<String, String> params, EngineConfig engine, double feeBps,
                          double slippageBps, FillModel fillModel, IntrabarPolicy intrabar) {
        this(strategy, params, engine, feeBps, null, null, false, slippageBps, IMPACT_COEF_DEFAULT, fillModel,
                intrabar, 0);
    }

    /** This spec with {@code overrides} laid over its strategy parameters (an optimizer's trial point). */
    public RunSpec withParams(Map<String, String> overrides) {
        Map<String, String> p = new java.util.LinkedHashMap<>(params);
        p.putAll(overrides);
        return new RunSpec(strategy, p, engine, feeBps, venue, tier, payFeesInToken, slippageBps, impactCoef,
                fillModel, intrabar, latencyMs, limitFill);
    }
}
