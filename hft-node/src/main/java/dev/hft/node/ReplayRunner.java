package dev.hft.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hft.backtest.StartRecord;
import dev.hft.core.Bar;
import dev.hft.core.ExecutionClient;
import dev.hft.core.Fill;
import dev.hft.core.Fixed;
import dev.hft.core.Order;
import dev.hft.core.ReasonCode;
import dev.hft.core.Side;
import dev.hft.engine.TradingEngine;
import dev.hft.engine.bus.EventBus;
import dev.hft.engine.journal.EngineJournal;
import dev.hft.engine.journal.JsonEngineJournal;
import dev.hft.engine.journal.RecordCodec;
import dev.hft.engine.risk.TradingState;
import dev.hft.api.Decision;
import dev.hft.api.StrategyFactory;
import dev.hft.engine.strategy.StrategyRegistry;
import dev.hft.journal.JournalRecord;
import dev.hft.journal.JournalRecovery;
import dev.hft.journal.SnapshotStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decision replay: runs a journal's inputs through a fresh engine built from its {@code start} record, with sends
 * suppressed, and checks that every record the engine writes again (the inputs, every decision, every command,
 * every risk state change) is byte-identical to the journaled one, in the same order.
 *
 * <p>Execution reports are delivered where the original engine received them: the journal shows them right
 * after the record of the call that produced them (the bar whose matching filled an order, a submit that filled
 * at once, a cancel that was acknowledged); reports not nested in a call are inputs of their own.
 */
