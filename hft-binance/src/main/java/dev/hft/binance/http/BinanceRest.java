package dev.hft.binance.http;

import dev.hft.binance.VenueException;
import dev.hft.binance.auth.ApiKeys;
import dev.hft.binance.Kline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Binance REST for spot ({@code /api/v3}) and USD-M futures ({@code /fapi/v1}) on the JDK's HttpClient, with the
 * rules that keep an account safe:
 * <ul>
 *   <li>every signed request carries {@code timestamp} (local clock plus the measured server offset) and
 *       {@code recvWindow}; a -1021 (timestamp outside the window) resyncs the clock once and retries once;</li>
 *   <li>request weight is tracked from {@code X-MBX-USED-WEIGHT-1M}; a request that would pass the throttle
 *       threshold, or comes during a 429/418 back-off, is refused before it leaves ({@link Reply.Refused});</li>
 *   <li>an order whose outcome cannot be known (timeout, connection lost after sending, 5xx, -1006, -1007) is
 *       {@link Reply.Unknown} and is never sent again: the caller resolves it by client order id.</li>
 * </ul>
 * Base URLs are configuration; tests run this code against a local server with Binance's semantics.
 */
public final class BinanceRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final long RECV_WINDOW_MS = 5_000;

    /** The two markets' paths (USD-M conditional orders have their own, see {@link #placeOrder}). */
    public enum Market {
        SPOT("/api/v3", "/api/v3/order", "/api/v3/openOrders"),
        USDM("/fapi/v1", "/fapi/v1/order", "/fapi/v1/openOrders");

        final String prefix;
        final String order;
        final String openOrders;

        Market(String prefix, String order, String openOrders) {
            this.prefix = prefix;
            this.order = order;
            this.openOrders = openOrders;
        }
    }

    /** What a request came to. */
    public sealed interface Reply {
        /** {@code what} failed with this reply: a temporary or definite venue failure, described in words. */
        default VenueException failure(String what) {
            if (this instanceof Unknown u) {
                return new VenueException(what + ": " + u.why(), true);
            }
            if (this instanceof Refused r) {
                return new VenueException(what + ": not sent (" + r.why() + ")", true);
            }
            if (this instanceof Rejected r) {
                String text = "HTTP " + r.status() + (r.code() != 0 ? ", Binance code " + r.code() : "")
                        + (r.message() == null || r.message().isBlank() ? "" : ": " + r.message());
                if (r.status() == 451) {
                    return new VenueException(what + ": " + text + " (Binance serves no clients from this location)",
                            false);
                }
                boolean temporary = r.status() >= 500 || r.status() == 429 || r.status() == 418;
                return new VenueException(what + ": " + text, temporary);
            }
            return new VenueException(what + ": " + this, false);
        }

        /** HTTP 200 with its JSON body. */
        record Ok(JsonNode body) implements Reply {
        }

        /** Definitely not executed: a Binance error code and message (or HTTP 429/418 with code -1003). */
        record Rejected(int status, int code, String message) implements Reply {
        }

        /** Sent, outcome unknown: it may have executed. Never resend; query by client order id. */
        record Unknown(String why) implements Reply {
        }

        /** Never sent: held back by the client (rate limit, back-off, no keys). */
        record Refused(String why) implements Reply {
        }
    }

    private final URI base;
    private final Market market;
    private final HttpClient http;
    private final ApiKeys keys;
    private final LongSupplier clock;
    private final Duration timeout;
    private final RateLimits limits;
    private volatile long offsetMs;
    private volatile long resyncs;

    /**
     * @param base    e.g. https://api.binance.com, or a testnet/demo or local URL
     * @param keys    null for public endpoints only
     * @param clock   local wall clock in ms (injected so tests control skew)
     * @param timeout per request; an order that times out is {@link Reply.Unknown}
     */
    public BinanceRest(URI base, Market market, HttpClient http, ApiKeys keys, LongSupplier clock, Duration timeout,
                       RateLimits limits) {
        this.base = base;
        this.market = market;
        this.http = http;
        this.keys = keys;
        this.clock = clock;
        this.timeout = timeout;
        this.limits = limits;
    }

    /** Server time minus local time, as last measured. */
    public long clockOffsetMs() {
        return offsetMs;
    }

    /** How often the clock was resynced after a -1021. */
    public long resyncs() {
        return resyncs;
    }

    public RateLimits limits() {
        return limits;
    }

    /** Measures the server clock offset (half the round trip counted as the server's delay). */
    public long syncClock() {
        long t0 = clock.getAsLong();
        Reply r = call("GET", market.prefix + "/time", new RequestParams(), false, 1);
        long t1 = clock.getAsLong();
        if (!(r instanceof Reply.Ok ok)) {
            throw r.failure("cannot read the server time from " + base);
        }
        offsetMs = ok.body().path("serverTime").asLong() - (t0 + t1) / 2;
        return offsetMs;
    }

    /**
     * Every instrument the market trades now, with its rules: spot symbols whose status is TRADING, USD-M
     * perpetuals whose status is TRADING (quarterly contracts left out). One request (spot weight 20, USD-M 1).
     */
    public List<Instrument> allInstruments() {
        Reply r = call("GET", market.prefix + "/exchangeInfo", new RequestParams(), false, market == Market.SPOT
                ? 20 : 1);
        if (!(r instanceof Reply.Ok ok)) {
            throw r.failure("cannot read the trading rules (exchangeInfo) from " + base);
        }
        List<Instrument> out = new ArrayList<>();
        for (JsonNode s : ok.body().path("symbols")) {
            boolean trading = "TRADING".equals(s.path("status").asText("TRADING"));
            boolean perpetual = market == Market.SPOT || "PERPETUAL".equals(s.path("contractType").asText());
            if (trading && perpetual) {
                out.add(instrument(s));
            }
        }
        return out;
    }

    /** Trading rules of {@code symbols} as instruments (tick, step, minimum quantity and notional). */
    public List<Instrument> exchangeInfo(List<String> symbols) {
        StringBuilder list = new StringBuilder("[");
        for (String s : symbols) {
            list.append(list.length() == 1 ? "" : ",").append('"').append(s).append('"');
        }
        // USD-M futures' exchangeInfo takes no symbol list: it answers every contract (weight 1)
        RequestParams p = market == Market.SPOT ? new RequestParams().put("symbols", list + "]") : new RequestParams();
        Reply r = call("GET", market.prefix + "/exchangeInfo", p, false, market == Market.SPOT ? 20 : 1);
        if (!(r instanceof Reply.Ok ok)) {
            throw r.failure("cannot read the trading rules (exchangeInfo) from " + base);
        }
        List<Instrument> out = new ArrayList<>();
        for (JsonNode s : ok.body().path("symbols")) {
            if (symbols.contains(s.path("symbol").asText())) {
                out.add(instrument(s));
            }
        }
        return out;
    }

    /** One exchangeInfo symbol's filters as an instrument (PRICE_FILTER, LOT_SIZE, NOTIONAL or MIN_NOTIONAL). */
    static Instrument instrument(JsonNode s) {
        long tick = 0;
        long step = 0;
        long minQty = 0;
        long minNotional = 0;
        for (JsonNode f : s.path("filters")) {
            switch (f.path("filterType").asText()) {
                case "PRICE_FILTER" -> tick = Fixed.parse(f.path("tickSize").asText());
                case "LOT_SIZE" -> {
                    step = Fixed.parse(f.path("stepSize").asText());
                    minQty = Fixed.parse(f.path("minQty").asText());
                }
                case "NOTIONAL", "MIN_NOTIONAL" -> {
                    String v = f.has("minNotional") ? f.path("minNotional").asText() : f.path("notional").asText();
                    minNotional = Fixed.parse(v);
                }
                default -> {
                }
            }
        }
        return new Instrument(s.path("symbol").asText(), s.path("baseAsset").asText(), s.path("quoteAsset").asText(),
                tick, step, minQty, minNotional);
    }

    /**
     * Closed klines of {@code [startMs, endMs]} (open times), oldest first, at most {@code limit} (1000 max): weight 2.
     * Returns null when the request failed (the caller decides whether a gap stays a gap).
     */
    public List<Kline> klines(String symbol, String interval, long startMs, long endMs, int limit) {
        Reply r = klinesReply(symbol, interval, startMs, endMs, limit);
        return r instanceof Reply.Ok ok && ok.body().isArray() ? klines(symbol, ok.body()) : null;
    }

    /** As {@link #klines(String, String, long, long, int)}, but a failure throws, saying what and why. */
    public List<Kline> klinesOrFail(String symbol, String interval, long startMs, long endMs, int limit) {
        Reply r = klinesReply(symbol, interval, startMs, endMs, limit);
        if (!(r instanceof Reply.Ok ok) || !ok.body().isArray()) {
            throw r.failure("cannot fetch " + symbol + " klines from " + base);
        }
        return klines(symbol, ok.body());
    }

    private Reply klinesReply(String symbol, String interval, long startMs, long endMs, int limit) {
        return call("GET", market.prefix + "/klines", new RequestParams().put("symbol", symbol)
                .put("interval", interval).put("startTime", startMs).put("endTime", endMs)
                .put("limit", Math.min(1000, limit)), false, 2);
    }

    private static List<Kline> klines(String symbol, JsonNode rows) {
        JsonNode body = rows;
        List<Kline> out = new ArrayList<>();
        for (JsonNode row : body) {
            out.add(new Kline(symbol, row.get(0).asLong(), row.get(6).asLong(), Fixed.parse(row.get(1).asText()),
                    Fixed.parse(row.get(2).asText()), Fixed.parse(row.get(3).asText()),
                    Fixed.parse(row.get(4).asText()), Fixed.parse(row.get(5).asText()),
                    Fixed.parse(row.get(7).asText()), row.get(8).asLong(), Fixed.parse(row.get(9).asText()),
                    row.get(6).asLong()));
        }
        return out;
    }

    /** An order to place. Prices and quantities are the venue's decimal strings. */
    public record OrderRequest(String symbol, String side, String type, String quantity, String price,
                               String timeInForce, String stopPrice, String clientOrderId, boolean reduceOnly,
                               String trailing) {
        private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("^[.A-Z:/a-z0-9_-]{1,36}$");

        /** An order without trailing. */
        public OrderRequest(String symbol, String side, String type, String quantity, String price,
                            String timeInForce, String stopPrice, String clientOrderId, boolean reduceOnly) {
            this(symbol, side, type, quantity, price, timeInForce, stopPrice, clientOrderId, reduceOnly, null);
        }

        public OrderRequest {
            if (clientOrderId == null || !ID.matcher(clientOrderId).matches()) {
                throw new IllegalArgumentException("client order id must match " + ID.pattern() + " (valid on spot "
                        + "and futures), got '" + clientOrderId + "'");
            }
        }
    }

    /**
     * Places an order (weight 1). Unknown outcomes are never retried. On USD-M futures a conditional order (a stop)
     * goes to the Algo Service ({@code POST /fapi/v1/algoOrder}): since 2025-12-09 {@code /fapi/v1/order} refuses
     * them with -4120 STOP_ORDER_SWITCH_ALGO.
     */
    public Reply placeOrder(OrderRequest o) {
        if (isAlgo(o.type())) {
            return call("POST", "/fapi/v1/algoOrder", algoParams(o), true, 1);
        }
        return call("POST", market.order, orderParams(o), true, 1);
    }

    /**
     * A spot OCO of a protective stop ({@code STOP_LOSS}) and a take-profit ({@code LIMIT_MAKER}) over one quantity
     * ({@code POST /api/v3/orderList/oco}, weight 1, counts as two orders). Binance locks the quantity once for
     * both legs; when one executes, the venue expires the other. For a SELL the take-profit is the above leg and
     * the stop the below leg; for a BUY the other way round.
     */
    public record OcoRequest(String symbol, String side, String quantity, String stopPrice, String stopClientOrderId,
                             String limitPrice, String limitClientOrderId, String stopTrailingDelta) {
        /** A pair whose stop does not trail. */
        public OcoRequest(String symbol, String side, String quantity, String stopPrice, String stopClientOrderId,
                          String limitPrice, String limitClientOrderId) {
            this(symbol, side, quantity, stopPrice, stopClientOrderId, limitPrice, limitClientOrderId, null);
        }

        public OcoRequest {
            // each leg's id passes the same check as a single order's
            new OrderRequest(symbol, side, "STOP_LOSS", quantity, null, null, stopPrice, stopClientOrderId, true);
            new OrderRequest(symbol, side, "LIMIT_MAKER", quantity, limitPrice, null, null, limitClientOrderId, true);
        }
    }

    /** Places a spot OCO (never retried, like any order). Spot only: USD-M has no order lists. */
    public Reply placeOco(OcoRequest o) {
        if (market != Market.SPOT) {
            throw new IllegalArgumentException("order lists are a spot feature");
        }
        boolean sell = o.side().equals("SELL");
        RequestParams p = new RequestParams().put("symbol", o.symbol()).put("side", o.side())
                .put("quantity", o.quantity()); // the list's own id is left to Binance: hft follows the legs
        String[] limitLeg = {"LIMIT_MAKER", o.limitClientOrderId(), o.limitPrice()};
        String[] stopLeg = {"STOP_LOSS", o.stopClientOrderId(), o.stopPrice()};
        String[] above = sell ? limitLeg : stopLeg;
        String[] below = sell ? stopLeg : limitLeg;
        // a trailing stop leg gives its distance (trailingDelta, BIPS) instead of a stop price
        boolean trails = o.stopTrailingDelta() != null;
        p.put("aboveType", above[0]).put("aboveClientOrderId", above[1]);
        p.put(sell ? "abovePrice" : trails ? "aboveTrailingDelta" : "aboveStopPrice",
                sell || !trails ? above[2] : o.stopTrailingDelta());
        p.put("belowType", below[0]).put("belowClientOrderId", below[1]);
        p.put(!sell ? "belowPrice" : trails ? "belowTrailingDelta" : "belowStopPrice",
                !sell || !trails ? below[2] : o.stopTrailingDelta());
        p.put("newOrderRespType", "FULL");
        return call("POST", "/api/v3/orderList/oco", p, true, 1);
    }

    /** Whether an order of {@code type} is an algo (conditional) order on this market. */
    public boolean isAlgo(String type) {
        return market == Market.USDM && (type.startsWith("STOP") || type.startsWith("TAKE_PROFIT")
                || type.startsWith("TRAILING"));
    }

    /**
     * The parameters of a conditional order on USD-M futures: triggered by the last contract price (as the
     * engine's stops are), the client id as {@code clientAlgoId}.
     */
    public RequestParams algoParams(OrderRequest o) {
        RequestParams p = new RequestParams().put("algoType", "CONDITIONAL").put("symbol", o.symbol())
                .put("side", o.side()).put("type", o.type()).put("quantity", o.quantity()).put("price", o.price())
                .put("timeInForce", o.timeInForce()).put("triggerPrice", o.stopPrice())
                .put("workingType", "CONTRACT_PRICE").put("clientAlgoId", o.clientOrderId())
                .put("callbackRate", o.trailing()); // a trailing stop's distance, in percent
        if (o.reduceOnly()) {
            p.put("reduceOnly", "true");
        }
        return p;
    }

    /** The parameters of a new order on this market. */
    public RequestParams orderParams(OrderRequest o) {
        RequestParams p = new RequestParams().put("symbol", o.symbol()).put("side", o.side()).put("type", o.type())
                .put("timeInForce", o.timeInForce()).put("quantity", o.quantity()).put("price", o.price())
                .put("stopPrice", o.stopPrice()).put("newClientOrderId", o.clientOrderId())
                .put("trailingDelta", o.trailing()); // spot: a trailing stop's distance, in BIPS
        if (market == Market.USDM && o.reduceOnly()) {
            p.put("reduceOnly", "true");
        }
        p.put("newOrderRespType", market == Market.SPOT ? "FULL" : "RESULT");
        return p;
    }

    /**
     * The query string of a signed request: the parameters, {@code recvWindow}, {@code timestamp} (local time plus
     * the measured offset), and the signature over all of it.
     */
    public String signedQuery(RequestParams params, long nowMs) {
        RequestParams p = new RequestParams();
        params.asMap().forEach(p::put);
        p.put("recvWindow", RECV_WINDOW_MS).put("timestamp", nowMs + offsetMs);
        String query = p.query();
        return query + "&signature=" + RequestParams.encode(keys.signer().sign(query));
    }

    /** The order with this client order id (rejected -2013 when the venue never had it). */
    public Reply queryOrder(String symbol, String clientOrderId) {
        return call("GET", market.order, new RequestParams().put("symbol", symbol)
                .put("origClientOrderId", clientOrderId), true, market == Market.SPOT ? 4 : 1);
    }

    /**
     * The account's orders on {@code symbol} from {@code startTimeMs} on, open and closed, oldest first, at most
     * 1,000 ({@code GET /api/v3/allOrders}, weight 20; USD-M {@code /fapi/v1/allOrders}, weight 5). The history the
     * venue keeps: an order it never accepted (rejected on placement, or never received) is not in it.
     */
    public Reply allOrders(String symbol, long startTimeMs) {
        return call("GET", market.prefix + "/allOrders", new RequestParams().put("symbol", symbol)
                .put("startTime", startTimeMs).put("limit", 1000), true, market == Market.SPOT ? 20 : 5);
    }

    public Reply cancelOrder(String symbol, String clientOrderId) {
        return call("DELETE", market.order, new RequestParams().put("symbol", symbol)
                .put("origClientOrderId", clientOrderId), true, 1);
    }

    /** A USD-M conditional order by its client algo id (rejected -2013 when the venue never had it). Weight 1. */
    public Reply queryAlgoOrder(String clientAlgoId) {
        return call("GET", "/fapi/v1/algoOrder", new RequestParams().put("clientAlgoId", clientAlgoId), true, 1);
    }

    public Reply cancelAlgoOrder(String clientAlgoId) {
        return call("DELETE", "/fapi/v1/algoOrder", new RequestParams().put("clientAlgoId", clientAlgoId), true, 1);
    }

    /** Open USD-M conditional orders of a symbol (weight 1). */
    public Reply openAlgoOrders(String symbol) {
        return call("GET", "/fapi/v1/openAlgoOrders", new RequestParams().put("symbol", symbol), true, 1);
    }

    /**
     * USD-M positions ({@code GET /fapi/v3/positionRisk}, weight 5): only symbols with a position or open orders
     * are listed; {@code positionAmt} is signed (negative: short).
     */
    public Reply positionRisk() {
        return call("GET", "/fapi/v3/positionRisk", new RequestParams(), true, 5);
    }

    /** USD-M position mode: {@code {"dualSidePosition": true}} is hedge mode (weight 30). */
    public Reply positionMode() {
        return call("GET", "/fapi/v1/positionSide/dual", new RequestParams(), true, 30);
    }

    /**
     * USD-M user data stream key ({@code POST /fapi/v1/listenKey}; API key, no signature): an account with an
     * active key gets the same key back, valid for another 60 minutes. {@code PUT} keeps it alive.
     */
    public Reply listenKey(boolean keepAlive) {
        return call(keepAlive ? "PUT" : "POST", "/fapi/v1/listenKey", new RequestParams(), false, 1);
    }

    /**
     * The key's permissions (spot {@code GET /sapi/v1/account/apiRestrictions}, weight 1). Not served by the spot
     * testnet, which has no {@code /sapi} endpoints.
     */
    public Reply apiRestrictions() {
        return call("GET", "/sapi/v1/account/apiRestrictions", new RequestParams(), true, 1);
    }

    /** Spot account: balances (free and locked per asset), zero balances left out. Weight 20. */
    public Reply account() {
        return call("GET", "/api/v3/account", new RequestParams().put("omitZeroBalances", "true"), true, 20);
    }

    public Reply openOrders(String symbol) {
        return call("GET", market.openOrders, new RequestParams().put("symbol", symbol), true,
                market == Market.SPOT ? 6 : 1);
    }

    public Market market() {
        return market;
    }

    /** One request with the rules of the class comment. */
    Reply call(String method, String path, RequestParams params, boolean signed, int weight) {
        Reply r = once(method, path, params, signed, weight);
        if (signed && r instanceof Reply.Rejected rej && rej.code() == -1021) {
            resyncs++;
            syncClock();
            r = once(method, path, params, signed, weight);
        }
        return r;
    }

    private Reply once(String method, String path, RequestParams params, boolean signed, int weight) {
        long now = clock.getAsLong();
        String why = limits.check(weight, now);
        if (why != null) {
            return new Reply.Refused(why);
        }
        if (signed && keys == null) {
            return new Reply.Refused("no API keys configured");
        }
        String query;
        if (signed) {
            query = signedQuery(params, now);
        } else {
            query = params.query();
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path + (query.isEmpty() ? "" : "?" + query)))
                .timeout(timeout).method(method, HttpRequest.BodyPublishers.noBody());
        if (keys != null) {
            b.header("X-MBX-APIKEY", keys.headerValue());
        }
        limits.spend(weight, now);
        HttpResponse<String> resp;
        try {
            resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return new Reply.Unknown(method + " " + path + ": no response within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new Reply.Unknown(method + " " + path + ": " + VenueException.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply.Unknown(method + " " + path + ": interrupted while waiting for the response");
        }
        long after = clock.getAsLong();
        resp.headers().firstValue("X-MBX-USED-WEIGHT-1M").ifPresent(v -> {
            try {
                limits.observed(Integer.parseInt(v.strip()), after);
            } catch (NumberFormatException e) {
                // a malformed header does not change what we counted
            }
        });
        int status = resp.statusCode();
        if (status == 429 || status == 418) {
            Long retry = resp.headers().firstValue("Retry-After").map(s -> {
                try {
                    return Long.parseLong(s.strip());
                } catch (NumberFormatException e) {
                    return null;
                }
            }).orElse(null);
            limits.backOff(status, retry, after);
            return new Reply.Rejected(status, -1003, "HTTP " + status + (retry == null ? "" : ", retry after " + retry
                    + " s"));
        }
        JsonNode body = parse(resp.body());
        if (status >= 500) {
            String msg = body == null ? "" : body.path("msg").asText("");
            // Binance's spot docs: any 5XX leaves the execution status UNKNOWN (it could have been a success). Only
            // the derivatives docs call a 503 "Service Unavailable." a definite failure.
            if (market == Market.USDM && status == 503 && msg.contains("Service Unavailable")) {
                return new Reply.Rejected(status, 0, msg);
            }
            return new Reply.Unknown(method + " " + path + ": HTTP " + status + " (execution status unknown)");
        }
        if (status == 200 && body != null) {
            return new Reply.Ok(body);
        }
        int code = body == null ? 0 : body.path("code").asInt(0);
        String msg = body == null ? resp.body() : body.path("msg").asText("");
        if (code == -1006 || code == -1007) {
            return new Reply.Unknown(method + " " + path + ": " + code + " " + msg);
        }
        return new Reply.Rejected(status, code, msg);
    }

    private static JsonNode parse(String s) {
        try {
            return s == null || s.isBlank() ? null : JSON.readTree(s);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "BinanceRest[%s %s, keys %s]", market, base,
                keys == null ? "none" : keys.fingerprint());
    }
}
