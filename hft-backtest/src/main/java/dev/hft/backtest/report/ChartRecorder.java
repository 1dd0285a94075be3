package dev.hft.backtest.report;

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
    /** One plotted line of one instrument: times (bar open, ms) and values, in the order plotted. */
    public static final class Line {
        private long[] t = new long[1024];
        private double[] v = new double[1024];
        private int n;

        void add(long time, double value) {
            if (n == t.length) {
                t = Arrays.copyOf(t, n * 2);
                v = Arrays.copyOf(v, n * 2);
            }
            t[n] = time;
            v[n++] = value;
        }

        public int size() {
            return n;
        }

        public long time(int i) {
            return t[i];
        }

        public double value(int i) {
            return v[i];
        }
    }

    /** A protective order the engine placed: a stop ({@code target} false) or a take-profit, at a price. */
    public record Level(long timeMs, boolean target, double price) {
    }

    private final List<Map<String, Line>> lines = new ArrayList<>();
    private final List<List<Level>> levels = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    public ChartRecorder(int instruments) {
        for (int i = 0; i < instruments; i++) {
            lines.add(new LinkedHashMap<>());
            levels.add(new ArrayList<>());
        }
    }

    @Override
    public void line(int instrument, long openTimeMs, String name, double value) {
        lines.get(instrument).computeIfAbsent(name, k -> new Line()).add(openTimeMs, value);
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

    /** The lines of {@code instrument} by name, in the order first plotted. */
    public Map<String, Line> lines(int instrument) {
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
