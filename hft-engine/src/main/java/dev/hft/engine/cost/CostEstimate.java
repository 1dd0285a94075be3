package dev.hft.engine.cost;

/**
 * A pre-trade cost estimate, each part in basis points of the reference price.
 *
 * @param feeBps      fee
 * @param spreadBps   half the estimated spread (what crossing it costs)
 * @param impactBps   market impact of the order's size
 */
public record CostEstimate(double feeBps, double spreadBps, double impactBps) {
    public double totalBps() {
        return feeBps + spreadBps + impactBps;
    }

    /** One-way slippage (everything but the fee), in bps. */
    public double slippageBps() {
        return spreadBps + impactBps;
    }
}
