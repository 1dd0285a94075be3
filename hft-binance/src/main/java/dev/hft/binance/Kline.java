package dev.hft.binance;

/**
 * One closed kline as Binance sends it (stream {@code k} object with {@code x == true}, or a REST row), prices and
 * quantities fixed-point.
 *
 * @param symbol       upper-case symbol
 * @param openTimeMs   kline start
 * @param closeTimeMs  kline close (start + interval - 1)
 * @param eventTimeMs  the stream event's time ({@code E}); for REST rows the close time
 */
public record Kline(String symbol, long openTimeMs, long closeTimeMs, long open, long high, long low, long close,
                    long volume, long quoteVolume, long trades, long takerBuyVolume, long eventTimeMs) {
    /** The engine's bar of this kline for instrument {@code instrument}, received at {@code receiveMs}. */
    public dev.hft.core.Bar toBar(int instrument, long receiveMs) {
        dev.hft.core.Bar b = new dev.hft.core.Bar().set(instrument, openTimeMs, closeTimeMs, open, high, low, close,
                volume);
        b.quoteVolume = quoteVolume;
        b.trades = trades;
        b.takerBuyVolume = takerBuyVolume;
        b.receiveTimeMs = receiveMs;
        return b;
    }
}
