package dev.hft.engine.strategy;

import dev.hft.api.StrategyFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Strategy jars: found through ServiceLoader, kept with their SHA-256, one provider per name, errors that say why. */
class StrategyRegistryTest {
    @TempDir
    Path tmp;

    @AfterEach
    void forget() {
        StrategyRegistry.resetJars();
    }

    /** A jar with one factory named {@code name}, compiled here as a user's build would. */
    private Path jar(String dir, String name, boolean withService) throws Exception {
        String cls = "Only" + Math.abs(name.hashCode());
        Path src = tmp.resolve(dir + "/src/user/" + cls + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "package user;\n"
                + "import dev.hft.api.*;\n"
                + "public final class " + cls + " implements StrategyFactory {\n"
                + "  public String name() { return \"" + name + "\"; }\n"
                + "  public String description() { return \"test\"; }\n"
                + "  public java.util.List<ParamSpec> params() { return java.util.List.of(); }\n"
                + "  public Strategy create(Params p) { throw new UnsupportedOperationException(); }\n"
                + "}\n");
        Path classes = Files.createDirectories(tmp.resolve(dir + "/classes"));
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), "-cp",
                System.getProperty("java.class.path"), src.toString())).isZero();
        Path jar = tmp.resolve(dir + "/" + name + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("user/" + cls + ".class"));
            out.write(Files.readAllBytes(classes.resolve("user/" + cls + ".class")));
            out.closeEntry();
            if (withService) {
                out.putNextEntry(new JarEntry("META-INF/services/" + StrategyFactory.class.getName()));
                out.write(("user." + cls + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void aJarsStrategiesAreFoundKeptWithTheirHashAndForgottenOnReset() throws Exception {
        Path jar = jar("a", "alpha", true);
        StrategyRegistry.addJars(List.of(jar, jar)); // the same jar twice is one load
        assertThat(StrategyRegistry.get("alpha").description()).isEqualTo("test");
        StrategyRegistry.Source src = StrategyRegistry.source("alpha");
        assertThat(src.builtIn()).isFalse();
        assertThat(src.sha256()).isEqualTo(dev.hft.core.Checksum.sha256(jar));
        assertThat(src.version()).isEqualTo("unversioned");
        assertThat(src.toString()).contains(jar.getFileName().toString(), "SHA-256");
        assertThat(StrategyRegistry.source("sma-cross").builtIn()).isTrue();
        assertThat(StrategyRegistry.all()).containsKeys("alpha", "sma-cross", "liquidation-hunter");
        StrategyRegistry.resetJars();
        assertThatThrownBy(() -> StrategyRegistry.get("alpha")).hasMessageContaining("unknown strategy 'alpha'")
                .hasMessageContaining("--strategy-jar");
        assertThat(StrategyRegistry.get("sma-cross")).isNotNull();
        // a directory loads the jars in it
        StrategyRegistry.addJars(List.of(jar.getParent()));
        assertThat(StrategyRegistry.get("alpha")).isNotNull();
    }

    @Test
    void badJarsAreErrorsThatSayWhy() throws Exception {
        StrategyRegistry.addJars(List.of(tmp.resolve("missing.jar")));
        assertThatThrownBy(() -> StrategyRegistry.get("x")).hasMessageContaining("strategy jar not found");
        StrategyRegistry.addJars(List.of(jar("b", "beta", false)));
        assertThatThrownBy(() -> StrategyRegistry.get("beta")).hasMessageContaining("provides no strategy")
                .hasMessageContaining("META-INF/services/" + StrategyFactory.class.getName());
        StrategyRegistry.resetJars();
        StrategyRegistry.addJars(List.of(jar("c", "sma-cross", true)));
        assertThatThrownBy(() -> StrategyRegistry.get("sma-cross")).hasMessageContaining("already provided by")
                .hasMessageContaining("built-in");
    }
}
