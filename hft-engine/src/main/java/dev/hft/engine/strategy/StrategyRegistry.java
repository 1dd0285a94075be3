package dev.hft.engine.strategy;

import dev.hft.api.StrategyFactory;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * The strategies the system knows by name: the built-in ones, and those of strategy jars
 * ({@code --strategy-jar}, or {@code strategies:} in the config), found with {@link ServiceLoader}: a jar lists its
 * {@link StrategyFactory} classes in {@code META-INF/services/dev.hft.api.StrategyFactory}. Each
 * strategy keeps its {@link Source} (where it came from, the jar's SHA-256 and its version), which the journal's
 * start record holds, so a replay or a recovery with other code is refused.
 *
 * <p>Jars given are loaded on the next lookup, once each (the same jar twice is one load); two providers of one
 * name are an error.
 */
public final class StrategyRegistry {
    /** Where a strategy comes from: "built-in", or a jar's path with its SHA-256 (hex) and the strategy's version. */
    public record Source(String location, String sha256, String version) {
        public boolean builtIn() {
            return sha256 == null;
        }

        @Override
        public String toString() {
            return builtIn() ? "built-in " + version : location + " (" + version + ", SHA-256 " + sha256 + ")";
        }
    }

    private static final Map<String, StrategyFactory> FACTORIES = new LinkedHashMap<>();
    private static final Map<String, Source> SOURCES = new LinkedHashMap<>();
    private static final List<Path> PENDING = new ArrayList<>();
    /** SHA-256 of every jar loaded, so the same jar given again is not loaded twice. */
    private static final Map<String, Path> LOADED = new LinkedHashMap<>();

    static {
        // the built-in strategies are ordinary users of the API (module hft-strategies), found the way a strategy
        // jar's are: every factory on hft's own class path is built in
        Source builtIn = new Source("built-in", null, dev.hft.core.BuildInfo.VERSION);
        try {
            ClassLoader own = StrategyRegistry.class.getClassLoader();
            for (StrategyFactory f : ServiceLoader.load(StrategyFactory.class, own)) {
                register(f, builtIn);
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("a built-in strategy cannot be loaded: " + e.getMessage(), e);
        }
    }

    private StrategyRegistry() {
    }

    /**
     * The strategy instances of a run over {@code instruments} instruments: one each, or one shared by all when the
     * strategy is a portfolio strategy ({@link dev.hft.api.Strategy#portfolio()}).
     */
    public static List<dev.hft.api.Strategy> instances(StrategyFactory f, dev.hft.api.Params params, int instruments) {
        List<dev.hft.api.Strategy> out = new ArrayList<>(instruments);
        dev.hft.api.Strategy first = f.create(params);
        out.add(first);
        for (int i = 1; i < instruments; i++) {
            out.add(first.portfolio() ? first : f.create(params));
        }
        return out;
    }

    private static void register(StrategyFactory f, Source source) {
        FACTORIES.put(f.name(), f);
        SOURCES.put(f.name(), source);
    }

    /**
     * Forgets every strategy loaded from a jar (built-in ones stay): one command line, one set of jars, also when
     * several commands run in one JVM (tests).
     */
    public static synchronized void resetJars() {
        SOURCES.entrySet().removeIf(e -> {
            boolean jar = !e.getValue().builtIn();
            if (jar) {
                FACTORIES.remove(e.getKey());
            }
            return jar;
        });
        LOADED.clear();
        PENDING.clear();
    }

    /**
     * Strategy jars to load on the next lookup: each path a jar, or a directory whose {@code *.jar} files are all
     * loaded (in name order).
     */
    public static synchronized void addJars(List<Path> paths) {
        PENDING.addAll(paths);
    }

    private static void loadPending() {
        List<Path> todo = new ArrayList<>(PENDING);
        PENDING.clear();
        for (Path p : todo) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    for (Path jar : s.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                        loadJar(jar);
                    }
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot list strategy jars in " + p + ": " + e.getMessage(), e);
                }
            } else {
                loadJar(p);
            }
        }
    }

    private static void loadJar(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("strategy jar not found: " + jar);
        }
        String sha;
        try {
            sha = dev.hft.core.Checksum.sha256(jar);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read strategy jar " + jar + ": " + e.getMessage(), e);
        }
        if (LOADED.containsKey(sha)) {
            return;
        }
        URLClassLoader loader;
        try {
            // never closed: its classes serve the whole run
            loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, StrategyRegistry.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("strategy jar " + jar + ": " + e.getMessage(), e);
        }
        int found = 0;
        try {
            for (StrategyFactory f : ServiceLoader.load(StrategyFactory.class, loader)) {
                if (f.getClass().getClassLoader() != loader) {
                    continue; // a provider the application itself has
                }
                if (FACTORIES.containsKey(f.name())) {
                    throw new IllegalArgumentException("strategy '" + f.name() + "' of " + jar + " is already provided"
                            + " by " + SOURCES.get(f.name()) + "; one name, one strategy");
                }
                register(f, new Source(jar.toAbsolutePath().normalize().toString(), sha, f.version()));
                found++;
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalArgumentException("strategy jar " + jar + ": " + e.getMessage(), e);
        }
        if (found == 0) {
            throw new IllegalArgumentException("strategy jar " + jar + " provides no strategy: list your "
                    + "StrategyFactory classes in META-INF/services/" + StrategyFactory.class.getName());
        }
        LOADED.put(sha, jar);
    }

    /** The factory, or an exception naming the known strategies. */
    public static synchronized StrategyFactory get(String name) {
        loadPending();
        StrategyFactory f = FACTORIES.get(name);
        if (f == null) {
            throw new IllegalArgumentException(
                    "unknown strategy '" + name + "'; known: " + String.join(", ", FACTORIES.keySet())
                            + " (a strategy of your own: --strategy-jar PATH)");
        }
        return f;
    }

    /** Where the strategy {@code name} comes from (call after {@link #get}). */
    public static synchronized Source source(String name) {
        loadPending();
        return SOURCES.get(name);
    }

    public static synchronized Map<String, StrategyFactory> all() {
        loadPending();
        return Collections.unmodifiableMap(new LinkedHashMap<>(FACTORIES));
    }
}
