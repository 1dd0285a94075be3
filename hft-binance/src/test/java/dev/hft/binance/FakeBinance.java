package dev.hft.binance;

import dev.hft.binance.auth.HmacSigner;
import dev.hft.binance.auth.Secret;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.InstrumentTable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A local server with Binance spot REST semantics, for the client's tests: signature check (HMAC or Ed25519),
 * the timestamp/recvWindow rule, per-minute request weight with {@code X-MBX-USED-WEIGHT-1M}, 429 with
 * {@code Retry-After} and a 418 ban for requests during the back-off, orders by client order id (a duplicate id
 * among open orders is rejected, an id whose order is filled may be used again: the reuse trap), and faults on
 * demand (connection dropped after the order was placed, 500 after placing, -1007).
 *
 * <p>It also answers USD-M futures ({@code /fapi}) with the same orders, keys and faults: orders with
 * {@code newOrderRespType=RESULT} replies ({@code cumQuote}, {@code avgPrice}, no fills), conditional orders only
 * through the Algo Service ({@code /fapi/v1/order} refuses them with -4120 as Binance has since 2025-12-09),
 * reduce-only checked against the position (-2022), one-way positions from the fills at
 * {@code /fapi/v3/positionRisk}, the position mode, and listenKeys for the user stream.
 */
