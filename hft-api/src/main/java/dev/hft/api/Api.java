package dev.hft.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of this API, stamped by the build. It follows semantic versioning: a strategy compiled against
 * {@code x.y.z} runs on any {@code x.*} at or above {@code x.y}; a removal or an incompatible change raises {@code x}.
 * Every journal's start record names the API version its run used ({@code apiVersion}).
 */
public final class Api {
    /** The API version, e.g. 0.2.0; "unknown" when the build did not stamp it (a bare class path). */
    public static final String VERSION = load();

    private Api() {
    }

    private static String load() {
        try (InputStream in = Api.class.getResourceAsStream("/hft-api-version.properties")) {
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
