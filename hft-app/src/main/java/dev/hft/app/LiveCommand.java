package dev.hft.app;

import dev.hft.backtest.RunSpec;
import dev.hft.node.DurableSession;
import dev.hft.binance.auth.ApiKeys;
import dev.hft.binance.execution.BinanceExecution;
import dev.hft.binance.http.BinanceRest;
import dev.hft.binance.http.RateLimits;
import dev.hft.binance.stream.UserDataStream;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.engine.TradingEngine;
import dev.hft.engine.cost.FlatFeeModel;
import dev.hft.journal.JournalRecovery;
import dev.hft.journal.JournalWriter;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hft live}: real orders on Binance spot or USD-M futures ({@code --market futures}). Defaults to the spot
 * testnet or the futures demo; production endpoints need
 * {@code live.production: true} in the config file and {@code --confirm-real-money}. Start-up: keys (a key file
 * others can read is refused), the key's permissions (a key that can withdraw is refused), recovery from the
 * journal, reconciliation of every working order with the venue, and a check for open orders the session does
 * not know (start-up fails closed on them). Then it trades like {@code hft paper}, with the venue instead of the
 * simulated exchange. The venue's trading rules (exchangeInfo) replace the configured instruments of a new session.
 *
 * <p>Futures: one-way positions only (hedge mode refuses the start), the session must own the symbol's whole
 * position on the account (any difference refuses), protective stops rest at the Algo Service, the user data
 * stream is the listenKey stream. Leverage and margin type are the account's settings: the engine sizes positions
 * from its own capital, as in a backtest, and does not account for funding payments.
 */
@Command(name = "live", sortOptions = false,
        description = {"Live trading on Binance spot or USD-M futures (testnet/demo by default). Recovers and "
            + "reconciles before any new order; refuses keys that can withdraw."})
final class LiveCommand implements Callable<Integer> {
    static final URI TESTNET_REST = URI.create("https://testnet.binance.vision");
    static final URI TESTNET_STREAMS = URI.create("wss://stream.testnet.binance.vision");
    static final URI PRODUCTION_REST = URI.create("https://api.binance.com");
    static final URI PRODUCTION_STREAMS = URI.create("wss://stream.binance.com:9443");
    static final URI TESTNET_WS_API = URI.create("wss://ws-api.testnet.binance.vision/ws-api/v3");
    static final URI PRODUCTION_WS_API = URI.create("wss://ws-api.binance.com:443/ws-api/v3");
    /** USD-M futures: the demo (Binance's futures testnet) and production; streams split since 2026-03. */
    static final URI DEMO_FAPI = URI.create("https://demo-fapi.binance.com");
    static final URI DEMO_FSTREAM = URI.create("wss://demo-fstream.binance.com");
    static final URI PRODUCTION_FAPI = URI.create("https://fapi.binance.com");
    static final URI PRODUCTION_FSTREAM_MARKET = URI.create("wss://fstream.binance.com/market");
    static final URI PRODUCTION_FSTREAM_PRIVATE = URI.create("wss://fstream.binance.com/private");
    /** The trade stream is off by default live: bars' trade paths serve the simulated exchange, not the venue. */
    static final boolean LIVE_TRADES_DEFAULT = false;
    /** USD-M listenKey: kept alive every 30 minutes (it expires after 60). */
    static final Duration LISTEN_KEY_KEEPALIVE = Duration.ofMinutes(30);
    /** USD-M streams ping every 3 minutes: silence is judged over 4. */
    static final Duration FUTURES_USER_STREAM_SILENCE = Duration.ofMinutes(4);
    /** REST polls of working orders while the user data stream is subscribed: a safety net, every 15 s. */
    static final int POLL_EVERY_S_WITH_STREAM = 15;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    SessionOptions session = new SessionOptions();

    @Option(names = "--keys", paramLabel = "FILE", description = "API key file (default config/api_keys.yaml; "
            + "HFT_BINANCE_* environment variables win).")
    Path keys = Path.of("config", "api_keys.yaml");

    @Option(names = "--market", paramLabel = "M", description = "spot (default) or futures (USD-M perpetuals: "
            + "one-way positions, shorts, stops at the Algo Service).")
    String market = "spot";

    @Option(names = "--rest-url", paramLabel = "URL", description = "REST base (default: the spot testnet, or the "
            + "futures demo https://demo-fapi.binance.com).")
    URI restUrl;

