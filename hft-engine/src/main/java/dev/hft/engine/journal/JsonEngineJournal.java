package dev.hft.engine.journal;

import dev.hft.core.Bar;
import dev.hft.core.Fill;
import dev.hft.core.Order;
import dev.hft.core.ReasonCode;
import dev.hft.engine.risk.TradingState;
import dev.hft.api.Decision;
import dev.hft.journal.JournalException;
import dev.hft.journal.JournalWriter;

/** The engine's records written to a {@link JournalWriter}; a journal failure is reported as false. */
public final class JsonEngineJournal implements EngineJournal {
    private final JournalWriter writer;
    private final RecordCodec codec = new RecordCodec();
    private String failure;

    public JsonEngineJournal(JournalWriter writer) {
        this.writer = writer;
    }

    private boolean append(String type, long ts, CharSequence data, boolean command) {
        if (failure != null) {
            return false;
        }
        try {
            writer.append(type, ts, data, command);
            return true;
        } catch (JournalException e) {
            failure = e.getMessage();
            return false;
        }
    }

    @Override
    public boolean bar(Bar bar) {
        return append("bar", bar.nowMs(), codec.bar(bar), false);
    }

    @Override
    public boolean fill(Order order, Fill fill, long nowMs) {
        return append("fill", nowMs, codec.fill(fill), false);
    }

    @Override
    public boolean rejected(Order order, ReasonCode reason, long nowMs) {
        return append("rejected", nowMs, codec.orderAndReason(order, reason), false);
    }

    @Override
    public boolean canceled(Order order, long nowMs) {
        return append("canceled", nowMs, codec.orderAndReason(order, null), false);
    }

    @Override
    public boolean operator(String command, ReasonCode reason, long nowMs) {
        return append("operator", nowMs, codec.operator(command, reason), false);
    }

    @Override
    public boolean decision(int instrument, Decision decision, long nowMs) {
        return append("decision", nowMs, codec.decision(instrument, decision), false);
    }

    @Override
    public boolean submit(Order order, long nowMs) {
        return append("submit", nowMs, codec.submit(order), true);
    }

    @Override
    public boolean cancel(String clientOrderId, long nowMs) {
        return append("cancel", nowMs, codec.id(clientOrderId), true);
    }

    @Override
    public boolean fault(int instrument, String failure, long nowMs) {
        return append(FAULT, nowMs, faultData(instrument, failure), true);
    }

    /** The record type of {@link #fault}. */
    public static final String FAULT = "fault";

    /** The data of a fault record: the instrument, the reason code, and the failure as JSON text. */
    public static String faultData(int instrument, String failure) {
        StringBuilder sb = new StringBuilder("{\"i\":").append(instrument)
                .append(",\"r\":\"RISK_STRATEGY_FAILED\",\"error\":\"");
        for (int k = 0; k < failure.length(); k++) {
            char c = failure.charAt(k);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append("\"}").toString();
    }

    @Override
    public boolean unreconciled(long nowMs) {
        // a command record: forced, so the gate is on disk before recovery hands the venue over
        return append(UNRECONCILED, nowMs, "{\"r\":\"RISK_UNRECONCILED\"}", true);
    }

    /** The record type of {@link #unreconciled}. */
    public static final String UNRECONCILED = "unreconciled";

    @Override
    public boolean riskState(TradingState from, TradingState to, ReasonCode reason, long nowMs) {
        return append("risk", nowMs, codec.risk(from, to, reason), false);
    }

    /** Why the journal failed, or null. */
    public String failure() {
        return failure != null ? failure : writer.failure();
    }
}
