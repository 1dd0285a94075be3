package dev.hft.strategies;

import dev.hft.api.Strategy;
import dev.hft.api.SimpleStrategyFactory;
import dev.hft.api.Decision;
import dev.hft.api.Action;
import dev.hft.api.PositionView;
import dev.hft.api.ParamSpec;
import dev.hft.api.Params;
import dev.hft.api.rule.CrossRule;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import dev.hft.core.Bar;
import dev.hft.core.Fixed;
import dev.hft.core.ReasonCode;
import dev.hft.api.indicator.Sma;
import java.util.List;

/**
 * Long-only fast/slow SMA crossover: enter when the fast SMA crosses above the slow one, exit when it crosses
 * below. No stops of its own. A reference strategy to compare with other tools on identical rules.
 */
public final class SmaCross implements Strategy {
    public static final String NAME = "sma-cross";

    private final Sma fast;
    private final Sma slow;
    private final CrossRule crossUp;
    private final CrossRule crossDown;
    private final int warmup;
    private final String fastName;
    private final String slowName;

    SmaCross(Params p) {
        int f = p.getInt("fast");
        int s = p.getInt("slow");
        if (f >= s) {
            throw new IllegalArgumentException("strategy " + NAME + ": fast (" + f + ") must be below slow ("
                    + s + ")");
        }
        fast = new Sma(f);
        slow = new Sma(s);
        crossUp = new CrossRule(fast, slow, true);
        crossDown = new CrossRule(fast, slow, false);
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
    public void plot(dev.hft.api.Plot plot) {
        plot.line(fastName, fast.isReady() ? fast.value() : Double.NaN);
        plot.line(slowName, slow.isReady() ? slow.value() : Double.NaN);
    }

    @Override
    public void onBar(Bar bar, PositionView position, Decision out) {
        double close = Fixed.toDouble(bar.close);
        fast.update(close);
        slow.update(close);
        crossUp.update();
        crossDown.update();
        if (position.orderPending()) {
            out.skip(ReasonCode.SKIP_IN_POSITION);
            return;
        }
        if (position.quantity() > 0) {
            if (crossDown.isSatisfied()) {
                out.exit(ReasonCode.EXIT_SMA_CROSS_DOWN);
            } else {
                out.skip(ReasonCode.SKIP_IN_POSITION);
            }
            return;
        }
        if (!slow.isReady()) {
            out.skip(ReasonCode.SKIP_WARMUP);
        } else if (crossUp.isSatisfied()) {
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

    @Override
    public void writeState(DataOutput out) throws IOException {
        fast.writeState(out);
        slow.writeState(out);
        crossUp.writeState(out);
        crossDown.writeState(out);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        fast.readState(in);
        slow.readState(in);
        crossUp.readState(in);
        crossDown.readState(in);
    }
}
