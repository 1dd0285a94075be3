package example.user;

import dev.hft.core.Bar;
import dev.hft.core.ReasonCode;
import dev.hft.api.indicator.Ema;
import dev.hft.api.Action;
import dev.hft.api.Decision;
import dev.hft.api.ParamSpec;
import dev.hft.api.Params;
import dev.hft.api.PositionView;
import dev.hft.api.Reason;
import dev.hft.api.Strategy;
import dev.hft.api.StrategyFactory;
import java.util.List;

/**
 * A multi-timeframe trend follower on 1m data: trades 15m bars (a close above the 15m EMA buys, below it sells)
 * only while the 4h trend is up (the 4h close above its EMA). The engine builds the 15m and 4h bars and hands each
 * over once complete, just before the 1m bar that closes it; this strategy decides on that 1m bar.
 *
 * <p>It also builds and trims its position: it adds once when a 15m close stands {@code addPct} above the average
 * entry (a scale-in, which the run must allow with {@code risk.maxEntries: 2}; otherwise the engine skips it), and
 * sells half when a 15m close stands {@code takePct} above it (a partial exit; the stop covers the rest).
 */
public final class TrendFilter implements Strategy {
    private static final long M15 = 15 * 60_000L;
    private static final long H4 = 240 * 60_000L;
    static final Reason ABOVE_EMA_IN_UPTREND = Reason.entry("ABOVE_EMA_IN_UPTREND",
            "15m close above its EMA while the 4h trend is up");
    static final Reason BELOW_EMA = Reason.exit("BELOW_EMA", "15m close below its EMA");
    static final Reason UPTREND_LOST = Reason.exit("UPTREND_LOST", "the 4h close fell below its EMA");
    static final Reason TREND_EXTENDS = Reason.entry("TREND_EXTENDS", "15m close addPct above the average entry");
    static final Reason TAKE_HALF = Reason.exit("TAKE_HALF", "15m close takePct above the average entry: half sold");
    private final Ema fast;
    private final Ema trend;
    private final double stopFrac;
    private final double addFrac;
    private final double takeFrac;
    private boolean halfTaken;
    private boolean uptrend;
    private boolean fresh15m;
    private double last15m;

    TrendFilter(Params p) {
        this.fast = new Ema(p.getInt("ema15m"));
        this.trend = new Ema(p.getInt("ema4h"));
        this.stopFrac = p.get("stopPct") / 100;
        this.addFrac = p.get("addPct") / 100;
        this.takeFrac = p.get("takePct") / 100;
    }

    @Override
    public String name() {
        return "trend-filter";
    }

    @Override
    public int warmupBars() {
        return 0; // the EMAs say themselves when they are ready
    }

    @Override
    public List<Long> intervals() {
        return List.of(M15, H4);
    }

    @Override
    public List<Reason> reasons() {
        return List.of(ABOVE_EMA_IN_UPTREND, TREND_EXTENDS, BELOW_EMA, UPTREND_LOST, TAKE_HALF);
    }

    @Override
    public void onBar(long intervalMs, Bar bar) {
        double close = bar.close;
        if (intervalMs == H4) {
            trend.update(close);
            uptrend = trend.isReady() && close > trend.value();
        } else {
            fast.update(close);
            last15m = close;
            fresh15m = true;
        }
    }

    /** The two averages the rule reads, on the report's price chart (they step with their longer bars). */
    @Override
    public void plot(dev.hft.api.Plot plot) {
        plot.line("EMA 15m", fast.isReady() ? fast.value() : Double.NaN);
        plot.line("EMA 4h", trend.isReady() ? trend.value() : Double.NaN);
    }

    @Override
    public void onBar(Bar bar, PositionView position, Decision out) {
        if (!fresh15m || !fast.isReady()) {
            out.skip(fast.isReady() ? ReasonCode.SKIP_NO_SIGNAL : ReasonCode.SKIP_WARMUP);
            return;
        }
        fresh15m = false; // one decision per 15m bar
        if (position.quantity() == 0) {
            halfTaken = false;
        }
        // prices: a bar's are fixed-point longs (like avgEntryPrice); the EMA holds the same units as doubles
        double gain = position.quantity() > 0 ? last15m / position.avgEntryPrice() - 1 : 0;
        if (position.orderPending()) {
            out.skip(ReasonCode.SKIP_NO_SIGNAL);
        } else if (position.quantity() == 0 && uptrend && last15m > fast.value()) {
            out.enter(Action.ENTER_LONG, ABOVE_EMA_IN_UPTREND, 1, stopFrac, 0);
        } else if (position.quantity() > 0 && (last15m < fast.value() || !uptrend)) {
            out.exit(uptrend ? BELOW_EMA : UPTREND_LOST);
        } else if (position.quantity() > 0 && !halfTaken && gain >= takeFrac) {
            halfTaken = true;
            out.exitPart(0.5, TAKE_HALF);
        } else if (position.quantity() > 0 && position.entries() == 1 && !halfTaken && gain >= addFrac) {
            out.enter(Action.ENTER_LONG, TREND_EXTENDS, 1, stopFrac, 0);
        } else {
            out.skip(ReasonCode.SKIP_NO_SIGNAL);
        }
    }

    /** Found through META-INF/services. */
    public static final class Factory implements StrategyFactory {
        @Override
        public String name() {
            return "trend-filter";
        }

        @Override
        public String description() {
            return "15m EMA trend following, only while the 4h trend is up (multi-timeframe)";
        }

        @Override
        public List<ParamSpec> params() {
            return List.of(
                    ParamSpec.integer("ema15m", 20, 2, 500, "EMA of the 15m closes").search(10, 40, 10),
                    ParamSpec.integer("ema4h", 10, 2, 500, "EMA of the 4h closes (the trend filter)"),
                    ParamSpec.real("stopPct", 2, 0.1, 20, "protective stop below the entry, percent"),
                    ParamSpec.real("addPct", 0.5, 0.05, 20, "add once at this gain over the average entry, percent"),
                    ParamSpec.real("takePct", 1.5, 0.1, 50, "sell half at this gain over the average entry, percent"));
        }

        @Override
        public Strategy create(Params params) {
            return new TrendFilter(params);
        }
    }
}
