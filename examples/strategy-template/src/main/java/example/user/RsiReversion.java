package example.user;

import dev.hft.core.Bar;
import dev.hft.core.Fixed;
import dev.hft.core.ReasonCode;
import dev.hft.api.Action;
import dev.hft.api.Decision;
import dev.hft.api.ParamSpec;
import dev.hft.api.Params;
import dev.hft.api.PositionView;
import dev.hft.api.Reason;
import dev.hft.api.Strategy;
import dev.hft.api.SimpleStrategyFactory;
import java.util.List;

/**
 * RSI mean reversion: when the RSI of the closes falls below {@code oversold}, rests a limit buy a little below the
 * close for a few bars; sells when the RSI rises above {@code exitAbove}. Entries carry a protective stop and a
 * take-profit (the engine places them as one bracket when the entry fills).
 * Wilder's RSI, updated in O(1) per bar with no allocation: the engine calls onBar on every closed bar.
 */
public final class RsiReversion implements Strategy {
    // its own reason codes: reasons.csv, trades.csv, the journal and the dashboard name trades by them
    static final Reason OVERSOLD = Reason.entry("RSI_OVERSOLD", "RSI fell below the oversold level");
    static final Reason RECOVERED = Reason.exit("RSI_RECOVERED", "RSI rose back above the exit level");
    private final int period;
    private final double oversold;
    private final double exitAbove;
    private final double stopFrac;
    private final double takeProfitFrac;
    private final double limitOffset;
    private final int limitBars;
    private long previous;
    private int seen;
    private double avgGain;
    private double avgLoss;

    RsiReversion(Params p) {
        this.period = p.getInt("period");
        this.oversold = p.get("oversold");
        this.exitAbove = p.get("exitAbove");
        this.stopFrac = p.get("stopPct") / 100;
        this.takeProfitFrac = p.get("takeProfitPct") / 100;
        this.limitOffset = p.get("limitOffsetPct") / 100;
        this.limitBars = p.getInt("limitBars");
    }

    @Override
    public String name() {
        return "rsi-reversion";
    }

    @Override
    public int warmupBars() {
        return period + 1;
    }

    @Override
    public List<Reason> reasons() {
        return List.of(OVERSOLD, RECOVERED);
    }

    @Override
    public void onBar(Bar bar, PositionView position, Decision out) {
        if (previous > 0) {
            double change = (double) (bar.close - previous);
            double gain = Math.max(change, 0);
            double loss = Math.max(-change, 0);
            seen++;
            if (seen <= period) { // a plain mean over the first period, then Wilder's smoothing
                avgGain += (gain - avgGain) / seen;
                avgLoss += (loss - avgLoss) / seen;
            } else {
                avgGain = (avgGain * (period - 1) + gain) / period;
                avgLoss = (avgLoss * (period - 1) + loss) / period;
            }
        }
        previous = bar.close;
        if (seen < period) {
            out.skip(ReasonCode.SKIP_WARMUP);
            return;
        }
        double rsi = avgLoss == 0 ? 100 : 100 - 100 / (1 + avgGain / avgLoss);
        if (position.quantity() == 0 && !position.orderPending() && rsi < oversold) {
            out.enter(Action.ENTER_LONG, OVERSOLD, 1, stopFrac, takeProfitFrac);
            if (limitOffset > 0) { // a limit below the close: buy the dip a little deeper, as a maker, or not at all
                out.limit(Fixed.toDouble(bar.close) * (1 - limitOffset), limitBars);
            }
        } else if (position.quantity() > 0 && rsi > exitAbove) {
            out.exit(RECOVERED);
        } else {
            out.skip(ReasonCode.SKIP_NO_SIGNAL);
        }
    }

    /**
     * What hft finds through META-INF/services: the name, the parameters and how to make the strategy
     * ({@code TrendFilter} shows the same written out against {@code StrategyFactory}).
     */
    public static final class Factory extends SimpleStrategyFactory {
        public Factory() {
            super("rsi-reversion", "RSI mean reversion with a bracket (stop and take-profit)", List.of(
                    ParamSpec.integer("period", 14, 2, 100, "RSI period in bars").search(7, 28, 7),
                    ParamSpec.real("oversold", 25, 1, 50, "buy below this RSI").search(15, 35, 5),
                    ParamSpec.real("exitAbove", 55, 30, 99, "sell above this RSI"),
                    ParamSpec.real("stopPct", 1.5, 0.1, 20, "protective stop below the entry, percent"),
                    ParamSpec.real("takeProfitPct", 2.0, 0, 50, "take-profit above the entry, percent (0 none)"),
                    ParamSpec.real("limitOffsetPct", 0.05, 0, 5, "limit entry this far below the close, percent "
                            + "(0: at market)"),
                    ParamSpec.integer("limitBars", 5, 1, 1_000, "bars the limit entry waits before it is canceled")),
                    RsiReversion::new);
        }
    }
}
