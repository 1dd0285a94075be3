package dev.hft.engine;

import dev.hft.api.state.StateIO;
import dev.hft.core.Fixed;
import dev.hft.core.Order;
import dev.hft.core.OrderType;
import dev.hft.core.ReasonCode;
import dev.hft.core.Side;
import dev.hft.core.TimeInForce;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The orders the engine has sent and not seen final, in the order they were sent, each with what of it the engine has
 * applied (executed quantity and notional) and whether its cancel was asked. One typed record per order, so the three
 * facts cannot drift apart. Owned by the engine thread.
 */
final class WorkingOrders {
    /** One working order and what the engine has applied of it (fixed point). */
    static final class Working {
        final Order order;
        /** Quantity of the fills applied so far; reconciliation applies only what the venue executed beyond it. */
        long executedQty;
        /** Notional (quote asset) of those fills. */
        long executedNotional;
        /** Its cancel was sent (and journaled) but not confirmed: still exposure, still known. */
        boolean cancelRequested;

        Working(Order order) {
            this.order = order;
        }
    }

    private final Map<String, Working> byId = new LinkedHashMap<>();
    /** Working orders by instrument index (grown on demand): {@link #anyFor} without walking the map. */
    private int[] perInstrument = new int[0];

    void add(Order o) {
        if (byId.put(o.clientOrderId, new Working(o)) == null) {
            count(o.instrument, 1);
        }
    }

    private void count(int instrument, int delta) {
        if (instrument >= perInstrument.length) {
            perInstrument = java.util.Arrays.copyOf(perInstrument, instrument + 1);
        }
        perInstrument[instrument] += delta;
    }

    /** The working order with this id, or null. */
    Working get(String id) {
        return byId.get(id);
    }

    /** The order with this id, or null when it is not working. */
    Order order(String id) {
        Working w = byId.get(id);
        return w == null ? null : w.order;
    }

    boolean contains(String id) {
        return byId.containsKey(id);
    }

    /** Whether some of the working order {@code id} has executed. */
    boolean partlyFilled(String id) {
        Working w = byId.get(id);
        return w != null && w.executedQty > 0;
    }

    /**
     * Applies a fill of {@code qty} at {@code price} to {@code o}'s record; true when the order's whole quantity has
     * now executed (in one fill or several), and it is no longer working. An order the engine did not send is never
     * recorded: only its single fill of the whole quantity completes it.
     */
    boolean fill(Order o, long qty, long price) {
        Working w = byId.get(o.clientOrderId);
        long executed = (w == null ? 0 : w.executedQty) + qty;
        if (executed >= o.quantity) {
            if (byId.remove(o.clientOrderId) != null) {
                count(o.instrument, -1);
            }
            return true;
        }
        if (w != null) { // an order filled at once allocates nothing here
            w.executedQty = executed;
            w.executedNotional += Fixed.mul(price, qty);
        }
        return false;
    }

    void remove(String id) {
        Working w = byId.remove(id);
        if (w != null) {
            count(w.order.instrument, -1);
        }
    }

    /** Marks the cancel of a working order as asked; nothing for an order not working. */
    void requestCancel(String id) {
        Working w = byId.get(id);
        if (w != null) {
            w.cancelRequested = true;
        }
    }

    /** The working orders in the order they were sent (a copy: the caller may change the book while it walks). */
    List<Order> orders() {
        List<Order> out = new ArrayList<>(byId.size());
        for (Working w : byId.values()) {
            out.add(w.order);
        }
        return out;
    }

    List<String> ids() {
        return new ArrayList<>(byId.keySet());
    }

    int size() {
        return byId.size();
    }

    /** Whether an order of instrument {@code i} is working (a cancel not yet confirmed included). */
    boolean anyFor(int i) {
        return countFor(i) > 0;
    }

    /** How many orders of instrument {@code i} are working (a cancel not yet confirmed included). */
    int countFor(int i) {
        return i < perInstrument.length ? perInstrument[i] : 0;
    }

    void writeState(DataOutput out) throws IOException {
        out.writeInt(byId.size());
        for (Working w : byId.values()) {
            writeOrder(out, w.order);
            out.writeLong(w.executedQty);
            out.writeLong(w.executedNotional);
            out.writeBoolean(w.cancelRequested);
        }
    }

    void readState(DataInput in) throws IOException {
        byId.clear();
        java.util.Arrays.fill(perInstrument, 0);
        int n = in.readInt();
        for (int k = 0; k < n; k++) {
            Working w = new Working(readOrder(in));
            w.executedQty = in.readLong();
            w.executedNotional = in.readLong();
            w.cancelRequested = in.readBoolean();
            if (byId.put(w.order.clientOrderId, w) == null) {
                count(w.order.instrument, 1);
            }
        }
    }

    static void writeOrder(DataOutput out, Order o) throws IOException {
        out.writeUTF(o.clientOrderId);
        out.writeInt(o.instrument);
        out.writeUTF(o.side.name());
        out.writeUTF(o.type.name());
        out.writeLong(o.quantity);
        out.writeLong(o.price);
        out.writeLong(o.triggerPrice);
        out.writeBoolean(o.reduceOnly);
        out.writeUTF(o.reason.name());
        out.writeLong(o.decisionTimeMs);
        out.writeLong(o.decisionPrice);
        StateIO.string(out, o.ocoPeerId);
        StateIO.string(out, o.strategyReason);
        out.writeUTF(o.timeInForce.name());
        out.writeInt(o.trailBps);
    }

    static Order readOrder(DataInput in) throws IOException {
        String id = in.readUTF();
        int instrument = in.readInt();
        Side side = Side.valueOf(in.readUTF());
        OrderType type = OrderType.valueOf(in.readUTF());
        Order o = new Order(id, instrument, side, type, in.readLong(), in.readLong(), in.readLong(),
                in.readBoolean(), ReasonCode.valueOf(in.readUTF()), in.readLong(), in.readLong());
        o.ocoPeerId = StateIO.string(in);
        o.strategyReason = StateIO.string(in);
        o.timeInForce = TimeInForce.valueOf(in.readUTF());
        o.trailBps = in.readInt();
        return o;
    }
}
