package dev.hft.binance.execution;

import dev.hft.binance.http.BinanceRest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hft.core.ExecutionClient;
import dev.hft.core.ExecutionListener;
import dev.hft.core.Fill;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.Order;
import dev.hft.core.OrderType;
import dev.hft.core.ReasonCode;
import dev.hft.core.Side;
import dev.hft.core.VenueOrderStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's {@link ExecutionClient} for Binance spot, over REST. The engine thread hands commands to
 * {@code io} (the execution I/O thread); replies come back to the engine thread through {@code toEngine} (the
 * ring), so trading state has one writer. Rules:
 * <ul>
 *   <li>an order held back by the client (rate limit, back-off, no keys) is rejected with
 *       {@link ReasonCode#REJECT_VENUE_UNAVAILABLE}, a venue rejection with {@link ReasonCode#REJECT_VENUE}:
 *       never dropped silently;</li>
 *   <li>an order of unknown outcome stays working for the engine (it counts as exposure) and is resolved only
 *       by client order id ({@link UnknownOrder}), never resent; after repeated not-found it is
 *       {@link ReasonCode#REJECT_LOST} and {@code alerts} is told;</li>
 *   <li>fills are applied once: each is keyed by the venue's trade id (or, for a status poll, by the executed
 *       quantity already reported), so the same fill seen twice (REST reply, poll, user stream) counts once.</li>
 * </ul>
 * Resting orders (protective stops) are followed by the user data stream ({@link #onUserEvent}) when it runs, and
 * by {@link #poll()} (REST, periodically) as the safety net: after a stream outage the poll finds what the stream
 * missed.
 */
public final class BinanceExecution implements ExecutionClient {
    private static final Logger LOG = LoggerFactory.getLogger(BinanceExecution.class);

    private final BinanceRest rest;
    private final List<Instrument> instruments;
    private final Executor io;
    private final Consumer<Runnable> toEngine;
    private final Consumer<String> alerts;
    private ExecutionListener listener;
    // I/O thread state
    private final Map<String, Order> working = new LinkedHashMap<>();
    private final Map<String, UnknownOrder> unknown = new LinkedHashMap<>();
    private final Map<String, Long> reportedQty = new LinkedHashMap<>();
    private final Set<Long> tradeIds = new HashSet<>();
    private final boolean futures;
    private volatile long estimatedFeeRate;
    private volatile double marketCollarPct;
    /**
     * Per instrument and side: quantity of reduce-only fills handed to the engine thread and not yet applied there.
     * An exit the engine decided before it saw them (its stop filled at the venue while it chose to exit) would
     * close the position twice: on spot, which knows no reduce-only, a second sale.
     */
    private final java.util.concurrent.atomic.AtomicLongArray unappliedExits;

    /**
     * @param io       the execution I/O thread (commands run there, one at a time)
     * @param toEngine hands an execution report to the engine thread
     * @param alerts   told about lost orders and other things a person must see
     */
    public BinanceExecution(BinanceRest rest, List<Instrument> instruments, Executor io, Consumer<Runnable> toEngine,
                            Consumer<String> alerts) {
        this.rest = rest;
        this.instruments = List.copyOf(instruments);
        this.io = io;
        this.toEngine = toEngine;
        this.alerts = alerts;
        this.futures = rest.market() == BinanceRest.Market.USDM;
        this.unappliedExits = new java.util.concurrent.atomic.AtomicLongArray(2 * instruments.size());
    }

    /**
     * The fee rate (fixed point, e.g. 0.0005) charged on a fill whose report carries no commission: USD-M REST
     * replies and algo-order reports, spot status polls. Zero (the default) books such fills without a fee; the
     * live session sets its configured taker rate, so costs are estimated rather than left out.
     */
    public void setEstimatedFeeRate(long rate) {
        this.estimatedFeeRate = rate;
    }

    /**
     * Market entries leave as limit IOC orders at {@code pct} percent from their decision price
     * ({@link Instrument#collarPrice}): what does not trade there expires instead of filling far from the price the
     * strategy saw (a stale decision after a restart, a book emptied by a cascade). Exits stay market orders: a
     * position must be able to leave. 0 turns the collar off.
     */
    public void setMarketCollar(double pct) {
        if (!(pct >= 0)) {
            throw new IllegalArgumentException("market collar must be >= 0 percent, got " + pct);
        }
        this.marketCollarPct = pct;
    }

    public void setListener(ExecutionListener listener) {
        this.listener = listener;
    }

    @Override
    public void submit(Order order) {
        io.execute(() -> place(order));
    }

    @Override
    public void cancel(String clientOrderId) {
        io.execute(() -> doCancel(clientOrderId));
    }

    /** Spot places a position's stop and take-profit as one OCO order list; USD-M has no order lists. */
    @Override
    public boolean placesOrderLists() {
        return !futures;
    }

    @Override
    public void submitOco(Order stop, Order takeProfit) {
        io.execute(() -> placeOco(stop, takeProfit));
    }

    /** Follows resting and unknown orders; run it on the I/O thread every few seconds. */
    public void poll() {
        io.execute(this::doPoll);
    }

    /** The request for an order: market, stop-loss (market when triggered) or limit, quantities as decimals. */
    public BinanceRest.OrderRequest request(Order o) {
        String symbol = instruments.get(o.instrument).symbol();
        String side = o.side == Side.BUY ? "BUY" : "SELL";
        String qty = Fixed.format(o.quantity);
        double collar = marketCollarPct;
        if (o.type == OrderType.MARKET && !o.reduceOnly && collar > 0 && o.decisionPrice > 0) {
            long limit = instruments.get(o.instrument).collarPrice(o.decisionPrice, o.side, collar);
            return new BinanceRest.OrderRequest(symbol, side, "LIMIT", qty, Fixed.format(limit), "IOC", null,
                    o.clientOrderId, false);
        }
        return switch (o.type) {
            case MARKET -> new BinanceRest.OrderRequest(symbol, side, "MARKET", qty, null, null, null,
                    o.clientOrderId, o.reduceOnly);
            case STOP_MARKET -> o.trailBps > 0
                    // trailing: spot's trailingDelta in BIPS from the best price since placing; USD-M's
                    // callbackRate in percent, in steps of 0.1 (the distance rounded to it)
                    ? new BinanceRest.OrderRequest(symbol, side, futures ? "TRAILING_STOP_MARKET" : "STOP_LOSS", qty,
                            null, null, null, o.clientOrderId, o.reduceOnly,
                            futures ? callbackRate(o.trailBps) : Integer.toString(o.trailBps))
                    : new BinanceRest.OrderRequest(symbol, side, futures ? "STOP_MARKET" : "STOP_LOSS", qty,
                            null, null, Fixed.format(o.triggerPrice), o.clientOrderId, o.reduceOnly);
            // spot's STOP_LOSS_LIMIT, USD-M's STOP (a conditional order with a price)
            case STOP_LIMIT -> new BinanceRest.OrderRequest(symbol, side, futures ? "STOP" : "STOP_LOSS_LIMIT", qty,
                    Fixed.format(o.price), "GTC", Fixed.format(o.triggerPrice), o.clientOrderId, o.reduceOnly);
            default -> switch (o.timeInForce) {
                // post-only: spot has its own order type for it, USD-M a time in force ("good till crossing")
                case GTX -> new BinanceRest.OrderRequest(symbol, side, futures ? "LIMIT" : "LIMIT_MAKER", qty,
                        Fixed.format(o.price), futures ? "GTX" : null, null, o.clientOrderId, o.reduceOnly);
                default -> new BinanceRest.OrderRequest(symbol, side, "LIMIT", qty, Fixed.format(o.price),
                        o.timeInForce.name(), null, o.clientOrderId, o.reduceOnly);
            };
        };
    }

    private void place(Order o) {
        if (o.reduceOnly && o.type == OrderType.MARKET && unappliedExits.get(slot(o)) >= o.quantity) {
            LOG.warn("exit {} not sent: the position was already closed by a fill the engine has not applied yet",
                    o.clientOrderId);
            report(() -> listener.onOrderRejected(o, ReasonCode.REJECT_ALREADY_CLOSED));
            return;
        }
        BinanceRest.Reply r;
        try {
            r = rest.placeOrder(request(o));
        } catch (IllegalArgumentException e) {
            LOG.warn("order {} not sent: {}", o.clientOrderId, e.getMessage());
            report(() -> listener.onOrderRejected(o, ReasonCode.REJECT_VENUE));
            return;
        }
        if (r instanceof BinanceRest.Reply.Ok ok) {
            working.put(o.clientOrderId, o);
            apply(o, view(o, ok.body()));
        } else if (r instanceof BinanceRest.Reply.Rejected rej) {
            LOG.warn("order {} rejected by Binance: HTTP {} code {} {}", o.clientOrderId, rej.status(), rej.code(),
                    rej.message());
            if (o.reduceOnly) { // an exit or a protective order: the position may be left unprotected
                alerts.accept("exit " + o.clientOrderId + " (" + o.type + " " + o.side + " "
                        + Fixed.format(o.quantity) + " " + instruments.get(o.instrument).symbol() + ", "
                        + o.reason + ") REJECTED by Binance: code " + rej.code() + " " + rej.message()
                        + "; the position may be unprotected");
            }
            report(() -> listener.onOrderRejected(o, ReasonCode.REJECT_VENUE));
        } else if (r instanceof BinanceRest.Reply.Refused ref) {
            LOG.warn("order {} not sent: {}", o.clientOrderId, ref.why());
            report(() -> listener.onOrderRejected(o, ReasonCode.REJECT_VENUE_UNAVAILABLE));
        } else {
            LOG.warn("order {} outcome unknown ({}); resolving by client order id, never resending",
                    o.clientOrderId, ((BinanceRest.Reply.Unknown) r).why());
            working.put(o.clientOrderId, o);
            unknown.put(o.clientOrderId, new UnknownOrder(instruments.get(o.instrument).symbol(), o.clientOrderId,
                    algo(o)));
        }
    }

    /**
     * A spot OCO: the stop as the {@code STOP_LOSS} leg, the take-profit as the {@code LIMIT_MAKER} leg, each under
     * its own client order id, so everything else (fills, cancels, queries, reconciliation) follows the legs like
     * single orders. Canceling either leg cancels the list at the venue; the other leg's cancel then finds it gone
     * and asks. When Binance refuses the list (the take-profit would already execute, say), the take-profit is
     * reported rejected and the stop placed alone: a position is never left without its stop for want of a target.
     */
    /** USD-M's trailing distance: percent with one decimal, 0.1 to 10. */
    static String callbackRate(int bps) {
        long tenths = Math.max(1, Math.min(100, Math.round(bps / 10.0)));
        return new java.math.BigDecimal(tenths).movePointLeft(1).toPlainString();
    }

    private void placeOco(Order stop, Order tp) {
        BinanceRest.Reply r;
        try {
            r = rest.placeOco(new BinanceRest.OcoRequest(instruments.get(stop.instrument).symbol(),
                    stop.side == Side.BUY ? "BUY" : "SELL", Fixed.format(stop.quantity),
                    Fixed.format(stop.triggerPrice), stop.clientOrderId, Fixed.format(tp.price), tp.clientOrderId,
                    stop.trailBps > 0 ? Integer.toString(stop.trailBps) : null));
        } catch (IllegalArgumentException e) {
            LOG.warn("order list {}/{} not sent: {}", stop.clientOrderId, tp.clientOrderId, e.getMessage());
            report(() -> listener.onOrderRejected(tp, ReasonCode.REJECT_VENUE));
            place(stop);
            return;
        }
        if (r instanceof BinanceRest.Reply.Ok ok) {
            for (Order leg : List.of(stop, tp)) {
                working.put(leg.clientOrderId, leg);
                JsonNode report = null;
                for (JsonNode rep : ok.body().path("orderReports")) {
                    if (leg.clientOrderId.equals(rep.path("clientOrderId").asText())) {
                        report = rep;
                    }
                }
                if (report != null) {
                    apply(leg, report);
                } else { // accepted, but no report of this leg: resolved by its id like any unknown outcome
                    unknown.put(leg.clientOrderId, new UnknownOrder(instruments.get(leg.instrument).symbol(),
                            leg.clientOrderId, false));
                }
            }
        } else if (r instanceof BinanceRest.Reply.Rejected rej) {
            LOG.warn("order list {}/{} rejected by Binance: HTTP {} code {} {}; placing the stop alone",
                    stop.clientOrderId, tp.clientOrderId, rej.status(), rej.code(), rej.message());
            alerts.accept("take-profit " + tp.clientOrderId + " (" + instruments.get(tp.instrument).symbol() + " at "
                    + Fixed.format(tp.price) + ") REJECTED by Binance with its stop as one OCO: code " + rej.code()
                    + " " + rej.message() + "; the stop is placed alone");
            report(() -> listener.onOrderRejected(tp, ReasonCode.REJECT_VENUE));
            place(stop);
        } else if (r instanceof BinanceRest.Reply.Refused ref) {
            LOG.warn("order list {}/{} not sent: {}", stop.clientOrderId, tp.clientOrderId, ref.why());
            report(() -> listener.onOrderRejected(stop, ReasonCode.REJECT_VENUE_UNAVAILABLE));
            report(() -> listener.onOrderRejected(tp, ReasonCode.REJECT_VENUE_UNAVAILABLE));
        } else {
            LOG.warn("order list {}/{} outcome unknown ({}); resolving each leg by client order id, never resending",
                    stop.clientOrderId, tp.clientOrderId, ((BinanceRest.Reply.Unknown) r).why());
            for (Order leg : List.of(stop, tp)) {
                working.put(leg.clientOrderId, leg);
                unknown.put(leg.clientOrderId, new UnknownOrder(instruments.get(leg.instrument).symbol(),
                        leg.clientOrderId, false));
            }
        }
    }

    /** Whether the venue holds {@code o} as a USD-M conditional (algo) order. */
    private boolean algo(Order o) {
        return futures && (o.type == OrderType.STOP_MARKET || o.type == OrderType.STOP_LIMIT);
    }

    /** The venue's order in spot's shape, whatever the market. */
    private JsonNode view(Order o, JsonNode v) {
        if (!futures) {
            return v;
        }
        return algo(o) ? FuturesReports.algo(v) : FuturesReports.order(v);
    }

    /** Where the venue has {@code o}, in spot's shape; null when it did not answer. */
    private JsonNode ask(Order o) {
        BinanceRest.Reply q = algo(o) ? rest.queryAlgoOrder(o.clientOrderId)
                : rest.queryOrder(instruments.get(o.instrument).symbol(), o.clientOrderId);
        return q instanceof BinanceRest.Reply.Ok ok ? view(o, ok.body()) : null;
    }

    private void doCancel(String id) {
        Order o = working.get(id);
        if (o == null) {
            return;
        }
        BinanceRest.Reply r = algo(o) ? rest.cancelAlgoOrder(id)
                : rest.cancelOrder(instruments.get(o.instrument).symbol(), id);
        if (r instanceof BinanceRest.Reply.Ok ok && !algo(o)) {
            apply(o, view(o, ok.body()));
        } else {
            // -2011 (already filled or gone), no answer, or an algo cancel (its reply is no order): ask where it is
            JsonNode v = ask(o);
            if (v != null) {
                apply(o, v);
            }
        }
    }

    private void doPoll() {
        for (UnknownOrder u : new ArrayList<>(unknown.values())) {
            Order o = working.get(u.clientOrderId());
            switch (u.poll(rest)) {
                case FOUND -> {
                    unknown.remove(u.clientOrderId());
                    apply(o, view(o, u.order()));
                }
                case LOST -> {
                    unknown.remove(u.clientOrderId());
                    JsonNode past = null;
                    try {
                        past = o == null || algo(o) ? null : fromHistory(o);
                    } catch (IllegalStateException e) {
                        LOG.warn("order {}: {}", u.clientOrderId(), e.getMessage());
                    }
                    if (past != null) {
                        apply(o, past);
                        continue;
                    }
                    working.remove(u.clientOrderId());
                    alerts.accept("order " + u.clientOrderId() + " LOST: the venue does not know it after "
                            + u.queries() + " queries");
                    report(() -> listener.onOrderRejected(o, ReasonCode.REJECT_LOST));
                }
                default -> {
                }
            }
        }
        for (Order o : new ArrayList<>(working.values())) {
            if (unknown.containsKey(o.clientOrderId)) {
                continue;
            }
            JsonNode v = ask(o);
            if (v != null) {
                apply(o, v);
            }
        }
    }

    /** Turns the venue's view of an order into execution reports the engine has not had yet. */
    private void apply(Order o, JsonNode v) {
        for (Fill f : newFills(o, v)) {
            reportFill(o, f);
        }
        if (Fixed.parse(v.path("executedQty").asText("0")) > reportedQty.getOrDefault(o.clientOrderId, 0L)) {
            return; // executed but not told yet (no price): the order stays followed until it is
        }
        terminal(o, v.path("status").asText());
    }

    /**
     * An order that reached a final state leaves {@code working}; the engine hears of it once, however many
     * sources (REST reply, poll, user stream) tell.
     */
    private void terminal(Order o, String status) {
        switch (status) {
            case "FILLED" -> working.remove(o.clientOrderId);
            case "CANCELED", "EXPIRED", "EXPIRED_IN_MATCH" -> {
                if (working.remove(o.clientOrderId) != null) {
                    report(() -> listener.onOrderCanceled(o));
                }
            }
            case "REJECTED" -> {
                if (working.remove(o.clientOrderId) != null) {
                    report(() -> listener.onOrderRejected(o, ReasonCode.REJECT_VENUE));
                }
            }
            default -> {
            }
        }
    }

    /**
     * Fills in {@code v} not reported yet. The order's cumulative executed quantity is the one truth: only its
     * growth since the last report is new, whichever source (REST reply, poll, user stream) shows it first. The
     * growth goes out trade by trade when the unseen trades of the {@code fills} array add up to it, else as one
     * fill at the average price of the growth.
     */
    List<Fill> newFills(Order o, JsonNode v) {
        List<Fill> out = new ArrayList<>();
        long time = v.path("transactTime").asLong(v.path("updateTime").asLong(0));
        long reported = reportedQty.getOrDefault(o.clientOrderId, 0L);
        long executed = Fixed.parse(v.path("executedQty").asText("0"));
        JsonNode fills = v.path("fills");
        List<Fill> trades = new ArrayList<>();
        long tradeQty = 0;
        if (fills.isArray()) {
            for (JsonNode f : fills) {
                if (!tradeIds.add(f.path("tradeId").asLong())) {
                    continue;
                }
                long price = Fixed.parse(f.path("price").asText());
                long qty = Fixed.parse(f.path("qty").asText());
                trades.add(fill(o, price, qty, f.path("commission").asText("0"), f.path("commissionAsset").asText(""),
                        time));
                tradeQty += qty;
            }
        }
        if (executed <= reported) {
            return out;
        }
        long delta = executed - reported;
        if (tradeQty == delta) {
            out.addAll(trades);
        } else {
            long quote = Fixed.parse(v.path("cummulativeQuoteQty").asText("0"));
            long avg = Fixed.div(quote, executed);
            if (avg <= 0) { // an executed quantity without its price yet: the next report will have both
                LOG.warn("order {}: executed quantity {} reported without a price; waiting for the next report",
                        o.clientOrderId, Fixed.format(executed));
                return out;
            }
            out.add(new Fill(o.clientOrderId, o.instrument, o.side, avg, delta, estimatedFee(avg, delta), time,
                    o.reason));
        }
        reportedQty.put(o.clientOrderId, executed);
        return out;
    }

    /**
     * An event of the user data stream (any thread): execution reports of this session's orders become fills,
     * cancellations and rejections, applied on the I/O thread under the same once-only rules as REST replies.
     */
    public void onUserEvent(JsonNode e) {
        switch (e.path("e").asText()) {
            case "executionReport" -> io.execute(() -> guarded(e, () -> executionReport(e)));
            case "ORDER_TRADE_UPDATE" ->
                io.execute(() -> guarded(e, () -> executionReport(FuturesReports.tradeUpdate(e))));
            case "ALGO_UPDATE" -> io.execute(() -> guarded(e, () -> executionReport(FuturesReports.algoUpdate(e))));
            default -> {
            }
        }
    }

    /**
     * Runs the handling of one user-stream event; a report it cannot read is logged with its text (execution reports
     * carry no credentials) and left to the REST poll, which asks the venue for the order's fills, instead of ending
     * the I/O thread's task unseen.
     */
    private static void guarded(JsonNode e, Runnable handle) {
        try {
            handle.run();
        } catch (RuntimeException ex) {
            LOG.error("user stream event not applied (the order poll will ask the venue): {}: {}", ex.toString(), e);
        }
    }

    private void executionReport(JsonNode e) {
        Order o = working.get(reportedId(e));
        if (o == null) {
            return; // not ours, or already final
        }
        unknown.remove(o.clientOrderId); // the venue has it: an unknown outcome is resolved
        long reported = reportedQty.getOrDefault(o.clientOrderId, 0L);
        long cumulative = Fixed.parse(e.path("z").asText("0"));
        long last = Fixed.parse(e.path("l").asText("0"));
        long tradeId = e.path("t").isNumber() ? e.path("t").asLong() : -1;
        boolean newTrade = tradeId >= 0 && tradeIds.add(tradeId);
        if (cumulative > reported) {
            long delta = cumulative - reported;
            long time = e.path("T").asLong(e.path("E").asLong(0));
            Fill f;
            if (delta == last && newTrade) {
                long price = Fixed.parse(e.path("L").asText());
                f = fill(o, price, last, e.path("n").asText("0"), e.path("N").asText(""), time);
            } else { // a trade report went missing: the growth at the average price
                long avg = Fixed.div(Fixed.parse(e.path("Z").asText("0")), cumulative);
                if (avg <= 0) { // a quantity without its price: wait for a report that has both
                    LOG.warn("order {}: executed quantity {} reported without a price; waiting for the next report",
                            o.clientOrderId, Fixed.format(cumulative));
                    return;
                }
                f = new Fill(o.clientOrderId, o.instrument, o.side, avg, delta, estimatedFee(avg, delta), time,
                        o.reason);
            }
            reportedQty.put(o.clientOrderId, cumulative);
            reportFill(o, f);
        }
        terminal(o, e.path("X").asText());
    }

    /**
     * The client order id an execution report is about. Binance puts a cancel's own request id in {@code c} and the
     * canceled order's id in {@code C} ("original client order id"), which is empty on every other report.
     */
    static String reportedId(JsonNode e) {
        String original = e.path("C").asText("");
        return original.isEmpty() ? e.path("c").asText() : original;
    }

    /**
     * One trade of {@code o} with its commission booked by asset: in the quote asset as the fee; in the base asset
     * (Binance takes a spot BUY's commission from the coins received unless it is paid in BNB) as the fill's
     * {@code baseFee}, so the position is what the account holds, with its value at the fill price as the fee;
     * in any other asset (BNB) outside the quote balance, as 0.
     */
    private Fill fill(Order o, long price, long qty, String commission, String asset, long time) {
        long c = Fixed.parseRounded(commission); // a fee's digits beyond the 8th must not cost the fill
        Instrument i = instruments.get(o.instrument);
        if (asset.equals(i.baseAsset()) && o.side == Side.BUY && !futures) {
            return new Fill(o.clientOrderId, o.instrument, o.side, price, qty, Fixed.mul(c, price), time, o.reason,
                    Math.min(c, qty));
        }
        long fee = asset.equals(i.baseAsset()) ? Fixed.mul(c, price) : asset.equals(i.quoteAsset()) ? c : 0;
        return new Fill(o.clientOrderId, o.instrument, o.side, price, qty, fee, time, o.reason);
    }

    /** The fee of a fill whose report has no commission, at {@link #setEstimatedFeeRate the estimated rate}. */
    private long estimatedFee(long price, long qty) {
        return Fixed.mul(Fixed.mul(price, qty), estimatedFeeRate);
    }

    private int slot(Order o) {
        return 2 * o.instrument + (o.side == Side.BUY ? 0 : 1);
    }

    /** A fill goes to the engine thread; a reduce-only one counts as unapplied until the engine has it. */
    private void reportFill(Order o, Fill f) {
        if (!o.reduceOnly) {
            report(() -> listener.onOrderFilled(o, f));
            return;
        }
        int slot = slot(o);
        unappliedExits.addAndGet(slot, f.quantity());
        report(() -> {
            try {
                listener.onOrderFilled(o, f);
            } finally {
                unappliedExits.addAndGet(slot, -f.quantity());
            }
        });
    }

    private void report(Runnable r) {
        toEngine.accept(r);
    }

    /**
     * Where the venue has an order (reconciliation at start-up, on the engine thread): state and the fills so far
     * (one aggregate fill at the average price). Never received is UNKNOWN; no answer throws (start-up fails
     * closed rather than guessing).
     */
    @Override
    public VenueOrderStatus query(String clientOrderId) {
        Order known = working.get(clientOrderId);
        if (known != null) {
            BinanceRest.Reply q = algo(known) ? rest.queryAlgoOrder(clientOrderId)
                    : rest.queryOrder(instruments.get(known.instrument).symbol(), clientOrderId);
            if (q instanceof BinanceRest.Reply.Ok ok) {
                return status(known.instrument, clientOrderId, view(known, ok.body()), known.reason);
            }
            failClosed(q, clientOrderId);
            return VenueOrderStatus.UNKNOWN;
        }
        // after a restart nothing is known here: ask every symbol, and on futures the Algo Service (stops)
        for (int i = 0; i < instruments.size(); i++) {
            BinanceRest.Reply q = rest.queryOrder(instruments.get(i).symbol(), clientOrderId);
            if (q instanceof BinanceRest.Reply.Ok ok) {
                JsonNode v = futures ? FuturesReports.order(ok.body()) : ok.body();
                return status(i, clientOrderId, v, ReasonCode.RISK_UNRECONCILED);
            }
            failClosed(q, clientOrderId);
        }
        if (futures) {
            BinanceRest.Reply q = rest.queryAlgoOrder(clientOrderId);
            if (q instanceof BinanceRest.Reply.Ok ok) {
                int i = indexOf(ok.body().path("symbol").asText());
                if (i >= 0) {
                    return status(i, clientOrderId, FuturesReports.algo(ok.body()), ReasonCode.RISK_UNRECONCILED);
                }
                throw new IllegalStateException("cannot reconcile order " + clientOrderId + ": the venue has it on "
                        + ok.body().path("symbol").asText() + ", which this session does not trade");
            }
            failClosed(q, clientOrderId);
        }
        return VenueOrderStatus.UNKNOWN;
    }

    private int indexOf(String symbol) {
        for (int i = 0; i < instruments.size(); i++) {
            if (instruments.get(i).symbol().equals(symbol)) {
                return i;
            }
        }
        return -1;
    }

    private static void failClosed(BinanceRest.Reply q, String id) {
        if (!(q instanceof BinanceRest.Reply.Rejected rej && rej.code() == -2013)) {
            throw q.failure("cannot reconcile order " + id);
        }
    }

    /**
     * Reconciliation after a restart (engine thread, before the streams and polls start): where the venue has the
     * order, asked with what the engine knows of it (its symbol; on USD-M whether it rests at the Algo Service). An
     * order still working at the venue is taken over: it is followed from now on like one placed by this run (its
     * cancels are sent, its fills and final state reported once), its executed quantity so far counted as told,
     * since the engine applies it from the answer. No answer throws (start-up fails closed rather than guessing).
     */
    @Override
    public VenueOrderStatus reconcile(Order order) {
        String id = order.clientOrderId;
        BinanceRest.Reply q = algo(order) ? rest.queryAlgoOrder(id)
                : rest.queryOrder(instruments.get(order.instrument).symbol(), id);
        JsonNode v;
        if (q instanceof BinanceRest.Reply.Ok ok) {
            v = view(order, ok.body());
        } else {
            failClosed(q, id);
            // not found by id: before calling it never placed, look in the order history
            v = algo(order) ? null : fromHistory(order);
            if (v == null) {
                return VenueOrderStatus.UNKNOWN;
            }
        }
        VenueOrderStatus st = status(order.instrument, id, v, order.reason);
        if (st.state() == VenueOrderStatus.State.WORKING) {
            long executed = Fixed.parse(v.path("executedQty").asText("0"));
            io.execute(() -> {
                working.put(id, order);
                reportedQty.put(id, executed);
            });
        }
        return st;
    }

    /**
     * {@code o} as the venue's order history has it (from an hour before it was decided), in spot's shape; null when
     * the history does not hold it. No answer throws: an order is never called unplaced on a missing report.
     */
    private JsonNode fromHistory(Order o) {
        BinanceRest.Reply r = rest.allOrders(instruments.get(o.instrument).symbol(),
                Math.max(0, o.decisionTimeMs - 3_600_000L));
        if (!(r instanceof BinanceRest.Reply.Ok ok) || !ok.body().isArray()) {
            throw r.failure("cannot read the order history to look for " + o.clientOrderId);
        }
        for (JsonNode v : ok.body()) {
            if (o.clientOrderId.equals(v.path("clientOrderId").asText())) {
                return futures ? FuturesReports.order(v) : v;
            }
        }
        return null;
    }

    /** {@code reason} tags the aggregate fill: the order's own when known here, else the reconciliation code. */
    private VenueOrderStatus status(int instrument, String id, JsonNode v, ReasonCode reason) {
        long executed = Fixed.parse(v.path("executedQty").asText("0"));
        List<Fill> fills = new ArrayList<>();
        if (executed > 0) {
            long avg = Fixed.div(Fixed.parse(v.path("cummulativeQuoteQty").asText("0")), executed);
            Side side = "SELL".equals(v.path("side").asText()) ? Side.SELL : Side.BUY;
            fills.add(new Fill(id, instrument, side, avg, executed, 0, v.path("updateTime").asLong(0),
                    reason));
        }
        VenueOrderStatus.State state = switch (v.path("status").asText()) {
            case "FILLED" -> VenueOrderStatus.State.FILLED;
            case "CANCELED", "EXPIRED", "EXPIRED_IN_MATCH" -> VenueOrderStatus.State.CANCELED;
            case "REJECTED" -> VenueOrderStatus.State.REJECTED;
            default -> VenueOrderStatus.State.WORKING;
        };
        return new VenueOrderStatus(state, fills);
    }

    /**
     * Open orders on the venue that the engine does not know (placed outside the system, or by a run whose
     * journal is gone): each is a discrepancy to journal, or a reason to refuse to start.
     */
    public List<String> unknownOpenOrders(Set<String> known) {
        List<String> out = new ArrayList<>();
        for (Instrument i : instruments) {
            strangers(rest.openOrders(i.symbol()), i.symbol(), "clientOrderId", known, out);
            if (futures) {
                strangers(rest.openAlgoOrders(i.symbol()), i.symbol(), "clientAlgoId", known, out);
            }
        }
        return out;
    }

    private static void strangers(BinanceRest.Reply r, String symbol, String idField, Set<String> known,
                                  List<String> out) {
        if (!(r instanceof BinanceRest.Reply.Ok ok)) {
            throw r.failure("cannot list open orders of " + symbol);
        }
        JsonNode list = ok.body().isArray() ? ok.body() : ok.body().path("orders");
        for (JsonNode o : list) {
            String id = o.path(idField).asText();
            if (!known.contains(id)) {
                out.add(symbol + " " + id);
            }
        }
    }

    /**
     * A spot position the account does not bear out: {@code held} (free plus locked base asset) against the
     * session's {@code expected} quantity. Smaller means the session believes it holds what the account does not
     * (sold or moved outside the system): trading on must not start. Larger means the account holds more than
     * the session's position (the user's own coins, a deposit): left alone.
     */
    public record PositionDifference(String symbol, String asset, long expected, long held, boolean futures) {
        public boolean smaller() {
            return held < expected;
        }

        /**
         * Whether trading must not start. Spot: the holding is smaller than the session's position. USD-M: any
         * difference, since a one-way position is shared by everything that trades the symbol on the account and
         * the session's reduce-only exits and stops are only right when the position is the session's alone.
         */
        public boolean refuses() {
            return futures || smaller();
        }

        @Override
        public String toString() {
            if (futures) {
                return symbol + ": the account's position is " + Fixed.format(held) + ", the session's is "
                        + Fixed.format(expected);
            }
            return symbol + ": the account holds " + Fixed.format(held) + " " + asset + ", the session's position is "
                    + Fixed.format(expected) + (smaller() ? " (smaller than expected)" : " (larger than expected)");
        }
    }

    /**
     * Compares the session's positions (base-asset quantity per instrument) with the account's balances. A
     * difference within one step or 0.5% (commissions paid in the base asset) is no difference. Throws when the
     * account cannot be read: a missing report is never taken as flat.
     */
    public List<PositionDifference> positionDifferences(long[] expected) {
        if (futures) {
            return futuresPositionDifferences(expected);
        }
        BinanceRest.Reply r = rest.account();
        if (!(r instanceof BinanceRest.Reply.Ok ok)) {
            throw r.failure("cannot read the account's balances to check positions");
        }
        Map<String, Long> held = new java.util.HashMap<>();
        for (JsonNode b : ok.body().path("balances")) {
            held.merge(b.path("asset").asText(), Fixed.parse(b.path("free").asText("0"))
                    + Fixed.parse(b.path("locked").asText("0")), Long::sum);
        }
        List<PositionDifference> out = new ArrayList<>();
        for (int i = 0; i < instruments.size(); i++) {
            Instrument inst = instruments.get(i);
            long want = Math.max(0, expected[i]);
            long have = held.getOrDefault(inst.baseAsset(), 0L);
            long tolerance = Math.max(inst.stepSize(), want / 200);
            if (Math.abs(have - want) > tolerance) {
                out.add(new PositionDifference(inst.symbol(), inst.baseAsset(), want, have, false));
            }
        }
        return out;
    }

    /**
     * USD-M: the account's signed positions ({@code GET /fapi/v3/positionRisk}; a symbol it does not list has no
     * position) against the session's. Hedge mode, or a position report that cannot be read, throws: the session
     * trades one-way positions only, and a missing report is never taken as flat.
     */
    private List<PositionDifference> futuresPositionDifferences(long[] expected) {
        BinanceRest.Reply mode = rest.positionMode();
        if (!(mode instanceof BinanceRest.Reply.Ok m)) {
            throw mode.failure("cannot read the account's position mode");
        }
        if (m.body().path("dualSidePosition").asBoolean(false)) {
            throw new IllegalStateException("the futures account is in hedge mode (dualSidePosition true); hft "
                    + "trades one-way positions: switch the account to one-way mode");
        }
        BinanceRest.Reply r = rest.positionRisk();
        if (!(r instanceof BinanceRest.Reply.Ok ok) || !ok.body().isArray()) {
            throw r.failure("cannot read the account's futures positions");
        }
        Map<String, Long> held = new java.util.HashMap<>();
        for (JsonNode p : ok.body()) {
            held.merge(p.path("symbol").asText(), Fixed.parse(p.path("positionAmt").asText("0")), Long::sum);
        }
        List<PositionDifference> out = new ArrayList<>();
        for (int i = 0; i < instruments.size(); i++) {
            Instrument inst = instruments.get(i);
            long have = held.getOrDefault(inst.symbol(), 0L);
            if (have != expected[i]) {
                out.add(new PositionDifference(inst.symbol(), inst.baseAsset(), expected[i], have, true));
            }
        }
        return out;
    }

    /** Orders of unknown outcome not resolved yet. */
    public int unresolved() {
        return unknown.size();
    }

    /** Used by tests: is the order followed as working. */
    boolean isWorking(String id) {
        return working.containsKey(id) && !unknown.containsKey(id) || unknown.containsKey(id);
    }

    /** The order types the venue adapter supports. */
    public static boolean supports(OrderType t) {
        return t == OrderType.MARKET || t == OrderType.STOP_MARKET || t == OrderType.LIMIT
                || t == OrderType.STOP_LIMIT;
    }
}
