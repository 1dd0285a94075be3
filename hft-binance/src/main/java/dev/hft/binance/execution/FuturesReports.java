package dev.hft.binance.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hft.core.Fixed;

/**
 * USD-M futures' order reports in the shapes of spot's, so one set of once-only fill rules serves both markets:
 * a REST order becomes spot's order ({@code status}, {@code executedQty}, {@code cummulativeQuoteQty}), a user
 * stream {@code ORDER_TRADE_UPDATE} or {@code ALGO_UPDATE} becomes an {@code executionReport}. Field names are
 * those of the official SDK's models (reference §4.2, §9.2) and the ALGO_UPDATE page of Binance's docs.
 *
 * <p>A conditional (algo) order lives in the Algo Service until triggered; its status says where it is: NEW,
 * TRIGGERING and TRIGGERED are working, FINISHED means the triggered order is done in the matching engine (filled
 * if the executed quantity is the whole quantity, else canceled after a partial fill), CANCELED and EXPIRED are
 * canceled, REJECTED rejected. Its executed quantity and average price are those of the order it became.
 */
final class FuturesReports {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FuturesReports() {
    }

    /** A {@code /fapi/v1/order} reply (RESULT) or query: {@code cumQuote} is the quote quantity. */
    static ObjectNode order(JsonNode v) {
        ObjectNode n = JSON.createObjectNode();
        String executed = v.path("executedQty").asText("0");
        n.put("status", v.path("status").asText()).put("side", v.path("side").asText())
                .put("executedQty", executed).put("updateTime", v.path("updateTime").asLong(0));
        String quote = v.hasNonNull("cumQuote") ? v.path("cumQuote").asText()
                : quote(v.path("avgPrice").asText("0"), executed);
        return n.put("cummulativeQuoteQty", quote);
    }

    /** A {@code /fapi/v1/algoOrder} reply or query. */
    static ObjectNode algo(JsonNode v) {
        String executed = v.path("actualQty").asText("0");
        if (executed.isEmpty()) {
            executed = "0";
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("status", algoStatus(v.path("algoStatus").asText(), executed, v.path("quantity").asText("0")))
                .put("side", v.path("side").asText()).put("executedQty", executed)
                .put("cummulativeQuoteQty", quote(v.path("actualPrice").asText("0"), executed))
                .put("updateTime", v.path("updateTime").asLong(0));
        return n;
    }

    /** {@code ORDER_TRADE_UPDATE} as an execution report: {@code ap} (average price) stands in for {@code Z}. */
    static ObjectNode tradeUpdate(JsonNode e) {
        JsonNode o = e.path("o");
        String z = o.path("z").asText("0");
        ObjectNode n = JSON.createObjectNode().put("e", "executionReport");
        n.put("E", e.path("E").asLong(0)).put("c", o.path("c").asText()).put("X", o.path("X").asText())
                .put("z", z).put("l", o.path("l").asText("0")).put("L", o.path("L").asText("0"))
                .put("n", o.path("n").asText("0")).put("N", o.path("N").asText(""))
                .put("t", o.path("t").asLong(-1)).put("T", o.path("T").asLong(e.path("T").asLong(0)))
                .put("Z", quote(o.path("ap").asText("0"), z));
        return n;
    }

    /**
     * {@code ALGO_UPDATE} as an execution report. It carries no trade: the growth of {@code aq} goes out as one
     * fill at the average price {@code ap} (no last-trade fields, no trade id).
     */
    static ObjectNode algoUpdate(JsonNode e) {
        JsonNode o = e.path("o");
        String aq = o.path("aq").asText("0");
        if (aq.isEmpty()) {
            aq = "0";
        }
        ObjectNode n = JSON.createObjectNode().put("e", "executionReport");
        n.put("E", e.path("E").asLong(0)).put("c", o.path("caid").asText())
                .put("X", algoStatus(o.path("X").asText(), aq, o.path("q").asText("0")))
                .put("z", aq).put("l", "0").put("L", "0").put("n", "0").put("N", "")
                .putNull("t");
        n.put("T", e.path("T").asLong(e.path("E").asLong(0))).put("Z", quote(o.path("ap").asText("0"), aq));
        return n;
    }

    /** An algo status in spot's order vocabulary. */
    static String algoStatus(String status, String executed, String quantity) {
        long done = fixed(executed);
        return switch (status) {
            case "FINISHED" -> done >= fixed(quantity) && done > 0 ? "FILLED" : "CANCELED";
            case "CANCELED", "EXPIRED" -> "CANCELED";
            case "REJECTED" -> "REJECTED";
            default -> done > 0 ? "PARTIALLY_FILLED" : "NEW"; // NEW, TRIGGERING, TRIGGERED
        };
    }

    /**
     * Price times quantity in the engine's fixed point (rounded to its 8 decimals): the exact product of two
     * 8-decimal numbers has up to 16, which the readers of {@code cummulativeQuoteQty} and {@code Z} refuse.
     */
    private static String quote(String price, String qty) {
        return Fixed.format(Fixed.mul(fixed(price), fixed(qty)));
    }

    /** A venue decimal; empty or malformed reads as 0 (as a missing field would). */
    private static long fixed(String s) {
        long v = s == null ? Long.MIN_VALUE : Fixed.parseOrMin(s, 0, s.length());
        return v == Long.MIN_VALUE ? 0 : v;
    }
}
