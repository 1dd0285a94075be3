package dev.hft.engine.market;

import dev.hft.core.Bar;
import dev.hft.core.ReasonCode;
import dev.hft.engine.cost.MarketStats;
import dev.hft.engine.sanitizer.Sanitizer;

/**
 * The market stage as the bars arrive: the {@link Sanitizer} checks each bar and the instrument's {@link MarketStats}
 * (the cost model's own instances) take in the accepted ones. What backtest, paper, live and replay run.
 */
public final class StreamingMarket implements MarketStage {
    private final Sanitizer sanitizer;
    private final MarketStats[] stats;

    /** @param stats by instrument index: the same instances the cost model reads */
    public StreamingMarket(Sanitizer sanitizer, MarketStats[] stats) {
        this.sanitizer = sanitizer;
        this.stats = stats.clone();
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
    }

    @Override
    public ReasonCode entryBlock(int i) {
        return sanitizer.entryBlock(i, stats[i].spreadBps());
    }
}
