package dev.hft.engine.market;

import dev.hft.api.series.Series;
import dev.hft.api.series.SeriesSet;
import dev.hft.api.series.SeriesSpec;
import dev.hft.core.Bar;
import dev.hft.core.ReasonCode;
import dev.hft.engine.cost.MarketStats;
import dev.hft.engine.sanitizer.Sanitizer;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The market stage as the bars arrive: the {@link Sanitizer} checks each bar, and the instrument's {@link MarketStats}
 * (the cost model's own instances) and the strategies' series ({@link SeriesSet}) take in the accepted ones. What
 * backtest, paper, live and replay run.
 */
public final class StreamingMarket implements MarketStage {
    private final Sanitizer sanitizer;
    private final MarketStats[] stats;
    private final SeriesSet[] series;

    /** @param stats by instrument index: the same instances the cost model reads */
    public StreamingMarket(Sanitizer sanitizer, MarketStats[] stats) {
        this.sanitizer = sanitizer;
        this.stats = stats.clone();
        this.series = new SeriesSet[stats.length];
        for (int i = 0; i < series.length; i++) {
            series[i] = new SeriesSet();
        }
    }

    @Override
    public ReasonCode check(Bar bar, long nowMs) {
        return sanitizer.onBar(bar, nowMs);
    }

    @Override
    public boolean confirmedMove() {
        return sanitizer.confirmedMove();
    }

    @Override
    public void measure(Bar bar) {
        stats[bar.instrument].update(bar);
        series[bar.instrument].next(bar);
    }

    @Override
    public ReasonCode entryBlock(int i) {
        return sanitizer.entryBlock(i, stats[i].spreadBps());
    }

    @Override
    public Series series(int i, SeriesSpec spec) {
        return series[i].series(spec);
    }

    /** The keys of instrument {@code i}'s series, in the order they were asked for. */
    public java.util.List<String> seriesKeys(int i) {
        return series[i].keys();
    }

    /** Every series' state, instrument by instrument in the order they were asked for (the engine's snapshot). */
    public void writeState(DataOutput out) throws IOException {
        for (SeriesSet s : series) {
            s.writeState(out);
        }
    }

    /** Reads what {@link #writeState} wrote into a stage whose strategies asked for the same series. */
    public void readState(DataInput in) throws IOException {
        for (SeriesSet s : series) {
            s.readState(in);
        }
    }
}
