package dev.hft.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.core.Bar;
import dev.hft.core.ExecutionClient;
import dev.hft.core.Fill;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.Order;
import dev.hft.core.ReasonCode;
import dev.hft.engine.journal.EngineJournal;
import dev.hft.engine.journal.JsonEngineJournal;
import dev.hft.engine.risk.TradingState;
import dev.hft.api.Action;
import dev.hft.api.Decision;
import dev.hft.engine.testkit.ScriptedStrategy;
import dev.hft.journal.FsyncPolicy;
import dev.hft.journal.JournalConfig;
import dev.hft.journal.JournalRecord;
import dev.hft.journal.JournalRecovery;
import dev.hft.journal.JournalWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's write-ahead discipline and its reaction to a journal that fails. */
class JournalingTest {
    private static final Instrument INST = new Instrument("T", "T", "USDT", Fixed.parse("0.01"), Fixed.parse("0.001"),
            0, Fixed.parse("5"));
    private static final long T0 = 1_704_067_200_000L;

    @TempDir
    Path tmp;

    /** Records what reached the venue. */
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

    private static Bar bar(int minute) {
        long t = T0 + minute * 60_000L;
        return new Bar().set(0, t, t + 59_999, Fixed.of(100), Fixed.of(100), Fixed.of(100), Fixed.of(100), Fixed.of(1));
    }

    @Test
    void inputsDecisionsAndCommandsShouldBeJournaledInOrderAndCommandsBeforeTheyLeave() {
        ScriptedStrategy s = new ScriptedStrategy();
        List<String> journalAtSend = new ArrayList<>();
        JournalWriter w = JournalWriter.create(tmp.resolve("j"), "r", JournalConfig.of(FsyncPolicy.PER_ORDER),
                JournalWriter.FILES);
        TradingEngine[] e = new TradingEngine[1];
        ExecutionClient venue = new ExecutionClient() {
            @Override
            public void submit(Order order) {
                journalAtSend.add(order.clientOrderId + " durable through seq " + w.lastDurableSeq());
                if (order.type != dev.hft.core.OrderType.MARKET) {
                    return; // the protective stop rests
                }
                e[0].onOrderFilled(order, new Fill(order.clientOrderId, 0, order.side, Fixed.of(100), order.quantity,
                        0, T0, order.reason));
            }

            @Override
            public void cancel(String clientOrderId) {
            }
        };
        e[0] = new TradingEngine(new EngineConfig(Fixed.of(10_000), 0.1, 0), List.of(INST), List.of(s), venue,
                (EngineListener) null, "r");
        e[0].setJournal(new JsonEngineJournal(w));
        s.next = Action.ENTER_LONG;
        e[0].onBar(bar(0));
        e[0].killSwitch();
        w.close();
        List<JournalRecord> records = new ArrayList<>();
        JournalRecovery.scan(tmp.resolve("j"), records::add, false);
        assertThat(records).extracting(JournalRecord::type).containsExactly("bar", "decision", "submit", "fill",
                "submit", "operator", "risk", "cancel", "submit", "fill", "risk");
        // the entry (seq 3) and its stop (seq 5) were on disk before the venue saw them
        assertThat(journalAtSend.get(0)).isEqualTo("r-1 durable through seq 3");
        assertThat(journalAtSend.get(1)).isEqualTo("r-2 durable through seq 5");
        assertThat(records.get(1).data()).isEqualTo(
                "{\"i\":0,\"a\":\"ENTER_LONG\",\"r\":\"ENTRY_LIQ_LONG\",\"c\":1,\"sl\":0,\"tp\":0}");
        assertThat(records.get(0).data()).startsWith("{\"i\":0,\"ot\":1704067200000,\"ct\":1704067259999,\"rt\":0,"
                + "\"o\":\"100\"");
    }

    /** A journal that accepts the first {@code ok} records and then fails. */
    static final class FailingJournal implements EngineJournal {
        int left;

        FailingJournal(int ok) {
            left = ok;
        }

        private boolean next() {
            return left-- > 0;
        }

        @Override
        public boolean bar(Bar bar) {
            return next();
        }

        @Override
        public boolean fill(Order order, Fill fill, long nowMs) {
            return next();
        }

        @Override
        public boolean rejected(Order order, ReasonCode reason, long nowMs) {
            return next();
        }

        @Override
        public boolean canceled(Order order, long nowMs) {
            return next();
        }

        @Override
        public boolean operator(String command, ReasonCode reason, long nowMs) {
            return next();
        }

        @Override
        public boolean decision(int instrument, Decision decision, long nowMs) {
            return next();
        }

        @Override
        public boolean submit(Order order, long nowMs) {
            return next();
        }

        @Override
        public boolean cancel(String clientOrderId, long nowMs) {
            return next();
        }

        @Override
        public boolean riskState(TradingState from, TradingState to, ReasonCode reason, long nowMs) {
            return next();
        }
    }

    @Test
    void anOrderThatCannotBeJournaledShouldNeverLeaveAndTradingShouldHalt() {
        ScriptedStrategy s = new ScriptedStrategy();
        Venue venue = new Venue();
        TradingEngine e = new TradingEngine(new EngineConfig(Fixed.of(10_000), 0.1, 0), List.of(INST), List.of(s),
                venue, (EngineListener) null, "r");
        e.setJournal(new FailingJournal(2)); // the bar and the decision, then the disk is full
        s.next = Action.ENTER_LONG;
        e.onBar(bar(0));
        assertThat(venue.sent).isEmpty();
        assertThat(e.risk().state()).isEqualTo(TradingState.HALTED);
        assertThat(e.risk().stateReason()).isEqualTo(ReasonCode.RISK_JOURNAL_FAILURE);
        assertThat(e.ledger().get(ReasonCode.RISK_JOURNAL_FAILURE)).isPositive();
        e.release();
        assertThat(e.risk().state()).as("an operator cannot release a journal failure").isEqualTo(TradingState.HALTED);
        s.next = Action.ENTER_LONG;
        e.onBar(bar(1));
        assertThat(venue.sent).isEmpty();
        assertThat(e.barsProcessed()).as("a bar that could not be journaled is not processed").isEqualTo(1);
    }
}
