package dev.hft.app;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.InstrumentTable;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The YAML config file ({@code --config}). Every key is optional; command-line options win over it. Unknown keys
 * are errors, so a typo never silently falls back to a default. See config/hft.example.yaml.
 */
public final class AppConfig {
    /** The keys this class declares, for error messages and the environment overrides. */
    static final ConfigSchema SCHEMA = new ConfigSchema(AppConfig.class);

    /** Instrument filter overrides or additions, by symbol. */
    public Map<String, InstrumentSpec> instruments = new LinkedHashMap<>();
    /** Strategy jars, or directories of them, relative to this file (as --strategy-jar). */
    public List<String> strategies = List.of();
    public BacktestSection backtest = new BacktestSection();
    public LiveSection live = new LiveSection();
    public OpsSection ops = new OpsSection();

    /**
     * Operations of paper and live sessions (docs/OPERATIONS.md): the web endpoint (dashboard, /metrics, /health,
     * control) and alerts. The token and the webhook URL are secrets: never printed.
     */
    public static final class OpsSection {
        /** Address to bind; 127.0.0.1 keeps the endpoint on this machine. */
        public String host = "127.0.0.1";
        /** Port; 0 picks a free one, -1 turns the endpoint off. */
        public Integer port = 8321;
        /** Control token for kill switch, pause, resume, release; none (and no HFT_OPS_TOKEN): read-only. */
        public String token;
        /**
         * Host names the endpoint answers for besides IP literals and localhost (e.g. the machine's name behind a
         * reverse proxy); any other Host header is refused against DNS rebinding.
         */
        public java.util.List<String> allowedHosts = java.util.List.of();
        public AlertsSection alerts = new AlertsSection();

        @Override
        public String toString() {
            return "ops[" + host + ":" + port + (token == null ? ", read-only" : ", token set") + "]";
        }
    }

    /** Alerts: a webhook (generic JSON, Slack or Telegram), rate-limited, and drawdown thresholds. */
    public static final class AlertsSection {
        public String webhook;
        /** generic, slack or telegram. */
        public String format = "generic";
        /** Telegram's chat id. */
        public String chatId;
        public Integer perMinute = 6;
        public Integer dedupeMinutes = 5;
        /** Drawdown from the equity peak, in percent, that raises an alert (once per level until a new peak). */
        public double[] drawdownPct = {5, 10, 15};

        @Override
        public String toString() {
            return "alerts[" + format + (webhook == null ? ", console only" : ", webhook set") + "]";
        }
    }

    /** Live trading switches. */
    public static final class LiveSection {
        /** Allows production endpoints (with --confirm-real-money on the command line). */
        public boolean production;
        /**
         * On a graceful stop: {@code keep} leaves resting orders (protective stops) on the exchange, so positions
         * stay protected while hft is down; {@code cancel} cancels them (positions are then unprotected).
         */
        public String onStop = "keep";
        /**
         * Price collar of market entries, in percent of the decision price: they leave as limit IOC orders at that
         * distance, so what does not trade there expires instead of filling far away (a stale decision, an empty
         * book). Exits stay market orders. 0 turns it off.
         */
        public Double marketCollarPct = 2.0;
    }
    public RiskSection risk = new RiskSection();
    public SanitizerSection sanitizer = new SanitizerSection();

    /** Risk guard limits; unset keys keep the defaults (see RiskLimits). */
    public static final class RiskSection {
        public Double defaultStopLossPct;
        public Double dailyLossPct;
        public Double drawdownReducingPct;
        public Double drawdownHaltPct;
        public Boolean flattenOnHalt;
        public Double maxSymbolExposurePct;
        public Double maxTotalExposurePct;
        public Integer maxOpenPositions;
        public Double fatFingerPct;
        public BigDecimal maxOrderNotional;
        public BigDecimal maxOrderQty;
        public Integer maxOrdersPerSecond;
        public Integer maxOrdersPerMinute;
        public Integer maxEntries;