    @Option(names = "--stream-url", paramLabel = "URL", description = "Market streams (default: the testnet's or the "
            + "futures demo's).")
    URI streamUrl;

    @Option(names = {"--user-stream-url", "--ws-api-url"}, paramLabel = "URL", description = "User data stream: "
            + "spot, the WebSocket API endpoint; futures, the private stream base (/ws/<listenKey> is added). "
            + "Default: the testnet's or demo's; 'off' polls orders over REST instead.")
    String wsApiUrl;

    @Option(names = "--production", description = "Use Binance production endpoints (needs live.production: true "
            + "in --config and --confirm-real-money).")
    boolean production;

    @Option(names = "--confirm-real-money", description = "Confirms trading real money on production endpoints.")
    boolean confirmRealMoney;

    @Option(names = "--out", paramLabel = "DIR", description = "Session directory (default runs/live-<run-id>); an "
            + "existing one is recovered.")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = SessionLog.tee(spec.commandLine().getOut());
        AppConfig cfg = AppConfig.load(session.config);
        boolean streamClock = session.streamClock(); // a bad --clock stops here, before anything is opened
        if (!List.of("spot", "futures").contains(market)) {
            throw new UserError("--market must be spot or futures, got '" + market + "'");
        }
        boolean futures = market.equals("futures");
        URI rest = restUrl != null ? restUrl : futures ? production ? PRODUCTION_FAPI : DEMO_FAPI
                : production ? PRODUCTION_REST : TESTNET_REST;
        URI streams = streamUrl != null ? streamUrl : futures ? production ? PRODUCTION_FSTREAM_MARKET : DEMO_FSTREAM
                : production ? PRODUCTION_STREAMS : TESTNET_STREAMS;
        URI wsApi = wsApiUrl == null ? futures ? production ? PRODUCTION_FSTREAM_PRIVATE : DEMO_FSTREAM
                : production ? PRODUCTION_WS_API : TESTNET_WS_API
                : "off".equals(wsApiUrl) ? null : URI.create(wsApiUrl);
        boolean prodHost = isProduction(rest) || isProduction(streams) || wsApi != null && isProduction(wsApi);
        if (prodHost && !(production && cfg.live.production && confirmRealMoney)) {
            throw new UserError("production endpoints (" + rest.getHost() + ") need --production, "
                    + "'live: {production: true}' in --config and --confirm-real-money");
        }
        if (!List.of("keep", "cancel").contains(cfg.live.onStop)) {
            throw new UserError("live.onStop must be keep or cancel, got '" + cfg.live.onStop + "'");
        }
        List<String> syms = session.symbols();
        // spot: no margin borrowing is modelled, so a short entry would sell coins the session does not hold
        RunSpec bc = session.backtestConfig(cfg, 0.0, futures);
        String interval = session.interval;
        ApiKeys apiKeys = apiKeys(keys);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        // spot: 6,000 weight a minute; USD-M: 2,400
        BinanceRest client = new BinanceRest(rest, futures ? BinanceRest.Market.USDM : BinanceRest.Market.SPOT, http,
                apiKeys, System::currentTimeMillis, Duration.ofSeconds(10), new RateLimits(futures ? 2400 : 6000));
        client.syncClock();
        // key permissions are a spot /sapi endpoint: for production futures keys, asked at api.binance.com
        BinanceRest permissions = futures && prodHost ? new BinanceRest(PRODUCTION_REST, BinanceRest.Market.SPOT,
                http, apiKeys, System::currentTimeMillis, Duration.ofSeconds(10), new RateLimits(6000)) : client;
        checkPermissions(permissions, prodHost, futures, stdout);
        List<Instrument> instruments = venueRules(client, session.instruments(cfg), stdout);
        if (futures && session.quotes) {
            // USD-M serves bookTicker on the /public connection, not with klines on /market
            session.quotes = false;
            stdout.println("note: quotes (bookTicker) are not followed on USD-M futures; the spread is estimated");
        }

