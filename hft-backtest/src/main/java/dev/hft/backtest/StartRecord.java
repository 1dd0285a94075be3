package dev.hft.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.engine.EngineConfig;
import dev.hft.engine.cost.FlatFeeModel;
import dev.hft.engine.risk.RiskLimits;
import dev.hft.engine.sanitizer.SanitizerConfig;
import dev.hft.engine.strategy.StrategyRegistry;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The journal's first record: everything needed to rebuild the same engine for a replay (strategy and raw
 * parameters, engine, sanitizer and risk settings, instruments, fee rates). Money as exact decimal strings.
 */
public final class StartRecord {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StartRecord() {
    }

    /** What a replay rebuilds from the record. */
    public record Decoded(String strategy, Map<String, String> params, EngineConfig engine,
                          List<Instrument> instruments, long makerRate, long takerRate, String strategySha256,
                          String strategyVersion) {
        public Decoded(String strategy, Map<String, String> params, EngineConfig engine,
                       List<Instrument> instruments, long makerRate, long takerRate) {
            this(strategy, params, engine, instruments, makerRate, takerRate, null, null);
        }
    }

    /** The start record's data for a backtest with these settings. */
    public static String encode(RunSpec c, EngineConfig e, List<Instrument> instruments, FlatFeeModel fees) {
        return encode(c, e, instruments, fees, "backtest");
    }

    /** The start record's data for a run of {@code kind} (backtest, paper or live) with these settings. */
    public static String encode(RunSpec c, EngineConfig e, List<Instrument> instruments, FlatFeeModel fees,
                                String kind) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("hftVersion", dev.hft.core.BuildInfo.VERSION); // the code that wrote the journal
        m.put("apiVersion", dev.hft.api.Api.VERSION); // the strategy API it offered
        m.put("strategy", c.strategy());
        StrategyRegistry.Source src = StrategyRegistry.source(c.strategy());
        if (src != null && !src.builtIn()) { // a strategy of one's own: the code it ran, so a replay runs the same
            Map<String, Object> jar = new LinkedHashMap<>();
            jar.put("jar", src.location());
            jar.put("sha256", src.sha256());
            jar.put("version", src.version());
            m.put("strategyJar", jar);
        }
        m.put("params", new java.util.TreeMap<>(c.params()));
        Map<String, Object> eng = new LinkedHashMap<>();
        eng.put("initialCapital", Fixed.format(e.initialCapital()));
        eng.put("positionFraction", e.positionFraction());
        eng.put("feeRate", Fixed.format(e.feeRate()));
        SanitizerConfig s = e.sanitizer();
        Map<String, Object> san = new LinkedHashMap<>();
        san.put("maxLatencyMs", s.maxLatencyMs());
        san.put("maxSpreadBps", s.maxSpreadBps());
        san.put("outlierMultiple", s.outlierMultiple());
        san.put("outlierMinPct", s.outlierMinPct());
        san.put("maxConsecutiveOutliers", s.maxConsecutiveOutliers());
        san.put("staleAfterMs", s.staleAfterMs());
        san.put("thawAfter", s.thawAfter());
        san.put("checkStepSize", s.checkStepSize());
        eng.put("sanitizer", san);
        eng.put("risk", e.risk().describe());
        m.put("engine", eng);
        List<Map<String, Object>> insts = new ArrayList<>();
        for (Instrument i : instruments) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("symbol", i.symbol());
            x.put("base", i.baseAsset());
            x.put("quote", i.quoteAsset());
            x.put("tickSize", Fixed.format(i.tickSize()));
            x.put("stepSize", Fixed.format(i.stepSize()));
            x.put("minQty", Fixed.format(i.minQty()));
            x.put("minNotional", Fixed.format(i.minNotional()));
            insts.add(x);
        }
        m.put("instruments", insts);
        m.put("makerRate", Fixed.format(fees.makerRate()));
        m.put("takerRate", Fixed.format(fees.takerRate()));
        m.put("fillModel", c.fillModel().name());
        m.put("limitFill", c.limitFill().name());
        m.put("latencyMs", c.latencyMs());
        try {
            return JSON.writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public static Decoded decode(String data) {
        try {
            JsonNode m = JSON.readTree(data);
            Map<String, String> params = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = m.get("params").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                params.put(e.getKey(), e.getValue().asText());
            }
            JsonNode eng = m.get("engine");
            JsonNode s = eng.get("sanitizer");
            SanitizerConfig san = new SanitizerConfig(s.get("maxLatencyMs").asLong(), s.get("maxSpreadBps").asDouble(),
                    s.get("outlierMultiple").asDouble(), s.get("outlierMinPct").asDouble(),
                    s.get("maxConsecutiveOutliers").asInt(), s.get("staleAfterMs").asLong(), s.get("thawAfter").asInt(),
                    s.get("checkStepSize").asBoolean());
            JsonNode r = eng.get("risk");
            RiskLimits risk = new RiskLimits(r.get("defaultStopLossPct").asDouble(), r.get("dailyLossPct").asDouble(),
                    r.get("drawdownReducingPct").asDouble(), r.get("drawdownHaltPct").asDouble(),
                    r.get("flattenOnHalt").asBoolean(), r.get("maxSymbolExposurePct").asDouble(),
                    r.get("maxTotalExposurePct").asDouble(), r.get("maxOpenPositions").asInt(),
                    r.get("fatFingerPct").asDouble(), Fixed.parse(r.get("maxOrderNotional").asText()),
                    Fixed.parse(r.get("maxOrderQty").asText()), r.get("maxOrdersPerSecond").asInt(),
                    r.get("maxOrdersPerMinute").asInt(), r.path("shortSelling").asBoolean(true),
                    r.path("maxEntries").asInt(1));
            EngineConfig ec = new EngineConfig(Fixed.parse(eng.get("initialCapital").asText()),
                    eng.get("positionFraction").asDouble(), Fixed.parse(eng.get("feeRate").asText()), san, risk);
            List<Instrument> insts = new ArrayList<>();
            for (JsonNode x : m.get("instruments")) {
                insts.add(new Instrument(x.get("symbol").asText(), x.get("base").asText(), x.get("quote").asText(),
                        Fixed.parse(x.get("tickSize").asText()), Fixed.parse(x.get("stepSize").asText()),
                        Fixed.parse(x.get("minQty").asText()), Fixed.parse(x.get("minNotional").asText())));
            }
            JsonNode jar = m.path("strategyJar");
            return new Decoded(m.get("strategy").asText(), params, ec, insts, Fixed.parse(m.get("makerRate").asText()),
                    Fixed.parse(m.get("takerRate").asText()), jar.isObject() ? jar.get("sha256").asText() : null,
                    jar.isObject() ? jar.path("version").asText() : null);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("journal start record is not readable: " + e.getMessage(), e);
        }
    }
}
