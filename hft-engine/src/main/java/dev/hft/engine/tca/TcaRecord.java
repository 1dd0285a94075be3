package dev.hft.engine.tca;

import dev.hft.core.Fixed;
import dev.hft.core.Order;
import dev.hft.core.OrderType;
import dev.hft.engine.cost.CostEstimate;

/**
 * Transaction cost analysis of one order. Costs in basis points of the decision price, positive = cost to us.
 *
 * <ul>
 *   <li>decision price: the price the decision saw (the deciding bar's close; for a stop or take-profit, its
 *       trigger or limit price);</li>
 *   <li>arrival price: the first market price after the order left (the next bar's open; the decision price
 *       for immediate fills and resting orders);</li>
 *   <li>delay = side * (arrival - decision); execution = side * (fill - arrival); fee = fee / notional;</li>
 *   <li>spread = the estimated half spread at decision time (bars show no quotes), slippage = execution -
 *       spread;</li>
 *   <li>shortfall vs decision = delay + execution + fee; vs arrival = execution + fee;</li>
 *   <li>markout k = side * (close k bars after the fill's bar - fill) / fill: positive when the price moved our
 *       way;</li>
 *   <li>estimate error = realised shortfall vs decision - estimated total.</li>
 * </ul>
 */
public final class TcaRecord {
    public final Order order;
    public final CostEstimate estimate;
    public long arrivalPrice;
    public long filledQty;
    public long filledNotional;
    public long fee;
    public long fillTimeMs;
    public final double[] markoutBps = {Double.NaN, Double.NaN, Double.NaN};
    int barsSinceFill;

    TcaRecord(Order order, CostEstimate estimate) {
        this.order = order;
        this.estimate = estimate;
    }

    /** The benchmark the decision was made at. */
    public long decisionPrice() {
        return switch (order.type) {
            case MARKET -> order.decisionPrice;
            case LIMIT -> order.price;
            case STOP_MARKET, STOP_LIMIT -> order.triggerPrice;
        };
    }

    public boolean filled() {
        return filledQty > 0;
    }

    public long avgFillPrice() {
        return filledQty == 0 ? 0 : Fixed.div(filledNotional, filledQty);
    }

    private double bps(long delta) {
        return order.side.sign() * Fixed.toDouble(delta) / Fixed.toDouble(decisionPrice()) * 10_000;
    }

    public double delayBps() {
        return bps(arrivalPrice - decisionPrice());
    }

    public double executionBps() {
        return bps(avgFillPrice() - arrivalPrice);
    }

    public double spreadBps() {
        return order.type == OrderType.LIMIT ? 0 : estimate.spreadBps();
    }

    public double slippageBps() {
        return executionBps() - spreadBps();
    }

    public double feeBps() {
        long notional = Fixed.mul(decisionPrice(), filledQty);
        return notional == 0 ? 0 : Fixed.toDouble(fee) / Fixed.toDouble(notional) * 10_000;
    }

    public double shortfallDecisionBps() {
        return delayBps() + executionBps() + feeBps();
    }

    public double shortfallArrivalBps() {
        return executionBps() + feeBps();
    }

    public double estimateErrorBps() {
        return shortfallDecisionBps() - estimate.totalBps();
    }
}
