package dev.hft.engine.strategy;

import java.util.List;

/** Creates a strategy from validated parameters; one factory per strategy name. */
public interface StrategyFactory {
    String name();

    String description();

    List<ParamSpec> params();

    Strategy create(Params params);
}
