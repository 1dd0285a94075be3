package dev.hft.engine.journal;

import dev.hft.core.Bar;
import dev.hft.core.Fill;
import dev.hft.core.Fixed;
import dev.hft.core.Order;
import dev.hft.core.ReasonCode;
import dev.hft.engine.risk.TradingState;
import dev.hft.api.Action;
import dev.hft.api.Decision;
import dev.hft.journal.AsciiBuilder;

/**
 * The JSON {@code data} of each engine record type, written into one reusable builder (no allocation per record
 * beyond what the builder needs once). Prices and quantities are exact decimal strings ({@link Fixed}); ratios
 * are fixed 9-decimal fractions, so the text is identical on every JVM. Field names are short; docs/JOURNAL.md
 * lists them. Record types: bar, fill, rejected, canceled, operator (inputs); decision, submit, cancel (outputs);
 * risk (state change); start (written by the runner).
 */
public final class RecordCodec {
    private final AsciiBuilder sb = new AsciiBuilder(256);
    /** The bar record's constant parts, as bytes once (a bar record is written for every bar of a run). */
    private static final byte[] BAR_I = AsciiBuilder.ascii("{\"i\":");
    private static final byte[] OT = AsciiBuilder.ascii(",\"ot\":");
    private static final byte[] CT = AsciiBuilder.ascii(",\"ct\":");
    private static final byte[] RT = AsciiBuilder.ascii(",\"rt\":");
    private static final byte[] O = moneyPrefix("o");
    private static final byte[] H = moneyPrefix("h");
    private static final byte[] L = moneyPrefix("l");
    private static final byte[] C = moneyPrefix("c");
    private static final byte[] V = moneyPrefix("v");
    private static final byte[] QV = moneyPrefix("qv");
    private static final byte[] N = AsciiBuilder.ascii(",\"n\":");
    private static final byte[] TB = moneyPrefix("tb");
    /** Quote, liquidation, fill and order amounts, the same way. */
    private static final byte[] BID = moneyPrefix("bid");
    private static final byte[] ASK = moneyPrefix("ask");
    private static final byte[] LIQ_LONGS = moneyPrefix("liqL");
    private static final byte[] LIQ_SHORTS = moneyPrefix("liqS");
    private static final byte[] PRICE = moneyPrefix("p");
    private static final byte[] QTY = moneyPrefix("q");
    private static final byte[] FEE = moneyPrefix("fee");
    private static final byte[] BASE_FEE = moneyPrefix("bfee");
    private static final byte[] TRIGGER = moneyPrefix("trig");
    private static final byte[] DECISION_PRICE = moneyPrefix("dp");
    /** The decision record's constant parts and its enum names (a decision is written for every bar too). */
    private static final byte[] DECISION_A = AsciiBuilder.ascii(",\"a\":\"");
    private static final byte[] DECISION_R = AsciiBuilder.ascii("\",\"r\":\"");
    private static final byte[] CONFIDENCE = fractionPrefix("c");
    private static final byte[] STOP = fractionPrefix("sl");
    private static final byte[] TAKE = fractionPrefix("tp");
    private static final byte[][] ACTIONS = names(Action.values());
    private static final byte[][] REASONS = names(ReasonCode.values());

    private static byte[] moneyPrefix(String name) {
        return AsciiBuilder.ascii(",\"" + name + "\":\"");
    }

    private static byte[] fractionPrefix(String name) {
        return AsciiBuilder.ascii(",\"" + name + "\":");
    }

    private static byte[][] names(Enum<?>[] values) {
        byte[][] out = new byte[values.length][];
        for (Enum<?> e : values) {
            out[e.ordinal()] = AsciiBuilder.ascii(e.name());
        }
        return out;
    }

    public CharSequence bar(Bar b) {
        sb.clear();
        sb.append(BAR_I).append(b.instrument).append(OT).append(b.openTimeMs).append(CT).append(b.closeTimeMs)
                .append(RT).append(b.receiveTimeMs);
        money(O, b.open);
        money(H, b.high);
        money(L, b.low);
        money(C, b.close);
        money(V, b.volume);
        money(QV, b.quoteVolume);
        sb.append(N).append(b.trades);
        money(TB, b.takerBuyVolume);
        if (b.bid > 0 || b.ask > 0) { // only bars of a quote stream carry them: older journals stay the same
            money(BID, b.bid);
            money(ASK, b.ask);
        }
        if (b.liquidationsKnown) {
            money(LIQ_LONGS, b.liquidatedLongs);
            money(LIQ_SHORTS, b.liquidatedShorts);
        }
        if (b.extremes != null) { // the trade path (paper/live with the trade stream)
            sb.append(",\"path\":[");
            for (int k = 0; k < b.extremes.length; k++) {
                if (k > 0) {
                    sb.append(',');
                }
                sb.append('"');
                sb.appendFixed(b.extremes[k], Fixed.DECIMALS);
                sb.append('"');
            }
            sb.append(']');
        }
        return sb.append('}');
    }

    public CharSequence fill(Fill f) {
        sb.clear();
        sb.append("{\"id\":\"").append(f.clientOrderId()).append("\",\"i\":").append(f.instrument())
                .append(",\"side\":\"").append(f.side().name()).append('"');
        money(PRICE, f.price());
        money(QTY, f.quantity());
        money(FEE, f.fee());
        sb.append(",\"t\":").append(f.timeMs()).append(",\"r\":\"").append(f.reason().name()).append('"');
        if (f.baseFee() != 0) { // written only when taken from the base asset: other journals stay as they were
            money(BASE_FEE, f.baseFee());
        }
        sb.append('}');
        return sb;
    }

