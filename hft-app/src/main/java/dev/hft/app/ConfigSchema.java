package dev.hft.app;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The config's keys, read from the config class's fields: for error messages a person can act on (the key, where
 * it is, the allowed keys with a "did you mean", the allowed range) and for environment-variable overrides
 * ({@code HFT_RISK_DAILYLOSSPCT=5} sets {@code risk.dailyLossPct}; the name is {@code HFT_} then the key's path
 * in upper case with {@code _} between sections). Map-valued keys ({@code instruments}, {@code backtest.params})
 * are set in the file only.
 */
final class ConfigSchema {
    /** Sections whose environment variables are config keys (others, like HFT_LOG, belong to the launcher). */
    private static final List<String> SECTIONS = List.of("RISK", "SANITIZER", "OPS", "LIVE", "BACKTEST");

    /** Allowed range of a numeric key: {@code [min, max]}, an open end where {@code exclusive}; and what it is. */
    record Range(double min, boolean minExclusive, double max, String what) {
        boolean allows(double v) {
            return (minExclusive ? v > min : v >= min) && v <= max;
        }

        String describe() {
            String lo = (minExclusive ? "above " : "at least ") + fmt(min);
            return max == Double.MAX_VALUE ? lo : lo + " and at most " + fmt(max);
        }

        private static String fmt(double d) {
            return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
        }
    }

    private static final double ANY = Double.MAX_VALUE;
    /** Ranges of the numeric keys, by path. */
    static final Map<String, Range> RANGES = new LinkedHashMap<>();

    static {
        RANGES.put("risk.defaultStopLossPct", new Range(0, true, 99.99, "percent below the entry; every position has"
                + " a stop"));
        for (String k : List.of("dailyLossPct", "drawdownReducingPct", "drawdownHaltPct")) {
            RANGES.put("risk." + k, new Range(0, false, 100, "percent of equity; 0 turns the limit off"));
        }
        for (String k : List.of("maxSymbolExposurePct", "maxTotalExposurePct", "fatFingerPct")) {
            RANGES.put("risk." + k, new Range(0, false, ANY, "percent; 0 turns the limit off"));
        }
        for (String k : List.of("maxOpenPositions", "maxOrderNotional", "maxOrderQty", "maxOrdersPerSecond",
                "maxOrdersPerMinute")) {
            RANGES.put("risk." + k, new Range(0, false, ANY, "0 turns the limit off"));
        }
        RANGES.put("risk.maxEntries", new Range(1, false, ANY, "entries per position; 1 allows no scale-in"));
        RANGES.put("sanitizer.maxLatencyMs", new Range(0, false, ANY, "milliseconds"));
        RANGES.put("sanitizer.maxSpreadBps", new Range(0, false, ANY, "basis points"));
        RANGES.put("sanitizer.outlierMultiple", new Range(0, false, ANY, "times the recent mean jump; 0 off"));
        RANGES.put("sanitizer.outlierMinPct", new Range(0, false, ANY, "percent; 0 turns the outlier rule off"));
        RANGES.put("sanitizer.maxConsecutiveOutliers", new Range(1, false, ANY, "bars"));
        RANGES.put("sanitizer.staleAfterMs", new Range(0, false, ANY, "milliseconds; 0 off"));
        RANGES.put("sanitizer.thawAfter", new Range(1, false, ANY, "clean bars"));
        RANGES.put("backtest.capital", new Range(0, true, ANY, "in the quote asset"));
        RANGES.put("backtest.feeBps", new Range(0, false, 1000, "basis points per fill"));
        RANGES.put("backtest.slippageBps", new Range(0, false, 1000, "basis points"));
        RANGES.put("backtest.positionPct", new Range(0, true, 100, "percent of equity per entry"));
        RANGES.put("backtest.impactCoef", new Range(0, false, ANY, "square-root impact coefficient"));
        RANGES.put("backtest.latencyMs", new Range(0, false, ANY, "milliseconds"));
        RANGES.put("live.marketCollarPct", new Range(0, false, 50, "percent from the decision price; 0 off"));
        RANGES.put("ops.port", new Range(-1, false, 65535, "0 any free port, -1 off"));
        RANGES.put("ops.alerts.perMinute", new Range(1, false, ANY, "alerts per minute"));
        RANGES.put("ops.alerts.dedupeMinutes", new Range(0, false, ANY, "minutes"));
    }

