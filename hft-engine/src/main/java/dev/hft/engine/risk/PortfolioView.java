package dev.hft.engine.risk;

/** What the risk guard reads of the portfolio: exposures marked at the last price (fixed-point, quote asset). */
public interface PortfolioView {
    long equity();

    /** Absolute marked value of the position on an instrument. */
    long exposure(int instrument);

    /** Sum of absolute marked values of all positions. */
    long totalExposure();

    int openPositions();
}
