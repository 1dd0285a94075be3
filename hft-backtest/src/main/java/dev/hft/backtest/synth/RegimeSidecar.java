package dev.hft.backtest.synth;

import dev.hft.backtest.data.BarSeries;
import dev.hft.backtest.report.ReportWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The regime labels of generated bars as a JSON sidecar {@code SYMBOL-1m-regimes.json}: run-length segments
 * (each bar belongs to exactly one: {@code fromOpenTimeMs <= openTime <= toOpenTimeMs}) and bar counts per
 * regime. JSON, not CSV, so a directory reader picking up {@code *.csv} klines never mistakes it for data.
 */
public final class RegimeSidecar {
    private RegimeSidecar() {
    }

    public static String fileName(String symbol, String interval) {
        return symbol + "-" + interval + "-regimes.json";
    }

    public static Map<String, Object> toJson(BarSeries s, byte[] labels, long seed) {
        Regime[] all = Regime.values();
        Map<Regime, Long> counts = new EnumMap<>(Regime.class);
        List<Map<String, Object>> segments = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= s.size(); i++) {
            if (i == s.size() || labels[i] != labels[start]) {
                Regime r = all[labels[start]];
                Map<String, Object> seg = new LinkedHashMap<>();
                seg.put("regime", r.name());
                seg.put("from", ReportWriter.iso(s.openTime(start)));
                seg.put("to", ReportWriter.iso(s.openTime(i - 1)));
                seg.put("fromOpenTimeMs", s.openTime(start));
                seg.put("toOpenTimeMs", s.openTime(i - 1));
                seg.put("bars", i - start);
                segments.add(seg);
                counts.merge(r, (long) (i - start), Long::sum);
                start = i;
            }
        }
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("symbol", s.symbol());
        j.put("intervalMs", s.intervalMs());
        j.put("seed", seed);
        j.put("bars", s.size());
        Map<String, Long> c = new LinkedHashMap<>();
        for (Regime r : all) {
            c.put(r.name(), counts.getOrDefault(r, 0L));
        }
        j.put("barsByRegime", c);
        j.put("segments", segments);
        return j;
    }

    public static void write(Path dir, String interval, BarSeries s, byte[] labels, long seed) {
        Path target = dir.resolve(fileName(s.symbol(), interval));
        Path tmp = dir.resolve(fileName(s.symbol(), interval) + ".tmp");
        try {
            ReportWriter.writeJson(tmp, toJson(s, labels, seed));
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
