package example.user;

import dev.hft.api.Action;
import dev.hft.api.Decision;
import dev.hft.api.ParamSpec;
import dev.hft.api.Params;
import dev.hft.api.PositionView;
import dev.hft.api.Reason;
import dev.hft.api.SimpleStrategyFactory;
import dev.hft.api.Strategy;
import dev.hft.api.StrategyContext;
import dev.hft.api.indicator.Bollinger;
import dev.hft.core.Bar;
import dev.hft.core.Fixed;
import dev.hft.core.ReasonCode;
import java.util.List;

/**
 * Ratio reversion on two instruments (run it on BTCUSDT and ETHUSDT): when the log ratio of the second's close to
 * the first's strays {@code entryZ} standard deviations from its rolling mean, sell the rich leg and buy the cheap
 * one; close both when the ratio is back within {@code exitZ}. A portfolio strategy: one instance sees both
 * instruments' bars and decides for both (the second's bar of each minute, once both closes of that minute are
 * known). Each leg carries its own protective stop.
 */
public final class PairRatio implements Strategy {
    static final Reason RICH = Reason.entry("RATIO_RICH", "second leg rich against the first: sell it, buy the first");
    static final Reason CHEAP = Reason.entry("RATIO_CHEAP", "second leg cheap against the first: buy it, sell the first");
    static final Reason BACK = Reason.exit("RATIO_BACK", "the ratio came back within the exit band");
    private final Bollinger ratio;
    private final double entryZ;
    private final double exitZ;
    private final double stopFrac;
    private StrategyContext ctx;
    private long firstClose;
    private long firstOpenTime = -1;

    PairRatio(Params p) {
        this.ratio = new Bollinger(p.getInt("window"), 2);
        this.entryZ = p.get("entryZ");
        this.exitZ = p.get("exitZ");
        this.stopFrac = p.get("stopPct") / 100;
    }

    @Override
    public String name() {
        return "pair-ratio";
    }

    @Override
    public int warmupBars() {
        return 0; // the rolling window says itself when it is ready
    }

    @Override
    public boolean portfolio() {
        return true;
    }

    @Override
    public List<Reason> reasons() {
        return List.of(RICH, CHEAP, BACK);
    }

    @Override
    public void onStart(StrategyContext context) {
        if (context.instruments().size() != 2) {
            throw new IllegalStateException("pair-ratio trades exactly two instruments, got "
                    + context.instruments().size() + ": give two --symbol (or --data)");
        }
        this.ctx = context;
    }

    @Override
    public void onBar(Bar bar, PositionView position, Decision out) {
        if (bar.instrument == 0) { // the first leg: remember its close; decide on the second's bar of this minute
            firstClose = bar.close;
            firstOpenTime = bar.openTimeMs;
            out.skip(ReasonCode.SKIP_NO_SIGNAL);
            return;
        }
        if (bar.openTimeMs != firstOpenTime) {
            out.skip(ReasonCode.SKIP_NO_SIGNAL); // the first leg has no bar for this minute
            return;
        }
        ratio.update(Math.log(Fixed.toDouble(bar.close) / Fixed.toDouble(firstClose)));
        if (!ratio.isReady()) {
            out.skip(ReasonCode.SKIP_WARMUP);
            return;
        }
        double z = ratio.zScore();
        PositionView first = ctx.position(0);
        boolean flat = position.quantity() == 0 && first.quantity() == 0;
        boolean busy = position.orderPending() || first.orderPending();
        Decision firstLeg = ctx.decision(0);
        if (flat && !busy && z > entryZ) {
            out.enter(Action.ENTER_SHORT, RICH, 1, stopFrac, 0).sizeFraction(0.05);
            firstLeg.enter(Action.ENTER_LONG, RICH, 1, stopFrac, 0).sizeFraction(0.05);
        } else if (flat && !busy && z < -entryZ) {
            out.enter(Action.ENTER_LONG, CHEAP, 1, stopFrac, 0).sizeFraction(0.05);
            firstLeg.enter(Action.ENTER_SHORT, CHEAP, 1, stopFrac, 0).sizeFraction(0.05);
        } else if (!flat && Math.abs(z) < exitZ) {
            if (position.quantity() != 0) {
                out.exit(BACK);
            }
            if (first.quantity() != 0) {
                firstLeg.exit(BACK);
            }
        } else {
            out.skip(ReasonCode.SKIP_NO_SIGNAL);
        }
    }

    /** Found through META-INF/services. */
    public static final class Factory extends SimpleStrategyFactory {
        public Factory() {
            super("pair-ratio", "ratio reversion of two instruments (a portfolio strategy)", List.of(
                    ParamSpec.integer("window", 240, 10, 100_000, "bars of the ratio's rolling mean and deviation")
                            .search(120, 480, 120),
                    ParamSpec.real("entryZ", 2.5, 0.5, 10, "enter beyond this many standard deviations")
                            .search(2, 3, 0.5),
                    ParamSpec.real("exitZ", 0.5, 0, 5, "exit within this many standard deviations"),
                    ParamSpec.real("stopPct", 3, 0.1, 50, "protective stop of each leg, percent")),
                    PairRatio::new);
        }
    }
}
