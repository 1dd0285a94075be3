package dev.hft.binance.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hft.core.Bar;
import dev.hft.core.Fixed;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the quote and liquidation streams add to a closed kline before it becomes the engine's bar: the best bid
 * and ask at its close ({@code bookTicker} pushes every change of the best prices, so the last one stays current
 * while the connection lives; a disconnect forgets it), and the notional of the long and short positions
 * liquidated during it (USD-M {@code forceOrder}). The bar carries them into the journal, so a replay sees the
 * same inputs.
 *
 * <p>A bar says its liquidations are known only when the liquidation stream was connected for the whole bar;
 * otherwise "no liquidation" and "not followed" would look alike. Binance pushes at most one liquidation per
 * symbol per second (a snapshot), so the notional under-counts in a cascade: a signal, not a complete record.
 * <p>The trade stream ({@code aggTrade}, on the kline connection) gives each bar its price path: the running
 * extremes in the order the trades set them ({@link Bar#extremes}), from which the simulated exchange of a paper
 * session reads whether a stop or a take-profit was reached first instead of assuming. The path is attached only
 * when it is the whole bar's: the connection was up since before the bar opened, and the aggregated trades account
 * for every trade of the kline (the sum of their trade-id ranges equals the kline's trade count) and reproduce its
 * open, high and low. Anything less (a lost message, a reconnect, a trade that arrives after the kline) leaves it
 * unknown, and the policy decides as in a backtest.
 *
 * <p>Thread-safe: quote and trade events come on the kline stream's thread, liquidations on their own
 * connection's.
 */
public final class MarketExtras {
    private static final long KEEP_MS = 3_600_000L;

    private final LongSupplier clock;
    private final Map<String, long[]> quotes = new HashMap<>();
    private final Map<String, ArrayDeque<long[]>> liquidations = new HashMap<>();
    private long liquidationsSinceMs = -1;
    /** Per symbol: aggregated trades not yet folded into a bar, as (time, price, trade count) triples. */
    private final Map<String, ArrayDeque<long[]>> trades = new HashMap<>();
    private long tradesSinceMs = -1;
    private long tradeEvents;
    private long quoteEvents;
    private long liquidationEvents;

    public MarketExtras(LongSupplier clock) {
        this.clock = clock;
    }

    /** An event of an extra stream ({@link MarketStream.Sink#onEvent}). */
    public synchronized void onEvent(String stream, JsonNode d) {
        long now = clock.getAsLong();
        if (stream.endsWith("@bookTicker") || "bookTicker".equals(d.path("e").asText())) {
            long bid = Fixed.parse(d.path("b").asText("0"));
            long ask = Fixed.parse(d.path("a").asText("0"));
            if (bid > 0 && ask >= bid) {
                quotes.put(d.path("s").asText().toUpperCase(Locale.ROOT), new long[] {bid, ask, now});
                quoteEvents++;
            }
        } else if ("aggTrade".equals(d.path("e").asText())) {
            long count = d.path("l").asLong() - d.path("f").asLong() + 1;
            ArrayDeque<long[]> q = trades.computeIfAbsent(d.path("s").asText().toUpperCase(Locale.ROOT),
                    k -> new ArrayDeque<>());
            q.addLast(new long[] {d.path("T").asLong(), Fixed.parse(d.path("p").asText("0")), count});
            while (q.size() > 1 && q.peekFirst()[0] < q.peekLast()[0] - KEEP_MS) {
                q.pollFirst();
            }
            tradeEvents++;
        } else if ("forceOrder".equals(d.path("e").asText())) {
            JsonNode o = d.path("o");
            long qty = Fixed.parse(o.path("z").asText("0"));
            long price = Fixed.parse(o.path("ap").asText(o.path("p").asText("0")));
            long time = o.path("T").asLong(d.path("E").asLong(now));
            // a forced SELL closes a long, a forced BUY closes a short
            long side = "SELL".equals(o.path("S").asText()) ? 0 : 1;
            ArrayDeque<long[]> q = liquidations.computeIfAbsent(o.path("s").asText().toUpperCase(Locale.ROOT),
                    k -> new ArrayDeque<>());
            q.addLast(new long[] {time, side, Fixed.mul(price, qty)});
            while (!q.isEmpty() && q.peekFirst()[0] < time - KEEP_MS) {
                q.pollFirst();
            }
            liquidationEvents++;
        }
    }

    /** The quote (kline) connection's status: after a disconnect the last quote is no longer known to be current. */
    public synchronized void quoteStatus(String event) {
        if (event.equals("disconnected") || event.equals("shutdown-notice")) {
            quotes.clear();
            trades.clear();
            tradesSinceMs = -1;
        } else if (event.equals("connected") && tradesSinceMs < 0) {
            tradesSinceMs = clock.getAsLong();
        }
    }

    /** The liquidation stream's status ({@code connected} or {@code disconnected}). */
    public synchronized void liquidationStatus(String event) {
        if (event.equals("connected")) {
            if (liquidationsSinceMs < 0) {
                liquidationsSinceMs = clock.getAsLong();
            }
        } else if (event.equals("disconnected") || event.equals("shutdown-notice")) {
            liquidationsSinceMs = -1;
        }
    }

    /** Adds the quote and liquidations of {@code symbol} during {@code b} to it. */
    public synchronized void attach(Bar b, String symbol) {
        long[] q = quotes.get(symbol);
        if (q != null) {
            b.bid = q[0];
            b.ask = q[1];
        }
        ArrayDeque<long[]> l = liquidations.get(symbol);
        if (liquidationsSinceMs >= 0 && liquidationsSinceMs <= b.openTimeMs) {
            b.liquidationsKnown = true;
            if (l != null) {
                for (long[] e : l) {
                    if (e[0] >= b.openTimeMs && e[0] <= b.closeTimeMs) {
                        if (e[1] == 0) {
                            b.liquidatedLongs += e[2];
                        } else {
                            b.liquidatedShorts += e[2];
                        }
                    }
                }
            }
        }
        if (l != null) {
            for (Iterator<long[]> it = l.iterator(); it.hasNext(); ) {
                if (it.next()[0] <= b.closeTimeMs) {
                    it.remove();
                }
            }
        }
        ArrayDeque<long[]> t = trades.get(symbol);
        if (t != null) {
            if (tradesSinceMs >= 0 && tradesSinceMs <= b.openTimeMs) {
                b.extremes = path(t, b);
            }
            while (!t.isEmpty() && t.peekFirst()[0] <= b.closeTimeMs) {
                t.pollFirst();
            }
        }
    }

    /** The trade path of {@code b} from the trades in its window, or null when they are not all of its trades. */
    static long[] path(ArrayDeque<long[]> t, Bar b) {
        long count = 0;
        long hi = 0;
        long lo = 0;
        long[] out = new long[16];
        int n = 0;
        for (long[] e : t) {
            if (e[0] < b.openTimeMs || e[0] > b.closeTimeMs) {
                continue;
            }
            long p = e[1];
            if (count == 0) {
                if (p != b.open) {
                    return null;
                }
                hi = p;
                lo = p;
            } else if (p > hi || p < lo) {
                if (n == out.length) {
                    out = java.util.Arrays.copyOf(out, n * 2);
                }
                out[n++] = p > hi ? p : -p;
                hi = Math.max(hi, p);
                lo = Math.min(lo, p);
            }
            count += e[2];
        }
        if (count == 0 || count != b.trades || hi != b.high || lo != b.low) {
            return null;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    public synchronized long tradeEvents() {
        return tradeEvents;
    }

    public synchronized long quoteEvents() {
        return quoteEvents;
    }

    public synchronized long liquidationEvents() {
        return liquidationEvents;
    }
}