        /** The limits: defaults overridden by the keys set here. */
        public dev.hft.engine.risk.RiskLimits limits() {
            dev.hft.engine.risk.RiskLimits d = dev.hft.engine.risk.RiskLimits.DEFAULT;
            try {
                return new dev.hft.engine.risk.RiskLimits(
                        or(defaultStopLossPct, d.defaultStopLossPct()), or(dailyLossPct, d.dailyLossPct()),
                        or(drawdownReducingPct, d.drawdownReducingPct()), or(drawdownHaltPct, d.drawdownHaltPct()),
                        flattenOnHalt != null ? flattenOnHalt : d.flattenOnHalt(),
                        or(maxSymbolExposurePct, d.maxSymbolExposurePct()),
                        or(maxTotalExposurePct, d.maxTotalExposurePct()),
                        maxOpenPositions != null ? maxOpenPositions : d.maxOpenPositions(),
                        or(fatFingerPct, d.fatFingerPct()),
                        maxOrderNotional != null ? Fixed.parse(maxOrderNotional.toPlainString()) : d.maxOrderNotional(),
                        maxOrderQty != null ? Fixed.parse(maxOrderQty.toPlainString()) : d.maxOrderQty(),
                        maxOrdersPerSecond != null ? maxOrdersPerSecond : d.maxOrdersPerSecond(),
                        maxOrdersPerMinute != null ? maxOrdersPerMinute : d.maxOrdersPerMinute(), d.shortSelling(),
                        maxEntries != null ? maxEntries : d.maxEntries());
            } catch (IllegalArgumentException e) {
                throw new UserError("config risk: " + e.getMessage(), e);
            }
        }
    }

    /** Sanitizer thresholds; unset keys keep the defaults (see SanitizerConfig). */
    public static final class SanitizerSection {
        public Long maxLatencyMs;
        public Double maxSpreadBps;
        public Double outlierMultiple;
        public Double outlierMinPct;
        public Integer maxConsecutiveOutliers;
        public Long staleAfterMs;
        public Integer thawAfter;
        public Boolean checkStepSize;

        public dev.hft.engine.sanitizer.SanitizerConfig config() {
            dev.hft.engine.sanitizer.SanitizerConfig d = dev.hft.engine.sanitizer.SanitizerConfig.DEFAULT;
            try {
                return new dev.hft.engine.sanitizer.SanitizerConfig(
                        maxLatencyMs != null ? maxLatencyMs : d.maxLatencyMs(), or(maxSpreadBps, d.maxSpreadBps()),
                        or(outlierMultiple, d.outlierMultiple()), or(outlierMinPct, d.outlierMinPct()),
                        maxConsecutiveOutliers != null ? maxConsecutiveOutliers : d.maxConsecutiveOutliers(),
                        staleAfterMs != null ? staleAfterMs : d.staleAfterMs(),
                        thawAfter != null ? thawAfter : d.thawAfter(),
                        checkStepSize != null ? checkStepSize : d.checkStepSize());
            } catch (IllegalArgumentException e) {
                throw new UserError("config sanitizer: " + e.getMessage(), e);
            }
        }
    }

    private static double or(Double v, double d) {
        return v != null ? v : d;
    }

    /** Filters of one instrument, as plain decimals. */
    public static final class InstrumentSpec {
        public String baseAsset;
        public String quoteAsset;
        public BigDecimal tickSize;
        public BigDecimal stepSize;
        public BigDecimal minQty;
        public BigDecimal minNotional;
    }

    /** Defaults for {@code hft backtest}. */
    public static final class BacktestSection {
        public String strategy;
        public Map<String, String> params = new LinkedHashMap<>();
        public BigDecimal capital;
        public Double feeBps;
        public Double slippageBps;
        public Double positionPct;
        public String fillModel;
        public String intrabar;
        public String limitFill;
        public String venue;
        public String tier;
        public Boolean payFeesInToken;
        public Double impactCoef;
        public Long latencyMs;
    }

