package dev.hft.api;

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

    /**
     * Resolves {@code overrides} (name to raw text, from {@code --param} or the config) over the defaults of
     * {@code specs}; throws {@link IllegalArgumentException} naming the strategy, the parameter and the bad value.
     */
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

    /** The value of {@code name}; a name the strategy did not declare is a programming error. */
    public double get(String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new IllegalStateException("no parameter " + name);
        }
        return v;
    }

    /** The value of a whole-number parameter. */
    public int getInt(String name) {
        return (int) get(name);
    }

    /** Name to value, in declaration order (for reports and the resolved config). */
    public Map<String, Double> asMap() {
        return Collections.unmodifiableMap(values);
    }
}
