package dev.hft.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hft.backtest.RunSpec;
import dev.hft.backtest.BacktestRunner;
import dev.hft.backtest.SharedData;
import dev.hft.backtest.data.BarSeries;
import dev.hft.backtest.data.KlineReader;
import dev.hft.core.Bar;
import dev.hft.core.ExecutionClient;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.InstrumentTable;
import dev.hft.core.Order;
import dev.hft.engine.EngineConfig;
import dev.hft.engine.EngineListener;
import dev.hft.engine.TradingEngine;
import dev.hft.engine.journal.EngineJournal;
import dev.hft.engine.journal.JsonEngineJournal;
import dev.hft.journal.FsyncPolicy;
import dev.hft.journal.JournalConfig;
import dev.hft.journal.JournalRecord;
import dev.hft.journal.JournalRecovery;
import dev.hft.journal.JournalWriter;
import dev.hft.journal.SnapshotStore;
import dev.hft.sim.FillModel;
import dev.hft.sim.IntrabarPolicy;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * T1-WAL, engine level: a journal cut at a crash point (clean, or torn inside the next record) recovers an engine
 * whose state equals the original engine's state at that point, lists the orders it must reconcile, and goes on
 * writing the same journal.
 */
class RecoveryTest {
    @TempDir
    Path tmp;

    /** A venue that records what it is sent after recovery (nothing fills). */
    static final class Venue implements ExecutionClient {
        final List<Order> sent = new ArrayList<>();

        @Override
        public void submit(Order order) {
            sent.add(order);
        }

        @Override
        public void cancel(String clientOrderId) {
        }
    }

    /** Five real days of BTCUSDT and a liquidation-hunter setting that trades often enough to leave state. */
    private static BarSeries fiveDays() {
        BarSeries all = KlineReader.read(SharedData.klines("BTCUSDT"), "BTCUSDT").series();
        return all.slice(all.openTime(0), all.openTime(0) + 5 * 86_400_000L);
    }

    private static final Instrument BTC = InstrumentTable.builtIn().find("BTCUSDT");
    private static final RunSpec CONFIG = new RunSpec("liquidation-hunter",
            Map.of("minConfidence", "0.6"), new EngineConfig(Fixed.of(10_000), 0.1, 0), null, null, null, false, null,
            1.0, FillModel.NEXT_OPEN, IntrabarPolicy.STOP_FIRST, 0);

    @Test
    void recoveryAtAnyCrashPointShouldRebuildTheOriginalState() throws IOException {
        BarSeries data = fiveDays();
        Instrument btc = BTC;
        RunSpec cfg = CONFIG;
        Path original = tmp.resolve("original");
        // the original engine's state digest and working orders just before each bar, keyed by bar open time
        Map<Long, String> digestBefore = new HashMap<>();
        Map<Long, List<String>> workingBefore = new HashMap<>();
        TradingEngine[] engine = new TradingEngine[1];
        EngineListener probe = new EngineListener() {
            @Override
            public void onBar(Bar bar) {
                digestBefore.put(bar.openTimeMs, engine[0].stateDigest());
                workingBefore.put(bar.openTimeMs, engine[0].workingOrderIds());
            }
        };
        try (JournalWriter w = JournalWriter.create(original, "rec-1", JournalConfig.of(FsyncPolicy.NONE),
                JournalWriter.FILES)) {
            BacktestRunner.run(cfg, List.of(btc), List.of(data), "rec-1", probe, w, e -> engine[0] = e);
        }
        List<JournalRecord> records = new ArrayList<>();
        JournalRecovery.scan(original, records::add, false);
        List<JournalRecord> bars = records.stream().filter(r -> r.type().equals("bar")).toList();
        assertThat(records.stream().filter(r -> r.type().equals("fill")).count()).as("the run traded")
                .isGreaterThan(10);

        SplittableRandom rnd = new SplittableRandom(7);
        int withWorkingOrders = 0;
        for (int k = 0; k < 30; k++) {
            JournalRecord cutAt = bars.get(1 + rnd.nextInt(bars.size() - 1));
            long openTime = Long.parseLong(cutAt.data().replaceAll(".*\"ot\":(\\d+).*", "$1"));
            // crash before the bar's record, or in the middle of writing it (a torn tail)
            boolean torn = rnd.nextBoolean();
            long cut = cutAt.offset() + (torn ? 1 + rnd.nextInt(cutAt.json().length()) : 0);
            Path dir = copy(original, tmp.resolve("cut" + k), cutAt.file(), cut);

            Venue venue = new Venue();
            JournalRecovery.Result scan = JournalRecovery.scan(dir, r -> { }, false);
            try (JournalWriter resumed = JournalWriter.resume(dir, JournalRecovery.scan(dir, r -> { }, true),
                    JournalConfig.of(FsyncPolicy.PER_ORDER), JournalWriter.FILES)) {
                ReplayRunner.Recovered rec = ReplayRunner.recover(dir, new JsonEngineJournal(resumed), venue);
                assertThat(scan.status()).isEqualTo(torn ? JournalRecovery.Status.TORN_TAIL
                        : JournalRecovery.Status.CLEAN);
                assertThat(rec.engine().stateDigest()).as("cut before bar " + openTime + (torn ? " (torn)" : ""))
                        .isEqualTo(digestBefore.get(openTime));
                assertThat(rec.unresolved()).isEqualTo(workingBefore.get(openTime));
                withWorkingOrders += rec.unresolved().isEmpty() ? 0 : 1;
                assertThat(venue.sent).as("recovery sends nothing that was already journaled").isEmpty();
                // the recovered engine goes on: the next bar is journaled after the recovered records, same run
                long before = resumed.lastSeq();
                Bar b = new Bar();
                data.fill(indexOf(data, openTime), 0, b);
                rec.engine().onBar(b);
                assertThat(resumed.lastSeq()).isGreaterThan(before);
            }
            assertThat(ReplayRunner.replay(dir).identical()).as("the continued journal still replays").isTrue();
        }
        assertThat(withWorkingOrders).as("some crash points had orders to reconcile").isPositive();
    }

