package dev.hft.research;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hft.backtest.RunResult;
import dev.hft.backtest.data.BarSeries;
import dev.hft.backtest.synth.Regime;
import dev.hft.core.Fixed;
import dev.hft.engine.TradeRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Market regime labels per bar, and results split by them. Labels come from the synthetic generator (the regimes
 * it planted, directly or from its JSON sidecar) or, for real data, from {@link #classify}, a causal classifier
 * documented in docs/REGIMES.md. A trade belongs to the regime of the last bar closed before its entry: the
 * regime known when the decision was made.
 */
public final class Regimes {
    /** Label of bars the classifier cannot judge yet (warm-up) or the sidecar does not cover. */
    public static final byte UNKNOWN = -1;
    /** Trailing window of the classifier, in bars (4 hours of 1-minute bars). */
    public static final int WINDOW = 240;
    /** Trailing window of the volatility baseline, in bars (7 days of 1-minute bars). */
    public static final int BASELINE = 7 * 1440;
    /** |net move| over the window, in standard deviations of a random walk's, that counts as a trend. */
    public static final double TREND_Z = 2.0;
    /** Window volatility over the baseline's that counts as high volatility. */
    public static final double HIGH_VOL_RATIO = 1.5;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Regimes() {
    }

    /**
     * Labels each bar from the bars up to and including it: HIGH_VOLATILITY when the window's volatility of
     * one-bar log returns is above {@link #HIGH_VOL_RATIO} times the baseline's; else TRENDING_UP/DOWN when the
     * window's net log move exceeds {@link #TREND_Z} times {@code sigma * sqrt(WINDOW)}; else RANGING. Bars
     * before a full window are {@link #UNKNOWN}; until a full baseline the baseline is the volatility so far.
     */
    public static byte[] classify(BarSeries s) {
        int n = s.size();
        byte[] out = new byte[n];
        double[] r = new double[n];
        for (int i = 1; i < n; i++) {
            r[i] = Math.log((double) s.close(i) / s.close(i - 1));
        }
        double wSum = 0;
        double wSq = 0;
        double bSum = 0;
        double bSq = 0;
        for (int i = 0; i < n; i++) {
            wSum += r[i];
            wSq += r[i] * r[i];
            bSum += r[i];
            bSq += r[i] * r[i];
            if (i >= WINDOW) {
                wSum -= r[i - WINDOW];
                wSq -= r[i - WINDOW] * r[i - WINDOW];
            }
            if (i >= BASELINE) {
                bSum -= r[i - BASELINE];
                bSq -= r[i - BASELINE] * r[i - BASELINE];
            }
            if (i < WINDOW) {
                out[i] = UNKNOWN;
                continue;
            }
            int bn = Math.min(i + 1, BASELINE);
            double wVar = Math.max(0, (wSq - wSum * wSum / WINDOW) / (WINDOW - 1));
            double bVar = Math.max(0, (bSq - bSum * bSum / bn) / (bn - 1));
            double wSd = Math.sqrt(wVar);
            Regime label;
            if (bVar > 0 && wSd > HIGH_VOL_RATIO * Math.sqrt(bVar)) {
                label = Regime.HIGH_VOLATILITY;
            } else if (wSd > 0 && Math.abs(wSum) > TREND_Z * wSd * Math.sqrt(WINDOW)) {
                label = wSum > 0 ? Regime.TRENDING_UP : Regime.TRENDING_DOWN;
            } else {
                label = Regime.RANGING;
            }
            out[i] = (byte) label.ordinal();
        }
        return out;
    }

    /** Labels of {@code s} from a generator sidecar ({@code SYMBOL-INTERVAL-regimes.json}). */
    public static byte[] fromSidecar(Path file, BarSeries s) {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            JsonNode segments = root.path("segments");
            if (!segments.isArray()) {
                throw new IllegalArgumentException(file + ": no 'segments' array; not a regime sidecar");
            }
            byte[] out = new byte[s.size()];
            java.util.Arrays.fill(out, UNKNOWN);
            int i = 0;
            int k = 0;
            for (JsonNode seg : segments) {
                k++;
                long from = seg.path("fromOpenTimeMs").asLong(Long.MIN_VALUE);
                long to = seg.path("toOpenTimeMs").asLong(Long.MIN_VALUE);
                Regime r;
                try {
                    r = Regime.valueOf(seg.path("regime").asText());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + ": segment " + k + ": unknown regime '"
                            + seg.path("regime").asText() + "'");
                }
                while (i < s.size() && s.openTime(i) < from) {
                    i++;
                }
                while (i < s.size() && s.openTime(i) <= to) {
                    out[i++] = (byte) r.ordinal();
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read regime sidecar " + file + ": " + e.getMessage(), e);
        }
    }

    /** Per regime (enum order): share of bars, trades, wins, win rate, net P&amp;L, mean return per trade. */
    public static Map<String, Map<String, Object>> breakdown(RunResult r, List<BarSeries> series,
                                                             List<byte[]> labels) {
        int kinds = Regime.values().length + 1; // last slot: UNKNOWN
        long[] bars = new long[kinds];
        long total = 0;
        for (byte[] l : labels) {
            for (byte b : l) {
                bars[slot(b, kinds)]++;
                total++;
            }
        }
        int[] trades = new int[kinds];
        int[] wins = new int[kinds];
        long[] pnl = new long[kinds];
        double[] retSum = new double[kinds];
        for (TradeRecord t : r.trades()) {
            BarSeries s = series.get(t.instrument());
            int idx = lastClosedBefore(s, t.entryTimeMs());
            int k = idx < 0 ? kinds - 1 : slot(labels.get(t.instrument())[idx], kinds);
            trades[k]++;
            wins[k] += t.pnl() > 0 ? 1 : 0;
            pnl[k] += t.pnl();
            retSum[k] += 100.0 * Fixed.toDouble(t.pnl()) / Fixed.toDouble(t.entryNotional());
        }
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (int k = 0; k < kinds; k++) {
            if (bars[k] == 0 && trades[k] == 0) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("barsPct", total == 0 ? 0.0 : 100.0 * bars[k] / total);
            m.put("trades", trades[k]);
            m.put("wins", wins[k]);
            m.put("winRatePct", trades[k] == 0 ? 0.0 : 100.0 * wins[k] / trades[k]);
            m.put("pnl", Fixed.toDouble(pnl[k]));
            m.put("avgReturnPct", trades[k] == 0 ? 0.0 : retSum[k] / trades[k]);
            out.put(k == kinds - 1 ? "UNKNOWN" : Regime.values()[k].name(), m);
        }
        return out;
    }

    private static int slot(byte b, int kinds) {
        return b < 0 ? kinds - 1 : b;
    }

    /** Index of the last bar of {@code s} that closed at or before {@code timeMs}, or -1. */
    static int lastClosedBefore(BarSeries s, long timeMs) {
        int lo = 0;
        int hi = s.size() - 1;
        int ans = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (s.openTime(mid) + s.intervalMs() <= timeMs) {
                ans = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return ans;
    }

    /** The labels of {@code part}, a time slice of {@code full}, taken from {@code full}'s labels. */
    public static byte[] slice(BarSeries full, byte[] labels, BarSeries part) {
        byte[] out = new byte[part.size()];
        if (part.size() == 0) {
            return out;
        }
        int lo = 0;
        int hi = full.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (full.openTime(mid) < part.openTime(0)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        System.arraycopy(labels, lo, out, 0, part.size());
        return out;
    }

    /** {@link #slice} for every series of a data set. */
    public static List<byte[]> slice(List<BarSeries> full, List<byte[]> labels, List<BarSeries> part) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < full.size(); i++) {
            out.add(slice(full.get(i), labels.get(i), part.get(i)));
        }
        return out;
    }

    /** Labels for every series: from {@code provided} when non-null, else classified. */
    public static List<byte[]> labels(List<BarSeries> series, List<byte[]> provided) {
        if (provided != null) {
            return provided;
        }
        List<byte[]> out = new ArrayList<>();
        for (BarSeries s : series) {
            out.add(classify(s));
        }
        return out;
    }
}
