package dev.hft.app;

import dev.hft.core.BuildInfo;
import picocli.CommandLine;

/** {@code hft --version}: hft's version (from the build) and the Java that runs it. */
public final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"hft " + BuildInfo.VERSION, "Java " + System.getProperty("java.version")};
    }
}
