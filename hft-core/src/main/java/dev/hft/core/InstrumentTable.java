package dev.hft.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Instruments by symbol: the built-in table ({@code instruments.csv}, values and source documented there) plus
 * overrides from configuration.
 */
public final class InstrumentTable {
    private final Map<String, Instrument> bySymbol = new LinkedHashMap<>();

    /** The header of an instrument file. */
    public static final String HEADER = "symbol,base,quote,tickSize,stepSize,minQty,minNotional";

    /** The built-in table shipped in the jar. */
    public static InstrumentTable builtIn() {
        InstrumentTable t = new InstrumentTable();
        try (InputStream in = InstrumentTable.class.getResourceAsStream("instruments.csv")) {
            if (in == null) {
                throw new IllegalStateException("built-in instruments.csv missing from the classpath");
            }
            t.read(new InputStreamReader(in, StandardCharsets.UTF_8), "instruments.csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return t;
    }

    /**
     * Adds (or replaces) the instruments of a file in the built-in format ({@link #HEADER}, {@code #} comments),
     * such as the one {@code hft data instruments} writes.
     *
     * @throws IllegalArgumentException on a malformed line, naming {@code source:line}
     */
    public void read(java.io.Reader reader, String source) throws IOException {
        BufferedReader r = new BufferedReader(reader);
        String line;
        int lineNo = 0;
        boolean header = true;
        while ((line = r.readLine()) != null) {
            lineNo++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            String[] f = trimmed.split(",");
            if (f.length != 7) {
                throw new IllegalArgumentException(source + ":" + lineNo + ": expected 7 fields, got " + f.length);
            }
            try {
                put(new Instrument(f[0], f[1], f[2], Fixed.parse(f[3]), Fixed.parse(f[4]), Fixed.parse(f[5]),
                        Fixed.parse(f[6])));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ":" + lineNo + ": " + e.getMessage(), e);
            }
        }
    }

    /** Writes instruments in the format {@link #read} takes, after {@code comment} lines (each without '#'). */
    public static void write(java.io.Writer w, java.util.Collection<Instrument> instruments,
                             java.util.List<String> comment) throws IOException {
        for (String c : comment) {
            w.write("# " + c + "\n");
        }
        w.write(HEADER + "\n");
        for (Instrument i : instruments) {
            w.write(i.symbol() + "," + i.baseAsset() + "," + i.quoteAsset() + "," + Fixed.format(i.tickSize()) + ","
                    + Fixed.format(i.stepSize()) + "," + Fixed.format(i.minQty()) + ","
                    + Fixed.format(i.minNotional()) + "\n");
        }
    }

    public void put(Instrument instrument) {
        bySymbol.put(instrument.symbol(), instrument);
    }

    /** The instrument, or null when the symbol is unknown. */
    public Instrument find(String symbol) {
        return bySymbol.get(symbol.toUpperCase(Locale.ROOT));
    }

    public Map<String, Instrument> all() {
        return Collections.unmodifiableMap(bySymbol);
    }
}
