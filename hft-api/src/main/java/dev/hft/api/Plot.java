package dev.hft.api;

/**
 * Where a strategy draws its own indicators on the report's price chart ({@link Strategy#plot}): named lines in
 * price units, one value per bar of the instrument being decided. A backtest that writes a report asks for them
 * after each decision; optimizer trials and live sessions never do, so plotting costs nothing there.
 */
public interface Plot {
    /**
     * This bar's value of line {@code name} (a few words, e.g. "SMA 50"). NaN or infinite: no point on this bar
     * (warm-up). The same name on every bar makes one line.
     */
    void line(String name, double value);
}
