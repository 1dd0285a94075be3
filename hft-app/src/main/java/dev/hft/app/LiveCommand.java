package dev.hft.app;

import dev.hft.backtest.RunSpec;
import dev.hft.backtest.RunResult;
import dev.hft.backtest.StartRecord;
import dev.hft.node.ReplayRunner;
import dev.hft.backtest.report.SessionRecorder;
import dev.hft.binance.auth.ApiKeys;
import dev.hft.binance.execution.BinanceExecution;
import dev.hft.binance.http.BinanceRest;
import dev.hft.binance.http.RateLimits;
import dev.hft.binance.stream.UserDataStream;
import dev.hft.core.Bar;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.engine.EngineConfig;
import dev.hft.engine.TradingEngine;
import dev.hft.engine.cost.FlatFeeModel;
import dev.hft.engine.journal.JsonEngineJournal;
import dev.hft.journal.FsyncPolicy;
import dev.hft.journal.JournalConfig;
import dev.hft.journal.JournalRecovery;
import dev.hft.journal.JournalWriter;
import dev.hft.journal.SnapshotStore;
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
        ApiKeys apiKeys;
        try {
            apiKeys = ApiKeys.fromEnvironment(System.getenv());
            if (apiKeys == null) {
                apiKeys = ApiKeys.fromFile(keys);
            }
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
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
        StreamRunner runner = new StreamRunner();
        runner.streamClock(streamClock);
        ExecutorService io = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "execution-io");
            t.setDaemon(true);
            return t;
        });
        SessionOps[] opsRef = new SessionOps[1];
        BinanceExecution exec = new BinanceExecution(client, instruments, io, runner::toEngine,
                alert -> {
                    if (opsRef[0] != null) {
                        opsRef[0].monitor.alert(dev.hft.ops.Alerts.Severity.CRITICAL, "order", "order:" + alert,
                                alert);
                    } else {
                        synchronized (stdout) {
                            stdout.println("ALERT " + alert);
                            stdout.flush();
                        }
                    }
                });
        FlatFeeModel fees = FlatFeeModel.ofBps(session.feeBps);
        exec.setEstimatedFeeRate(fees.takerRate()); // for fills whose report has no commission
        try {
            exec.setMarketCollar(cfg.live.marketCollarPct == null ? 0 : cfg.live.marketCollarPct);
        } catch (IllegalArgumentException e) {
            throw new UserError("config live.marketCollarPct: " + e.getMessage());
        }
        EngineConfig ec = bc.engine().withFeeRate(fees.takerRate());
        Files.createDirectories(dir);
        JournalConfig jc = JournalConfig.of(FsyncPolicy.PER_ORDER);
        int warmup = session.warmupBars(bc);
        List<Bar> history = new ArrayList<>(recovering ? List.of()
                : SessionSupport.history(client, instruments, interval, warmup, rest));
        JournalWriter journal;
        TradingEngine engine;
        if (recovering) {
            journal = JournalWriter.resume(journalDir, JournalRecovery.scan(journalDir, r -> { }, true), jc,
                    JournalWriter.FILES);
            ReplayRunner.Recovered rec = ReplayRunner.recover(journalDir, new JsonEngineJournal(journal), exec, true);
            engine = rec.engine();
            exec.setListener(engine);
            stdout.printf(Locale.ROOT, "recovered %,d journal records; reconciling %d working orders with the "
                    + "venue%n", rec.records(), rec.unresolved().size());
            opsRef[0] = startOps(cfg, engine, dir, bc, runner, journal, stdout);
            opsRef[0].monitor.reconciling(true);
            // asks the venue about every working order and takes the live ones over; nothing leaves until the
            // start-up checks below have passed and finishReconciliation() lowers the gate
            engine.reconcileOrders();
        } else {
            journal = JournalWriter.create(journalDir, runId, jc, JournalWriter.FILES);
            String start = StartRecord.encode(bc, ec, instruments, fees, "live");
            journal.append("start", history.isEmpty() ? System.currentTimeMillis() : history.get(0).openTimeMs,
                    start, true);
            engine = ReplayRunner.engineFor(StartRecord.decode(start), exec, runId);
            engine.setJournal(new JsonEngineJournal(journal));
            exec.setListener(engine);
            opsRef[0] = startOps(cfg, engine, dir, bc, runner, journal, stdout);
        }
        SessionOps ops = opsRef[0];
        ops.metrics.externalGauge("hft.ratelimit.weight.used", "Binance request weight used in the current minute",
                () -> client.limits().usedWeight());
        List<String> strangers;
        try {
            strangers = exec.unknownOpenOrders(new HashSet<>(engine.knownOrderIds()));
        } catch (IllegalStateException e) {
            throw refuse(ops, journal, io, e.getMessage(), e);
        }
        if (!strangers.isEmpty()) {
            throw refuse(ops, journal, io, "the venue has open orders this session does not know: " + strangers
                    + "; cancel them (or trade them from the session that placed them) before starting");
        }
        checkPositions(engine, exec, instruments, recovering, ops, journal, io, stdout);
        if (recovering) {
            engine.finishReconciliation(); // pending cancels go out, unprotected positions get their stops
            journal.sync(); // what reconciliation learned is durable before trading goes on
            ops.monitor.reconciling(false);
        }
        SessionRecorder recorder = SessionRecorder.attach(engine);
        long started = System.nanoTime();
        ReportLoop<RunResult> reports = SessionSupport.reportLoop(dir, instruments, bc, "live");
        stdout.printf(Locale.ROOT, "live %s on %s (%s, %s), venue %s%s, key %s, session %s%n", bc.strategy(),
                String.join(", ", syms), interval, futures ? "USD-M futures" : "spot", rest,
                prodHost ? " (PRODUCTION)" : "", apiKeys.fingerprint(), dir);
        long[] barsSeen = {0};
        TradingEngine eng = engine;
        if (recovering && eng.barsProcessed() == 0) {
            // killed before any bar reached the disk (bars are made durable with the next order): warm up again
            history.addAll(SessionSupport.history(client, instruments, interval, warmup, rest));
        }
        for (Bar b : history) {
            eng.onBar(b);
            recorder.mark(b.closeTimeMs, eng.equity());
        }
        if (!history.isEmpty()) {
            stdout.printf(Locale.ROOT, "warm-up: %d history bars fed%n", history.size());
        }
        ops.monitor.publish(System.currentTimeMillis());
        stdout.flush();
        java.util.concurrent.ScheduledExecutorService udsScheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "user-stream");
            t.setDaemon(true);
            return t;
        });
        java.util.concurrent.atomic.AtomicBoolean streamLive = new java.util.concurrent.atomic.AtomicBoolean();
        UserDataStream.Sink udsSink = new UserDataStream.Sink() {
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
        UserDataStream uds = wsApi == null ? null : futures ? UserDataStream.futures(wsApi, client, apiKeys, http,
                udsScheduler, udsSink, Duration.ofSeconds(1), LISTEN_KEY_KEEPALIVE, FUTURES_USER_STREAM_SILENCE)
                : new UserDataStream(wsApi, apiKeys, () -> System.currentTimeMillis() + client.clockOffsetMs(), http,
                udsScheduler, udsSink, Duration.ofSeconds(1));
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
        long[] seconds = {0};
        try {
            runner.run(new StreamRunner.Engine() {
                @Override
                public void onBar(Bar bar) {
                    eng.onBar(bar);
                    if (session.snapshotEvery > 0 && ++barsSeen[0] % session.snapshotEvery == 0
                            && eng.snapshottable()) {
                        journal.sync();
                        SnapshotStore.write(journal.dir(), journal.lastSeq(), journal.runId(), eng.snapshot());
                    }
                }

                @Override
                public void afterBar(Bar bar, long liveBars, boolean endOfBatch) {
                    recorder.mark(bar.closeTimeMs, eng.equity());
                    if (endOfBatch) { // snapshot here, written off the engine thread
                        reports.submit(recorder.result(eng, instruments, bc, System.nanoTime() - started));
                    }
                }

                @Override
                public long lastBarOpenMs(int instrument) {
                    // after a restart too: the first live kline is checked against the journal's last bar, and what
                    // was missed while down is fetched over REST
                    return eng.sanitizer().lastOpenTimeMs(instrument);
                }
            }, instruments, syms, interval, streams, client, http, session.maxBars,
                    session.streamSilenceS, stdout, now -> {
                        // REST polling is the safety net while the user stream delivers; the only source without it
                        if (!streamLive.get() || ++seconds[0] % POLL_EVERY_S_WITH_STREAM == 0) {
                            exec.poll();
                        }
                    });
            if (uds != null) {
                uds.close();
            }
            udsScheduler.shutdownNow();
            int resting = eng.knownOrderIds().size();
            boolean cancelOnStop = cfg.live.onStop.equals("cancel");
            if (cancelOnStop && resting > 0) {
                // the ring has stopped: this thread is the engine's now; the venue's answers are reconciled at the
                // next start (the cancels are journaled, so those orders stay known until the venue confirms)
                eng.cancelResting();
                journal.sync();
            }
            // graceful stop: no new orders (the ring is drained); resting orders stay or were canceled (live.onStop)
            // reports that arrive after the ring stopped (the fill of an order sent on the last bar, the answers to the
            // cancels above) run on this thread, the engine's now; what they send in turn (a new position's protective
            // stop) goes out before the I/O thread stops. Bounded: each round waits for the I/O thread to finish what
            // was queued before it.
            for (int round = 0; round < 10; round++) {
                try {
                    io.submit(() -> { }).get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    break;
                }
                if (!runner.runLate()) {
                    break;
                }
            }
            io.shutdown();
            io.awaitTermination(10, TimeUnit.SECONDS);
            eng.stopStrategies(); // no event reaches the engine any more
            reports.close(); // the last background write finishes before the final one
            RunResult r = SessionSupport.writeReports(dir, eng, recorder, instruments, bc, started, "live");
            ops.close();
            journal.close();
            stdout.printf(Locale.ROOT, "stopped after %,d live bars: %d orders in flight or resting %s, "
                    + "%d unresolved; equity %s; journal %s%n", runner.liveBars(), resting, cancelOnStop
                    ? "canceled at the venue (live.onStop: cancel; open positions are unprotected)"
                    : "stay on the venue", exec.unresolved(), Fixed.format(r.finalCapital()), journalDir);
        } finally {
            runner.finished(); // last: a waiting shutdown may proceed
        }
        return Main.EXIT_OK;
    }

    /** Start-up refused: alert, close what is open, and the error to exit with. */
    private static UserError refuse(SessionOps ops, JournalWriter journal, ExecutorService io, String why) {
        return refuse(ops, journal, io, why, null);
    }

    /** As {@link #refuse(SessionOps, JournalWriter, ExecutorService, String)}, keeping the cause (an outage: 75). */
    private static UserError refuse(SessionOps ops, JournalWriter journal, ExecutorService io, String why,
                                    Throwable cause) {
        ops.monitor.alert(dev.hft.ops.Alerts.Severity.CRITICAL, "reconciliation", "refused:" + why, why
                + "; start refused");
        ops.close();
        journal.close();
        io.shutdownNow();
        return new UserError(why, cause);
    }

    /**
     * The session's positions against the account's balances, after the order reconciliation: a smaller holding
     * (or an account that cannot be read) refuses the start; a larger one is reported, journaled when recovering
     * (a reconciliation event), and left alone.
     */
    private static void checkPositions(TradingEngine engine, BinanceExecution exec, List<Instrument> instruments,
                                       boolean recovering, SessionOps ops, JournalWriter journal, ExecutorService io,
                                       PrintWriter stdout) {
        long[] expected = new long[instruments.size()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = engine.positionQuantity(i);
        }
        List<BinanceExecution.PositionDifference> diffs;
        try {
            diffs = exec.positionDifferences(expected);
        } catch (IllegalStateException e) {
            throw refuse(ops, journal, io, e.getMessage() + " (a missing position report is never read as flat)", e);
        }
        for (BinanceExecution.PositionDifference d : diffs) {
            if (d.refuses()) {
                throw refuse(ops, journal, io, d + (d.futures() ? ": the session must own the symbol's whole "
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

    private SessionOps startOps(AppConfig cfg, TradingEngine engine, Path dir, RunSpec bc, StreamRunner runner,
                                JournalWriter journal, PrintWriter stdout) {
        try {
            SessionOps o = SessionOps.start(cfg, session, engine, "live", dir, bc.strategy(), runner::toEngine, journal,
                    stdout);
            runner.ops(o);
            runner.extras(new dev.hft.binance.stream.MarketExtras(System::currentTimeMillis), session.quotes,
                    session.trades(LIVE_TRADES_DEFAULT),
                    session.liquidations(null));
            return o;
        } catch (RuntimeException e) {
            journal.close();
            throw e;
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
