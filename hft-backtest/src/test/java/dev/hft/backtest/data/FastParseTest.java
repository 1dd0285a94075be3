package dev.hft.backtest.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.core.Fixed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The reader's one-pass byte parser of common rows gives exactly what the general decimal parser gives, over
 * random prices and volumes written with 0 to 8 decimals (trailing zeros or not) and integer fields.
 */
class FastParseTest {
    /** {@code units} (fixed-point) written with {@code places} decimals, the rest truncated. */
    private static String decimal(long units, int places) {
        long whole = units / Fixed.ONE;
        long frac = units % Fixed.ONE;
        if (places == 0) {
            return Long.toString(whole);
        }
        String f = String.format(Locale.ROOT, "%08d", frac).substring(0, places);
        return whole + "." + f;
    }

    @Property(tries = 60)
    void everyFieldEqualsTheGeneralParser(@ForAll @LongRange(min = 100_000_000, max = 9_999_999_999_999_999L)
                                          long price,
                                          @ForAll @IntRange(min = 0, max = 8) int places,
                                          @ForAll @LongRange(min = 0, max = 999_999_999_999_999L) long volume,
                                          @ForAll @IntRange(min = 0, max = 100_000) int trades) throws Exception {
        String p = decimal(price, places);
        String v = decimal(volume, 8 - places);
        long t = 1_704_067_200_000L;
        String row = t + "," + p + "," + p + "," + p + "," + p + "," + v + "," + (t + 59_999) + "," + v + ","
                + trades + "," + v + "," + v + ",0\n";
        Path dir = Files.createTempDirectory("fast-parse");
        try {
            Files.writeString(dir.resolve("XYZUSDT-1m-2024-01-01.csv"), row);
            BarSeries s = KlineReader.read(dir, "XYZUSDT").series();
            assertThat(s.size()).isOne();
            assertThat(s.open(0)).isEqualTo(Fixed.parse(p));
            assertThat(s.close(0)).isEqualTo(Fixed.parse(p));
            assertThat(s.volume(0)).isEqualTo(Fixed.parse(v));
            assertThat(s.quoteVolume(0)).isEqualTo(Fixed.parse(v));
            assertThat(s.takerBuyVolume(0)).isEqualTo(Fixed.parse(v));
            assertThat(s.trades(0)).isEqualTo(trades);
            assertThat(s.openTime(0)).isEqualTo(t);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }
}
