package dev.hft.node;

import dev.hft.backtest.RunSpec;
import dev.hft.backtest.StartRecord;
import dev.hft.backtest.data.BarSeries;
import dev.hft.core.Bar;
import dev.hft.core.Instrument;
import dev.hft.engine.EngineConfig;
import dev.hft.engine.TradingEngine;
import dev.hft.core.ExecutionClient;
import dev.hft.core.ExecutionListener;
import dev.hft.engine.cost.FlatFeeModel;
import dev.hft.engine.journal.JsonEngineJournal;
import dev.hft.journal.FsyncPolicy;
import dev.hft.journal.JournalConfig;
import dev.hft.journal.JournalRecovery;
import dev.hft.journal.JournalWriter;
import dev.hft.journal.SnapshotStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The durable session of a paper or live run: the engine trades a stream of bars, one at a time, against a venue
 * ({@code V}: the paper session's {@link JournaledVenue}, or a real venue's execution client), journaling with
 * per-order fsync and taking snapshots, and can be killed at any moment. Opening it again is the start-up path of a
 * restart: a simulated venue rebuilds itself from its journal and catches up on bars the engine had journaled but it
 * never saw; the engine recovers (newest valid snapshot plus a verified replay of the tail: nothing journaled is sent
 * again) with its reconciliation gate raised; {@link #reconcile} asks the venue about every working order, runs the
 * caller's start checks, and only then lowers the gate. Directory layout: {@code journal/} (engine journal and
 * snapshots), and for paper {@code venue/}.
 *
 * @param <V> the venue's type
 */
public final class DurableSession<V extends ExecutionClient> implements AutoCloseable {
    /**
     * Where a session's orders go.
     *
     * @param client  the execution client the engine sends to
     * @param connect tells the client whom to report fills, rejections and cancels to (the engine)
     * @param catchUp on recovery, each bar the engine's journal holds, in order: a simulated venue that missed some
     *                (a crash in between) catches up; null for a real venue, which sees the market itself
     * @param close   what closing the session closes of the venue, or null
     */
    public record Venue<V extends ExecutionClient>(V client, Consumer<ExecutionListener> connect,
                                                   Consumer<Bar> catchUp, Runnable close) {
        public Venue {
            Objects.requireNonNull(client);
            Objects.requireNonNull(connect);
        }
    }

    /**
     * What a fresh session's start record says, and how its snapshots are taken.
     *
     * @param spec              the run's specification (strategy, parameters, engine config)
     * @param instruments       the session's instruments, as traded
     * @param fees              the flat fee the engine estimates costs with
     * @param mode              "paper" or "live": the start record names it
     * @param runId             the session's id, stable across restarts (client order ids begin with it)
     * @param snapshotEveryBars a snapshot every this many bars (0: none)
     */
    public record Start(RunSpec spec, List<Instrument> instruments, FlatFeeModel fees, String mode, String runId,
                        int snapshotEveryBars) {
    }

    private final TradingEngine engine;
    private final JournalWriter journal;
    private final Venue<V> venue;
    private final int snapshotEveryBars;
    private final ReplayRunner.Recovered recovered;
    private final String recoveredDigest;
    private boolean reconciled;
    private List<Bar> stream = List.of();
    private int next;
    private long barsSeen;

    private DurableSession(TradingEngine engine, JournalWriter journal, Venue<V> venue, long barsSeen,
                           int snapshotEveryBars, ReplayRunner.Recovered recovered) {
        this.engine = engine;
        this.journal = journal;
        this.venue = venue;
        this.barsSeen = barsSeen;
        this.snapshotEveryBars = snapshotEveryBars;
        this.recovered = recovered;
        this.recoveredDigest = recovered == null ? null : engine.stateDigest();
    }

    /**
     * Opens (or recovers) a paper session over {@code data} and reconciles it: {@link #step} feeds the bars.
     * {@code config} must give a flat fee and a fixed slippage (the venue's fills then depend on its inputs alone).
     */
    public static DurableSession<JournaledVenue> open(Path dir, RunSpec config, List<Instrument> instruments,
                                                      List<BarSeries> data, String runId, int snapshotEveryBars) {
        List<Bar> stream = merge(data);
        DurableSession<JournaledVenue> s = open(dir, config, instruments, runId, snapshotEveryBars,
                stream.isEmpty() ? 0 : stream.get(0).openTimeMs);
        s.reconcile(() -> { });
        s.stream = stream;
        s.next = (int) s.barsSeen;
        return s;
    }

    /**
     * Opens (or recovers) a paper session fed bar by bar with {@link #onBar} (live streams), on a
     * {@link JournaledVenue} in {@code dir/venue}. {@code config} must give a flat fee and a fixed slippage. Call
     * {@link #reconcile} before the first bar.
     */
    public static DurableSession<JournaledVenue> open(Path dir, RunSpec config, List<Instrument> instruments,
                                                      String runId, int snapshotEveryBars, long startMs) {
        if (config.feeBps() == null || config.slippageBps() == null) {
            throw new IllegalArgumentException("a paper-style session needs a flat fee and a fixed slippage");
        }
        FlatFeeModel fees = FlatFeeModel.ofBps(config.feeBps());
        JournaledVenue venue = JournaledVenue.open(dir.resolve("venue"), instruments, fees,
                config.slippageBps(), runId);
        try {
            return open(dir, new Start(config, instruments, fees, "paper", runId, snapshotEveryBars), startMs,
                    new Venue<>(venue, venue::setListener, b -> {
                        if (b.openTimeMs > venue.lastBarOpenMs(b.instrument)) {
                            venue.onMarketData(b);
                        }
                    }, venue::close));
        } catch (RuntimeException e) {
            venue.close();
            throw e;
        }
    }

