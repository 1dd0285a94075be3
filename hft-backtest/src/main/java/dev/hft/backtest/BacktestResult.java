package dev.hft.backtest;

import dev.hft.core.Fill;
import dev.hft.core.Instrument;
import dev.hft.core.ReasonCode;
import dev.hft.engine.TradeRecord;
import java.util.List;
import java.util.Map;

/**
 * What a backtest produced: closed trades, every fill, the equity curve (one point per distinct bar time, taken
 * after every symbol's bar at that time), and the reason counts.
 *
 * @param instruments    instruments in index order
 * @param trades         closed round trips in closing order
 * @param fills          every fill in order
 * @param equityTimeMs   time of each equity point (bar close, epoch ms)
 * @param equity         marked equity at each point (fixed-point)
 * @param initialCapital starting capital
 * @param finalCapital   equity after the last bar and the end-of-data flatten
 * @param totalFees      fees paid
 * @param bars           bars processed
 * @param reasons        non-zero reason counts
 * @param elapsedNanos   wall time of the run (for throughput only; not part of any deterministic output)
 */
public record BacktestResult(List<Instrument> instruments, List<TradeRecord> trades, List<Fill> fills,
                             long[] equityTimeMs, long[] equity, long initialCapital, long finalCapital,
                             long totalFees, long bars, Map<ReasonCode, Long> reasons, long elapsedNanos) {
}
