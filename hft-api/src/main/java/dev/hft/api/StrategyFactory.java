package dev.hft.api;

import java.util.List;

/** Creates a strategy from validated parameters; one factory per strategy name. */
public interface StrategyFactory {
    /** The name users pass to {@code --strategy}: lower case with hyphens, unique among loaded strategies. */
    String name();

    /** One line for {@code hft strategies}. */
    String description();

    /** Every parameter the strategy takes, with defaults, ranges and optional search ranges. */
    List<ParamSpec> params();

    /** A new, independent strategy instance (one per run and per optimization trial) with these values. */
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
