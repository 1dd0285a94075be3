package dev.hft.engine.journal;

import dev.hft.core.Bar;
import dev.hft.core.Fill;
import dev.hft.core.Order;
import dev.hft.core.ReasonCode;
import dev.hft.engine.risk.TradingState;
import dev.hft.api.Decision;

/**
 * What the engine writes ahead: every input before it is processed (market data, execution reports, operator
 * commands), every decision, every command before it leaves, every risk state change. Each method returns false
 * when the record could not be made durable as the fsync policy requires; the engine then halts.
 */
public interface EngineJournal {
    boolean bar(Bar bar);

    boolean fill(Order order, Fill fill, long nowMs);

    boolean rejected(Order order, ReasonCode reason, long nowMs);

    boolean canceled(Order order, long nowMs);

    boolean operator(String command, ReasonCode reason, long nowMs);

    boolean decision(int instrument, Decision decision, long nowMs);

    /** A command: durable before the order leaves under the per-order policy. */
    boolean submit(Order order, long nowMs);

    boolean cancel(String clientOrderId, long nowMs);

    boolean riskState(TradingState from, TradingState to, ReasonCode reason, long nowMs);

    /**
     * Recovery raised the reconciliation gate here: from this record on the engine sends nothing until its
     * {@code reconciled} operator record. A replay raises the gate at the same record, wherever it falls (it may
     * fall inside the input recovery finished).
     */
    default boolean unreconciled(long nowMs) {
        return true;
    }

    /**
     * The strategy of {@code instrument} threw: the exception and the strategy's own stack frames (up to where the
     * engine called it, so the record is the same whichever mode ran the engine). An output, checked by replay.
     */
    default boolean fault(int instrument, String failure, long nowMs) {
        return true;
    }

    /** A journal that writes nothing (backtests without --journal). */
    EngineJournal NONE = new EngineJournal() {
        @Override
        public boolean bar(Bar bar) {
            return true;
        }

        @Override
        public boolean fill(Order order, Fill fill, long nowMs) {
            return true;
        }

        @Override
        public boolean rejected(Order order, ReasonCode reason, long nowMs) {
            return true;
        }

        @Override
        public boolean canceled(Order order, long nowMs) {
            return true;
        }

        @Override
        public boolean operator(String command, ReasonCode reason, long nowMs) {
            return true;
        }

        @Override
        public boolean decision(int instrument, Decision decision, long nowMs) {
            return true;
        }

        @Override
        public boolean submit(Order order, long nowMs) {
            return true;
        }

        @Override
        public boolean cancel(String clientOrderId, long nowMs) {
            return true;
        }

        @Override
        public boolean riskState(TradingState from, TradingState to, ReasonCode reason, long nowMs) {
            return true;
        }
    };
}