public final class ReplayRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReplayRunner() {
    }

    /**
     * @param records    records compared
     * @param difference null when identical, else where the replay first differed
     */
    public record Result(long records, Difference difference, String incomplete) {
        public Result(long records, Difference difference) {
            this(records, difference, null);
        }

        public boolean identical() {
            return difference == null;
        }
    }

    /**
     * @param seq      seq of the first record that differs
     * @param expected the journaled record (null when the journal ended first)
     * @param actual   the regenerated record (null when the engine produced nothing there)
     */
    public record Difference(long seq, String expected, String actual) {
    }

    /** Thrown inside the replay to stop at the first difference. */
    private static final class Mismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Difference difference;

        Mismatch(Difference d) {
            super(null, null, false, false);
            this.difference = d;
        }
    }

    /** Replays the journal in {@code dir}; throws IllegalArgumentException when it is unusable. */
    public static Result replay(Path dir) {
        List<JournalRecord> records = new ArrayList<>();
        JournalRecovery.Result scan = read(dir, records, false);
        Result r = new Session(records, null, null, null).run();
        String torn = scan.status() == JournalRecovery.Status.TORN_TAIL ? scan.message() : null;
        if (r.difference() != null && r.difference().expected() == null) {
            // the engine went on where the journal stops: the run was stopped inside that input (killed, crashed),
            // so every record the journal holds was regenerated identically; what is missing was never written
            return new Result(records.size(), null, (torn == null ? "" : torn + "; ") + "the journal ends inside "
                    + "an input (seq " + records.size() + "): the run stopped there");
        }
        return torn == null ? r : new Result(r.records(), r.difference(), torn);
    }

    /**
     * What recovery hands back: the engine in exactly the state the journal leaves it, and the orders it believes
     * are working, which must be reconciled with the venue before any new order.
     *
     * @param engine     the recovered engine, now writing to the live journal and sending to the live venue
     * @param scan       the journal scan (a torn tail is truncated)
     * @param records    journal records replayed
     * @param unresolved ids of orders working as far as the journal knows
     * @param snapshotSeq seq of the snapshot recovery started from (0: replayed from seq 1)
     * @param skippedSnapshots snapshot files passed over, with the reason
     */
    public record Recovered(TradingEngine engine, JournalRecovery.Result scan, long records, List<String> unresolved,
                            long snapshotSeq, List<String> skippedSnapshots) {
    }

    /**
     * Recovery as a verified replay: repairs a torn tail, replays every record (any difference means the journal
     * cannot be trusted: refused), and from the journal's end on lets the engine write to {@code live} and send to
     * {@code venue}. An input journaled just before a crash is processed to its end, its new records going to
     * {@code live}.
     */
    public static Recovered recover(Path dir, EngineJournal live, ExecutionClient venue) {
        return recover(dir, live, venue, true);
    }

    /**
     * As above; with {@code useSnapshots} it starts from the newest valid snapshot at or before the journal's last
     * record (restored into a freshly built engine) and replays only the tail after it, still verifying every
     * record; an invalid snapshot is passed over (and listed), falling back to an older one or to seq 1.
     */
    public static Recovered recover(Path dir, EngineJournal live, ExecutionClient venue, boolean useSnapshots) {
        if (live == null || venue == null) {
            // without them the journal's end would be treated as the end of a replay: an input journaled just
            // before a crash could not be finished
            throw new IllegalArgumentException("recovery needs the live journal and venue to hand over to");
        }
        List<JournalRecord> records = new ArrayList<>();
        JournalRecovery.Result scan = read(dir, records, true);
        List<String> skipped = new ArrayList<>();
        // the session's engine, as the start record describes it, tells which snapshots it can read
        Session s = new Session(records, live, venue, !useSnapshots ? null
                : engine -> SnapshotStore.latest(dir, scan.runId(), scan.lastSeq(), skipped, engine::snapshotProblem));
        Result r = s.run();
        if (!r.identical()) {
            throw new IllegalStateException("journal " + dir + " does not replay to the same decisions (first "
                    + "difference at seq " + r.difference().seq() + "): refusing to trade from it");
        }
        s.raiseGate(); // the journal ended at an input boundary: raised before anything else can happen
        return new Recovered(s.engine, scan, records.size(), s.engine.knownOrderIds(), s.snapshotSeq,
                skipped);
    }

    /**
     * The engine a start record describes, sending to {@code venue}. Recovery and replay build their engine here,
     * and so must anything that journals for them (a paper-style session), so the engines are alike by
     * construction. Its cost model feeds only the spread gate (fills come from the venue).
     */
    public static TradingEngine engineFor(StartRecord.Decoded start, ExecutionClient venue, String run) {
        StrategyFactory f;
        try {
            f = StrategyRegistry.get(start.strategy());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + (start.strategySha256() == null ? ""
                    : "; the journal was written by it from a jar with SHA-256 " + start.strategySha256()
                    + ": give that jar with --strategy-jar"), e);
        }
        StrategyRegistry.Source src = StrategyRegistry.source(start.strategy());
        String have = src == null ? null : src.sha256();
        if (!java.util.Objects.equals(have, start.strategySha256())) {
            // a replay with other code is not a replay, and a recovery with other code would diverge
            throw new IllegalArgumentException("strategy '" + start.strategy() + "': the journal was written by "
                    + (start.strategySha256() == null ? "the built-in strategy" : "a jar with SHA-256 "
                    + start.strategySha256() + " (version " + start.strategyVersion() + ")") + ", but this run has "
                    + src + "; give the same code (--strategy-jar)");
        }
        return dev.hft.backtest.Kernels.forVenue(start.engine(), start.instruments(), start.strategy(),
                start.params(), start.makerRate(), start.takerRate(), venue, new EventBus(), run);
    }

    private static JournalRecovery.Result read(Path dir, List<JournalRecord> records, boolean repair) {
        JournalRecovery.Result scan = JournalRecovery.scan(dir, records::add, repair);
        if (scan.status() == JournalRecovery.Status.EMPTY || records.isEmpty()) {
            throw new IllegalArgumentException("no journal in " + dir);
        }
        if (!scan.usable()) {
            throw new IllegalArgumentException(scan.message());
        }
        if (!"start".equals(records.get(0).type())) {
            throw new IllegalArgumentException("journal " + dir + " does not begin with a start record");
        }
        return scan;
    }

    /** One replay: the cursor over the journal, the engine, and the comparing journal and execution client. */
    private static final class Session implements EngineJournal, ExecutionClient {
        private final List<JournalRecord> records;
        private final String run;
        private final RecordCodec codec = new RecordCodec();
        private final StringBuilder line = new StringBuilder(512);
        private final Map<String, Order> orders = new HashMap<>();
        private final TradingEngine engine;
        private final EngineJournal live;
        private final ExecutionClient liveVenue;
        private int cursor = 1;
        /**
         * Whether the record of the execution call in progress came from the journal. A journaled command may or
         * may not have reached the venue before a crash: it is reconciled, never sent again; only calls whose
         * records are new (past the journal's end) go to the live venue.
         */
        private boolean callFromJournal;

        private boolean gateRaised;

        /** Seq of the snapshot the engine started from, 0 when it replays from seq 1. */
        private long snapshotSeq;

        /**
         * With {@code live} and {@code liveVenue} null: a pure replay (the journal's end is the end). With
         * {@code snapshots}: it picks, for the engine just built, the snapshot to start from (or none); the replay
         * goes on from the record after its seq.
         */
        Session(List<JournalRecord> records, EngineJournal live, ExecutionClient liveVenue,
                java.util.function.Function<TradingEngine, SnapshotStore.Snapshot> snapshots) {
            this.records = records;
            this.live = live;
            this.liveVenue = liveVenue;
            this.run = records.get(0).run();
            engine = engineFor(StartRecord.decode(records.get(0).data()), this, run);
            engine.setJournal(this);
            SnapshotStore.Snapshot snapshot = snapshots == null ? null : snapshots.apply(engine);
            if (snapshot != null) {
                engine.restore(snapshot.payload());
                snapshotSeq = snapshot.seq();
                cursor = (int) snapshot.seq(); // records.get(i) has seq i + 1: the tail starts after the snapshot
                for (Order o : engine.workingOrders()) {
                    orders.put(o.clientOrderId, o);
                }
            }
        }

        Result run() {
            try {
                while (cursor < records.size()) {
                    JournalRecord r = records.get(cursor);
                    JsonNode d = RecordDecoder.data(r);
                    switch (r.type()) {
                        case "bar" -> engine.onBar(RecordDecoder.bar(d));
                        case "fill", "rejected", "canceled" -> deliver(r, d);
                        case "operator" -> operator(d);
                        case "cancel" -> repeatedCancel(r, d);
                        case "reconcile" -> cursor++; // what start-up found at the venue: information only
                        case JsonEngineJournal.UNRECONCILED -> gateRecord();
                        default -> throw new Mismatch(new Difference(r.seq(), r.json(), null));
                    }
                }
            } catch (Mismatch m) {
                return new Result(cursor, m.difference);
            }
            return new Result(records.size(), null);
        }

        /**
         * A cancel outside any engine call: reconciliation sent again a cancel journaled before a crash whose order
         * the venue still had working. It changes no state (the engine already wanted the order gone); the order
         * must be one the engine knows.
         */
        private void repeatedCancel(JournalRecord r, JsonNode d) {
            if (!orders.containsKey(d.get("id").asText())) {
                throw new Mismatch(new Difference(r.seq(), r.json(), "no order " + d.get("id").asText()));
            }
            cursor++;
        }

        private void operator(JsonNode d) {
            switch (d.get("cmd").asText()) {
                case "killSwitch" -> engine.killSwitch();
                case "release" -> engine.release();
                case "flattenAll" -> engine.flattenAll(ReasonCode.valueOf(d.get("r").asText()));
                case "pause" -> engine.pause();
                case "cancelResting" -> engine.cancelResting();
                case "resume" -> engine.resume();
                case "reconciled" -> engine.finishReconciliation();
                default -> throw new IllegalArgumentException("unknown operator command " + d);
            }
        }

        /**
         * Delivers the execution reports that follow the cursor, as the venue did in the original run: all of them
         * after market data (matching), only those about {@code onlyId} after a submit or cancel of that order (a
         * venue answers a call synchronously only about the order in hand; a later report belongs to the
         * enclosing call).
         */
        private void deliverNested(String onlyId) {
            while (cursor < records.size()) {
                JournalRecord r = records.get(cursor);
                String t = r.type();
                if (!t.equals("fill") && !t.equals("rejected") && !t.equals("canceled")) {
                    return;
                }
                JsonNode d = RecordDecoder.data(r);
                if (onlyId != null && !onlyId.equals(d.get("id").asText())) {
                    return;
                }
                deliver(r, d);
            }
        }

        private void deliver(JournalRecord r, JsonNode d) {
            Order o = orders.get(d.get("id").asText());
            if (o == null) {
                throw new Mismatch(new Difference(r.seq(), r.json(), "no order " + d.get("id").asText()
                        + " was submitted in the replay"));
            }
            switch (r.type()) {
                case "fill" -> engine.onOrderFilled(o, new Fill(o.clientOrderId, d.get("i").asInt(),
                        Side.valueOf(d.get("side").asText()), Fixed.parse(d.get("p").asText()),
                        Fixed.parse(d.get("q").asText()), Fixed.parse(d.get("fee").asText()), d.get("t").asLong(),
                        ReasonCode.valueOf(d.get("r").asText()), d.has("bfee") ? Fixed.parse(d.get("bfee").asText())
                        : 0));
                case "rejected" -> engine.onOrderRejected(o, ReasonCode.valueOf(d.get("r").asText()));
                default -> engine.onOrderCanceled(o);
            }
        }


        /** In recovery, past the journal's end the engine runs live. */
        private boolean pastEnd() {
            return live != null && cursor >= records.size();
        }

        /** A journaled {@code unreconciled} record: the original engine was gated from here on. */
        private void gateRecord() {
            engine.requireReconciliation();
            cursor++;
        }

        /**
         * Recovery: the venue is handed over only behind the reconciliation gate, which is journaled, so the input
         * being finished (and anything after it) sends nothing until the venue has been asked.
         */
        void raiseGate() {
            if (live == null || gateRaised) {
                return;
            }
            gateRaised = true;
            engine.requireReconciliation();
            if (!live.unreconciled(records.get(records.size() - 1).ts())) {
                throw new IllegalStateException("cannot journal the reconciliation gate: refusing to trade");
            }
        }

        /** Compares a regenerated record with the journal's record at the cursor and moves on. */
        private boolean check(String type, long ts, CharSequence data) {
            long seq = cursor + 1L;
            line.setLength(0);
            line.append("{\"seq\":").append(seq).append(",\"run\":\"").append(run).append("\",\"type\":\"")
                    .append(type).append("\",\"ts\":").append(ts).append(",\"data\":").append(data).append('}');
            String actual = line.toString();
            if (cursor >= records.size()) {
                throw new Mismatch(new Difference(seq, null, actual));
            }
            String expected = records.get(cursor).json();
            if (!expected.equals(actual)) {
                throw new Mismatch(new Difference(seq, expected, actual));
            }
            cursor++;
            // a gate journaled right after this record was raised right after it, before anything else the engine
            // did (the rest of a bracket, say): raised here, exactly where recovery raised it. A gate at an input
            // boundary is met by run() instead.
            while (cursor < records.size() && records.get(cursor).type().equals(JsonEngineJournal.UNRECONCILED)) {
                gateRecord();
            }
            if (cursor == records.size()) {
                raiseGate(); // the last journaled record: what the input does next happens behind the gate
            }
            return true;
        }

        @Override
        public boolean bar(Bar bar) {
            callFromJournal = !pastEnd();
            return pastEnd() ? live.bar(bar) : check("bar", bar.nowMs(), codec.bar(bar));
        }

        @Override
        public boolean fill(Order order, Fill fill, long nowMs) {
            return pastEnd() ? live.fill(order, fill, nowMs) : check("fill", nowMs, codec.fill(fill));
        }

        @Override
        public boolean rejected(Order order, ReasonCode reason, long nowMs) {
            return pastEnd() ? live.rejected(order, reason, nowMs)
                    : check("rejected", nowMs, codec.orderAndReason(order, reason));
        }

        @Override
        public boolean canceled(Order order, long nowMs) {
            return pastEnd() ? live.canceled(order, nowMs)
                    : check("canceled", nowMs, codec.orderAndReason(order, null));
        }

        @Override
        public boolean operator(String command, ReasonCode reason, long nowMs) {
            return pastEnd() ? live.operator(command, reason, nowMs)
                    : check("operator", nowMs, codec.operator(command, reason));
        }

        @Override
        public boolean decision(int instrument, Decision decision, long nowMs) {
            return pastEnd() ? live.decision(instrument, decision, nowMs)
                    : check("decision", nowMs, codec.decision(instrument, decision));
        }

        @Override
        public boolean submit(Order order, long nowMs) {
            callFromJournal = !pastEnd();
            return pastEnd() ? live.submit(order, nowMs) : check("submit", nowMs, codec.submit(order));
        }

        @Override
        public boolean cancel(String clientOrderId, long nowMs) {
            callFromJournal = !pastEnd();
            return pastEnd() ? live.cancel(clientOrderId, nowMs) : check("cancel", nowMs, codec.id(clientOrderId));
        }

        @Override
        public boolean riskState(TradingState from, TradingState to, ReasonCode reason, long nowMs) {
            return pastEnd() ? live.riskState(from, to, reason, nowMs)
                    : check("risk", nowMs, codec.risk(from, to, reason));
        }

        @Override
        public boolean fault(int instrument, String failure, long nowMs) {
            return pastEnd() ? live.fault(instrument, failure, nowMs)
                    : check(JsonEngineJournal.FAULT, nowMs, JsonEngineJournal.faultData(instrument, failure));
        }

        // the execution client: nothing is sent; journaled reports are delivered where they were received

        @Override
        public void submit(Order order) {
            orders.put(order.clientOrderId, order);
            if (!callFromJournal) {
                liveVenue.submit(order);
            } else {
                deliverNested(order.clientOrderId);
            }
        }

        @Override
        public void cancel(String clientOrderId) {
            if (!callFromJournal) {
                liveVenue.cancel(clientOrderId);
            } else {
                deliverNested(clientOrderId);
            }
        }

        @Override
        public dev.hft.core.VenueOrderStatus query(String clientOrderId) {
            return liveVenue != null ? liveVenue.query(clientOrderId) : dev.hft.core.VenueOrderStatus.UNKNOWN;
        }

        @Override
        public dev.hft.core.VenueOrderStatus reconcile(Order order) {
            return liveVenue != null ? liveVenue.reconcile(order) : dev.hft.core.VenueOrderStatus.UNKNOWN;
        }

        @Override
        public void onMarketData(Bar bar) {
            if (!callFromJournal) {
                liveVenue.onMarketData(bar);
            } else {
                deliverNested(null);
            }
        }
    }
}
