package dev.hft.engine;

/**
 * The engine's snapshot codec: all trading state, bit for bit, in one versioned layout (cash, fees, order sequence,
 * clock, positions, strategies, market statistics, aggregators, sanitizer, risk guard, reason ledger, strategy
 * failures, working orders, waiting replacements). Apart from the engine so the trading rules and the byte layout
 * are read, and changed, separately. Every change of the layout bumps {@link #VERSION}; recovery passes over a
 * snapshot of another version to an older one or to the start of the journal.
 */
final class EngineSnapshot {
    // 4: per working order the executed quantity and notional applied (3 counted fills)
    // 5: sanitizer volume and trades; strategy failures; aggregators
    // 6: strategies' own reasons (ledger, positions, working orders)
    // 7: scale-in count, the protective pair's levels, best price
    // 8: an entry waiting to replace another (cancel/replace)
    // 9: the strategies' series (the market stage's)
    static final int VERSION = 10; // 10: the series' keys in the header, checked before their state is read

    /** The engine's parts a snapshot holds, lent to the codec (it never sees the engine itself). */
    record Parts(dev.hft.core.Instrument[] instruments, dev.hft.api.Strategy[] strategies, Portfolio portfolio,
                 PositionState[] positions, dev.hft.engine.cost.CostModel costs,
                 dev.hft.engine.strategy.BarAggregator[][] aggregators, dev.hft.engine.sanitizer.Sanitizer sanitizer,
                 dev.hft.engine.market.StreamingMarket market,
                 dev.hft.engine.risk.RiskGuard risk, ReasonLedger ledger, String[] failure, WorkingOrders working) {
    }

    /** The engine's own counters and flags: order sequence, event clock (ms), bars processed, the two gates. */
    record Scalars(long orderSeq, long nowMs, long barsProcessed, boolean unreconciled, boolean paused) {
    }

    private EngineSnapshot() {
    }

    /** Whether every strategy saves its state (the default {@code writeState} throws). */
    static boolean snapshottable(dev.hft.api.Strategy[] strategies) {
        for (dev.hft.api.Strategy st : strategies) {
            try {
                st.writeState(new java.io.DataOutputStream(java.io.OutputStream.nullOutputStream()));
            } catch (UnsupportedOperationException ex) {
                return false;
            } catch (java.io.IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        }
        return true;
    }

    /** The engine's state as bytes. */
    static byte[] write(Parts e, Scalars sc) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(1 << 16);
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeInt(VERSION);
            out.writeInt(e.instruments.length);
            for (int i = 0; i < e.instruments.length; i++) {
                out.writeUTF(e.instruments[i].symbol());
                out.writeUTF(e.strategies[i].name());
                java.util.List<String> keys = seriesKeys(e, i);
                out.writeInt(keys.size());
                for (String k : keys) {
                    out.writeUTF(k);
                }
            }
            out.writeLong(e.portfolio.cash());
            out.writeLong(e.portfolio.totalFees());
            out.writeLong(sc.orderSeq());
            out.writeLong(sc.nowMs());
            out.writeLong(sc.barsProcessed());
            out.writeBoolean(sc.unreconciled());
            out.writeBoolean(sc.paused());
            for (int i = 0; i < e.instruments.length; i++) {
                e.positions[i].writeState(out);
                e.strategies[i].writeState(out);
                ((dev.hft.api.state.Snapshottable) e.costs.stats(i)).writeState(out);
                for (dev.hft.engine.strategy.BarAggregator a : e.aggregators[i]) {
                    a.writeState(out);
                }
            }
            e.sanitizer.writeState(out);
            e.market.writeState(out);
            e.risk.writeState(out);
            e.ledger.writeState(out);
            for (String f : e.failure) { // a strategy that threw stays stopped across a restart
                dev.hft.api.state.StateIO.string(out, f);
            }
            e.working.writeState(out);
            for (PositionState pos : e.positions) { // entries waiting for their replaced order's cancel
                out.writeBoolean(pos.replacement != null);
                if (pos.replacement != null) {
                    out.writeUTF(pos.replacedId);
                    WorkingOrders.writeOrder(out, pos.replacement);
                }
            }
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    /** Why {@code e} cannot restore {@code snapshot}, or null. */
    static String problem(Parts e, byte[] snapshot) {
        try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(snapshot))) {
            checkHeader(e, in);
            return null;
        } catch (IllegalArgumentException ex) {
            return ex.getMessage();
        } catch (java.io.IOException ex) {
            return "unreadable snapshot: " + ex.getMessage();
        }
    }

    private static void checkHeader(Parts e, java.io.DataInputStream in) throws java.io.IOException {
        int version = in.readInt();
        if (version != VERSION) {
            throw new IllegalArgumentException("snapshot version " + version + ", this engine reads "
                    + VERSION);
        }
        if (in.readInt() != e.instruments.length) {
            throw new IllegalArgumentException("snapshot of a different number of e.instruments");
        }
        for (int i = 0; i < e.instruments.length; i++) {
            String sym = in.readUTF();
            String strat = in.readUTF();
            if (!sym.equals(e.instruments[i].symbol()) || !strat.equals(e.strategies[i].name())) {
                throw new IllegalArgumentException("snapshot of " + sym + "/" + strat + " where this engine has "
                        + e.instruments[i].symbol() + "/" + e.strategies[i].name());
            }
            // a strategy of another version may ask for other series: their states would be read as each other's
            int n = in.readInt();
            java.util.List<String> keys = new java.util.ArrayList<>();
            for (int k = 0; k < n; k++) {
                keys.add(in.readUTF());
            }
            if (!keys.equals(seriesKeys(e, i))) {
                throw new IllegalArgumentException("snapshot of " + sym + "/" + strat + " with series " + keys
                        + " where this engine's strategy asks for " + seriesKeys(e, i));
            }
        }
    }

    /** The keys of instrument {@code i}'s series; none when the market stage is a prepared tape's (never saved). */
    private static java.util.List<String> seriesKeys(Parts e, int i) {
        return e.market == null ? java.util.List.of() : e.market.seriesKeys(i);
    }

    /** Restores {@code snapshot} into the freshly built engine {@code e}. */
    static Scalars restore(Parts e, byte[] snapshot) {
        try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(snapshot))) {
            checkHeader(e, in);
            e.portfolio.restore(in.readLong(), in.readLong());
            Scalars sc = new Scalars(in.readLong(), in.readLong(), in.readLong(), in.readBoolean(), in.readBoolean());
            for (int i = 0; i < e.instruments.length; i++) {
                e.positions[i].readState(in);
                e.strategies[i].readState(in);
                ((dev.hft.api.state.Snapshottable) e.costs.stats(i)).readState(in);
                for (dev.hft.engine.strategy.BarAggregator a : e.aggregators[i]) {
                    a.readState(in);
                }
            }
            e.sanitizer.readState(in);
            e.market.readState(in);
            e.risk.readState(in);
            e.ledger.readState(in);
            for (int i = 0; i < e.failure.length; i++) {
                e.failure[i] = dev.hft.api.state.StateIO.string(in);
            }
            e.working.readState(in);
            for (PositionState pos : e.positions) {
                pos.replacedId = null;
                pos.replacement = null;
                if (in.readBoolean()) {
                    pos.replacedId = in.readUTF();
                    pos.replacement = WorkingOrders.readOrder(in);
                }
            }
            if (in.available() != 0) {
                throw new IllegalArgumentException("snapshot has " + in.available() + " bytes left over");
            }
            return sc;
        } catch (java.io.IOException ex) {
            throw new IllegalArgumentException("snapshot unreadable: " + ex.getMessage(), ex);
        }
    }
}
