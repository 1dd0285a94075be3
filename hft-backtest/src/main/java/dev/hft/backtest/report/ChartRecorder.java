package dev.hft.backtest.report;

import dev.hft.backtest.data.BarSeries;
import dev.hft.core.Fixed;
import dev.hft.core.Order;
import dev.hft.core.OrderType;
import dev.hft.engine.EngineListener;
import dev.hft.engine.PlotSink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a backtest's price chart needs beyond the bars and trades: the lines each strategy plots
 * ({@link dev.hft.api.Strategy#plot}) and the protective stop and take-profit levels the engine places. Attach it
 * with {@link dev.hft.engine.TradingEngine#plotTo} and as an engine listener; it only records (on the engine thread,
 * no I/O), so the decisions are the same with or without it.
 */
public final class ChartRecorder implements PlotSink, EngineListener {
    private final List<BarSeries> series;
    /** Per instrument, each line's values by bar index of its series (NaN: not plotted); float: 4 bytes a bar. */
    private final List<Map<String, float[]>> lines = new ArrayList<>();
    /** Per instrument, the index of the last bar a value was placed at (bars come in time order). */
    private final int[] cursor;

    /** A protective order the engine placed: a stop ({@code target} false) or a take-profit, at a price. */
    public record Level(long timeMs, boolean target, double price) {
    }

    private final List<List<Level>> levels = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    /**
     * A recorder for a run over {@code series} (one per instrument, in the run's order): each line takes 4 bytes a
     * bar of its instrument, allocated when first plotted (a year of 1-minute bars: 2 MB a line).
     */
    public ChartRecorder(List<BarSeries> series) {
        this.series = List.copyOf(series);
        this.cursor = new int[series.size()];
        for (int i = 0; i < series.size(); i++) {
            lines.add(new LinkedHashMap<>());
            levels.add(new ArrayList<>());
        }
    }

    @Override
    public void line(int instrument, long openTimeMs, String name, double value) {
        BarSeries s = series.get(instrument);
        int k = cursor[instrument];
        while (k < s.size() && s.openTime(k) < openTimeMs) {
            k++;
        }
        while (k > 0 && s.openTime(k - 1) >= openTimeMs) { // not expected (bars come in time order), but safe
            k--;
        }
        cursor[instrument] = k;
        if (k == s.size() || s.openTime(k) != openTimeMs) {
            return; // a bar the series does not have: nothing to draw it on
        }
        float[] v = lines.get(instrument).get(name);
        if (v == null) {
            v = new float[s.size()];
            Arrays.fill(v, Float.NaN);
            lines.get(instrument).put(name, v);
        }
        v[k] = (float) value;
    }

    @Override
    public void failed(int instrument, String failure) {
        failures.add(failure);
    }

    @Override
    public void onOrderSubmitted(Order order) {
        if (!order.reduceOnly) {
            return;
        }
        if (order.type == OrderType.STOP_MARKET) {
            levels.get(order.instrument).add(new Level(order.decisionTimeMs, false,
                    Fixed.toDouble(order.triggerPrice)));
        } else if (order.type == OrderType.LIMIT) {
            levels.get(order.instrument).add(new Level(order.decisionTimeMs, true, Fixed.toDouble(order.price)));
        }
    }

    /**
     * The lines of {@code instrument} by name, in the order first plotted: values by bar index of its series, NaN
     * where nothing was plotted.
     */
    public Map<String, float[]> lines(int instrument) {
        return lines.get(instrument);
    }

    /** The protective levels of {@code instrument}, in the order placed. */
    public List<Level> levels(int instrument) {
        return levels.get(instrument);
    }

    /** Plotting failures in words (the strategies that threw in {@code plot} and stopped drawing). */
    public List<String> failures() {
        return failures;
    }
}
