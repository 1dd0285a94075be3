package dev.hft.node;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hft.core.Bar;
import dev.hft.core.ExecutionClient;
import dev.hft.core.ExecutionListener;
import dev.hft.core.Fill;
import dev.hft.core.Instrument;
import dev.hft.core.Order;
import dev.hft.core.ReasonCode;
import dev.hft.core.VenueOrderStatus;
import dev.hft.engine.cost.FeeModel;
import dev.hft.engine.cost.FixedBpsSlippage;
import dev.hft.engine.journal.RecordCodec;
import dev.hft.journal.FsyncPolicy;
import dev.hft.journal.JournalConfig;
import dev.hft.journal.JournalRecord;
import dev.hft.journal.JournalRecovery;
import dev.hft.journal.JournalWriter;
import dev.hft.sim.FillModel;
import dev.hft.sim.IntrabarPolicy;
import dev.hft.sim.SimulatedExchange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A simulated venue that outlives the engine process: it journals every input it receives (bars it matches,
 * orders, cancels) before acting on it, and rebuilds itself from that journal on restart, so after a crash of the
 * engine it still knows every order it ever received, as a real venue would. Its slippage is a fixed number of
 * basis points, so its state depends on its own inputs alone.
 */
public final class JournaledVenue implements ExecutionClient, AutoCloseable {
    private static final ExecutionListener NOBODY = new ExecutionListener() {
        @Override
        public void onOrderFilled(Order order, Fill fill) {
        }

        @Override
        public void onOrderRejected(Order order, ReasonCode reason) {
        }

        @Override
        public void onOrderCanceled(Order order) {
        }
    };

    private final SimulatedExchange sim;
    private final JournalWriter journal;
    private final RecordCodec codec = new RecordCodec();
    private final Set<String> received = new HashSet<>();
    private final long[] lastBarOpenMs;
    private long duplicateIds;

    private JournaledVenue(SimulatedExchange sim, JournalWriter journal, int instruments) {
        this.sim = sim;
        this.journal = journal;
        this.lastBarOpenMs = new long[instruments];
        java.util.Arrays.fill(lastBarOpenMs, Long.MIN_VALUE);
    }

    /** Opens the venue in {@code dir}, rebuilding its state from its journal when there is one. */
    public static JournaledVenue open(Path dir, List<Instrument> instruments, FeeModel fees, double slippageBps,
                                      String run) {
        SimulatedExchange sim = new SimulatedExchange(instruments, fees, new FixedBpsSlippage(slippageBps),
                FillModel.NEXT_OPEN, IntrabarPolicy.STOP_FIRST);
        sim.setListener(NOBODY);
        List<JournalRecord> records = new ArrayList<>();
        JournalRecovery.Result scan = JournalRecovery.scan(dir, records::add, true);
        if (!scan.usable()) {
            throw new IllegalStateException("venue journal: " + scan.message());
        }
        JournalConfig cfg = JournalConfig.of(FsyncPolicy.PER_ORDER);
        JournalWriter w = scan.status() == JournalRecovery.Status.EMPTY
                ? JournalWriter.create(dir, run, cfg, JournalWriter.FILES)
                : JournalWriter.resume(dir, scan, cfg, JournalWriter.FILES);
        JournaledVenue v = new JournaledVenue(sim, w, instruments.size());
        for (JournalRecord r : records) {
            v.apply(r);
        }
        return v;
    }

    private void apply(JournalRecord r) {
        JsonNode d = RecordDecoder.data(r);
        switch (r.type()) {
            case "bar" -> {
                Bar b = RecordDecoder.bar(d);
                lastBarOpenMs[b.instrument] = b.openTimeMs;
                sim.onMarketData(b);
            }
            case "submit" -> {
                Order o = RecordDecoder.submit(d);
                if (!received.add(o.clientOrderId)) {
                    duplicateIds++;
                }
                sim.submit(o);
            }
            case "cancel" -> sim.cancel(d.get("id").asText());
            default -> throw new IllegalStateException("venue journal: unknown record type " + r.type());
        }
    }

    public void setListener(ExecutionListener listener) {
        sim.setListener(listener);
    }

    /** Open time of the last bar this venue matched on an instrument (Long.MIN_VALUE before any). */
    public long lastBarOpenMs(int instrument) {
        return lastBarOpenMs[instrument];
    }

    @Override
    public void onMarketData(Bar bar) {
        journal.append("bar", bar.nowMs(), codec.bar(bar), false);
        lastBarOpenMs[bar.instrument] = bar.openTimeMs;
        sim.onMarketData(bar);
    }

    @Override
    public void submit(Order order) {
        journal.append("submit", order.decisionTimeMs, codec.submit(order), true);
        if (!received.add(order.clientOrderId)) {
            duplicateIds++;
        }
        sim.submit(order);
    }

    @Override
    public void cancel(String clientOrderId) {
        journal.append("cancel", 0, codec.id(clientOrderId), true);
        sim.cancel(clientOrderId);
    }

    @Override
    public VenueOrderStatus query(String clientOrderId) {
        return sim.query(clientOrderId);
    }

    /** Client order ids received more than once over the venue's whole life (must stay 0). */
    public long duplicateIds() {
        return duplicateIds;
    }

    public long ordersReceived() {
        return received.size();
    }

    @Override
    public void close() {
        journal.close();
    }
}
