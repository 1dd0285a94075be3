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
import dev.hft.api.EntryScreen;
import dev.hft.api.StrategyContext;
import dev.hft.api.series.BarFunction;
import dev.hft.api.series.Series;
import dev.hft.api.series.SeriesSpec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * RSI mean reversion: when the RSI of the closes falls below {@code oversold}, rests a limit buy a little below the
 * close for a few bars; sells when the RSI rises above {@code exitAbove}. Entries carry a protective stop and a
 * take-profit (the engine places them as one bracket when the entry fills).
 *
 * <p>The RSI is a series of its own ({@link WilderRsi}): the engine computes it on every bar, and an optimizer
 * computes it once per period for all its trials. The strategy keeps no state, so it needs no snapshot code, and it
 * offers an entry screen (the RSI below {@code oversold}), so a search skips it on the bars where it is flat and could
 * not buy.
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
    private Series rsi;

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
    public void onStart(StrategyContext context) {
        // the key names everything the values depend on: the computation and its period
        rsi = context.series(SeriesSpec.of("example.wilder-rsi(close," + period + ")", () -> new WilderRsi(period)));
    }

    /** Flat, it buys only below the oversold level (NaN during warm-up is not below it). */
    @Override
    public EntryScreen entryScreen() {
        return instrument -> rsi.value() < oversold;
    }

    @Override
    public void onBar(Bar bar, PositionView position, Decision out) {
        double r = rsi.value();
        if (Double.isNaN(r)) {
            out.skip(ReasonCode.SKIP_WARMUP);
            return;
        }
        if (position.quantity() == 0 && !position.orderPending() && r < oversold) {
            out.enter(Action.ENTER_LONG, OVERSOLD, 1, stopFrac, takeProfitFrac);
            if (limitOffset > 0) { // a limit below the close: buy the dip a little deeper, as a maker, or not at all
                out.limit(Fixed.toDouble(bar.close) * (1 - limitOffset), limitBars);
            }
        } else if (position.quantity() > 0 && r > exitAbove) {
            out.exit(RECOVERED);
        } else {
            out.skip(ReasonCode.SKIP_NO_SIGNAL);
        }
    }

    /** No state of its own: the RSI is a series, which the engine saves with its snapshot. */
    @Override
    public void writeState(DataOutput out) {
    }

    @Override
    public void readState(DataInput in) {
    }

    /**
     * Wilder's RSI of the closes in fixed-point steps, O(1) per bar with no allocation: a plain mean of gains and
     * losses over the first {@code period} changes, then Wilder's smoothing. NaN until {@code period} changes.
     */
    static final class WilderRsi implements BarFunction {
        private final int period;
        private long previous;
        private int seen;
        private double avgGain;
        private double avgLoss;

        WilderRsi(int period) {
            this.period = period;
        }

        @Override
        public double next(Bar bar) {
            if (previous > 0) {
                double change = (double) (bar.close - previous);
                double gain = Math.max(change, 0);
                double loss = Math.max(-change, 0);
                seen++;
                if (seen <= period) {
                    avgGain += (gain - avgGain) / seen;
                    avgLoss += (loss - avgLoss) / seen;
                } else {
                    avgGain = (avgGain * (period - 1) + gain) / period;
                    avgLoss = (avgLoss * (period - 1) + loss) / period;
                }
            }
            previous = bar.close;
            if (seen < period) {
                return Double.NaN;
            }
            return avgLoss == 0 ? 100 : 100 - 100 / (1 + avgGain / avgLoss);
        }

        @Override
        public void writeState(DataOutput out) throws IOException {
            out.writeLong(previous);
            out.writeInt(seen);
            out.writeDouble(avgGain);
            out.writeDouble(avgLoss);
        }

        @Override
        public void readState(DataInput in) throws IOException {
            previous = in.readLong();
            seen = in.readInt();
            avgGain = in.readDouble();
            avgLoss = in.readDouble();
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
