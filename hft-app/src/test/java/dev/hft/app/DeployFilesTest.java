package dev.hft.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hft.ops.OpsMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The shipped deployment examples stay true to the code: metric names, command-line options. */
class DeployFilesTest {
    private static final Path ROOT = root();

    /** The project root: hft.root or the working directory, or the nearest parent holding deploy/. */
    private static Path root() {
        Path p = Path.of(System.getProperty("hft.root", ".")).toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("deploy"))) {
            p = p.getParent();
        }
        return p == null ? Path.of("..") : p;
    }

    @Test
    void everyMetricTheGrafanaDashboardQueriesExists() throws Exception {
        JsonNode dash = new ObjectMapper().readTree(ROOT.resolve("deploy/grafana/hft-session.json").toFile());
        Set<String> queried = new TreeSet<>();
        Pattern name = Pattern.compile("\\bhft_[a-z_]+");
        for (JsonNode panel : dash.get("panels")) {
            for (JsonNode t : panel.get("targets")) {
                Matcher m = name.matcher(t.get("expr").asText());
                while (m.find()) {
                    queried.add(m.group());
                }
            }
        }
        assertThat(queried).hasSizeGreaterThan(15);
        OpsMetrics metrics = new OpsMetrics(List.of("BTCUSDT"));
        metrics.externalGauge("hft.ratelimit.weight.used", "weight", () -> 1);
        metrics.decisionNanos(1_000);
        metrics.fsyncNanos(1_000_000);
        String scrape = metrics.scrape();
        for (String q : queried) {
            assertThat(scrape).as("metric %s of the Grafana dashboard", q).containsPattern("(?m)^" + q + "[ {]");
        }
    }

    @Test
    void theSystemdUnitRunsACommandLineHftAccepts() throws Exception {
        List<String> unit = Files.readAllLines(ROOT.resolve("deploy/systemd/hft-paper.service"));
        String exec = unit.stream().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow();
        List<String> words = Arrays.asList(exec.substring("ExecStart=".length()).trim().split("\\s+"));
        List<String> args = words.subList(words.indexOf("/opt/hft/hft.jar") + 1, words.size());
        assertThat(args.get(0)).isEqualTo("paper");
        CommandLine.ParseResult parsed = new CommandLine(new Main()).parseArgs(args.toArray(String[]::new));
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("paper");
        assertThat(parsed.subcommand().unmatched()).isEmpty();
        assertThat(unit).contains("KillSignal=SIGTERM", "RestartPreventExitStatus=2");
    }
}
