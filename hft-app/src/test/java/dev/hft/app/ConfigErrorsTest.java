package dev.hft.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config errors a person can act on, and every key settable from the environment. */
class ConfigErrorsTest {
    @TempDir
    Path tmp;

    private Path yaml(String text) throws Exception {
        Path f = tmp.resolve("hft.yaml");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void anUnknownKeySaysWhereWhatIsAllowedAndWhatWasMeant() throws Exception {
        Path f = yaml("risk:\n  dailyLossPct: 5\n  maxDrawdwn: 5\n");
        assertThatThrownBy(() -> AppConfig.load(f, Map.of())).isInstanceOf(UserError.class)
                .hasMessageContaining("hft.yaml:3:")
                .hasMessageContaining("unknown key 'risk.maxDrawdwn'")
                .hasMessageContaining("did you mean 'drawdown")
                .hasMessageContaining("the keys of risk: [dailyLossPct,")
                .hasMessageNotContaining("dev.hft").hasMessageNotContaining("class");
        Path g = yaml("sanitiser:\n  thawAfter: 3\n");
        assertThatThrownBy(() -> AppConfig.load(g, Map.of())).hasMessageContaining("hft.yaml:1:")
                .hasMessageContaining("did you mean 'sanitizer'?");
    }

    @Test
    void aValueOutOfRangeOrOfTheWrongKindNamesTheKeyTheRangeAndTheValue() throws Exception {
        Path f = yaml("backtest:\n  feeBps: 10\nrisk:\n  dailyLossPct: -5\n");
        assertThatThrownBy(() -> AppConfig.load(f, Map.of())).hasMessageContaining("hft.yaml:4:3")
                .hasMessageContaining("risk.dailyLossPct must be at least 0 and at most 100").hasMessageEndingWith(
                        "got -5");
        Path g = yaml("live:\n  marketCollarPct: 80\n");
        assertThatThrownBy(() -> AppConfig.load(g, Map.of())).hasMessageContaining("hft.yaml:2:3")
                .hasMessageContaining("at most 50");
        Path m = yaml("risk:\n  maxEntries: 0\n");
        assertThatThrownBy(() -> AppConfig.load(m, Map.of())).hasMessageContaining("hft.yaml:2:3")
                .hasMessageContaining("risk.maxEntries must be at least 1");
        assertThat(AppConfig.load(yaml("risk:\n  maxEntries: 3\n"), Map.of()).risk.limits().maxEntries())
                .as("scale-in allowed from the config").isEqualTo(3);
        Path h = yaml("sanitizer:\n  maxLatencyMs: soon\n");
        assertThatThrownBy(() -> AppConfig.load(h, Map.of())).hasMessageContaining("hft.yaml:2:")
                .hasMessageContaining("'sanitizer.maxLatencyMs' must be a whole number, got 'soon'");
    }

    @Test
    void everyKeyCanBeSetFromTheEnvironmentOverTheFile() throws Exception {
        Path f = yaml("risk:\n  dailyLossPct: 5\n  maxOpenPositions: 2\nops:\n  alerts:\n    perMinute: 3\n");
        AppConfig c = AppConfig.load(f, Map.of("HFT_RISK_DAILYLOSSPCT", "7.5", "HFT_OPS_ALERTS_FORMAT", "slack",
                "HFT_OPS_ALLOWEDHOSTS", "box.lan, proxy.lan", "HFT_LIVE_MARKETCOLLARPCT", "1", "HFT_LOG_LEVEL",
                "DEBUG", "HFT_SANITIZER_THAWAFTER", "9"));
        assertThat(c.risk.dailyLossPct).isEqualTo(7.5);
        assertThat(c.risk.maxOpenPositions).as("the file's other keys stay").isEqualTo(2);
        assertThat(c.ops.alerts.format).isEqualTo("slack");
        assertThat(c.ops.alerts.perMinute).isEqualTo(3);
        assertThat(c.ops.allowedHosts).containsExactly("box.lan", "proxy.lan");
        assertThat(c.live.marketCollarPct).isEqualTo(1.0);
        assertThat(c.sanitizer.thawAfter).isEqualTo(9);
        AppConfig none = AppConfig.load(null, Map.of("HFT_BACKTEST_FEEBPS", "4"));
        assertThat(none.backtest.feeBps).as("without a file too").isEqualTo(4.0);
        // every key has its variable
        for (String key : AppConfig.SCHEMA.keys().keySet()) {
            assertThat(ConfigSchema.envName(key)).startsWith("HFT_").doesNotContain(".");
        }
        assertThat(AppConfig.SCHEMA.keys()).containsKeys("risk.dailyLossPct", "ops.alerts.webhook", "live.onStop");
    }

    @Test
    void aMistypedOrOutOfRangeVariableIsAnErrorNamingIt() {
        assertThatThrownBy(() -> AppConfig.load(null, Map.of("HFT_RISK_DAILYLOSS", "3")))
                .hasMessageContaining("environment variable HFT_RISK_DAILYLOSS is no config key")
                .hasMessageContaining("did you mean 'HFT_RISK_DAILYLOSSPCT'?");
        assertThatThrownBy(() -> AppConfig.load(null, Map.of("HFT_RISK_DAILYLOSSPCT", "-3")))
                .hasMessageContaining("environment variable HFT_RISK_DAILYLOSSPCT: risk.dailyLossPct must be");
        assertThatThrownBy(() -> AppConfig.load(null, Map.of("HFT_OPS_PORT", "eighty")))
                .hasMessageContaining("environment").hasMessageContaining("'ops.port' must be a whole number");
    }
}
