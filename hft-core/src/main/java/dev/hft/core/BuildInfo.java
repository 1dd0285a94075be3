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
    public static final String VERSION = stamped(BuildInfo.class, "/hft-version.properties");

    private BuildInfo() {
    }

    /**
     * The {@code version} the build stamped into the properties resource {@code resource} beside {@code owner}, or
     * "unknown" when it is missing or not filtered (a bare class path).
     */
    public static String stamped(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
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
