package dev.hft.engine.tca;

import dev.hft.core.Bar;
import dev.hft.core.Fill;
import dev.hft.core.Instrument;
import dev.hft.core.Order;
import dev.hft.core.OrderType;
import dev.hft.engine.EngineListener;
import dev.hft.engine.cost.CostEstimate;
import dev.hft.engine.cost.CostModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Transaction cost analysis as an event-bus observer: records the pre-trade estimate of every order when it is
 * submitted (from the same {@link CostModel} the simulated exchange fills with), its arrival price, its fills,
 * and the markouts 1, 5 and 15 bars after the fill. Definitions in {@link TcaRecord}. Post-trade only: nothing
 * here feeds a decision, so looking at later bars for markouts is not look-ahead.
 */
public final class Tca implements EngineListener {
    /** Markout horizons in bars. */
    public static final int[] MARKOUT_BARS = {1, 5, 15};

    private final CostModel costs;
    private final Instrument[] instruments;
    private final Map<String, TcaRecord> byId = new HashMap<>();
    private final List<TcaRecord> records = new ArrayList<>();
    private final List<List<TcaRecord>> awaitingArrival = new ArrayList<>();
    private final List<List<TcaRecord>> awaitingMarkout = new ArrayList<>();

    public Tca(CostModel costs, Instrument[] instruments) {
        this.costs = costs;
        this.instruments = instruments;
        for (int i = 0; i < instruments.length; i++) {
            awaitingArrival.add(new ArrayList<>());
            awaitingMarkout.add(new ArrayList<>());
        }
    }

    @Override
    public void onOrderSubmitted(Order o) {
        long ref = o.type == OrderType.MARKET ? o.decisionPrice : o.type == OrderType.LIMIT ? o.price : o.triggerPrice;
        CostEstimate e = o.type == OrderType.LIMIT
                ? new CostEstimate(costs.estimate(o.instrument, instruments[o.instrument], o.side, ref, o.quantity)
                        .feeBps(), 0, 0)
                : costs.estimate(o.instrument, instruments[o.instrument], o.side, ref, o.quantity);
        TcaRecord r = new TcaRecord(o, e);
        byId.put(o.clientOrderId, r);
        if (o.type == OrderType.MARKET) {
            awaitingArrival.get(o.instrument).add(r);
        } else {
            r.arrivalPrice = ref;
        }
    }

    @Override
    public void onBar(Bar bar) {
        List<TcaRecord> arriving = awaitingArrival.get(bar.instrument);
        for (int k = 0; k < arriving.size(); k++) {
            arriving.get(k).arrivalPrice = bar.open;
        }
        arriving.clear();
        List<TcaRecord> marking = awaitingMarkout.get(bar.instrument);
        for (int k = marking.size() - 1; k >= 0; k--) {
            TcaRecord r = marking.get(k);
            r.barsSinceFill++;
            for (int h = 0; h < MARKOUT_BARS.length; h++) {
                if (r.barsSinceFill == MARKOUT_BARS[h]) {
                    long fill = r.avgFillPrice();
                    r.markoutBps[h] = r.order.side.sign() * (double) (bar.close - fill) / fill * 10_000;
                }
            }
            if (r.barsSinceFill >= MARKOUT_BARS[MARKOUT_BARS.length - 1]) {
                marking.remove(k);
            }
        }
    }

    @Override
    public void onFill(Order order, Fill fill) {
        TcaRecord r = byId.get(order.clientOrderId);
        if (r == null) {
            return;
        }
        if (r.arrivalPrice == 0) {
            // filled before any later bar: an immediate fill (close model) arrives at the decision price
            r.arrivalPrice = r.decisionPrice();
            awaitingArrival.get(order.instrument).remove(r);
        }
        if (!r.filled()) {
            records.add(r);
            r.fillTimeMs = fill.timeMs();
            awaitingMarkout.get(order.instrument).add(r);
        }
        r.filledQty += fill.quantity();
        r.filledNotional += dev.hft.core.Fixed.mul(fill.price(), fill.quantity());
        r.fee += fill.fee();
    }

    /** Filled orders in fill order. */
    public List<TcaRecord> records() {
        return records;
    }

    /** Means over filled orders, for metrics.json and the console (NaN-free: markouts average what exists). */
    public Map<String, Object> summary() {
        Map<String, Object> s = new LinkedHashMap<>();
        int n = records.size();
        s.put("orders", n);
        double[] sums = new double[8];
        int[] markouts = new int[MARKOUT_BARS.length];
        for (TcaRecord r : records) {
            sums[0] += r.estimate.totalBps();
            sums[1] += r.delayBps();
            sums[2] += r.spreadBps();
            sums[3] += r.slippageBps();
            sums[4] += r.feeBps();
            sums[5] += r.shortfallDecisionBps();
            sums[6] += r.shortfallArrivalBps();
            sums[7] += Math.abs(r.estimateErrorBps());
            for (int h = 0; h < MARKOUT_BARS.length; h++) {
                if (!Double.isNaN(r.markoutBps[h])) {
                    markouts[h]++;
                }
            }
        }
        String[] names = {"avgEstimatedBps", "avgDelayBps", "avgSpreadBps", "avgSlippageBps", "avgFeeBps",
            "avgShortfallVsDecisionBps", "avgShortfallVsArrivalBps", "avgAbsEstimateErrorBps"};
        for (int k = 0; k < names.length; k++) {
            s.put(names[k], n == 0 ? 0.0 : sums[k] / n);
        }
        for (int h = 0; h < MARKOUT_BARS.length; h++) {
            double m = 0;
            for (TcaRecord r : records) {
                if (!Double.isNaN(r.markoutBps[h])) {
                    m += r.markoutBps[h];
                }
            }
            s.put("avgMarkout" + MARKOUT_BARS[h] + "Bps", markouts[h] == 0 ? 0.0 : m / markouts[h]);
        }
        return s;
    }
}
