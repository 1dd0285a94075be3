package dev.hft.sim;

import dev.hft.core.Bar;
import dev.hft.core.ExecutionClient;
import dev.hft.core.ExecutionListener;
import dev.hft.core.Fill;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.Order;
import dev.hft.core.OrderType;
import dev.hft.core.ReasonCode;
import dev.hft.core.Side;
import dev.hft.core.TimeInForce;
import dev.hft.core.VenueOrderStatus;
import java.util.HashMap;
import java.util.Map;
import dev.hft.engine.cost.FeeModel;
import dev.hft.engine.cost.SlippageModel;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulated venue for bar data, used by backtest and paper mode. Rules (see docs/FILL_RULES.md):
 * <ol>
 *   <li>A market order decided on a bar's close fills at the next bar's open plus slippage
 *       ({@link FillModel#NEXT_OPEN}), or at the deciding bar's close without slippage ({@link FillModel#CLOSE}).</li>
 *   <li>Resting stop-market and limit orders are checked against every later bar's range, and protective orders
 *       against the rest of the bar in which their entry filled at the open. A stop triggers when the bar reaches
 *       its price; a limit fills when the bar trades through its price ({@link LimitFill#THROUGH}, the default),
 *       or reaches it ({@link LimitFill#TOUCH}). A bar that opens beyond an order's price fills it at the open
 *       (the stop with slippage; the limit at the better open price).</li>
 *   <li>A limit or stop entry that fills inside a bar has its protective stop checked against the same bar,
 *       pessimistically: a bar whose range reaches the stop is taken to have reached it after the entry. Its
 *       take-profit waits for the next bar.</li>
 *   <li>When one bar's range covers both the stop and the take-profit and the open is between them, the
 *       {@link IntrabarPolicy} decides (stop first by default).</li>
 *   <li>Orders are checked against the instrument's filters: quantity on step and at least minQty, price on
 *       tick, notional at least minNotional (reduce-only orders are exempt from minNotional, so a position
 *       can always be closed). A failing order is rejected with the reason.</li>
 * </ol>
 * Single-threaded, driven by the same thread as the engine.
 */
public final class SimulatedExchange implements ExecutionClient {
    private final Instrument[] instruments;
    private final FeeModel fees;
    private final SlippageModel slippage;
    private final FillModel fillModel;
    private final IntrabarPolicy intrabar;
    private final LimitFill limitFill;
    /** Each instrument's last bar's close (fixed point; 0 before the first) and close time (epoch ms). */
    private final long[] lastClose;
    private final long[] lastCloseTime;
    private final List<List<Order>> marketOrders = new ArrayList<>();
    private final List<List<Order>> restingOrders = new ArrayList<>();
    private ExecutionListener listener;
    /** Every order received, with its state and fills, for {@link #query} (reconciliation). */
    private final Map<String, VenueOrderStatus.State> states = new HashMap<>();
    private final Map<String, List<Fill>> fillsById = new HashMap<>();
    /** Stop-limit orders whose trigger was reached: from then on they are limit orders at their price. */
    private final java.util.Set<String> triggered = new java.util.HashSet<>();
    /** The current trigger of each resting trailing stop, by client order id (fixed point). */
    private final Map<String, long[]> trailing = new HashMap<>();

    /** A venue whose limits fill when traded through ({@link LimitFill#THROUGH}). */
    public SimulatedExchange(List<Instrument> instruments, FeeModel fees, SlippageModel slippage,
                             FillModel fillModel, IntrabarPolicy intrabar) {
        this(instruments, fees, slippage, fillModel, intrabar, LimitFill.THROUGH);
    }

    public SimulatedExchange(List<Instrument> instruments, FeeModel fees, SlippageModel slippage,
                             FillModel fillModel, IntrabarPolicy intrabar, LimitFill limitFill) {
        this.limitFill = limitFill;
        this.instruments = instruments.toArray(new Instrument[0]);
        this.fees = fees;
        this.slippage = slippage;
        this.fillModel = fillModel;
        this.intrabar = intrabar;
        this.lastClose = new long[this.instruments.length];
        this.lastCloseTime = new long[this.instruments.length];
        for (int i = 0; i < this.instruments.length; i++) {
            marketOrders.add(new ArrayList<>(2));
            restingOrders.add(new ArrayList<>(4));
        }
    }

    public void setListener(ExecutionListener listener) {
        this.listener = listener;
    }

    @Override
    public VenueOrderStatus query(String clientOrderId) {
        VenueOrderStatus.State s = states.get(clientOrderId);
        if (s == null) {
            return VenueOrderStatus.UNKNOWN;
        }
        return new VenueOrderStatus(s, fillsById.getOrDefault(clientOrderId, List.of()));
    }

    @Override
    public void submit(Order order) {
        states.put(order.clientOrderId, VenueOrderStatus.State.WORKING);
        Instrument inst = instruments[order.instrument];
        int k = order.instrument;
        long refPrice = switch (order.type) {
            case MARKET -> lastClose[k];
            case LIMIT, STOP_LIMIT -> order.price;
            case STOP_MARKET -> order.triggerPrice;
        };
        if (refPrice <= 0) {
            states.put(order.clientOrderId, VenueOrderStatus.State.REJECTED);
            listener.onOrderRejected(order, ReasonCode.REJECT_NO_PRICE);
            return;
        }
        ReasonCode bad = inst.checkOrder(order.type == OrderType.MARKET ? inst.roundPrice(refPrice) : refPrice,
                order.quantity, order.reduceOnly);
        if (bad != null) {
            states.put(order.clientOrderId, VenueOrderStatus.State.REJECTED);
            listener.onOrderRejected(order, bad);
            return;
        }
        boolean onArrival = order.type == OrderType.LIMIT && order.timeInForce != TimeInForce.GTC;
        if (order.type == OrderType.MARKET || onArrival) {
            if (fillModel == FillModel.CLOSE) {
                if (onArrival) {
                    arrive(order, lastClose[k], lastCloseTime[k]);
                } else {
                    fill(order, lastClose[k], lastCloseTime[k], false);
                }
            } else {
                marketOrders.get(order.instrument).add(order); // they meet the market at the next bar's open
            }
        } else {
            if (order.trailBps > 0) {
                trailing.put(order.clientOrderId, new long[] {order.triggerPrice});
            }
            restingOrders.get(order.instrument).add(order);
        }
    }

    @Override
    public void cancel(String clientOrderId) {
        for (int i = 0; i < instruments.length; i++) {
            if (cancelIn(marketOrders.get(i), clientOrderId) || cancelIn(restingOrders.get(i), clientOrderId)) {
                return;
            }
        }
        // unknown or already final: nothing to do, as a venue answers "unknown order"
    }

    private boolean cancelIn(List<Order> orders, String id) {
        for (int k = 0; k < orders.size(); k++) {
            Order o = orders.get(k);
            if (o.clientOrderId.equals(id)) {
                orders.remove(k);
                trailing.remove(id);
                triggered.remove(id);
                states.put(id, VenueOrderStatus.State.CANCELED);
                listener.onOrderCanceled(o);
                return true;
            }
        }
        return false;
    }

    /** Matches working orders of the bar's instrument against the bar (the engine calls this after the sanitizer). */
    @Override
    public void onMarketData(Bar bar) {
        int i = bar.instrument;
        lastClose[i] = bar.close;
        lastCloseTime[i] = bar.closeTimeMs;
        List<Order> market = marketOrders.get(i);
        Instrument inst = instruments[i];
        while (!market.isEmpty()) {
            Order o = market.remove(0);
            if (o.type == OrderType.LIMIT) {
                arrive(o, bar.open, bar.openTimeMs);
                continue;
            }
            long px = slippage.fillPrice(i, inst, o.side, bar.open, o.quantity);
            fill(o, px, bar.openTimeMs, false);
        }
        matchResting(bar);
        triggerStopLimits(bar);
        trail(bar);
    }

    /** Whether {@code o} rests as a limit: a limit order, or a stop-limit whose trigger was reached. */
    private boolean restsAsLimit(Order o) {
        return o.type == OrderType.LIMIT || o.type == OrderType.STOP_LIMIT && triggered.contains(o.clientOrderId);
    }

    /**
     * Stop-limit entries the bar reaches, after the bar's other matching (so what they place on a fill waits, but
     * for the pessimistic stop check). Reached at the open (the bar opens beyond the trigger): a fill at the open
     * when the open is within the limit. Reached inside the bar: a fill at the trigger when the trigger is within
     * the limit. Either way as a taker, the order having crossed on arrival. Otherwise the order rests as a limit
     * at its price from the next bar.
     */
    private void triggerStopLimits(Bar bar) {
        List<Order> resting = restingOrders.get(bar.instrument);
        for (int k = 0; k < resting.size(); k++) {
            Order o = resting.get(k);
            if (o.type != OrderType.STOP_LIMIT || triggered.contains(o.clientOrderId)) {
                continue;
            }
            boolean buy = o.side == Side.BUY;
            boolean gapped = buy ? bar.open >= o.triggerPrice : bar.open <= o.triggerPrice;
            boolean reached = gapped || (buy ? bar.high >= o.triggerPrice : bar.low <= o.triggerPrice);
            if (!reached) {
                continue;
            }
            long at = gapped ? bar.open : o.triggerPrice;
            if (buy ? at <= o.price : at >= o.price) {
                resting.remove(k);
                fill(o, at, gapped ? bar.openTimeMs : bar.closeTimeMs, false);
                if (!o.reduceOnly) {
                    stopAfterEntry(bar, instruments[bar.instrument]);
                }
                return; // one entry per instrument rests at a time; what it placed is the bar's no more
            }
            triggered.add(o.clientOrderId);
        }
    }

    /** A stop's trigger now: its own, or where a trailing stop has moved. */
    private long trigger(Order o) {
        if (o.trailBps == 0) {
            return o.triggerPrice;
        }
        long[] t = trailing.get(o.clientOrderId);
        return t == null ? o.triggerPrice : t[0];
    }

    /**
     * Moves the trailing stops of the bar's instrument after the bar was matched against the levels they had (the
     * pessimistic order: a bar's own high cannot raise a stop that its low then hits): a sell stop to the bar's high
     * less its distance, rounded down to the tick, if that is higher; a buy stop to the low plus its distance,
     * rounded up, if lower.
     */
    private void trail(Bar bar) {
        List<Order> resting = restingOrders.get(bar.instrument);
        if (trailing.isEmpty() || resting.isEmpty()) {
            return;
        }
        Instrument inst = instruments[bar.instrument];
        for (Order o : resting) {
            long[] t = o.trailBps > 0 ? trailing.get(o.clientOrderId) : null;
            if (t == null) {
                continue;
            }
            boolean sell = o.side == Side.SELL;
            long best = sell ? bar.high : bar.low;
            long moved = Fixed.mul(best, Fixed.ONE + (sell ? -1 : 1) * o.trailBps * (Fixed.ONE / 10_000));
            long level = inst.roundPriceAdverse(moved, o.side.opposite()); // down for a sell stop, up for a buy
            if (sell ? level > t[0] : level < t[0]) {
                t[0] = level;
            }
        }
    }

    /** Whether a stop-market order's trigger is reached at {@code price}. */
    private boolean stopReached(Order o, long price) {
        return o.side == Side.SELL ? price <= trigger(o) : price >= trigger(o);
    }

    /**
     * Whether {@code bar} would change nothing here for its instrument: no order waits for the next open, and no
     * resting order would fill, trigger or trail on the bar's range (a trailing stop or a stop-limit always might).
     * What {@link #onMarketData} would then do with it is keep its close, which a pass hands over with its last bar.
     */
    public boolean idleOn(Bar bar) {
        int i = bar.instrument;
        if (!marketOrders.get(i).isEmpty()) {
            return false;
        }
        for (Order o : restingOrders.get(i)) {
            boolean sell = o.side == Side.SELL;
            if (o.trailBps > 0 || o.type == OrderType.STOP_LIMIT) {
                return false;
            }
            if (o.type == OrderType.STOP_MARKET ? stopReached(o, bar.open) || stopReached(o, sell ? bar.low : bar.high)
                    : restsAsLimit(o) && (beyond(o, bar.open) || beyond(o, sell ? bar.high : bar.low))) {
                return false;
            }
        }
        return true;
    }

    private void matchResting(Bar bar) {
        List<Order> resting = restingOrders.get(bar.instrument);
        if (resting.isEmpty()) {
            return;
        }
        Instrument inst = instruments[bar.instrument];
        // Collect the orders this bar triggers, then fill in the order the policy says; an OCO peer of a filled
        // order is cancelled before it can fill.
        Order stop = null;
        Order limit = null;
        Order gapped = null;
        for (Order o : resting) {
            if (o.type == OrderType.STOP_MARKET) {
                boolean openedBeyond = stopReached(o, bar.open);
                boolean touched = stopReached(o, o.side == Side.SELL ? bar.low : bar.high);
                if (openedBeyond && gapped == null) {
                    gapped = o;
                } else if (touched && stop == null) {
                    stop = o;
                }
            } else if (restsAsLimit(o)) {
                boolean openedBeyond = beyond(o, bar.open);
                boolean touched = beyond(o, o.side == Side.SELL ? bar.high : bar.low);
                if (openedBeyond && gapped == null) {
                    gapped = o;
                } else if (touched && limit == null) {
                    limit = o;
                }
            }
        }
        if (gapped != null) {
            resting.remove(gapped);
            long px = gapped.type == OrderType.STOP_MARKET
                    ? slippage.fillPrice(bar.instrument, inst, gapped.side, bar.open, gapped.quantity)
                    : bar.open;
            fill(gapped, px, bar.openTimeMs, restsAsLimit(gapped));
            cancelPeer(gapped);
            if (!gapped.reduceOnly) {
                stopAfterEntry(bar, inst);
            }
            stop = resting.contains(stop) ? stop : null;
            limit = resting.contains(limit) ? limit : null;
        }
        Order first = intrabar == IntrabarPolicy.STOP_FIRST ? (stop != null ? stop : limit)
                : (limit != null ? limit : stop);
        if (stop != null && limit != null && bar.extremes != null) {
            // the bar's trade path says which level the market reached first: no assumption needed
            int s = bar.firstTouch(trigger(stop), stop.side == Side.BUY);
            int l = bar.firstTouch(limit.price, limit.side == Side.SELL);
            if (s != l && s != Bar.NEVER && l != Bar.NEVER) {
                first = s < l ? stop : limit;
            }
        }
        Order second = first == stop ? limit : stop;
        fillIntrabar(resting, inst, first, bar);
        fillIntrabar(resting, inst, second, bar);
    }

    /** Fills a triggered resting order inside the bar, unless an OCO peer's fill already cancelled it. */
    private void fillIntrabar(List<Order> resting, Instrument inst, Order o, Bar bar) {
        if (o == null || !resting.remove(o)) {
            return;
        }
        long px = o.type == OrderType.STOP_MARKET
                ? slippage.fillPrice(bar.instrument, inst, o.side, trigger(o), o.quantity)
                : o.price;
        fill(o, px, bar.closeTimeMs, restsAsLimit(o));
        cancelPeer(o);
        if (!o.reduceOnly) {
            stopAfterEntry(bar, inst);
        }
    }

    /**
     * A limit order with a time in force other than GTC meets the market at {@code price} (the next bar's open, or
     * the deciding bar's close in the close fill model). IOC and FOK trade there, whole, when the price is at the
     * limit or better (as a taker: they cross), else they are canceled. A post-only (GTX) order that would trade
     * there is rejected; otherwise it rests like any limit, as a maker.
     */
    private void arrive(Order o, long price, long timeMs) {
        boolean marketable = o.side == Side.BUY ? price <= o.price : price >= o.price;
        if (o.timeInForce == TimeInForce.GTX) {
            if (marketable) {
                states.put(o.clientOrderId, VenueOrderStatus.State.REJECTED);
                listener.onOrderRejected(o, ReasonCode.REJECT_POST_ONLY);
            } else {
                restingOrders.get(o.instrument).add(o);
            }
        } else if (marketable) {
            fill(o, price, timeMs, false);
        } else {
            states.put(o.clientOrderId, VenueOrderStatus.State.CANCELED);
            listener.onOrderCanceled(o);
        }
    }

    /** Whether the market at {@code price} fills limit order {@code o} under the {@link LimitFill} rule. */
    private boolean beyond(Order o, long price) {
        boolean sell = o.side == Side.SELL;
        if (limitFill == LimitFill.TOUCH) {
            return sell ? price >= o.price : price <= o.price;
        }
        return sell ? price > o.price : price < o.price;
    }

    /**
     * An entry filled inside {@code bar} (a limit or stop entry): the protective stop placed on that fill is checked
     * against the same bar, pessimistically. Where the bar's range reaches it, the worse order of events is assumed
     * (the entry, then the stop); a take-profit is not filled in the bar, which would assume the better one.
     */
    private void stopAfterEntry(Bar bar, Instrument inst) {
        List<Order> resting = restingOrders.get(bar.instrument);
        for (int k = 0; k < resting.size(); k++) {
            Order o = resting.get(k);
            if (o.type == OrderType.STOP_MARKET && o.reduceOnly
                    && (o.side == Side.SELL ? bar.low <= trigger(o) : bar.high >= trigger(o))) {
                resting.remove(k);
                long px = slippage.fillPrice(bar.instrument, inst, o.side, trigger(o), o.quantity);
                fill(o, px, bar.closeTimeMs, false);
                cancelPeer(o);
                return;
            }
        }
    }

    private void cancelPeer(Order filled) {
        if (filled.ocoPeerId != null) {
            cancelIn(restingOrders.get(filled.instrument), filled.ocoPeerId);
        }
    }

    private void fill(Order o, long price, long timeMs, boolean maker) {
        long fee = fees.fee(instruments[o.instrument], o.side, price, o.quantity, maker);
        Fill f = new Fill(o.clientOrderId, o.instrument, o.side, price, o.quantity, fee, timeMs, o.reason);
        states.put(o.clientOrderId, VenueOrderStatus.State.FILLED);
        if (o.trailBps != 0) {
            trailing.remove(o.clientOrderId);
        }
        if (o.type == OrderType.STOP_LIMIT) {
            triggered.remove(o.clientOrderId);
        }
        fillsById.computeIfAbsent(o.clientOrderId, k -> new ArrayList<>(1)).add(f);
        listener.onOrderFilled(o, f);
    }

    /** Fills every market order still waiting at its instrument's last close (end of data). */
    public void flushAtLastClose() {
        for (int i = 0; i < instruments.length; i++) {
            List<Order> market = marketOrders.get(i);
            while (!market.isEmpty()) {
                Order o = market.remove(0);
                long px = fillModel == FillModel.CLOSE ? lastClose[i]
                        : slippage.fillPrice(i, instruments[i], o.side, lastClose[i], o.quantity);
                fill(o, px, lastCloseTime[i], false);
            }
        }
    }

    /** Number of working orders (market and resting), for tests and monitoring. */
    public int workingOrders() {
        int n = 0;
        for (int i = 0; i < instruments.length; i++) {
            n += marketOrders.get(i).size() + restingOrders.get(i).size();
        }
        return n;
    }
}
