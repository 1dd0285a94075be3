package dev.hft.engine.cost;

import dev.hft.core.Fixed;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Maker/taker fee rates per venue, market and tier, loaded from the versioned table {@code fees.csv} in this
 * package's resources, where every row names its source and the date it was taken. Fee schedules change:
 * the table's {@link #version()} is printed with every comparison, and the live adapter will read the account's
 * real rate from the venue.
 */
public final class FeeTable {
    /** One row of the table; rates are fixed-point fractions (0.001 = 0.1%). */
    public record Entry(String venue, String market, String tier, long makerRate, long takerRate,
                        double tokenDiscountPct, String discountToken, String source, String asOf) {
        /** The rates after the venue-token discount (e.g. paying Binance fees in BNB). */
        public FlatFeeModel model(boolean payWithToken) {
            double f = payWithToken ? 1 - tokenDiscountPct / 100 : 1;
            return new FlatFeeModel(Fixed.fromDouble(Fixed.toDouble(makerRate) * f),
                    Fixed.fromDouble(Fixed.toDouble(takerRate) * f));
        }

        public String key() {
            return venue + "/" + tier;
        }
    }

    private final String version;
    private final List<Entry> entries;

    private FeeTable(String version, List<Entry> entries) {
        this.version = version;
        this.entries = Collections.unmodifiableList(entries);
    }

    /** Parsed once: the table is immutable and every backtest (and every optimizer trial) asks for it. */
    private static final class BuiltIn {
        static final FeeTable TABLE = load();
    }

    /** The table shipped in the jar. */
    public static FeeTable builtIn() {
        return BuiltIn.TABLE;
    }

    private static FeeTable load() {
        try (InputStream in = FeeTable.class.getResourceAsStream("fees.csv")) {
            if (in == null) {
                throw new IllegalStateException("fees.csv missing from the classpath");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), "fees.csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FeeTable parse(BufferedReader r, String name) throws IOException {
        String version = null;
        List<Entry> out = new ArrayList<>();
        String line;
        int n = 0;
        boolean header = true;
        while ((line = r.readLine()) != null) {
            n++;
            String t = line.strip();
            if (t.startsWith("# version:")) {
                version = t.substring("# version:".length()).strip();
            }
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            String[] f = t.split(",", 9);
            if (f.length != 9) {
                throw new IllegalStateException(name + ":" + n + ": expected 9 fields, got " + f.length);
            }
            out.add(new Entry(f[0], f[1], f[2], Fixed.parse(f[3]) / 100, Fixed.parse(f[4]) / 100,
                    Double.parseDouble(f[5]), f[6], f[8], f[7]));
        }
        if (version == null) {
            throw new IllegalStateException(name + ": no '# version:' line");
        }
        return new FeeTable(version, out);
    }

    public String version() {
        return version;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The entry for a venue and tier (case-insensitive), or an exception listing what exists. */
    public Entry find(String venue, String tier) {
        for (Entry e : entries) {
            if (e.venue.equalsIgnoreCase(venue) && e.tier.equalsIgnoreCase(tier)) {
                return e;
            }
        }
        List<String> keys = new ArrayList<>();
        entries.forEach(e -> keys.add(e.key()));
        throw new IllegalArgumentException("no fee entry for venue '" + venue + "' tier '" + tier + "'; known: "
                + String.join(", ", keys).toLowerCase(Locale.ROOT));
    }
}
