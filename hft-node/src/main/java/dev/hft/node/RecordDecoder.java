package dev.hft.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hft.core.Bar;
import dev.hft.core.Fixed;
import dev.hft.core.Order;
import dev.hft.core.OrderType;
import dev.hft.core.ReasonCode;
import dev.hft.core.Side;
import dev.hft.journal.JournalRecord;

/** Reads the {@code data} of journal records back into engine objects (the inverse of the engine's RecordCodec). */
public final class RecordDecoder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordDecoder() {
    }

    public static JsonNode data(JournalRecord r) {
        try {
            return JSON.readTree(r.data());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("journal record " + r.seq() + " is not JSON: " + e.getMessage(), e);
        }
    }

    private static long money(JsonNode d, String field) {
        return Fixed.parse(d.get(field).asText());
    }

    /** A {@code bar} record. */
    public static Bar bar(JsonNode d) {
        Bar b = new Bar().set(d.get("i").asInt(), d.get("ot").asLong(), d.get("ct").asLong(), money(d, "o"),
                money(d, "h"), money(d, "l"), money(d, "c"), money(d, "v"));
        b.quoteVolume = money(d, "qv");
        b.trades = d.get("n").asLong();
        b.takerBuyVolume = money(d, "tb");
        b.receiveTimeMs = d.get("rt").asLong();
        if (d.has("bid")) {
            b.bid = money(d, "bid");
            b.ask = money(d, "ask");
        }
        if (d.has("liqL")) {
            b.liquidationsKnown = true;
            b.liquidatedLongs = money(d, "liqL");
            b.liquidatedShorts = money(d, "liqS");
        }
        if (d.has("path")) {
            JsonNode p = d.get("path");
            long[] path = new long[p.size()];
            for (int k = 0; k < path.length; k++) {
                path[k] = Fixed.parse(p.get(k).asText());
            }
            b.extremes = path;
        }
        return b;
    }

    /** A {@code submit} record. */
    public static Order submit(JsonNode d) {
        Order o = new Order(d.get("id").asText(), d.get("i").asInt(), Side.valueOf(d.get("side").asText()),
                OrderType.valueOf(d.get("type").asText()), money(d, "q"), money(d, "p"), money(d, "trig"),
                d.get("ro").asBoolean(), ReasonCode.valueOf(d.get("r").asText()), d.get("dt").asLong(),
                money(d, "dp"));
        o.ocoPeerId = d.has("oco") ? d.get("oco").asText() : null;
        o.strategyReason = d.has("sr") ? d.get("sr").asText() : null;
        o.timeInForce = d.has("tif") ? dev.hft.core.TimeInForce.valueOf(d.get("tif").asText())
                : dev.hft.core.TimeInForce.GTC;
        o.trailBps = d.path("trail").asInt(0);
        return o;
    }
}
