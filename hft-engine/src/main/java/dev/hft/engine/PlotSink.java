package dev.hft.engine;

/** Receives the strategies' plotted lines ({@link dev.hft.api.Strategy#plot}) with their instrument and bar time. */
public interface PlotSink {
    /** Line {@code name} of {@code instrument} at the bar opened at {@code openTimeMs} (ms) is {@code value}. */
    void line(int instrument, long openTimeMs, String name, double value);

    /** The strategy of {@code instrument} threw while plotting; its lines end here ({@code failure} in words). */
    default void failed(int instrument, String failure) {
    }
}
