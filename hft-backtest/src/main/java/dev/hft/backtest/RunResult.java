package dev.hft.backtest;

import dev.hft.core.Fill;
import dev.hft.core.Instrument;
import dev.hft.core.ReasonCode;
import dev.hft.engine.TradeRecord;
import dev.hft.engine.tca.TcaRecord;
import java.util.List;
import java.util.Map;

/**
 * What a run produced (a backtest, a trial, or a paper or live session so far): closed trades, every fill, the
 * equity curve (one point per distinct bar time, taken after every symbol's bar at that time), reason counts, and
 * the hardening layer's records.
 *
 * @param instruments    instruments in index order
 * @param trades         closed round trips in closing order
 * @param fills          every fill in order
 * @param equityTimeMs   time of each equity point (bar close, epoch ms)
 * @param equity         marked equity at each point (fixed-point)
 * @param initialCapital starting capital
 * @param finalCapital   equity after the last bar and the end-of-data flatten
 * @param totalFees      fees paid
 * @param bars           bars accepted and processed
 * @param reasons        non-zero reason counts
 * @param sanitizer      per-symbol sanitizer figures and the validation rate
 * @param risk           limits in use, final state, state changes, denials
 * @param tca            per-order transaction cost analysis, in fill order
 * @param tcaSummary     TCA means
 * @param costModel      description of the fee and slippage models used
 * @param elapsedNanos   wall time of the run (for throughput only; not part of any deterministic output)
 * @param ownReasons     the strategies' own reason codes, declared order, with their counts (zeros included)
 */
public record RunResult(List<Instrument> instruments, List<TradeRecord> trades, List<Fill> fills,
                             long[] equityTimeMs, long[] equity, long initialCapital, long finalCapital,
                             long totalFees, long bars, Map<ReasonCode, Long> reasons, Map<String, Object> sanitizer,
                             Map<String, Object> risk, List<TcaRecord> tca, Map<String, Object> tcaSummary,
                             Map<String, Object> costModel, long elapsedNanos,
                             List<dev.hft.engine.ReasonLedger.OwnCount> ownReasons) {

    /** A result of built-in reasons only. */
    public RunResult(List<Instrument> instruments, List<TradeRecord> trades, List<Fill> fills,
                          long[] equityTimeMs, long[] equity, long initialCapital, long finalCapital,
                          long totalFees, long bars, Map<ReasonCode, Long> reasons, Map<String, Object> sanitizer,
                          Map<String, Object> risk, List<TcaRecord> tca, Map<String, Object> tcaSummary,
                          Map<String, Object> costModel, long elapsedNanos) {
        this(instruments, trades, fills, equityTimeMs, equity, initialCapital, finalCapital, totalFees, bars, reasons,
                sanitizer, risk, tca, tcaSummary, costModel, elapsedNanos, List.of());
    }
}
