package dev.hft.core;

/**
 * A tradable symbol with the exchange filters every order must pass before it leaves (all values fixed-point,
 * see {@link Fixed}). A value of 0 disables that rule, as on Binance.
 *
 * @param symbol      venue symbol, e.g. BTCUSDT
 * @param baseAsset   e.g. BTC
 * @param quoteAsset  e.g. USDT
 * @param tickSize    price increment (PRICE_FILTER.tickSize)
 * @param stepSize    quantity increment (LOT_SIZE.stepSize)
 * @param minQty      minimum quantity (LOT_SIZE.minQty)
 * @param minNotional minimum price*quantity (NOTIONAL.minNotional or MIN_NOTIONAL.minNotional)
 */
public record Instrument(String symbol, String baseAsset, String quoteAsset, long tickSize, long stepSize,
                         long minQty, long minNotional) {

    public Instrument {
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException("instrument symbol is empty");
        }
        if (tickSize < 0 || stepSize < 0 || minQty < 0 || minNotional < 0) {
            throw new IllegalArgumentException("instrument " + symbol + ": filters must not be negative");
        }
    }

    /** Floors a quantity to the step size (orders never grow when rounded). */
    public long floorQty(long qty) {
        return Fixed.floorToStep(qty, stepSize);
    }

    /** Rounds a price to the tick size against the trader: up for a buy, down for a sell. */
    public long roundPriceAdverse(long price, Side side) {
        return side == Side.BUY ? Fixed.ceilToStep(price, tickSize) : Fixed.floorToStep(price, tickSize);
    }

    /**
     * The price collar of a market order: the worst price it may trade at, {@code pct} percent from
     * {@code reference} against the trader (above for a buy, below for a sell), rounded to the tick outward so
     * the collar is never tighter than asked. A market entry is sent as a limit IOC order at this price, so a
     * stale decision or a thin book cannot fill it far from the price the strategy saw.
     */
    public long collarPrice(long reference, Side side, double pct) {
        long moved = Fixed.mul(reference, Fixed.fromDouble(side == Side.BUY ? 1 + pct / 100 : 1 - pct / 100));
        return roundPriceAdverse(moved, side);
    }

    /** Rounds a price to the nearest tick. */
    public long roundPrice(long price) {
        return Fixed.roundToStep(price, tickSize);
    }

    public boolean isOnTick(long price) {
        return tickSize == 0 || price % tickSize == 0;
    }

    public boolean isOnStep(long qty) {
        return stepSize == 0 || qty % stepSize == 0;
    }

    /** The reason an order of this quantity at this price breaks a filter, or null when it passes. */
    public ReasonCode checkOrder(long price, long qty) {
        return checkOrder(price, qty, false);
    }

    /**
     * As {@link #checkOrder(long, long)}; a reduce-only order is exempt from the minimum notional, so a position
     * can always be closed (Binance futures exempt reduce-only orders the same way).
     */
    public ReasonCode checkOrder(long price, long qty, boolean reduceOnly) {
        if (qty <= 0 || !isOnStep(qty)) {
            return ReasonCode.REJECT_LOT_SIZE;
        }
        if (qty < minQty) {
            return ReasonCode.REJECT_MIN_QTY;
        }
        if (price <= 0 || !isOnTick(price)) {
            return ReasonCode.REJECT_PRICE_FILTER;
        }
        if (!reduceOnly && Fixed.mul(price, qty) < minNotional) {
            return ReasonCode.REJECT_MIN_NOTIONAL;
        }
        return null;
    }
}
