package dev.hft.api;

/**
 * The version of this API, stamped by the build. It follows semantic versioning: a strategy compiled against
 * {@code x.y.z} runs on any {@code x.*} at or above {@code x.y}; a removal or an incompatible change raises {@code x}.
 * Every journal's start record names the API version its run used ({@code apiVersion}).
 */
public final class Api {
    /** The API version, e.g. 0.2.0; "unknown" when the build did not stamp it (a bare class path). */
    public static final String VERSION = dev.hft.core.BuildInfo.stamped(Api.class, "/hft-api-version.properties");

    private Api() {
    }
}