        Path dir = out != null ? out : Path.of("runs", "live-" + BacktestCommand.runId());
        Path journalDir = dir.resolve("journal");
        boolean recovering = Files.isDirectory(journalDir)
                && JournalRecovery.scan(journalDir, r -> { }, false).status() != JournalRecovery.Status.EMPTY;
        String runId = dir.toAbsolutePath().normalize().getFileName().toString();
        ExecutorService io = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "execution-io");
            t.setDaemon(true);
            return t;
        });
        TradingNode node = new TradingNode(cfg, session, bc, instruments, stdout);
        LiveMode mode = new LiveMode(cfg, apiKeys, client, io, http, wsApi, futures, instruments, node, stdout);
        FlatFeeModel fees = FlatFeeModel.ofBps(session.feeBps);
        mode.exec.setEstimatedFeeRate(fees.takerRate()); // for fills whose report has no commission
        try {
            mode.exec.setMarketCollar(cfg.live.marketCollarPct == null ? 0 : cfg.live.marketCollarPct);
        } catch (IllegalArgumentException e) {
            mode.close();
            throw new UserError("config live.marketCollarPct: " + e.getMessage());
        }
        Files.createDirectories(dir);
        mode.start = new DurableSession.Start(bc, instruments, fees, "live", runId, session.snapshotEvery);
        TradingNode.Finished done = node.run(mode, dir, recovering,
                new TradingNode.History(client, rest, interval, session.warmupBars(bc)),
                s -> String.format(Locale.ROOT, "live %s on %s (%s, %s), venue %s%s, key %s, session %s",
                        bc.strategy(), String.join(", ", syms), interval, futures ? "USD-M futures" : "spot", rest,
                        prodHost ? " (PRODUCTION)" : "", apiKeys.fingerprint(), dir),
                1, streamClock, streams, http, new StreamRunner.Extras(session.quotes,
                        session.trades(LIVE_TRADES_DEFAULT), session.liquidations(null)));
        stdout.printf(Locale.ROOT, "stopped after %,d live bars: %d orders in flight or resting %s, "
                + "%d unresolved; equity %s; journal %s%n", done.liveBars(), mode.resting, mode.cancelOnStop
                ? "canceled at the venue (live.onStop: cancel; open positions are unprotected)"
                : "stay on the venue", mode.exec.unresolved(), Fixed.format(done.result().finalCapital()),
                journalDir);
        return Main.EXIT_OK;
    }

    /**
     * The live venue's part of the trading node: Binance execution, the start checks (orders the session does not
     * know, positions against balances), the user data stream with REST polling as its safety net, and the stop
     * (resting orders canceled when live.onStop says so, late reports taken).
     */
    private static final class LiveMode implements TradingNode.Mode<BinanceExecution> {
        final BinanceExecution exec;
        private final AppConfig cfg;
        private final ApiKeys apiKeys;
        private final BinanceRest client;
        private final ExecutorService io;
        private final HttpClient http;
        private final URI wsApi;
        private final boolean futures;
        private final List<Instrument> instruments;
        private final PrintWriter stdout;
        private final java.util.concurrent.ScheduledExecutorService udsScheduler =
                Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "user-stream");
                    t.setDaemon(true);
                    return t;
                });
        private final java.util.concurrent.atomic.AtomicBoolean streamLive =
                new java.util.concurrent.atomic.AtomicBoolean();
        private volatile SessionOps ops;
        private UserDataStream uds;
        private long seconds;
        DurableSession.Start start;
        /** At the stop: orders in flight or resting, and whether they were canceled. */
        int resting;
        boolean cancelOnStop;

        LiveMode(AppConfig cfg, ApiKeys apiKeys, BinanceRest client, ExecutorService io, HttpClient http, URI wsApi,
                 boolean futures, List<Instrument> instruments, TradingNode node, PrintWriter stdout) {
            this.cfg = cfg;
            this.apiKeys = apiKeys;
            this.client = client;
            this.io = io;
            this.http = http;
            this.wsApi = wsApi;
            this.futures = futures;
            this.instruments = instruments;
            this.stdout = stdout;
            this.exec = new BinanceExecution(client, instruments, io, node::toEngine, alert -> {
                SessionOps o = ops;
                if (o != null) {
                    o.monitor.alert(dev.hft.ops.Alerts.Severity.CRITICAL, "order", "order:" + alert, alert);
                } else {
                    synchronized (stdout) {
                        stdout.println("ALERT " + alert);
                        stdout.flush();
                    }
                }
            });
        }

        @Override
        public String name() {
            return "live";
        }

        @Override
        public DurableSession<BinanceExecution> open(Path dir, long startMs) {
            return DurableSession.open(dir, start, startMs, new DurableSession.Venue<>(exec, exec::setListener, null,
                    null));
        }

        @Override
        public void opened(DurableSession<BinanceExecution> session) {
            if (session.recovering()) {
                stdout.printf(Locale.ROOT, "recovered %,d journal records; reconciling %d working orders with the "
                        + "venue%n", session.recovered().records(), session.recovered().unresolved().size());
            }
        }

        @Override
        public void opsStarted(SessionOps o) {
            this.ops = o;
            o.metrics.externalGauge("hft.ratelimit.weight.used", "Binance request weight used in the current minute",
                    () -> client.limits().usedWeight());
        }

        @Override
        public void checkStart(DurableSession<BinanceExecution> session) {
            TradingEngine engine = session.engine();
            List<String> strangers;
            try {
                strangers = exec.unknownOpenOrders(new HashSet<>(engine.knownOrderIds()));
            } catch (IllegalStateException e) {
                throw new UserError(e.getMessage(), e);
            }
            if (!strangers.isEmpty()) {
                throw new UserError("the venue has open orders this session does not know: " + strangers
                        + "; cancel them (or trade them from the session that placed them) before starting");
            }
            checkPositions(engine, exec, instruments, session.recovering(), session.journal(), stdout);
        }

        @Override
        public long lastBarOpenMs(DurableSession<BinanceExecution> session, int instrument) {
            // after a restart too: the first live kline is checked against the journal's last bar, and what was
            // missed while down is fetched over REST
            return session.engine().sanitizer().lastOpenTimeMs(instrument);
        }

        @Override
        public LongConsumer everySecond() {
            return now -> {
                // REST polling is the safety net while the user stream delivers; the only source without it
                if (!streamLive.get() || ++seconds % POLL_EVERY_S_WITH_STREAM == 0) {
                    exec.poll();
                }
            };
        }

        @Override
        public void streaming(DurableSession<BinanceExecution> session) {
            UserDataStream.Sink sink = new UserDataStream.Sink() {
                @Override
                public void onEvent(com.fasterxml.jackson.databind.JsonNode event) {
                    exec.onUserEvent(event);
                }

                @Override
                public void onStatus(String status, String detail) {
                    streamLive.set(status.equals("subscribed"));
                    synchronized (stdout) {
                        stdout.println("user stream " + status + ": " + detail);
                        stdout.flush();
                    }
                    if (streamLive.get()) {
                        exec.poll(); // what happened while it was down
                    }
                }
            };
            uds = wsApi == null ? null : futures ? UserDataStream.futures(wsApi, client, apiKeys, http, udsScheduler,
                    sink, Duration.ofSeconds(1), LISTEN_KEY_KEEPALIVE, FUTURES_USER_STREAM_SILENCE)
                    : new UserDataStream(wsApi, apiKeys, () -> System.currentTimeMillis() + client.clockOffsetMs(),
                    http, udsScheduler, sink, Duration.ofSeconds(1));
            if (uds != null) {
                uds.onClockRejected(() -> {
                    try {
                        client.syncClock();
                    } catch (IllegalStateException e) {
                        synchronized (stdout) {
                            stdout.println("user stream: cannot resync the clock: " + e.getMessage());
                            stdout.flush();
                        }
                    }
                });
                uds.start();
            }
        }

        @Override
        public void stopped(DurableSession<BinanceExecution> session, java.util.function.BooleanSupplier runLate) {
            if (uds != null) {
                uds.close();
            }
            udsScheduler.shutdownNow();
            TradingEngine eng = session.engine();
            resting = eng.knownOrderIds().size();
            cancelOnStop = cfg.live.onStop.equals("cancel");
            if (cancelOnStop && resting > 0) {
                // the ring has stopped: this thread is the engine's now; the venue's answers are reconciled at the
                // next start (the cancels are journaled, so those orders stay known until the venue confirms)
                eng.cancelResting();
                session.journal().sync();
            }
            // graceful stop: no new orders (the ring is drained); resting orders stay or were canceled (live.onStop).
            // Reports that arrive after the ring stopped (the fill of an order sent on the last bar, the answers to
            // the cancels above) run on this thread, the engine's now; what they send in turn (a new position's
            // protective stop) goes out before the I/O thread stops. Bounded: each round waits for the I/O thread to
            // finish what was queued before it.
            for (int round = 0; round < 10; round++) {
                try {
                    io.submit(() -> { }).get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    break;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                if (!runLate.getAsBoolean()) {
                    break;
                }
            }
            io.shutdown();
            try {
                io.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            udsScheduler.shutdownNow();
            io.shutdownNow();
        }
    }

    /**
     * The session's positions against the account's balances, after the order reconciliation: a smaller holding
     * (or an account that cannot be read) refuses the start; a larger one is reported, journaled when recovering
     * (a reconciliation event), and left alone.
     */
    private static void checkPositions(TradingEngine engine, BinanceExecution exec, List<Instrument> instruments,
                                       boolean recovering, JournalWriter journal, PrintWriter stdout) {
        long[] expected = new long[instruments.size()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = engine.positionQuantity(i);
        }
        List<BinanceExecution.PositionDifference> diffs;
        try {
            diffs = exec.positionDifferences(expected);
        } catch (IllegalStateException e) {
            throw new UserError(e.getMessage() + " (a missing position report is never read as flat)", e);
        }
        for (BinanceExecution.PositionDifference d : diffs) {
            if (d.refuses()) {
                throw new UserError(d + (d.futures() ? ": the session must own the symbol's whole "
                        + "one-way position; close or restore it by hand before starting"
                        : ": sold or moved outside the system? Restore the holding or close the session's position "
                        + "by hand before starting"));
            }
            stdout.println("reconciliation: " + d + "; the rest is not this session's and is left alone");
            if (recovering) {
                journal.append("reconcile", System.currentTimeMillis(), String.format(Locale.ROOT,
                        "{\"symbol\":\"%s\",\"asset\":\"%s\",\"expected\":\"%s\",\"held\":\"%s\"}",
                        d.symbol(), d.asset(), Fixed.format(d.expected()), Fixed.format(d.held())), true);
            }
        }
    }

    /** The API keys: the HFT_BINANCE_* environment variables, else the key file. */
    private static ApiKeys apiKeys(Path file) {
        try {
            ApiKeys k = ApiKeys.fromEnvironment(System.getenv());
            return k != null ? k : ApiKeys.fromFile(file);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    static boolean isProduction(URI u) {
        String h = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
        return h.endsWith("binance.com") && !h.contains("testnet") && !h.startsWith("demo");
    }

    /**
     * The venue's trading rules (tick, step, minimum quantity and notional from exchangeInfo) for the symbols, in
     * their order; a symbol the venue does not list is refused. Where the venue's rules differ from the configured
     * ones they win, and the difference is printed.
     */
    static List<Instrument> venueRules(BinanceRest client, List<Instrument> configured, PrintWriter stdout) {
        List<String> symbols = configured.stream().map(Instrument::symbol).toList();
        List<Instrument> venue;
        try {
            venue = client.exchangeInfo(symbols);
        } catch (IllegalStateException e) {
            throw new UserError("cannot read the venue's trading rules: " + e.getMessage(), e);
        }
        List<Instrument> out = new ArrayList<>();
        for (Instrument c : configured) {
            Instrument v = venue.stream().filter(i -> i.symbol().equals(c.symbol())).findFirst()
                    .orElseThrow(() -> new UserError("the venue does not list " + c.symbol()));
            if (!v.equals(c)) {
                stdout.println("venue rules for " + c.symbol() + ": " + rules(v) + " (configured: " + rules(c) + ")");
            }
            out.add(v);
        }
        return out;
    }

    private static String rules(Instrument i) {
        return "tick " + Fixed.format(i.tickSize()) + ", step " + Fixed.format(i.stepSize()) + ", min qty "
                + Fixed.format(i.minQty()) + ", min notional " + Fixed.format(i.minNotional());
    }

    /** Refuses a key that can withdraw or cannot trade; production fails closed when it cannot tell. */
    static void checkPermissions(BinanceRest client, boolean production, boolean futures, PrintWriter stdout) {
        BinanceRest.Reply r = client.apiRestrictions();
        if (r instanceof BinanceRest.Reply.Ok ok) {
            if (ok.body().path("enableWithdrawals").asBoolean(true)) {
                throw new UserError("this API key can withdraw funds: create a key with withdrawals disabled");
            }
            String trade = futures ? "enableFutures" : "enableSpotAndMarginTrading";
            if (!ok.body().path(trade).asBoolean(false)) {
                throw new UserError("this API key cannot trade " + (futures ? "futures: enable futures" : "spot: "
                        + "enable spot") + " trading on it");
            }
            return;
        }
        if (production) {
            throw new UserError("cannot read the API key's permissions (" + r + "); refusing to trade real money "
                    + "with a key that might withdraw");
        }
        stdout.println("note: the venue does not report key permissions (" + r.getClass().getSimpleName()
                + "; the spot testnet and the futures demo have no /sapi endpoints)");
    }
}
