package dev.hft.node;

import dev.hft.backtest.RunSpec;
import dev.hft.backtest.StartRecord;
import dev.hft.backtest.data.BarSeries;
import dev.hft.core.Bar;
import dev.hft.core.Instrument;
import dev.hft.engine.EngineConfig;
import dev.hft.engine.TradingEngine;
import dev.hft.engine.cost.FlatFeeModel;
import dev.hft.engine.journal.JsonEngineJournal;
import dev.hft.journal.FsyncPolicy;
import dev.hft.journal.JournalConfig;
import dev.hft.journal.JournalRecord;
import dev.hft.journal.JournalRecovery;
import dev.hft.journal.JournalWriter;
import dev.hft.journal.SnapshotStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The durable session of a paper or live run: the engine trades a stream of bars, one at a time, against a
 * {@link JournaledVenue}, journaling with per-order fsync and taking snapshots, and can be killed at any moment.
 * Opening it again is the start-up path of a restart: the venue rebuilds itself from its journal and catches up on
 * bars the engine had journaled but the venue never saw; the engine recovers (newest valid snapshot plus a verified
 * replay of the tail: nothing journaled is sent again); then it reconciles its working orders with the venue; then
 * it goes on with the next bar. Directory layout: {@code journal/} (engine journal and snapshots), {@code venue/}.
 */
public final class DurableSession implements AutoCloseable {
    private final TradingEngine engine;
    private final JournalWriter journal;
    private final JournaledVenue venue;
    private final int snapshotEveryBars;
    private final ReplayRunner.Recovered recovered;
    private final String recoveredDigest;
    private List<Bar> stream = List.of();
    private int next;
    private long barsSeen;

    private DurableSession(TradingEngine engine, JournalWriter journal, JournaledVenue venue, long barsSeen,
                              int snapshotEveryBars, ReplayRunner.Recovered recovered, String recoveredDigest) {
        this.engine = engine;
        this.journal = journal;
        this.venue = venue;
        this.barsSeen = barsSeen;
        this.snapshotEveryBars = snapshotEveryBars;
        this.recovered = recovered;
        this.recoveredDigest = recoveredDigest;
    }

    /**
     * Opens (or recovers) a session. {@code config} must give a flat fee and a fixed slippage (the venue's fills
     * then depend on its inputs alone).
     */
    public static DurableSession open(Path dir, RunSpec config, List<Instrument> instruments,
                                         List<BarSeries> data, String runId, int snapshotEveryBars) {
        List<Bar> stream = merge(data);
        DurableSession s = open(dir, config, instruments, runId, snapshotEveryBars,
                stream.isEmpty() ? 0 : stream.get(0).openTimeMs);
        s.stream = stream;
        s.next = (int) s.barsSeen;
        return s;
    }

    /**
     * Opens (or recovers) a session fed bar by bar with {@link #onBar} (live streams). {@code startMs} stamps the
     * start record of a fresh journal. On recovery the venue catches up from the bars in the engine's journal.
     */
    public static DurableSession open(Path dir, RunSpec config, List<Instrument> instruments,
                                         String runId, int snapshotEveryBars, long startMs) {
        if (config.feeBps() == null || config.slippageBps() == null) {
            throw new IllegalArgumentException("a paper-style session needs a flat fee and a fixed slippage");
        }
        FlatFeeModel fees = FlatFeeModel.ofBps(config.feeBps());
        Path engineDir = dir.resolve("journal");
        JournaledVenue venue = JournaledVenue.open(dir.resolve("venue"), instruments, fees,
                config.slippageBps(), runId);
        List<JournalRecord> records = new ArrayList<>();
        JournalRecovery.Result scan = JournalRecovery.scan(engineDir, records::add, true);
        JournalConfig jc = JournalConfig.of(FsyncPolicy.PER_ORDER);
        EngineConfig ec = config.engine().withFeeRate(fees.takerRate());
        if (scan.status() == JournalRecovery.Status.EMPTY) {
            JournalWriter w = JournalWriter.create(engineDir, runId, jc, JournalWriter.FILES);
            String start = StartRecord.encode(config, ec, instruments, fees, "paper");
            w.append("start", startMs, start, true);
            // built from the start record it journaled, exactly as recovery will rebuild it
            TradingEngine engine = ReplayRunner.engineFor(StartRecord.decode(start), venue, runId);
            engine.setJournal(new JsonEngineJournal(w));
            venue.setListener(engine);
            return new DurableSession(engine, w, venue, 0, snapshotEveryBars, null, null);
        }
        // the venue may have missed bars the engine had journaled (a crash in between): it catches up first
        int journaledBars = 0;
        for (JournalRecord r : records) {
            if (r.type().equals("bar")) {
                journaledBars++;
                Bar b = RecordDecoder.bar(RecordDecoder.data(r));
                if (b.openTimeMs > venue.lastBarOpenMs(b.instrument)) {
                    venue.onMarketData(b);
                }
            }
        }
        JournalWriter w = JournalWriter.resume(engineDir, JournalRecovery.scan(engineDir, r -> { }, true), jc,
                JournalWriter.FILES);
        ReplayRunner.Recovered rec = ReplayRunner.recover(engineDir, new JsonEngineJournal(w), venue, true);
        String digest = rec.engine().stateDigest();
        venue.setListener(rec.engine());
        rec.engine().reconcile();
        w.sync(); // what reconciliation learned is durable before trading goes on
        return new DurableSession(rec.engine(), w, venue, journaledBars, snapshotEveryBars, rec, digest);
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

    public JournaledVenue venue() {
        return venue;
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

    @Override
    public void close() {
        journal.close();
        venue.close();
    }
}