    /**
     * Opens a session in {@code dir} on any venue: a fresh journal with {@code start}'s start record (stamped
     * {@code startMs}), or, when {@code dir/journal} holds records, the recovered engine with its reconciliation gate
     * raised (the start record in the journal wins over {@code start}). Call {@link #reconcile} before the first bar.
     */
    public static <V extends ExecutionClient> DurableSession<V> open(Path dir, Start start, long startMs,
                                                                     Venue<V> venue) {
        Path engineDir = dir.resolve("journal");
        JournalConfig jc = JournalConfig.of(FsyncPolicy.PER_ORDER);
        long[] journaledBars = {0};
        JournalRecovery.Result scan = JournalRecovery.scan(engineDir, r -> {
            if (r.type().equals("bar")) {
                journaledBars[0]++;
                if (venue.catchUp() != null) { // the venue may have missed bars the engine had journaled
                    venue.catchUp().accept(RecordDecoder.bar(RecordDecoder.data(r)));
                }
            }
        }, true);
        if (scan.status() == JournalRecovery.Status.EMPTY) {
            JournalWriter w = JournalWriter.create(engineDir, start.runId(), jc, JournalWriter.FILES);
            EngineConfig ec = start.spec().engine().withFeeRate(start.fees().takerRate());
            String record = StartRecord.encode(start.spec(), ec, start.instruments(), start.fees(), start.mode());
            w.append("start", startMs, record, true);
            // built from the start record it journaled, exactly as recovery will rebuild it
            TradingEngine engine = ReplayRunner.engineFor(StartRecord.decode(record), venue.client(), start.runId());
            engine.setJournal(new JsonEngineJournal(w));
            venue.connect().accept(engine);
            return new DurableSession<>(engine, w, venue, 0, start.snapshotEveryBars(), null);
        }
        JournalWriter w = JournalWriter.resume(engineDir, JournalRecovery.scan(engineDir, r -> { }, true), jc,
                JournalWriter.FILES);
        ReplayRunner.Recovered rec;
        try {
            rec = ReplayRunner.recover(engineDir, new JsonEngineJournal(w), venue.client(), true);
        } catch (RuntimeException e) {
            w.close();
            throw e;
        }
        venue.connect().accept(rec.engine());
        return new DurableSession<>(rec.engine(), w, venue, journaledBars[0], start.snapshotEveryBars(), rec);
    }

    /**
     * The start-up reconciliation; nothing is sent before it. A recovered session asks the venue about every order
     * it believes is working (fills, cancels and rejections it missed become ordinary, journaled reports), then runs
     * {@code checks} (a real venue's: orders it does not know, balances), then lowers the gate (pending cancels go
     * out, unprotected positions get their stops) and makes what it learned durable. A fresh session runs the checks
     * alone. A check that throws refuses the start: the gate stays raised and the caller closes the session.
     */
    public void reconcile(Runnable checks) {
        if (reconciled) {
            throw new IllegalStateException("reconciled already");
        }
        if (recovered != null) {
            engine.reconcileOrders();
        }
        checks.run();
        if (recovered != null) {
            engine.finishReconciliation();
            journal.sync(); // what reconciliation learned is durable before trading goes on
        }
        reconciled = true;
    }

    /** Bars of all series in time order, ties by instrument index (as the backtest runner merges them). */
    static List<Bar> merge(List<BarSeries> data) {
        int n = data.size();
        int[] cursor = new int[n];
        int total = 0;
        for (BarSeries s : data) {
            total += s.size();
        }
        List<Bar> out = new ArrayList<>(total);
        for (int k = 0; k < total; k++) {
            int pick = -1;
            long best = Long.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                if (cursor[i] < data.get(i).size() && data.get(i).openTime(cursor[i]) < best) {
                    best = data.get(i).openTime(cursor[i]);
                    pick = i;
                }
            }
            out.add(data.get(pick).fill(cursor[pick]++, pick, new Bar()));
        }
        return out;
    }

    /** Processes the next bar; false when the stream is done. */
    public boolean step() {
        if (next >= stream.size()) {
            return false;
        }
        onBar(stream.get(next++));
        return true;
    }

    /** Processes one bar (the engine journals it first), with a snapshot every {@code snapshotEveryBars}. */
    public void onBar(Bar bar) {
        if (!reconciled) {
            throw new IllegalStateException("reconcile before the first bar");
        }
        engine.onBar(bar);
        barsSeen++;
        if (snapshotEveryBars > 0 && barsSeen % snapshotEveryBars == 0 && engine.snapshottable()) {
            journal.sync();
            SnapshotStore.write(journal.dir(), journal.lastSeq(), journal.runId(), engine.snapshot());
        }
    }

    /** Bars processed over the life of the journal (recovered ones included). */
    public long barsSeen() {
        return barsSeen;
    }

    public TradingEngine engine() {
        return engine;
    }

    public V venue() {
        return venue.client();
    }

    public JournalWriter journal() {
        return journal;
    }

    /** Index of the next bar of the stream (bars done so far). */
    public int position() {
        return next;
    }

    /** The engine's state digest right after recovery, before reconciliation (null for a fresh session). */
    public String recoveredDigest() {
        return recoveredDigest;
    }

    /** What recovery found, or null for a fresh session. */
    public ReplayRunner.Recovered recovered() {
        return recovered;
    }

    /** Whether the engine came from a journal (a restart), not a fresh start record. */
    public boolean recovering() {
        return recovered != null;
    }

    @Override
    public void close() {
        journal.close();
        if (venue.close() != null) {
            venue.close().run();
        }
    }
}
