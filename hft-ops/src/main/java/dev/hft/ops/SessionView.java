package dev.hft.ops;

import java.util.List;
import java.util.Map;

/**
 * What a running session looks like from outside, at one moment: built on the engine thread after a batch of
 * events (and after every operator command), then read by the dashboard, {@code /api/status}, {@code hft status}
 * and the gauges of {@code /metrics}. Immutable; serialised as JSON as it stands.
 *
 * @param ready     reconciled with the venue and the market stream up
 * @param controls  whether control actions are possible (a token is configured)
 */
public record SessionView(String mode, String session, String strategy, List<String> symbols, long startedMs,
                          long updatedMs, long bars, long lastBarMs, double equity, double cash, double peakEquity,
                          double drawdownPct, String risk, String riskReason, boolean killSwitch, boolean paused,
                          boolean reconciled, boolean streamUp, boolean ready, boolean controls, long journalSeq,
                          long journalLag, List<Position> positions, List<WorkingOrder> orders, List<Event> events,
                          List<double[]> equityCurve, Tca tca, Map<String, Long> reasons, List<Alert> alerts,
                          List<Prices> prices, List<FillMark> fills, List<Trade> trades, TradeStats tradeStats) {

    /** A symbol's recent closes ({@code [close time ms, price]}, the last {@code SessionMonitor.PRICES}). */
    public record Prices(String symbol, List<double[]> points) {
    }

    /** One of the session's recent fills, for the price chart. */
    public record FillMark(long timeMs, String symbol, String side, double price, double quantity, String reason) {
    }

    /** A closed trade (the last {@code SessionMonitor.TRADES} are kept). */
    public record Trade(String symbol, String side, long entryMs, double entryPrice, long exitMs, double exitPrice,
                        double quantity, double pnl, String entryReason, String exitReason) {
    }

    /** Every trade closed in this run of the session: how many, the share that made money, and their P&amp;L. */
    public record TradeStats(long trades, long wins, double winRatePct, double realizedPnl) {
    }

    /** An alert raised by the session (the last 20 are kept), whether or not the webhook's rate limit let it out. */
    public record Alert(long timeMs, String severity, String kind, String message) {
    }

    /** One instrument: its position (0 when flat), prices, and whether the sanitizer froze it. */
    public record Position(String symbol, double quantity, double avgEntry, double lastPrice, double unrealized,
                           double exposure, boolean frozen) {
    }

    /** An order the engine believes is at the venue. */
    public record WorkingOrder(String id, String symbol, String side, String type, double quantity, double price,
                               double trigger, String reason) {
    }

    /** A recent decision, order, fill, denial, freeze or risk change, with its reason code. */
    public record Event(long timeMs, String kind, String symbol, String reason, String detail) {
    }

    /**
     * Execution quality so far, from the engine's own transaction cost analysis (the numbers of the reports): filled
     * orders, and per order on average the pre-trade estimate and the shortfall against the decision price split
     * into delay, spread, slippage and fee (basis points; positive = cost).
     */
    public record Tca(long orders, double estimatedBps, double shortfallBps, double delayBps, double spreadBps,
                      double slippageBps, double feeBps) {
    }
}
