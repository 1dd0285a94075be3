package dev.hft.api.series;

import dev.hft.core.Bar;
import dev.hft.core.Fixed;

/** Which number of a bar a series reads, as a double (prices in the quote asset, volume in the base asset). */
public enum Input {
    OPEN, HIGH, LOW, CLOSE, VOLUME;

    /** This input of {@code bar}. */
    public double of(Bar bar) {
        return Fixed.toDouble(switch (this) {
            case OPEN -> bar.open;
            case HIGH -> bar.high;
            case LOW -> bar.low;
            case CLOSE -> bar.close;
            case VOLUME -> bar.volume;
        });
    }
}
