package dev.hft.backtest.synth;

import java.util.Locale;

/**
 * Starting level and size of a synthetic market, close to the real one at the start of 2024 (BTCUSDT and
 * ETHUSDT levels and per-minute volumes match the shared Binance January 2024 files in magnitude).
 *
 * @param symbol            symbol
 * @param startPrice        first open
 * @param baseVolume        typical base-asset volume of one 1-minute bar
 * @param minuteVolatility  typical standard deviation of a 1-minute log return
 */
public record SymbolProfile(String symbol, double startPrice, double baseVolume, double minuteVolatility) {

    /** The built-in profile of a symbol, or a generic one for an unknown symbol. */
    public static SymbolProfile of(String symbol) {
        return switch (symbol.toUpperCase(Locale.ROOT)) {
            case "BTCUSDT" -> new SymbolProfile("BTCUSDT", 42_000, 30, 0.0007);
            case "ETHUSDT" -> new SymbolProfile("ETHUSDT", 2_300, 400, 0.0009);
            case "BNBUSDT" -> new SymbolProfile("BNBUSDT", 310, 900, 0.0009);
            case "SOLUSDT" -> new SymbolProfile("SOLUSDT", 100, 8_000, 0.0013);
            default -> new SymbolProfile(symbol.toUpperCase(Locale.ROOT), 100, 1_000, 0.001);
        };
    }
}
