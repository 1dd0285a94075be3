package dev.hft.engine.strategy;

import java.util.LinkedHashMap;
import java.util.Map;

/** The strategies the system knows by name. */
public final class StrategyRegistry {
    private static final Map<String, StrategyFactory> FACTORIES = new LinkedHashMap<>();

    static {
        register(new LiquidationHunter.Factory());
        register(new SmaCross.Factory());
    }

    private StrategyRegistry() {
    }

    private static void register(StrategyFactory f) {
        FACTORIES.put(f.name(), f);
    }

    /** The factory, or an exception naming the known strategies. */
    public static StrategyFactory get(String name) {
        StrategyFactory f = FACTORIES.get(name);
        if (f == null) {
            throw new IllegalArgumentException(
                    "unknown strategy '" + name + "'; known: " + String.join(", ", FACTORIES.keySet()));
        }
        return f;
    }

    public static Map<String, StrategyFactory> all() {
        return java.util.Collections.unmodifiableMap(FACTORIES);
    }
}
