package dev.hft.backtest.synth;

import dev.hft.backtest.data.BarSeries;
import dev.hft.core.Fixed;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes bars as Binance public-data daily kline zips ({@code SYMBOL-1m-YYYY-MM-DD.zip} holding the CSV of the
 * same name: 12 columns, no header, times in ms, 8-decimal prices), so generated data goes through the same
 * reader as real data. Each file is written to a temporary name and renamed into place.
 */
public final class KlineWriter {
    private static final long DAY_MS = 86_400_000L;

    private KlineWriter() {
    }

    /** Writes one zip per UTC day; returns the number of files written. */
    public static int writeDaily(BarSeries s, String interval, Path dir) {
        try {
            Files.createDirectories(dir);
            int files = 0;
            int i = 0;
            while (i < s.size()) {
                long day = Math.floorDiv(s.openTime(i), DAY_MS);
                String date = Instant.ofEpochMilli(day * DAY_MS).atOffset(ZoneOffset.UTC).toLocalDate().toString();
                String base = s.symbol() + "-" + interval + "-" + date;
                StringBuilder sb = new StringBuilder(1 << 20);
                while (i < s.size() && Math.floorDiv(s.openTime(i), DAY_MS) == day) {
                    appendRow(sb, s, i);
                    i++;
                }
                Path target = dir.resolve(base + ".zip");
                Path tmp = dir.resolve(base + ".zip.tmp");
                try (OutputStream out = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(out)) {
                    ZipEntry e = new ZipEntry(base + ".csv");
                    e.setTime(day * DAY_MS); // fixed entry time: identical bytes for identical data
                    zip.putNextEntry(e);
                    zip.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
                    zip.closeEntry();
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                files++;
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write klines to " + dir + ": " + e.getMessage(), e);
        }
    }

    static void appendRow(StringBuilder sb, BarSeries s, int i) {
        long open = s.openTime(i);
        sb.append(open).append(',')
                .append(Fixed.format(s.open(i), 8)).append(',')
                .append(Fixed.format(s.high(i), 8)).append(',')
                .append(Fixed.format(s.low(i), 8)).append(',')
                .append(Fixed.format(s.close(i), 8)).append(',')
                .append(Fixed.format(s.volume(i), 8)).append(',')
                .append(open + s.intervalMs() - 1).append(',')
                .append(Fixed.format(s.quoteVolume(i), 8)).append(',')
                .append(s.trades(i)).append(',')
                .append(Fixed.format(s.takerBuyVolume(i), 8)).append(',')
                .append(Fixed.format(Fixed.mul(s.takerBuyVolume(i), s.close(i)), 8)).append(",0\n");
    }
}