    public CharSequence orderAndReason(Order o, ReasonCode r) {
        sb.clear();
        sb.append("{\"id\":\"").append(o.clientOrderId).append('"');
        if (r != null) {
            sb.append(",\"r\":\"").append(r.name()).append('"');
        }
        return sb.append('}');
    }

    public CharSequence id(String clientOrderId) {
        sb.clear();
        return sb.append("{\"id\":\"").append(clientOrderId).append("\"}");
    }

    public CharSequence operator(String command, ReasonCode reason) {
        sb.clear();
        sb.append("{\"cmd\":\"").append(command).append('"');
        if (reason != null) {
            sb.append(",\"r\":\"").append(reason.name()).append('"');
        }
        return sb.append('}');
    }

    public CharSequence decision(int instrument, Decision d) {
        sb.clear();
        sb.append(BAR_I).append(instrument).append(DECISION_A).append(ACTIONS[d.action.ordinal()]).append(DECISION_R)
                .append(REASONS[d.reason.ordinal()]).append('"');
        fraction(CONFIDENCE, d.confidence);
        fraction(STOP, d.stopLossFrac);
        fraction(TAKE, d.takeProfitFrac);
        if (d.entryType != dev.hft.core.OrderType.MARKET) { // a limit or stop entry: its price and expiry
            sb.append(",\"et\":\"").append(d.entryType.name()).append("\",\"ep\":")
                    .appendFixed(dev.hft.core.Fixed.fromDouble(d.entryPrice), 8).append(",\"ex\":")
                    .append((long) d.entryExpiryBars);
            if (d.entryType == dev.hft.core.OrderType.STOP_LIMIT) {
                sb.append(",\"el\":").appendFixed(dev.hft.core.Fixed.fromDouble(d.entryLimitPrice), 8);
            }
            if (d.entryTimeInForce != dev.hft.core.TimeInForce.GTC) {
                sb.append(",\"tif\":\"").append(d.entryTimeInForce.name()).append('"');
            }
        }
        if (d.trailStop) {
            sb.append(",\"trail\":true");
            if (d.trailDistance > 0) { // by a price distance, turned into a fraction when the entry leaves
                sb.append(",\"td\":").appendFixed(dev.hft.core.Fixed.fromDouble(d.trailDistance), 8);
            }
        }
        if (d.sizing != dev.hft.api.Decision.Sizing.DEFAULT) { // a size of the strategy's own
            sb.append(",\"sz\":\"").append(d.sizing.name()).append("\",\"sv\":")
                    .appendFixed(dev.hft.core.Fixed.fromDouble(d.sizeValue), 8);
        }
        if (d.replace) { // cancel/replace of the resting entry
            sb.append(",\"rp\":true");
        }
        if (d.exitFraction != 0) { // a partial exit
            sb.append(",\"xf\":").appendFixed(dev.hft.core.Fixed.fromDouble(d.exitFraction), 8);
        }
        if (d.strategyReason != null) {
            sb.append(",\"sr\":\"").append(d.strategyReason.name()).append('"');
        }
        return sb.append('}');
    }

    public CharSequence submit(Order o) {
        sb.clear();
        sb.append("{\"id\":\"").append(o.clientOrderId).append("\",\"i\":").append(o.instrument).append(",\"side\":\"")
                .append(o.side.name()).append("\",\"type\":\"").append(o.type.name()).append('"');
        money(QTY, o.quantity);
        money(PRICE, o.price);
        money(TRIGGER, o.triggerPrice);
        sb.append(",\"ro\":").append(o.reduceOnly).append(",\"r\":\"").append(o.reason.name()).append("\",\"dt\":")
                .append(o.decisionTimeMs);
        money(DECISION_PRICE, o.decisionPrice);
        if (o.ocoPeerId != null) {
            sb.append(",\"oco\":\"").append(o.ocoPeerId).append('"');
        }
        if (o.strategyReason != null) {
            sb.append(",\"sr\":\"").append(o.strategyReason).append('"');
        }
        if (o.timeInForce != dev.hft.core.TimeInForce.GTC) {
            sb.append(",\"tif\":\"").append(o.timeInForce.name()).append('"');
        }
        if (o.trailBps != 0) {
            sb.append(",\"trail\":").append((long) o.trailBps);
        }
        return sb.append('}');
    }

    public CharSequence risk(TradingState from, TradingState to, ReasonCode reason) {
        sb.clear();
        return sb.append("{\"from\":\"").append(from.name()).append("\",\"to\":\"").append(to.name())
                .append("\",\"r\":\"").append(reason.name()).append("\"}");
    }

    private void money(byte[] prefix, long v) {
        sb.append(prefix);
        sb.appendFixed(v, Fixed.DECIMALS);
        sb.append('"');
    }

    /** A ratio as a fixed-point number with 9 decimals (deterministic text; NaN and infinities as null). */
    private void fraction(byte[] prefix, double d) {
        sb.append(prefix);
        if (!Double.isFinite(d)) {
            sb.append("null");
            return;
        }
        sb.appendFixed(Math.round(d * 1e9), 9);
    }
}