    @Test
    void snapshotPlusTailShouldEqualTheOriginalAtEveryCrashPoint() throws IOException {
        BarSeries data = fiveDays();
        Instrument btc = BTC;
        RunSpec cfg = CONFIG;
        Path original = tmp.resolve("original");
        Map<Long, String> digestBefore = new HashMap<>();
        TradingEngine[] engine = new TradingEngine[1];
        EngineListener probe = new EngineListener() {
            @Override
            public void onBar(Bar bar) {
                digestBefore.put(bar.openTimeMs, engine[0].stateDigest());
            }
        };
        try (JournalWriter w = JournalWriter.create(original, "snap-1", JournalConfig.of(FsyncPolicy.NONE),
                JournalWriter.FILES)) {
            BacktestRunner.run(cfg, List.of(btc), List.of(data), "snap-1", probe, w, e -> engine[0] = e, 700);
        }
        List<JournalRecord> records = new ArrayList<>();
        JournalRecovery.scan(original, records::add, false);
        List<JournalRecord> bars = records.stream().filter(r -> r.type().equals("bar")).toList();
        SplittableRandom rnd = new SplittableRandom(3);
        int fromSnapshot = 0;
        for (int k = 0; k < 20; k++) {
            JournalRecord cutAt = bars.get(1 + rnd.nextInt(bars.size() - 1));
            long openTime = Long.parseLong(cutAt.data().replaceAll(".*\"ot\":(\\d+).*", "$1"));
            long cut = cutAt.offset() + (rnd.nextBoolean() ? 1 + rnd.nextInt(cutAt.json().length()) : 0);
            Path dir = copy(original, tmp.resolve("s" + k), cutAt.file(), cut);
            try (Stream<Path> snaps = Files.list(original)) {
                for (Path p : snaps.filter(p -> p.getFileName().toString().startsWith("snapshot-")).toList()) {
                    Files.copy(p, dir.resolve(p.getFileName()));
                }
            }
            if (k % 4 == 3) {
                // the newest usable snapshot is damaged: recovery must fall back to an older one
                long lastSeq = JournalRecovery.scan(dir, r -> { }, false).lastSeq();
                SnapshotStore.Snapshot newest = SnapshotStore.latest(dir, "snap-1", lastSeq, null);
                if (newest != null) {
                    byte[] b = Files.readAllBytes(newest.file());
                    b[20] ^= 1;
                    Files.write(newest.file(), b);
                }
            }
            boolean otherVersion = false;
            if (k % 4 == 1) {
                // the newest snapshot has another state layout version (written before an upgrade), checksum
                // intact: passed over, like a damaged one, and never read as if it were this layout
                long lastSeq = JournalRecovery.scan(dir, r -> { }, false).lastSeq();
                SnapshotStore.Snapshot newest = SnapshotStore.latest(dir, "snap-1", lastSeq, null);
                if (newest != null) {
                    byte[] payload = newest.payload().clone();
                    payload[3] ^= 0x40; // the version, the payload's first int
                    SnapshotStore.write(dir, newest.seq(), "snap-1", payload);
                    otherVersion = true;
                }
            }
            ReplayRunner.Recovered withSnap = ReplayRunner.recover(dir, EngineJournal.NONE, new Venue(), true);
            if (otherVersion) {
                assertThat(withSnap.skippedSnapshots()).anyMatch(m -> m.contains("this engine reads"));
            }
            ReplayRunner.Recovered fromStart = ReplayRunner.recover(dir, EngineJournal.NONE, new Venue(), false);
            assertThat(withSnap.engine().stateDigest()).as("cut " + k + " before bar " + openTime)
                    .isEqualTo(digestBefore.get(openTime)).isEqualTo(fromStart.engine().stateDigest());
            assertThat(withSnap.engine().snapshot()).as("every bit, indicators included")
                    .isEqualTo(fromStart.engine().snapshot());
            assertThat(withSnap.unresolved()).isEqualTo(fromStart.unresolved());
            if (withSnap.snapshotSeq() > 0) {
                fromSnapshot++;
            }
            if (k % 4 == 3) {
                assertThat(withSnap.skippedSnapshots()).isNotEmpty();
            }
        }
        assertThat(fromSnapshot).as("most cuts recovered from a snapshot").isGreaterThan(10);
    }

