package dev.hft.engine.strategy;

import java.util.List;

/** Creates a strategy from validated parameters; one factory per strategy name. */
public interface StrategyFactory {
    String name();

    String description();

    List<ParamSpec> params();

    Strategy create(Params params);

    /**
     * The strategy's version, recorded in the journal's start record with the jar's SHA-256. By default the jar
     * manifest's {@code Implementation-Version}, else "unversioned".
     */
    default String version() {
        String v = getClass().getPackage() == null ? null : getClass().getPackage().getImplementationVersion();
        return v == null ? "unversioned" : v;
    }
}
