package dev.hft.app;

import dev.hft.backtest.RunSpec;
import dev.hft.binance.stream.MarketStream;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.engine.EngineConfig;
import dev.hft.engine.sanitizer.SanitizerConfig;
import dev.hft.api.Params;
import dev.hft.api.StrategyFactory;
import dev.hft.engine.strategy.StrategyRegistry;
import dev.hft.sim.FillModel;
import dev.hft.sim.IntrabarPolicy;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options {@code hft paper} and {@code hft live} share: what to trade, how big, the stream, the session. */
final class SessionOptions {
    /** Sanitizer latency limit for live klines when the config sets none: a closed kline arrives within ~2 s. */
    static final long LIVE_MAX_LATENCY_MS = 5_000;

    @Option(names = "--symbol", paramLabel = "SYM", description = "Symbol; repeatable (default BTCUSDT).")
    List<String> symbols = new ArrayList<>();

    @Option(names = "--strategy", paramLabel = "NAME", description = "Strategy (default liquidation-hunter).")
    String strategy = "liquidation-hunter";

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "Strategy parameter; repeatable.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--interval", paramLabel = "INT", description = "Kline interval (default 1m).")
    String interval = "1m";

    @Option(names = "--capital", paramLabel = "USD", description = "Capital the engine sizes against (default "
            + "10000).")
    BigDecimal capital = BigDecimal.valueOf(10_000);

    @Option(names = "--position-pct", paramLabel = "PCT", description = "Percent of equity per entry (default 10).")
    double positionPct = 10;

    @Option(names = "--fee-bps", paramLabel = "N", description = "Fee per fill in bps (default 10: Binance spot, "
            + "regular tier).")
    double feeBps = 10;

    @Option(names = "--stream-silence", paramLabel = "SECONDS", description = "Reconnect when the stream sends "
            + "nothing (not even a ping) for this long (default 60; Binance pings every 20 s).")
    long streamSilenceS = 60;

    @Option(names = "--clock", paramLabel = "local|stream", description = "What a bar's receive time is: local "
            + "(default) this machine's clock when it arrived, so the sanitizer measures latency and refuses bars "
            + "stamped in the future; stream: the exchange's own event time (E) of the message, for a recorded or "
            + "simulated stream sent faster than real time.")
    String clock = "local";

    /** Whether bars are stamped with the stream's own event time ({@code --clock stream}). */
    boolean streamClock() {
        return switch (clock) {
            case "local" -> false;
            case "stream" -> true;
            default -> throw new UserError("--clock must be local or stream, got '" + clock + "'");
        };
    }

    @Option(names = "--max-bars", paramLabel = "N", description = "Stop after N live bars (default 0: run until "
            + "SIGTERM or Ctrl-C).")
    long maxBars;

    @Option(names = "--snapshot-every", paramLabel = "N", description = "Engine snapshot every N bars (default 60).")
    int snapshotEvery = 60;

    @Option(names = "--quotes", negatable = true, defaultValue = "true", fallbackValue = "true", description = "Follow "
            + "each symbol's bookTicker on the kline connection: bars carry the best bid and ask, and the spread gate "
            + "and costs use the quoted spread (default on; --no-quotes: the high-low estimate).")
    boolean quotes = true;

    @Option(names = "--trades", negatable = true, description = "Follow each symbol's aggTrade on the kline "
            + "connection: bars carry their trade path (the order in which the trades set new highs and lows), and "
            + "the simulated exchange reads from it whether a stop or a take-profit was reached first (paper default "
            + "on; live default off: the venue fills there).")
    Boolean tradesOption;

    /** Whether to follow the trade stream: the option, else {@code fallback}. */
    boolean trades(boolean fallback) {
        return tradesOption == null ? fallback : tradesOption;
    }

    @Option(names = "--liquidations-url", paramLabel = "URL", description = "USD-M futures market streams for the "
            + "symbols' forceOrder (liquidations), which the liquidation hunter scores; 'off' to skip (paper default: "
            + "wss://fstream.binance.com/market, public; live default: off).")
    String liquidationsUrl;

    /** The liquidation stream to follow: the option, else {@code fallback} (null = none). */
    URI liquidations(URI fallback) {
        if ("off".equals(liquidationsUrl)) {
            return null;
        }
        if (liquidationsUrl == null) {
            return fallback;
        }
        try {
            URI u = URI.create(liquidationsUrl);
            if (!"ws".equals(u.getScheme()) && !"wss".equals(u.getScheme())) {
                throw new IllegalArgumentException("not ws:// or wss://");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new UserError("--liquidations-url must be a ws:// or wss:// URL or 'off', got '" + liquidationsUrl
                    + "'");
        }
    }

    @Option(names = "--http-port", paramLabel = "N", description = "Dashboard, /metrics and /health port (default "
            + "ops.port in the config, else 8321; 0 = any free port, -1 = off).")
    Integer httpPort;

    @Option(names = "--http-host", paramLabel = "HOST", description = "Address the endpoint binds (default ops.host, "
            + "else 127.0.0.1: this machine only).")
    String httpHost;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config (instruments, risk, sanitizer, live).")
    Path config;

    List<String> symbols() {
        return symbols.isEmpty() ? List.of("BTCUSDT") : symbols.stream().map(s -> s.toUpperCase(Locale.ROOT)).toList();
    }

    List<Instrument> instruments(AppConfig cfg) {
        List<Instrument> out = new ArrayList<>();
        for (String s : symbols()) {
            out.add(RunOptions.instrument(cfg.instrumentTable(), s));
        }
        return out;
    }

    /** Milliseconds of the kline interval; a bad one is a user error. */
    long intervalMs() {
        try {
            return MarketStream.intervalMs(interval);
        } catch (RuntimeException e) {
            throw new UserError("--interval must be like 1m, 5m, 1h, got '" + interval + "'");
        }
    }

    /** The validated settings of the engine; {@code slippageBps} for the simulated venue (0 live). */
    RunSpec backtestConfig(AppConfig cfg, double slippageBps) {
        return backtestConfig(cfg, slippageBps, true);
    }

    /** As above; {@code shortSelling} false on a spot market (short entries are denied by the risk guard). */
    RunSpec backtestConfig(AppConfig cfg, double slippageBps, boolean shortSelling) {
        intervalMs();
        liquidations(null); // a bad URL is refused before anything starts
        if (capital.signum() <= 0 || !(positionPct > 0 && positionPct <= 100) || maxBars < 0) {
            throw new UserError("--capital must be positive, --position-pct in (0, 100], --max-bars >= 0");
        }
        SanitizerConfig sc = cfg.sanitizer.config();
        if (cfg.sanitizer.maxLatencyMs == null) {
            sc = new SanitizerConfig(LIVE_MAX_LATENCY_MS, sc.maxSpreadBps(), sc.outlierMultiple(), sc.outlierMinPct(),
                    sc.maxConsecutiveOutliers(), sc.staleAfterMs(), sc.thawAfter(), sc.checkStepSize());
        }
        try {
            EngineConfig ec = new EngineConfig(Fixed.parse(capital.toPlainString()), positionPct / 100, 0, sc,
                    cfg.risk.limits().withShortSelling(shortSelling));
            RunSpec bc = new RunSpec(strategy, params, ec, feeBps, null, null, false,
                    slippageBps, RunSpec.IMPACT_COEF_DEFAULT, FillModel.NEXT_OPEN, IntrabarPolicy.STOP_FIRST, 0);
            dev.hft.backtest.BacktestRunner.validate(bc);
            return bc;
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /** Bars the strategy needs before it can act. */
    int warmupBars(RunSpec bc) {
        StrategyFactory f = StrategyRegistry.get(bc.strategy());
        return f.create(new Params(f.name(), f.params(), bc.params())).warmupBars();
    }
}
