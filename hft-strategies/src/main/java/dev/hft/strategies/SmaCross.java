package dev.hft.strategies;

import dev.hft.api.Strategy;
import dev.hft.api.SimpleStrategyFactory;
import dev.hft.api.Decision;
import dev.hft.api.Action;
import dev.hft.api.PositionView;
import dev.hft.api.ParamSpec;
import dev.hft.api.Params;
import dev.hft.api.EntryScreen;
import dev.hft.api.StrategyContext;
import dev.hft.api.series.Input;
import dev.hft.api.series.Series;
import dev.hft.api.series.SeriesSpec;

import java.io.DataInput;
import java.io.DataOutput;

import dev.hft.core.Bar;
import dev.hft.core.ReasonCode;
import java.util.List;

/**
 * Long-only fast/slow SMA crossover: enter when the fast SMA crosses above the slow one, exit when it crosses
 * below. No stops of its own. A reference strategy to compare with other tools on identical rules.
 */
public final class SmaCross implements Strategy {
    public static final String NAME = "sma-cross";

    private final int fastPeriod;
    private final int slowPeriod;
    private final int warmup;
    private final String fastName;
    private final String slowName;
    /** The two averages of the closes, computed by the engine (shared between the trials of a search). */
    private Series fast;
    private Series slow;

    SmaCross(Params p) {
        int f = p.getInt("fast");
        int s = p.getInt("slow");
        if (f >= s) {
            throw new IllegalArgumentException("strategy " + NAME + ": fast (" + f + ") must be below slow ("
                    + s + ")");
        }
        fastPeriod = f;
        slowPeriod = s;
        warmup = s + 1; // a cross needs two ready bars
        fastName = "SMA " + f;
        slowName = "SMA " + s;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int warmupBars() {
        return warmup;
    }

    @Override
    public void onStart(StrategyContext context) {
        fast = context.series(SeriesSpec.sma(Input.CLOSE, fastPeriod));
        slow = context.series(SeriesSpec.sma(Input.CLOSE, slowPeriod));
    }

    /** Flat, it can only enter where the fast average crosses above the slow one. */
    @Override
    public EntryScreen entryScreen() {
        return instrument -> Series.crossedAbove(fast, slow);
    }

    /** Held, it acts only where the averages cross down. */
    @Override
    public dev.hft.api.HoldScreen holdScreen() {
        return (instrument, position) -> Series.crossedBelow(fast, slow);
    }

    @Override
    public void plot(dev.hft.api.Plot plot) {
        plot.line(fastName, fast.value());
        plot.line(slowName, slow.value());
    }

    @Override
    public void onBar(Bar bar, PositionView position, Decision out) {
        if (position.orderPending()) {
            out.skip(ReasonCode.SKIP_IN_POSITION);
            return;
        }
        if (position.quantity() > 0) {
            if (Series.crossedBelow(fast, slow)) {
                out.exit(ReasonCode.EXIT_SMA_CROSS_DOWN);
            } else {
                out.skip(ReasonCode.SKIP_IN_POSITION);
            }
            return;
        }
        if (Double.isNaN(slow.value())) {
            out.skip(ReasonCode.SKIP_WARMUP);
        } else if (Series.crossedAbove(fast, slow)) {
            out.enter(Action.ENTER_LONG, ReasonCode.ENTRY_SMA_CROSS_UP, 1.0, 0, 0);
        } else {
            out.skip(ReasonCode.SKIP_NO_SIGNAL);
        }
    }

    /** Registry entry. */
    public static final class Factory extends SimpleStrategyFactory {
        private static final List<ParamSpec> PARAMS = List.of(
                ParamSpec.integer("fast", 10, 1, 100_000, "fast SMA period (bars)").search(5, 50, 5),
                ParamSpec.integer("slow", 30, 2, 100_000, "slow SMA period (bars)").search(20, 200, 20));

        public Factory() {
            super(NAME, "long-only fast/slow SMA crossover (reference strategy)",
                    PARAMS, SmaCross::new);
        }
    }

    /** No state of its own: the averages are the engine's series, saved with the engine. */
    @Override
    public void writeState(DataOutput out) {
    }

    @Override
    public void readState(DataInput in) {
    }
}