public final class FakeBinance implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the next order request suffers after the order is placed. */
    public enum Fault { NONE, DROP_CONNECTION, HTTP_500, HTTP_503, TIMEOUT_1007, ALWAYS_1021, DROP_BEFORE_PLACING }

    /** One order as the venue holds it. */
    public static final class VenueOrder {
        public final long orderId;
        public final String clientOrderId;
        public final String symbol;
        public final String side;
        public final String type;
        public final String quantity;
        public volatile String status;
        public volatile String executedQty = "0";
        /** USD-M futures order; {@code algo}: a conditional order of the Algo Service (status in algoStatus). */
        public boolean futures;
        public boolean algo;
        public boolean reduceOnly;
        public String triggerPrice;
        public volatile String algoStatus;
        /** Spot BUY whose commission (0.1%) the venue takes from the coins bought ({@link #commissionInBase}). */
        public boolean commissionFromBase;
        /** The order list (OCO) this order is a leg of; -1 for a single order, as Binance shows it. */
        public long orderListId = -1;
        public String price;
        public String stopPrice;
        /** A trailing stop leg's distance in BIPS, as sent (placed at its first level: this venue does not trail). */
        public String trailingDelta;

        /** Whether this order's commission is paid in the base asset. */
        boolean baseCommission() {
            return commissionFromBase;
        }

        VenueOrder(long orderId, String clientOrderId, String symbol, String side, String type, String quantity) {
            this.orderId = orderId;
            this.clientOrderId = clientOrderId;
            this.symbol = symbol;
            this.side = side;
            this.type = type;
            this.quantity = quantity;
        }
    }

    private final HttpServer server;
    private final String apiKey;
    private final HmacSigner hmac;
    private final PublicKey ed25519;
    private final LongSupplier clock;
    /** Added to the server's clock: the exchange's clock jumps (ms; NTP steps, a leap). */
    public volatile long clockJumpMs;
    private final LongSupplier serverClock;
    public final List<VenueOrder> orders = Collections.synchronizedList(new ArrayList<>());
    public final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    public volatile int weightLimit = 6000;
    public volatile Fault nextOrderFault = Fault.NONE;
    public volatile String fillPrice = "42000.00";
    /**
     * Spot as Binance does it without BNB: a BUY's commission is taken from the coins received, so the account holds
     * less than the executed quantity. Off by default (the commission is then in USDT).
     */
    public volatile boolean commissionInBase;
    /**
     * Spot balances enforced: a SELL needs the base asset free (held and not locked by resting SELLs), else -2010
     * "Account has insufficient balance for requested action."; resting SELLs show as locked in the account.
     */
    public volatile boolean enforceBalances;
    public volatile boolean ban418Next;
    /** Kline history per symbol for GET /api/v3/klines; {@code klinesDown} makes that endpoint fail. */
    public final Map<String, List<Kline>> klineHistory = new java.util.concurrent.ConcurrentHashMap<>();
    public volatile boolean klinesDown;
    /** What GET /sapi/v1/account/apiRestrictions reports about the key. */
    public volatile boolean withdrawalsEnabled;
    /** The WebSocket API's user data stream, when a test started one: told about every order change. */
    volatile FakeUserStream userStream;
    /** Balance changes made outside the system (a sale on the website, a deposit), per asset. */
    public final Map<String, java.math.BigDecimal> outside = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * Orders the by-id query does not find (-2013) though the venue has them (a lagging read replica just after a
     * restart): only the order history ({@code allOrders}) shows them.
     */
    public final java.util.Set<String> hiddenFromQuery = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** GET /api/v3/account answers 500 while set. */
    public volatile boolean accountDown;
    /** USD-M: position changes made outside the system, per symbol; hedge mode; the listenKey (null: none). */
    public final Map<String, java.math.BigDecimal> outsidePosition = new java.util.concurrent.ConcurrentHashMap<>();
    public volatile boolean hedgeMode;
    public volatile String listenKey;
    private final java.util.concurrent.atomic.AtomicLong listenKeys = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong tradeIds = new java.util.concurrent.atomic.AtomicLong(1000);
    private long window = Long.MIN_VALUE;
    private int used;
    private long backoffUntil;

    private FakeBinance(String apiKey, HmacSigner hmac, PublicKey ed25519, LongSupplier serverClock)
            throws IOException {
        this.apiKey = apiKey;
        this.hmac = hmac;
        this.ed25519 = ed25519;
        this.clock = serverClock;
        this.serverClock = () -> clock.getAsLong() + clockJumpMs;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeBinance hmac(String apiKey, String secret, LongSupplier serverClock) throws IOException {
        return new FakeBinance(apiKey, new HmacSigner(Secret.of(secret)), null, serverClock);
    }

    public static FakeBinance ed25519(String apiKey, String spkiBase64, LongSupplier serverClock) throws Exception {
        PublicKey k = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(spkiBase64)));
        return new FakeBinance(apiKey, null, k, serverClock);
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Venue orders with this client order id (a correct client creates at most one per decision). */
    public long ordersWithClientId(String id) {
        synchronized (orders) {
            return orders.stream().filter(o -> o.clientOrderId.equals(id)).count();
        }
    }

    /** Fills part of a resting order. */
    public void partialFill(String clientOrderId, String qty) {
        VenueOrder o = open(clientOrderId);
        String last = new java.math.BigDecimal(qty).subtract(new java.math.BigDecimal(o.executedQty)).toPlainString();
        o.executedQty = qty;
        o.status = "PARTIALLY_FILLED";
        emit(o, "TRADE", last);
    }

    /** Tells the user stream (if any) about a change of {@code o}. */
    private void emit(VenueOrder o, String x, String lastQty) {
        FakeUserStream us = userStream;
        if (us != null) {
            boolean trade = x.equals("TRADE");
            us.report(o, x, trade ? lastQty : "0", trade ? fillPrice : "0", trade ? tradeIds.incrementAndGet() : -1,
                    serverClock.getAsLong());
        }
    }

    /** The user stream's time check, as the REST API's: {@code timestamp} within the recvWindow (5,000 ms). */
    boolean acceptsTimestamp(long ts) {
        long now = serverClock.getAsLong();
        return ts < now + 1000 && now - ts <= 5000;
    }

    /** The user stream's key check: the api key, and the signature over its sorted parameters. */
    boolean acceptsKey(String key, String payload, String signature) {
        return apiKey.equals(key) && verify(payload, signature);
    }

    /** Cancels an order outside the system (the user on the website). */
    public void cancelOutside(String clientOrderId) {
        VenueOrder o = open(clientOrderId);
        o.status = "CANCELED";
        if (o.algo) {
            o.algoStatus = "CANCELED";
        }
        emit(o, "CANCELED", "0");
    }

    /** An order placed outside the system. */
    public void placeOutside(String clientOrderId, String symbol) {
        VenueOrder o = new VenueOrder(orders.size() + 1L, clientOrderId, symbol, "BUY", "LIMIT", "0.01");
        o.status = "NEW";
        orders.add(o);
    }

    /** Fills a resting order (the market moved); the other leg of its order list, if any, expires. */
    public void fill(String clientOrderId) {
        VenueOrder o = open(clientOrderId);
        String last = new java.math.BigDecimal(o.quantity).subtract(new java.math.BigDecimal(o.executedQty))
                .toPlainString();
        o.executedQty = o.quantity;
        o.status = "FILLED";
        emit(o, "TRADE", last);
        for (VenueOrder peer : listPeers(o)) {
            peer.status = "EXPIRED";
            emit(peer, "EXPIRED", "0");
        }
    }

    /** The other open legs of {@code o}'s order list (none for a single order). */
    private List<VenueOrder> listPeers(VenueOrder o) {
        List<VenueOrder> out = new ArrayList<>();
        if (o.orderListId < 0) {
            return out;
        }
        synchronized (orders) {
            for (VenueOrder p : orders) {
                if (p != o && p.orderListId == o.orderListId && (p.status.equals("NEW")
                        || p.status.equals("PARTIALLY_FILLED"))) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** Whether a limit order of {@code side} at {@code price} trades at the last price (a limit IOC fills there). */
    private boolean marketable(String side, String price) {
        int c = new java.math.BigDecimal(price).compareTo(new java.math.BigDecimal(fillPrice));
        return side.equals("BUY") ? c >= 0 : c <= 0;
    }

    /** Order lists placed (OCOs), as Binance counts them. */
    public long orderLists() {
        synchronized (orders) {
            return orders.stream().filter(o -> o.orderListId >= 0).map(o -> o.orderListId).distinct().count();
        }
    }

    private VenueOrder open(String clientOrderId) {
        synchronized (orders) {
            for (VenueOrder o : orders) {
                if (o.clientOrderId.equals(clientOrderId) && (o.status.equals("NEW")
                        || o.status.equals("PARTIALLY_FILLED"))) {
                    return o;
                }
            }
        }
        return null;
    }

    /**
     * USD-M: the market reaches a conditional order's trigger. It becomes a market order in the matching engine
     * (its own client order id, not the algo's) and fills; the user stream hears ALGO_UPDATE TRIGGERED, the
     * triggered order's ORDER_TRADE_UPDATE, then ALGO_UPDATE FINISHED with the executed quantity and price.
     */
    public void trigger(String clientAlgoId) {
        VenueOrder o = open(clientAlgoId);
        o.algoStatus = "TRIGGERED";
        emit(o, "NEW", "0");
        VenueOrder actual = new VenueOrder(orders.size() + 1L, "trig-" + o.orderId, o.symbol, o.side, "MARKET",
                o.quantity);
        actual.futures = true;
        actual.reduceOnly = o.reduceOnly;
        actual.status = "FILLED";
        actual.executedQty = o.quantity;
        orders.add(actual);
        emit(actual, "TRADE", o.quantity);
        o.executedQty = o.quantity;
        o.status = "FILLED";
        o.algoStatus = "FINISHED";
        emit(o, "TRADE", o.quantity);
    }

    /** USD-M: the account's one-way position in {@code symbol}: the futures fills plus changes made outside. */
    public java.math.BigDecimal position(String symbol) {
        java.math.BigDecimal pos = outsidePosition.getOrDefault(symbol, java.math.BigDecimal.ZERO);
        synchronized (orders) {
            for (VenueOrder o : orders) {
                if (o.futures && !o.algo && o.symbol.equals(symbol)) {
                    java.math.BigDecimal q = new java.math.BigDecimal(o.executedQty);
                    pos = pos.add(o.side.equals("BUY") ? q : q.negate());
                }
            }
        }
        return pos;
    }

    private VenueOrder latest(String clientOrderId) {
        synchronized (orders) {
            for (int i = orders.size() - 1; i >= 0; i--) {
                if (orders.get(i).clientOrderId.equals(clientOrderId)) {
                    return orders.get(i);
                }
            }
        }
        return null;
    }

    private synchronized int addWeight(int w, long now) {
        long win = Math.floorDiv(now, 60_000L);
        if (win != window) {
            window = win;
            used = 0;
        }
        used += w;
        return used;
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        String rawQuery = ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery();
        requests.add(method + " " + path);
        long now = serverClock.getAsLong();
        try (ex) {
            synchronized (this) {
                if (ban418Next || now < backoffUntil) {
                    ban418Next = false;
                    backoffUntil = Math.max(backoffUntil, now + 120_000);
                    ex.getResponseHeaders().add("Retry-After", "120");
                    send(ex, 418, error(-1003, "Way too much request weight used; IP banned until "
                            + backoffUntil + "."));
                    return;
                }
            }
            int weight = switch (path) {
                case "/api/v3/exchangeInfo" -> 20;
                case "/api/v3/openOrders" -> 6;
                case "/api/v3/account", "/api/v3/allOrders" -> 20;
                case "/fapi/v3/positionRisk" -> 5;
                case "/fapi/v1/positionSide/dual" -> 30;
                default -> path.equals("/api/v3/order") && method.equals("GET") ? 4 : 1;
            };
            int u = addWeight(weight, now);
            ex.getResponseHeaders().add("X-MBX-USED-WEIGHT-1M", Integer.toString(u));
            if (u > weightLimit) {
                synchronized (this) {
                    backoffUntil = now + 30_000;
                }
                ex.getResponseHeaders().add("Retry-After", "30");
                send(ex, 429, error(-1003, "Too much request weight used; current limit is " + weightLimit
                        + " request weight per 1 MINUTE."));
                return;
            }
            Map<String, String> q = parse(rawQuery);
            switch (path) {
                case "/api/v3/time", "/fapi/v1/time" -> send(ex, 200, JSON.createObjectNode().put("serverTime", now));
                case "/api/v3/exchangeInfo" -> send(ex, 200, exchangeInfo(false));
                case "/fapi/v1/exchangeInfo" -> send(ex, 200, exchangeInfo(true));
                case "/api/v3/klines", "/fapi/v1/klines" -> klines(ex, q);
                case "/fapi/v1/listenKey" -> listenKey(ex, method);
                case "/api/v3/order", "/api/v3/openOrders", "/api/v3/account", "/sapi/v1/account/apiRestrictions",
                     "/fapi/v1/order", "/fapi/v1/openOrders", "/fapi/v1/algoOrder", "/fapi/v1/openAlgoOrders",
                     "/fapi/v3/positionRisk", "/fapi/v1/positionSide/dual", "/api/v3/orderList/oco",
                     "/api/v3/allOrders", "/fapi/v1/allOrders" ->
                        signed(ex, method, path, rawQuery, q, now);
                default -> send(ex, 404, error(-1, "no such endpoint"));
            }
        }
    }

    private void signed(HttpExchange ex, String method, String path, String rawQuery, Map<String, String> q,
                        long now) throws IOException {
        if (!apiKey.equals(ex.getRequestHeaders().getFirst("X-MBX-APIKEY"))) {
            send(ex, 401, error(-2015, "Invalid API-key, IP, or permissions for action."));
            return;
        }
        int at = rawQuery.lastIndexOf("&signature=");
        if (at < 0 || !verify(rawQuery.substring(0, at), q.get("signature"))) {
            send(ex, 400, error(-1022, "Signature for this request is not valid."));
            return;
        }
        long ts = Long.parseLong(q.get("timestamp"));
        long recv = q.containsKey("recvWindow") ? Long.parseLong(q.get("recvWindow")) : 5000;
        if (nextOrderFault == Fault.ALWAYS_1021 && method.equals("POST")
                || !(ts < now + 1000 && now - ts <= recv)) {
            send(ex, 400, error(-1021, "Timestamp for this request is outside of the recvWindow."));
            return;
        }
        if (path.startsWith("/fapi/")) {
            futures(ex, method, path, q);
            return;
        }
        if (path.equals("/sapi/v1/account/apiRestrictions")) {
            send(ex, 200, JSON.createObjectNode().put("ipRestrict", false).put("enableWithdrawals", withdrawalsEnabled)
                    .put("enableSpotAndMarginTrading", true).put("enableFutures", true).put("enableReading", true));
            return;
        }
        if (path.equals("/api/v3/account")) {
            if (accountDown) {
                send(ex, 500, error(-1000, "An unknown error occurred while processing the request."));
            } else {
                send(ex, 200, account());
            }
            return;
        }
        if (path.equals("/api/v3/openOrders")) {
            ArrayNode a = JSON.createArrayNode();
            synchronized (orders) {
                orders.stream().filter(o -> !o.futures && o.symbol.equals(q.get("symbol"))
                                && (o.status.equals("NEW") || o.status.equals("PARTIALLY_FILLED")))
                        .forEach(o -> a.add(json(o)));
            }
            send(ex, 200, a);
            return;
        }
        if (path.equals("/api/v3/orderList/oco")) {
            oco(ex, q);
            return;
        }
        if (path.equals("/api/v3/allOrders")) {
            ArrayNode a = JSON.createArrayNode();
            synchronized (orders) {
                orders.stream().filter(o -> !o.futures && o.symbol.equals(q.get("symbol")))
                        .forEach(o -> a.add(json(o)));
            }
            send(ex, 200, a);
            return;
        }
        String cid = q.getOrDefault("newClientOrderId", q.get("origClientOrderId"));
        switch (method) {
            case "POST" -> {
                if (nextOrderFault == Fault.DROP_BEFORE_PLACING) {
                    nextOrderFault = Fault.NONE;
                    throw new IOException("connection dropped before the order reached the matching engine");
                }
                if (open(cid) != null) {
                    send(ex, 400, error(-2010, "Duplicate order sent."));
                    return;
                }
                VenueOrder o = new VenueOrder(orders.size() + 1L, cid, q.get("symbol"), q.get("side"), q.get("type"),
                        q.get("quantity"));
                String base = o.symbol.substring(0, o.symbol.length() - 4);
                if (enforceBalances && o.side.equals("SELL")
                        && free(base).compareTo(new java.math.BigDecimal(o.quantity)) < 0) {
                    send(ex, 400, error(-2010, "Account has insufficient balance for requested action."));
                    return;
                }
                o.commissionFromBase = commissionInBase && o.side.equals("BUY");
                o.status = "NEW";
                o.price = q.get("price");
                boolean ioc = "IOC".equals(q.get("timeInForce"));
                if ("MARKET".equals(o.type) || ioc && marketable(o.side, o.price)) {
                    o.status = "FILLED";
                    o.executedQty = o.quantity;
                } else if (ioc) {
                    o.status = "EXPIRED";
                }
                orders.add(o);
                emit(o, o.status.equals("FILLED") ? "TRADE" : o.status.equals("EXPIRED") ? "EXPIRED" : "NEW",
                        o.executedQty);
                if (!answerFault(ex)) {
                    send(ex, 200, json(o));
                }
            }
            case "GET" -> {
                VenueOrder o = hiddenFromQuery.contains(cid) ? null : latest(cid);
                if (o == null) {
                    send(ex, 400, error(-2013, "Order does not exist."));
                } else {
                    send(ex, 200, json(o));
                }
            }
            case "DELETE" -> {
                VenueOrder o = open(cid);
                if (o == null) {
                    send(ex, 400, error(-2011, "Unknown order sent."));
                } else {
                    // canceling one leg of an order list cancels the whole list
                    List<VenueOrder> peers = listPeers(o);
                    o.status = "CANCELED";
                    peers.forEach(p -> p.status = "CANCELED");
                    send(ex, 200, json(o));
                    emit(o, "CANCELED", "0");
                    peers.forEach(p -> emit(p, "CANCELED", "0"));
                }
            }
            default -> send(ex, 405, error(-1, "method"));
        }
    }

    /**
     * {@code POST /api/v3/orderList/oco}: a LIMIT_MAKER leg and a STOP_LOSS leg over one quantity, locked once. The
     * prices must bracket the last price ({@link #fillPrice}): for a SELL, limit above and stop below; for a BUY the
     * other way round; else -2010 as Binance answers. A SELL needs the quantity free once.
     */
    private void oco(HttpExchange ex, Map<String, String> q) throws IOException {
        if (nextOrderFault == Fault.DROP_BEFORE_PLACING) {
            nextOrderFault = Fault.NONE;
            throw new IOException("connection dropped before the order list reached the matching engine");
        }
        String side = q.get("side");
        String qty = q.get("quantity");
        String symbol = q.get("symbol");
        boolean sell = side.equals("SELL");
        String limitPos = sell ? "above" : "below";
        String stopPos = sell ? "below" : "above";
        if (!"LIMIT_MAKER".equals(q.get(limitPos + "Type")) || !"STOP_LOSS".equals(q.get(stopPos + "Type"))) {
            send(ex, 400, error(-1102, "Mandatory parameter was not sent, was empty/null, or malformed."));
            return;
        }
        java.math.BigDecimal last = new java.math.BigDecimal(fillPrice);
        java.math.BigDecimal limit = new java.math.BigDecimal(q.get(limitPos + "Price"));
        String trailingDelta = q.get(stopPos + "TrailingDelta");
        // a trailing stop leg gives its distance instead of a price: its first level is that far from the last price
        java.math.BigDecimal stop = q.get(stopPos + "StopPrice") != null
                ? new java.math.BigDecimal(q.get(stopPos + "StopPrice"))
                : trailingDelta == null ? null : last.multiply(java.math.BigDecimal.ONE.add(
                        new java.math.BigDecimal(trailingDelta).movePointLeft(4).multiply(
                                java.math.BigDecimal.valueOf(sell ? -1 : 1))));
        if (stop == null) {
            send(ex, 400, error(-1102, "Mandatory parameter was not sent, was empty/null, or malformed."));
            return;
        }
        boolean ordered = sell ? limit.compareTo(last) > 0 && last.compareTo(stop) > 0
                : stop.compareTo(last) > 0 && last.compareTo(limit) > 0;
        if (!ordered) {
            send(ex, 400, error(-2010, "The relationship of the prices for the orders is not correct."));
            return;
        }
        String limitId = q.get(limitPos + "ClientOrderId");
        String stopId = q.get(stopPos + "ClientOrderId");
        if (open(limitId) != null || open(stopId) != null) {
            send(ex, 400, error(-2010, "Duplicate order sent."));
            return;
        }
        String base = symbol.substring(0, symbol.length() - 4);
        if (enforceBalances && sell && free(base).compareTo(new java.math.BigDecimal(qty)) < 0) {
            send(ex, 400, error(-2010, "Account has insufficient balance for requested action."));
            return;
        }
        long listId = orderLists() + 1;
        VenueOrder s = new VenueOrder(orders.size() + 1L, stopId, symbol, side, "STOP_LOSS", qty);
        s.stopPrice = stop.toPlainString();
        s.trailingDelta = trailingDelta;
        VenueOrder l = new VenueOrder(orders.size() + 2L, limitId, symbol, side, "LIMIT_MAKER", qty);
        l.price = limit.toPlainString();
        ObjectNode reply = JSON.createObjectNode().put("orderListId", listId).put("contingencyType", "OCO")
                .put("listStatusType", "EXEC_STARTED").put("listOrderStatus", "EXECUTING")
                .put("listClientOrderId", "list" + listId).put("transactionTime", serverClock.getAsLong())
                .put("symbol", symbol);
        ArrayNode ids = reply.putArray("orders");
        ArrayNode reports = reply.putArray("orderReports");
        for (VenueOrder o : sell ? List.of(s, l) : List.of(l, s)) {
            o.orderListId = listId;
            o.status = "NEW";
            orders.add(o);
            emit(o, "NEW", "0");
            ids.addObject().put("symbol", symbol).put("orderId", o.orderId).put("clientOrderId", o.clientOrderId);
            reports.add(json(o));
        }
        if (!answerFault(ex)) {
            send(ex, 200, reply);
        }
    }

    /** USD-M listenKey: API key only; POST issues (or returns the active) key, PUT keeps it alive (-1125 if gone). */
    private void listenKey(HttpExchange ex, String method) throws IOException {
        if (!apiKey.equals(ex.getRequestHeaders().getFirst("X-MBX-APIKEY"))) {
            send(ex, 401, error(-2015, "Invalid API-key, IP, or permissions for action."));
            return;
        }
        switch (method) {
            case "POST" -> {
                if (listenKey == null) {
                    listenKey = "lk" + listenKeys.incrementAndGet() + "pQWxZ9";
                }
                send(ex, 200, JSON.createObjectNode().put("listenKey", listenKey));
            }
            case "PUT" -> {
                if (listenKey == null) {
                    send(ex, 400, error(-1125, "This listenKey does not exist."));
                } else {
                    send(ex, 200, JSON.createObjectNode().put("listenKey", listenKey));
                }
            }
            default -> {
                listenKey = null;
                send(ex, 200, JSON.createObjectNode());
            }
        }
    }

    private void futures(HttpExchange ex, String method, String path, Map<String, String> q) throws IOException {
        switch (path) {
            case "/fapi/v1/positionSide/dual" -> send(ex, 200, JSON.createObjectNode()
                    .put("dualSidePosition", hedgeMode));
            case "/fapi/v3/positionRisk" -> {
                if (accountDown) {
                    send(ex, 500, error(-1000, "An unknown error occurred while processing the request."));
                    return;
                }
                ArrayNode a = JSON.createArrayNode();
                java.util.Set<String> symbols = new java.util.TreeSet<>(outsidePosition.keySet());
                synchronized (orders) {
                    orders.stream().filter(o -> o.futures).forEach(o -> symbols.add(o.symbol));
                }
                for (String sym : symbols) {
                    java.math.BigDecimal pos = position(sym);
                    if (pos.signum() != 0) {
                        a.addObject().put("symbol", sym).put("positionSide", "BOTH").put("positionAmt",
                                pos.toPlainString()).put("entryPrice", fillPrice).put("markPrice", fillPrice)
                                .put("marginAsset", "USDT").put("updateTime", serverClock.getAsLong());
                    }
                }
                send(ex, 200, a);
            }
            case "/fapi/v1/openOrders", "/fapi/v1/openAlgoOrders" -> {
                boolean algo = path.endsWith("AlgoOrders");
                ArrayNode a = JSON.createArrayNode();
                synchronized (orders) {
                    orders.stream().filter(o -> o.futures && o.algo == algo && o.symbol.equals(q.get("symbol"))
                                    && (o.status.equals("NEW") || o.status.equals("PARTIALLY_FILLED")))
                            .forEach(o -> a.add(algo ? algoJson(o) : futuresJson(o)));
                }
                send(ex, 200, a);
            }
            case "/fapi/v1/algoOrder" -> algoOrder(ex, method, q);
            case "/fapi/v1/allOrders" -> {
                ArrayNode a = JSON.createArrayNode();
                synchronized (orders) {
                    orders.stream().filter(o -> o.futures && !o.algo && o.symbol.equals(q.get("symbol")))
                            .forEach(o -> a.add(futuresJson(o)));
                }
                send(ex, 200, a);
            }
            default -> futuresOrder(ex, method, q);
        }
    }

    private VenueOrder latest(String clientOrderId, boolean algo) {
        synchronized (orders) {
            for (int i = orders.size() - 1; i >= 0; i--) {
                VenueOrder o = orders.get(i);
                if (o.futures && o.algo == algo && o.clientOrderId.equals(clientOrderId)) {
                    return o;
                }
            }
        }
        return null;
    }

    private void futuresOrder(HttpExchange ex, String method, Map<String, String> q) throws IOException {
        String cid = q.getOrDefault("newClientOrderId", q.get("origClientOrderId"));
        switch (method) {
            case "POST" -> {
                String type = q.get("type");
                if (!type.equals("MARKET") && !type.equals("LIMIT")) {
                    send(ex, 400, error(-4120, "Order type not supported for this endpoint. Please use the Algo "
                            + "Order API endpoints instead."));
                    return;
                }
                if (open(cid) != null) {
                    send(ex, 400, error(-4116, "ClientOrderId is duplicated."));
                    return;
                }
                boolean reduce = "true".equals(q.get("reduceOnly"));
                java.math.BigDecimal pos = position(q.get("symbol"));
                java.math.BigDecimal qty = new java.math.BigDecimal(q.get("quantity"));
                if (reduce && (pos.signum() == 0 || (pos.signum() > 0) == q.get("side").equals("BUY")
                        || qty.compareTo(pos.abs()) > 0)) {
                    send(ex, 400, error(-2022, "ReduceOnly Order is rejected."));
                    return;
                }
                VenueOrder o = new VenueOrder(orders.size() + 1L, cid, q.get("symbol"), q.get("side"), type,
                        q.get("quantity"));
                o.futures = true;
                o.reduceOnly = reduce;
                o.status = "NEW";
                o.price = q.get("price");
                boolean ioc = "IOC".equals(q.get("timeInForce"));
                if (type.equals("MARKET") || ioc && marketable(o.side, o.price)) {
                    o.status = "FILLED";
                    o.executedQty = o.quantity;
                } else if (ioc) {
                    o.status = "EXPIRED";
                }
                orders.add(o);
                emit(o, o.status.equals("FILLED") ? "TRADE" : o.status.equals("EXPIRED") ? "EXPIRED" : "NEW",
                        o.executedQty);
                if (!answerFault(ex)) {
                    send(ex, 200, futuresJson(o));
                }
            }
            case "GET" -> {
                VenueOrder o = latest(cid, false);
                send(ex, o == null ? 400 : 200, o == null ? error(-2013, "Order does not exist.") : futuresJson(o));
            }
            default -> {
                VenueOrder o = open(cid);
                if (o == null || o.algo) {
                    send(ex, 400, error(-2011, "Unknown order sent."));
                } else {
                    o.status = "CANCELED";
                    send(ex, 200, futuresJson(o));
                    emit(o, "CANCELED", "0");
                }
            }
        }
    }

    private void algoOrder(HttpExchange ex, String method, Map<String, String> q) throws IOException {
        String cid = q.get("clientAlgoId");
        switch (method) {
            case "POST" -> {
                if (!"CONDITIONAL".equals(q.get("algoType")) || q.get("triggerPrice") == null) {
                    send(ex, 400, error(-1102, "Mandatory parameter 'algoType' or 'triggerPrice' was not sent."));
                    return;
                }
                if (open(cid) != null) {
                    send(ex, 400, error(-4116, "ClientOrderId is duplicated."));
                    return;
                }
                VenueOrder o = new VenueOrder(orders.size() + 1L, cid, q.get("symbol"), q.get("side"), q.get("type"),
                        q.get("quantity"));
                o.futures = true;
                o.algo = true;
                o.reduceOnly = "true".equals(q.get("reduceOnly"));
                o.triggerPrice = q.get("triggerPrice");
                o.status = "NEW";
                o.algoStatus = "NEW";
                orders.add(o);
                emit(o, "NEW", "0");
                if (!answerFault(ex)) {
                    send(ex, 200, algoJson(o));
                }
            }
            case "GET" -> {
                VenueOrder o = latest(cid, true);
                send(ex, o == null ? 400 : 200, o == null ? error(-2013, "Order does not exist.") : algoJson(o));
            }
            default -> {
                VenueOrder o = open(cid);
                if (o == null || !o.algo) {
                    send(ex, 400, error(-2011, "Unknown order sent."));
                } else {
                    o.status = "CANCELED";
                    o.algoStatus = "CANCELED";
                    send(ex, 200, JSON.createObjectNode().put("algoId", o.orderId).put("clientAlgoId", cid)
                            .put("code", "200").put("msg", "success"));
                    emit(o, "CANCELED", "0");
                }
            }
        }
    }

    /** The fault asked for the next order, answered instead of the order (true when one was). */
    private boolean answerFault(HttpExchange ex) throws IOException {
        Fault f = nextOrderFault;
        nextOrderFault = Fault.NONE;
        switch (f) {
            case DROP_CONNECTION -> throw new IOException("connection dropped after the order was placed");
            case HTTP_500 -> send(ex, 500, error(-1000, "An unknown error occurred while processing the request."));
            // what the spot API answered in the field after placing the order
            case HTTP_503 -> send(ex, 503, error(0, "Service Unavailable."));
            case TIMEOUT_1007 -> send(ex, 408, error(-1007, "Timeout waiting for response from backend server. "
                    + "Send status unknown; execution status unknown."));
            default -> {
                return false;
            }
        }
        return true;
    }

    /** A USD-M order as {@code /fapi/v1/order} shows it (RESULT: no fills, {@code cumQuote} and {@code avgPrice}). */
    private ObjectNode futuresJson(VenueOrder o) {
        java.math.BigDecimal exec = new java.math.BigDecimal(o.executedQty);
        ObjectNode n = JSON.createObjectNode();
        n.put("orderId", o.orderId).put("symbol", o.symbol).put("status", o.status)
                .put("clientOrderId", o.clientOrderId).put("price", "0").put("avgPrice", exec.signum() > 0
                        ? fillPrice : "0").put("origQty", o.quantity).put("executedQty", o.executedQty)
                .put("cumQuote", exec.multiply(new java.math.BigDecimal(fillPrice)).toPlainString())
                .put("timeInForce", "GTC").put("type", o.type).put("reduceOnly", o.reduceOnly).put("side", o.side)
                .put("positionSide", "BOTH").put("updateTime", serverClock.getAsLong());
        return n;
    }

    /** A conditional order as {@code /fapi/v1/algoOrder} shows it. */
    private ObjectNode algoJson(VenueOrder o) {
        String executed = o.executedQty; // read once: the price and quantity shown belong together
        boolean done = new java.math.BigDecimal(executed).signum() > 0;
        long t = serverClock.getAsLong();
        ObjectNode n = JSON.createObjectNode();
        n.put("algoId", o.orderId).put("clientAlgoId", o.clientOrderId).put("algoType", "CONDITIONAL")
                .put("orderType", o.type).put("symbol", o.symbol).put("side", o.side).put("positionSide", "BOTH")
                .put("timeInForce", "GTC").put("quantity", o.quantity).put("algoStatus", o.algoStatus)
                .put("actualOrderId", o.algoStatus.equals("NEW") ? "" : "trig-" + o.orderId)
                .put("actualPrice", done ? fillPrice : "0").put("actualQty", executed)
                .put("triggerPrice", o.triggerPrice).put("price", "0").put("workingType", "CONTRACT_PRICE")
                .put("reduceOnly", o.reduceOnly).put("createTime", t).put("updateTime", t);
        return n;
    }

    private boolean verify(String payload, String signature) {
        if (signature == null) {
            return false;
        }
        if (hmac != null) {
            return hmac.sign(payload).equalsIgnoreCase(signature);
        }
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(ed25519);
            s.update(payload.getBytes(StandardCharsets.UTF_8));
            return s.verify(Base64.getDecoder().decode(signature));
        } catch (Exception e) {
            return false;
        }
    }

    /** The spot balance of {@code asset} not locked by resting SELLs. */
    private java.math.BigDecimal free(String asset) {
        return balances().getOrDefault(asset, java.math.BigDecimal.ZERO).subtract(locked(asset));
    }

    /** Base asset locked by resting (open) spot SELLs. */
    private java.math.BigDecimal locked(String asset) {
        java.math.BigDecimal l = java.math.BigDecimal.ZERO;
        synchronized (orders) {
            for (VenueOrder o : orders) {
                boolean sharedLeg = o.orderListId >= 0 && o.type.equals("LIMIT_MAKER"); // a list locks once
                if (!o.futures && !sharedLeg && o.side.equals("SELL") && o.symbol.startsWith(asset)
                        && o.symbol.length() == asset.length() + 4
                        && (o.status.equals("NEW") || o.status.equals("PARTIALLY_FILLED"))) {
                    l = l.add(new java.math.BigDecimal(o.quantity).subtract(new java.math.BigDecimal(o.executedQty)));
                }
            }
        }
        return l;
    }

    /** Spot balances (free plus locked) by asset: USDT starts at 100,000; what orders traded; changes outside. */
    private Map<String, java.math.BigDecimal> balances() {
        Map<String, java.math.BigDecimal> bal = new java.util.TreeMap<>(Map.of("USDT",
                new java.math.BigDecimal("100000")));
        synchronized (orders) {
            for (VenueOrder o : orders) {
                if (o.futures) {
                    continue;
                }
                java.math.BigDecimal q = new java.math.BigDecimal(o.executedQty);
                String base = o.symbol.substring(0, o.symbol.length() - 4);
                java.math.BigDecimal sign = java.math.BigDecimal.valueOf(o.side.equals("BUY") ? 1 : -1);
                java.math.BigDecimal received = o.commissionFromBase ? q.subtract(q.multiply(COMMISSION)) : q;
                bal.merge(base, received.multiply(sign), java.math.BigDecimal::add);
                bal.merge("USDT", q.multiply(new java.math.BigDecimal(fillPrice)).multiply(sign.negate()),
                        java.math.BigDecimal::add);
            }
        }
        outside.forEach((a, d) -> bal.merge(a, d, java.math.BigDecimal::add));
        return bal;
    }

    private static final java.math.BigDecimal COMMISSION = new java.math.BigDecimal("0.001");

    /** Balances: free and locked per asset. */
    private ObjectNode account() {
        ObjectNode n = JSON.createObjectNode().put("canTrade", true).put("accountType", "SPOT");
        ArrayNode arr = n.putArray("balances");
        balances().forEach((a, v) -> {
            java.math.BigDecimal l = locked(a);
            arr.addObject().put("asset", a).put("free", v.subtract(l).toPlainString()).put("locked",
                    l.toPlainString());
        });
        return n;
    }

    private ObjectNode json(VenueOrder o) {
        ObjectNode n = JSON.createObjectNode();
        long t = serverClock.getAsLong();
        n.put("transactTime", t).put("updateTime", t);
        n.put("symbol", o.symbol).put("orderId", o.orderId).put("clientOrderId", o.clientOrderId)
                .put("status", o.status).put("side", o.side).put("type", o.type).put("origQty", o.quantity)
                .put("executedQty", o.executedQty).put("orderListId", o.orderListId);
        if (o.price != null) {
            n.put("price", o.price);
        }
        if (o.stopPrice != null) {
            n.put("stopPrice", o.stopPrice);
        }
        java.math.BigDecimal exec = new java.math.BigDecimal(o.executedQty);
        n.put("cummulativeQuoteQty", exec.multiply(new java.math.BigDecimal(fillPrice)).toPlainString());
        if (exec.signum() > 0) {
            ArrayNode fills = n.putArray("fills");
            fills.addObject().put("price", fillPrice).put("qty", o.executedQty)
                    .put("commission", o.commissionFromBase ? exec.multiply(COMMISSION).toPlainString()
                            : exec.multiply(new java.math.BigDecimal(fillPrice)).multiply(COMMISSION).toPlainString())
                    .put("commissionAsset", o.commissionFromBase ? o.symbol.substring(0, o.symbol.length() - 4)
                            : "USDT").put("tradeId", o.orderId * 10);
        }
        return n;
    }

    private void klines(HttpExchange ex, Map<String, String> q) throws IOException {
        if (klinesDown) {
            send(ex, 503, error(0, "Service Unavailable."));
            return;
        }
        long from = Long.parseLong(q.getOrDefault("startTime", "0"));
        long to = Long.parseLong(q.getOrDefault("endTime", Long.toString(Long.MAX_VALUE)));
        int limit = Integer.parseInt(q.getOrDefault("limit", "500"));
        ArrayNode a = JSON.createArrayNode();
        for (Kline k : klineHistory.getOrDefault(q.get("symbol"), List.of())) {
            if (k.openTimeMs() >= from && k.openTimeMs() <= to && a.size() < limit) {
                ArrayNode row = a.addArray();
                row.add(k.openTimeMs()).add(Fixed.format(k.open())).add(Fixed.format(k.high()))
                        .add(Fixed.format(k.low())).add(Fixed.format(k.close())).add(Fixed.format(k.volume()))
                        .add(k.closeTimeMs()).add(Fixed.format(k.quoteVolume())).add(k.trades())
                        .add(Fixed.format(k.takerBuyVolume())).add("0").add("0");
            }
        }
        send(ex, 200, a);
    }

    private static ObjectNode exchangeInfo(boolean futures) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode symbols = root.putArray("symbols");
        List<Instrument> listed = new ArrayList<>(InstrumentTable.builtIn().all().values());
        // beyond the built-in four, as Binance lists them: a spot-only symbol, one halted (status BREAK), a
        // futures-only perpetual and a quarterly contract (not a perpetual: left out of the instrument file)
        listed.add(new Instrument(futures ? "1000PEPEUSDT" : "XRPUSDT", futures ? "1000PEPE" : "XRP", "USDT",
                futures ? Fixed.parse("0.0000001") : Fixed.parse("0.0001"), Fixed.parse(futures ? "1" : "0.1"),
                Fixed.parse(futures ? "1" : "0.1"), Fixed.of(5)));
        listed.add(new Instrument(futures ? "BTCUSDT_260327" : "LUNAUSDT", futures ? "BTC" : "LUNA", "USDT",
                Fixed.parse("0.1"), Fixed.parse("0.001"), Fixed.parse("0.001"), Fixed.of(5)));
        for (Instrument i : listed) {
            ObjectNode s = symbols.addObject();
            s.put("symbol", i.symbol()).put("baseAsset", i.baseAsset()).put("quoteAsset", i.quoteAsset());
            s.put("status", i.symbol().equals("LUNAUSDT") ? "BREAK" : "TRADING");
            if (futures) {
                s.put("contractType", i.symbol().contains("_") ? "CURRENT_QUARTER" : "PERPETUAL");
            }
            ArrayNode f = s.putArray("filters");
            f.addObject().put("filterType", "PRICE_FILTER").put("minPrice", "0.01").put("maxPrice", "1000000.00")
                    .put("tickSize", Fixed.format(i.tickSize()));
            f.addObject().put("filterType", "LOT_SIZE").put("minQty", Fixed.format(i.minQty()))
                    .put("maxQty", "9000.00").put("stepSize", Fixed.format(i.stepSize()));
            if (futures) { // USD-M names the field "notional"
                f.addObject().put("filterType", "MIN_NOTIONAL").put("notional", Fixed.format(i.minNotional()));
            } else {
                f.addObject().put("filterType", "NOTIONAL").put("minNotional", Fixed.format(i.minNotional()))
                        .put("applyMinToMarket", true);
            }
        }
        return root;
    }

    private static ObjectNode error(int code, String msg) {
        return JSON.createObjectNode().put("code", code).put("msg", msg);
    }

    private static Map<String, String> parse(String raw) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : raw.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                m.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    private static void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] b = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