    @Test
    void aJournalThatDoesNotReplayShouldBeRefused() throws IOException {
        Path dir = tmp.resolve("j");
        try (JournalWriter w = JournalWriter.create(dir, "x", JournalConfig.of(FsyncPolicy.NONE),
                JournalWriter.FILES)) {
            w.append("start", 0, "{\"kind\":\"backtest\",\"strategy\":\"sma-cross\",\"params\":{},\"engine\":"
                    + "{\"initialCapital\":\"10000\",\"positionFraction\":0.1,\"feeRate\":\"0\",\"sanitizer\":"
                    + "{\"maxLatencyMs\":100,\"maxSpreadBps\":50,\"outlierMultiple\":25,\"outlierMinPct\":3,"
                    + "\"maxConsecutiveOutliers\":3,\"staleAfterMs\":300000,\"thawAfter\":5,\"checkStepSize\":false},"
                    + "\"risk\":{\"defaultStopLossPct\":5,\"dailyLossPct\":5,\"drawdownReducingPct\":10,"
                    + "\"drawdownHaltPct\":15,\"flattenOnHalt\":true,\"maxSymbolExposurePct\":25,"
                    + "\"maxTotalExposurePct\":100,\"maxOpenPositions\":5,\"fatFingerPct\":10,"
                    + "\"maxOrderNotional\":\"0\",\"maxOrderQty\":\"0\",\"maxOrdersPerSecond\":5,"
                    + "\"maxOrdersPerMinute\":60}},\"instruments\":[{\"symbol\":\"BTCUSDT\",\"base\":\"BTC\","
                    + "\"quote\":\"USDT\",\"tickSize\":\"0.01\",\"stepSize\":\"0.00001\",\"minQty\":\"0.00001\","
                    + "\"minNotional\":\"5\"}],\"makerRate\":\"0.001\",\"takerRate\":\"0.001\"}", false);
            // a decision where an input must come: the journal was not written by this engine
            w.append("decision", 1, "{\"i\":0,\"a\":\"NONE\",\"r\":\"SKIP_WARMUP\",\"c\":0,\"sl\":0,\"tp\":0}", false);
        }
        assertThatThrownBy(() -> ReplayRunner.recover(dir, EngineJournal.NONE, new Venue()))
                .hasMessageContaining("does not replay").hasMessageContaining("seq 2");
        assertThatThrownBy(() -> ReplayRunner.recover(dir, null, new Venue()))
                .hasMessageContaining("needs the live journal");
    }

    private static int indexOf(BarSeries s, long openTime) {
        for (int i = 0; i < s.size(); i++) {
            if (s.openTime(i) == openTime) {
                return i;
            }
        }
        throw new IllegalStateException("no bar at " + openTime);
    }

    /** Copies a journal, keeping {@code file} up to {@code cut} bytes and dropping later segments. */
    private static Path copy(Path from, Path to, String file, long cut) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.compareTo(file) > 0) {
                    continue;
                }
                Files.copy(p, to.resolve(name));
                if (name.equals(file)) {
                    try (FileChannel c = FileChannel.open(to.resolve(name), StandardOpenOption.WRITE)) {
                        c.truncate(cut);
                    }
                }
            }
        }
        return to;
    }
}