    /** The file this config was read from; null for the built-in defaults. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public Path source;

    /** Reads {@code file} (null: the defaults), then the {@code HFT_...} overrides of the environment. */
    public static AppConfig load(Path file) {
        return load(file, System.getenv());
    }

    /**
     * As {@link #load(Path)} with the given environment. Errors name the key, where it was set ({@code file:line:col}
     * or the environment variable), what is allowed (the keys of the section with a "did you mean", or the range).
     */
    static AppConfig load(Path file, Map<String, String> env) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // a key given twice is a mistake whichever one was meant: never let the last silently win
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        // a section named with nothing under it ("risk:" with its keys commented out) means its defaults; an
        // override merges into a section (its other keys stay), while a list it sets replaces the list
        for (Class<?> section : List.of(BacktestSection.class, LiveSection.class, OpsSection.class,
                AlertsSection.class, RiskSection.class, SanitizerSection.class)) {
            yaml.configOverride(section).setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY));
            yaml.configOverride(section).setMergeable(true);
        }
        yaml.configOverride(Map.class).setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY));
        yaml.configOverride(List.class).setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY));
        Map<String, String> origins = new java.util.HashMap<>();
        AppConfig c = null;
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new UserError("config file not found: " + file);
            }
            try {
                origins.putAll(ConfigSchema.locations(file, yaml.getFactory().createParser(file.toFile())));
                c = yaml.readValue(file.toFile(), AppConfig.class);
            } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
                // the key's own place when the first pass found it, else where the parser stood
                String at = origins.getOrDefault(ConfigSchema.path(e), where(file, e));
                throw new UserError(at + ": " + SCHEMA.explain(e), e);
            } catch (JsonProcessingException e) {
                throw new UserError(where(file, e) + ": " + e.getOriginalMessage(), e);
            } catch (IOException e) {
                throw new UserError("cannot read config " + file + ": " + e.getMessage(), e);
            }
        }
        c = c == null ? new AppConfig() : c;
        com.fasterxml.jackson.databind.node.ObjectNode overrides = SCHEMA.environment(env, yaml, origins);
        if (!overrides.isEmpty()) {
            try {
                yaml.readerForUpdating(c).readValue(overrides);
            } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
                throw new UserError("environment: " + SCHEMA.explain(e), e);
            } catch (IOException e) {
                throw new UserError("environment: " + e.getMessage(), e);
            }
        }
        ConfigSchema.checkRanges(yaml.valueToTree(c), origins);
        c.source = file;
        if (c.strategies != null && !c.strategies.isEmpty()) {
            Path base = file == null || file.toAbsolutePath().getParent() == null ? Path.of("")
                    : file.toAbsolutePath().getParent();
            dev.hft.engine.strategy.StrategyRegistry.addJars(c.strategies.stream().map(base::resolve).toList());
        }
        for (String w : c.warnings()) {
            LoggerFactory.getLogger("hft.config").warn("{}: {}", file == null ? "environment" : file, w);
        }
        return c;
    }

    private static String where(Path file, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        return loc == null ? file.toString() : file + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
    }

    /**
     * Settings that are legal but probably not meant: a risk limit set to 0 turns that limit off. Printed as
     * warnings when the file loads.
     */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        RiskSection r = risk;
        dev.hft.engine.risk.RiskLimits d = dev.hft.engine.risk.RiskLimits.DEFAULT;
        // only a limit that is on by default is worth a word when set to 0
        zero(out, "dailyLossPct", r.dailyLossPct, d.dailyLossPct());
        zero(out, "drawdownReducingPct", r.drawdownReducingPct, d.drawdownReducingPct());
        zero(out, "drawdownHaltPct", r.drawdownHaltPct, d.drawdownHaltPct());
        zero(out, "maxSymbolExposurePct", r.maxSymbolExposurePct, d.maxSymbolExposurePct());
        zero(out, "maxTotalExposurePct", r.maxTotalExposurePct, d.maxTotalExposurePct());
        zero(out, "fatFingerPct", r.fatFingerPct, d.fatFingerPct());
        zero(out, "maxOrderNotional", r.maxOrderNotional == null ? null : r.maxOrderNotional.doubleValue(),
                d.maxOrderNotional());
        zero(out, "maxOrderQty", r.maxOrderQty == null ? null : r.maxOrderQty.doubleValue(), d.maxOrderQty());
        zero(out, "maxOpenPositions", r.maxOpenPositions == null ? null : r.maxOpenPositions.doubleValue(),
                d.maxOpenPositions());
        zero(out, "maxOrdersPerSecond", r.maxOrdersPerSecond == null ? null : r.maxOrdersPerSecond.doubleValue(),
                d.maxOrdersPerSecond());
        zero(out, "maxOrdersPerMinute", r.maxOrdersPerMinute == null ? null : r.maxOrdersPerMinute.doubleValue(),
                d.maxOrdersPerMinute());
        if (live.marketCollarPct != null && live.marketCollarPct == 0) {
            out.add("live.marketCollarPct is 0: market entries leave without a price collar");
        }
        return out;
    }

    private static void zero(List<String> out, String key, Double v, double byDefault) {
        if (v != null && v == 0 && byDefault != 0) {
            out.add("risk." + key + " is 0, which turns that limit off; remove the key for the default");
        }
    }

    /** The built-in instrument table with this config's overrides applied. */
    public InstrumentTable instrumentTable() {
        return instrumentTable(DataCommand.INSTRUMENTS_FILE);
    }

    /** As {@link #instrumentTable()}, with the fetched instruments read from {@code fetched} when it exists. */
    InstrumentTable instrumentTable(Path fetched) {
        InstrumentTable t = InstrumentTable.builtIn();
        // the instruments 'hft data instruments' fetched, when that file is here: fresher than the built-in four
        if (Files.isRegularFile(fetched)) {
            try (java.io.Reader r = Files.newBufferedReader(fetched)) {
                t.read(r, fetched.toString());
            } catch (IOException e) {
                throw new UserError("cannot read " + fetched + ": " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage() + " (fetch it again: hft data instruments)", e);
            }
        }
        instruments.forEach((symbol, spec) -> {
            String sym = symbol.toUpperCase(java.util.Locale.ROOT);
            Instrument base = t.find(sym);
            try {
                t.put(new Instrument(sym,
                        spec.baseAsset != null ? spec.baseAsset : base != null ? base.baseAsset() : sym,
                        spec.quoteAsset != null ? spec.quoteAsset : base != null ? base.quoteAsset() : "USDT",
                        value(spec.tickSize, base == null ? null : base.tickSize(), sym, "tickSize"),
                        value(spec.stepSize, base == null ? null : base.stepSize(), sym, "stepSize"),
                        value(spec.minQty, base == null ? null : base.minQty(), sym, "minQty"),
                        value(spec.minNotional, base == null ? null : base.minNotional(), sym, "minNotional")));
            } catch (IllegalArgumentException e) {
                throw new UserError("config instruments." + symbol + ": " + e.getMessage(), e);
            }
        });
        return t;
    }

    private static long value(BigDecimal v, Long fallback, String symbol, String field) {
        if (v == null) {
            if (fallback == null) {
                throw new UserError("config instruments." + symbol + "." + field
                        + " is required for an instrument that is not built in");
            }
            return fallback;
        }
        if (v.signum() == 0 && (field.equals("tickSize") || field.equals("stepSize"))) {
            // 0 would let prices or quantities of any precision through, which no venue accepts
            throw new UserError("config instruments." + symbol + "." + field + " must be above 0, got " + v);
        }
        try {
            return Fixed.parse(v.toPlainString());
        } catch (NumberFormatException e) {
            throw new UserError("config instruments." + symbol + "." + field + ": " + e.getMessage(), e);
        }
    }
}
