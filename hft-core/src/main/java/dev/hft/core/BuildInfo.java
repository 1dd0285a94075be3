package dev.hft.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of hft that runs, stamped by the build into {@code hft-version.properties}. Journals and reports name
 * it, so a result can be traced to the code that made it.
 */
public final class BuildInfo {
    /** The project version, e.g. 0.2.0; "unknown" when the build did not stamp it (a bare class path). */
    public static final String VERSION = load();

    private BuildInfo() {
    }

    private static String load() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("/hft-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
