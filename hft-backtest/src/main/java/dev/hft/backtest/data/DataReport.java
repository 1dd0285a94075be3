package dev.hft.backtest.data;

import java.util.List;

/**
 * What loading found: files and rows read, duplicates dropped, gaps left as they are (never filled). The first
 * few timestamps of each are kept so a user can look them up.
 *
 * @param symbol          symbol
 * @param files           files read
 * @param rows            data rows read (headers excluded)
 * @param bars            bars kept
 * @param duplicates      rows dropped because an earlier row had the same open time
 * @param firstDuplicates open times (ms) of the first few duplicates
 * @param gaps            number of gaps (a jump of more than one interval)
 * @param missingBars     bars missing across all gaps
 * @param firstGaps       open time (ms) of the first few bars after a gap
 * @param headerLines     header lines skipped
 * @param microsecondRows rows whose times were in microseconds
 * @param shortBars       bars shorter than the interval (a trading halt's candle), kept and reported
 * @param firstShortBars  open times (ms) of the first few short bars
 * @param roundedValues   decimals with binary floating-point noise beyond 8 places, rounded to 8
 * @param filesOutside    files not read because their names date them outside the range asked for
 * @param rowsOutside     rows skipped because they open outside the range asked for
 */
public record DataReport(String symbol, int files, long rows, int bars, int duplicates, List<Long> firstDuplicates,
                         int gaps, long missingBars, List<Long> firstGaps, int headerLines, long microsecondRows,
                         int shortBars, List<Long> firstShortBars, long roundedValues, int filesOutside,
                         long rowsOutside) {
}
