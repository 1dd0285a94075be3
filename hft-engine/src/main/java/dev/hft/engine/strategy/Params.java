package dev.hft.engine.strategy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolved parameter values of one strategy: defaults overridden by user values, each validated against its
 * {@link ParamSpec}. An unknown name is an error that lists the known ones.
 */
public final class Params {
    private final Map<String, Double> values = new LinkedHashMap<>();

    public Params(String strategy, List<ParamSpec> specs, Map<String, String> overrides) {
        Map<String, ParamSpec> byName = new LinkedHashMap<>();
        for (ParamSpec s : specs) {
            byName.put(s.name(), s);
            values.put(s.name(), s.defaultValue());
        }
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            ParamSpec spec = byName.get(e.getKey());
            if (spec == null) {
                throw new IllegalArgumentException("strategy " + strategy + " has no parameter '" + e.getKey()
                        + "'; known: " + String.join(", ", byName.keySet()));
            }
            values.put(spec.name(), spec.parse(strategy, e.getValue()));
        }
    }

    public double get(String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new IllegalStateException("no parameter " + name);
        }
        return v;
    }

    public int getInt(String name) {
        return (int) get(name);
    }

    /** Name to value, in declaration order (for reports and the resolved config). */
    public Map<String, Double> asMap() {
        return Collections.unmodifiableMap(values);
    }
}
