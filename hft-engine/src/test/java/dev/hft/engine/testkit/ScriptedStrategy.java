package dev.hft.engine.testkit;

import dev.hft.core.Bar;
import dev.hft.core.ReasonCode;
import dev.hft.api.Action;
import dev.hft.api.Decision;
import dev.hft.api.PositionView;
import dev.hft.api.Strategy;

/**
 * A strategy a test drives by hand: on the next bar it does what {@link #next} says (then nothing), with the
 * configured reason, confidence and exit distances. Shared by the engine, simulator and integration tests.
 */
public final class ScriptedStrategy implements Strategy {
    public Action next = Action.NONE;
    public ReasonCode reason;
    public double confidence = 1;
    public double stop;
    public double takeProfit;

    public ScriptedStrategy exits(double stopFrac, double takeProfitFrac) {
        this.stop = stopFrac;
        this.takeProfit = takeProfitFrac;
        return this;
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public int warmupBars() {
        return 0;
    }

    @Override
    public void onBar(Bar bar, PositionView position, Decision out) {
        if (next == Action.EXIT) {
            out.exit(ReasonCode.EXIT_SIGNAL);
        } else if (next != Action.NONE) {
            ReasonCode why = reason != null ? reason
                    : next == Action.ENTER_LONG ? ReasonCode.ENTRY_LIQ_LONG : ReasonCode.ENTRY_LIQ_SHORT;
            out.enter(next, why, confidence, stop, takeProfit);
        } else {
            out.skip(ReasonCode.SKIP_NO_SIGNAL);
        }
        next = Action.NONE;
    }
}