    /** The config class whose public fields, and those of its nested section classes, are the keys. */
    private final Class<?> root;

    ConfigSchema(Class<?> root) {
        this.root = root;
    }

    /** Every settable key's path ({@code risk.dailyLossPct}) and its Java type; map-valued keys excluded. */
    Map<String, Class<?>> keys() {
        Map<String, Class<?>> out = new TreeMap<>();
        walk(root, "", out);
        return out;
    }

    private void walk(Class<?> type, String prefix, Map<String, Class<?>> out) {
        for (Field f : type.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) || f.isAnnotationPresent(
                    com.fasterxml.jackson.annotation.JsonIgnore.class) || Map.class.isAssignableFrom(f.getType())) {
                continue;
            }
            String path = prefix + f.getName();
            if (f.getType().getDeclaringClass() == root) {
                walk(f.getType(), path + ".", out);
            } else {
                out.put(path, f.getType());
            }
        }
    }

    /** The keys of one section (or the top level for ""), as the file spells them. */
    List<String> keysOf(String section) {
        List<String> out = new ArrayList<>();
        for (String k : keys().keySet()) {
            String rest = section.isEmpty() ? k : k.startsWith(section + ".") ? k.substring(section.length() + 1)
                    : null;
            if (rest != null) {
                String first = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
                if (!out.contains(first)) {
                    out.add(first);
                }
            }
        }
        if (section.isEmpty()) {
            out.add("instruments");
        }
        if (section.equals("backtest")) {
            out.add("params");
        }
        return out;
    }

    static String envName(String path) {
        return "HFT_" + path.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /**
     * The overrides the environment holds, as a tree to merge into the config, with the variable behind each path.
     * A variable of a config section whose name is no key is an error with the closest key's name.
     */
    ObjectNode environment(Map<String, String> env, ObjectMapper json, Map<String, String> origins) {
        Map<String, String> byName = new LinkedHashMap<>();
        Map<String, Class<?>> keys = keys();
        keys.keySet().forEach(k -> byName.put(envName(k), k));
        ObjectNode root = json.createObjectNode();
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            String name = e.getKey();
            if (!name.startsWith("HFT_")) {
                continue;
            }
            String path = byName.get(name);
            if (path == null) {
                String section = name.substring(4).contains("_") ? name.substring(4, name.indexOf('_', 4)) : "";
                if (SECTIONS.contains(section)) {
                    throw new UserError("environment variable " + name + " is no config key" + suggestion(name,
                            byName.keySet()) + "; the keys of " + section.toLowerCase(Locale.ROOT) + ": "
                            + byName.keySet().stream().filter(n -> n.startsWith("HFT_" + section + "_")).toList());
                }
                continue;
            }
            String[] parts = path.split("\\.");
            ObjectNode at = root;
            for (int i = 0; i < parts.length - 1; i++) {
                at = at.has(parts[i]) ? (ObjectNode) at.get(parts[i]) : at.putObject(parts[i]);
            }
            Class<?> type = keys.get(path);
            String value = e.getValue().trim();
            if (type.isArray() || Collection.class.isAssignableFrom(type)) {
                var arr = at.putArray(parts[parts.length - 1]);
                for (String v : value.split(",")) {
                    if (!v.isBlank()) {
                        arr.add(v.trim());
                    }
                }
            } else {
                at.put(parts[parts.length - 1], value);
            }
            origins.put(path, "environment variable " + name);
        }
        return root;
    }

    /** Where each key stands in a YAML file ({@code risk.dailyLossPct} -> {@code file:line:col}). */
    static Map<String, String> locations(Path file, JsonParser p) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (p) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME) {
                    String ptr = p.getParsingContext().pathAsPointer().toString();
                    var loc = p.currentTokenLocation();
                    out.put(ptr.substring(1).replace('/', '.'), file + ":" + loc.getLineNr() + ":"
                            + loc.getColumnNr());
                }
            }
        }
        return out;
    }

    /** Checks every numeric key against its range; the error names the key, where it was set, and the range. */
    static void checkRanges(JsonNode config, Map<String, String> origins) {
        for (Map.Entry<String, Range> r : RANGES.entrySet()) {
            JsonNode v = config.at("/" + r.getKey().replace('.', '/'));
            if (v.isMissingNode() || v.isNull() || !v.isNumber()) {
                continue;
            }
            double d = v.isBigDecimal() ? v.decimalValue().doubleValue() : v.asDouble();
            if (!r.getValue().allows(d)) {
                String where = origins.getOrDefault(r.getKey(), "the config");
                throw new UserError(where + ": " + r.getKey() + " must be " + r.getValue().describe() + " ("
                        + r.getValue().what() + "), got " + (v.isBigDecimal() ? v.decimalValue().toPlainString()
                        : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString()));
            }
        }
    }

    /** The key path of a Jackson mapping error ({@code risk.dailyLossPct}). */
    static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
            }
        }
        return path.toString();
    }

    /** A Jackson mapping error in words: the key's path, what is wrong, and the keys allowed there. */
    String explain(JsonMappingException e) {
        String key = path(e);
        if (e instanceof UnrecognizedPropertyException u) {
            String section = key.contains(".") ? key.substring(0, key.lastIndexOf('.')) : "";
            List<String> allowed = keysOf(section);
            return "unknown key '" + key + "'" + suggestion(u.getPropertyName(), allowed) + "; "
                    + (section.isEmpty() ? "the sections" : "the keys of " + section) + ": " + allowed;
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            Class<?> t = m.getTargetType();
            String want = Number.class.isAssignableFrom(t) || t.isPrimitive() && t != boolean.class
                    ? (t == Integer.class || t == Long.class || t == int.class || t == long.class ? "a whole number"
                    : "a number") : t == Boolean.class || t == boolean.class ? "true or false"
                    : t.isArray() || Collection.class.isAssignableFrom(t) ? "a list" : t == String.class ? "text"
                    : "a section of keys";
            return "key '" + key + "' must be " + want + firstLine(e.getOriginalMessage());
        }
        return (key.isEmpty() ? "" : "key '" + key + "': ") + e.getOriginalMessage();
    }

    /** The value Jackson quotes in its message ({@code from String "abc"}), as {@code , got 'abc'}. */
    private static String firstLine(String message) {
        int i = message == null ? -1 : message.indexOf("from String \"");
        if (i < 0) {
            return "";
        }
        int end = message.indexOf('"', i + 13);
        return end < 0 ? "" : ", got '" + message.substring(i + 13, end) + "'";
    }

    /** {@code ; did you mean 'x'?} for the closest of {@code candidates} within a few edits, else "". */
    static String suggestion(String given, Collection<String> candidates) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(given.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        if (best != null && bestD <= Math.max(2, given.length() / 3)) {
            return "; did you mean '" + best + "'?";
        }
        // else the key sharing the longest run of letters with it (maxDrawdwn -> drawdownHaltPct), if 5 or more
        String shared = null;
        int longest = 4;
        for (String c : candidates) {
            int n = commonRun(given.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (n > longest) {
                longest = n;
                shared = c;
            }
        }
        return shared == null ? "" : "; did you mean '" + shared + "'?";
    }

    /** Length of the longest common substring. */
    private static int commonRun(String a, String b) {
        int best = 0;
        for (int i = 0; i < a.length(); i++) {
            for (int j = 0; j < b.length(); j++) {
                int k = 0;
                while (i + k < a.length() && j + k < b.length() && a.charAt(i + k) == b.charAt(j + k)) {
                    k++;
                }
                best = Math.max(best, k);
            }
        }
        return best;
    }

    /** Levenshtein distance (a handful of short keys: the plain dynamic program). */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
