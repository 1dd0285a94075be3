package dev.hft.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hft.ops.Alerts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpsConfigTest {
    @TempDir
    Path tmp;

    @Test
    void theOpsSectionLoadsAndNeverPrintsItsSecrets() throws Exception {
        Path f = tmp.resolve("hft.yaml");
        Files.writeString(f, "ops:\n  port: 0\n  token: tok-123\n  alerts:\n    webhook: https://api.telegram.org/"
                + "bot42:SECRET/sendMessage\n    format: telegram\n    chatId: '-100'\n    perMinute: 3\n");
        AppConfig c = AppConfig.load(f);
        assertThat(c.ops.port).isZero();
        assertThat(c.ops.toString()).contains("token set").doesNotContain("tok-123");
        assertThat(c.ops.alerts.toString()).doesNotContain("SECRET");
        Alerts.Settings s = SessionOps.alertSettings(c.ops.alerts, "paper x");
        assertThat(s.format()).isEqualTo(Alerts.Format.TELEGRAM);
        assertThat(s.perMinute()).isEqualTo(3);
        assertThat(s.toString()).contains("api.telegram.org").doesNotContain("SECRET");
    }

    @Test
    void aKeyGivenTwiceIsAnErrorWithItsLine() throws Exception {
        Path f = tmp.resolve("dup.yaml");
        Files.writeString(f, "risk:\n  dailyLossPct: 5\n  maxOpenPositions: 2\n  dailyLossPct: 50\n");
        assertThatThrownBy(() -> AppConfig.load(f)).isInstanceOf(UserError.class)
                .hasMessageContaining("dup.yaml:4").hasMessageContaining("dailyLossPct");
    }

    @Test
    void aSectionWithNothingUnderItKeepsItsDefaults() throws Exception {
        Path f = tmp.resolve("empty.yaml");
        Files.writeString(f, "risk:\n#  dailyLossPct: 5\nsanitizer:\nops:\n  alerts:\nbacktest:\n  params:\n");
        AppConfig c = AppConfig.load(f);
        assertThat(c.risk.limits()).isEqualTo(dev.hft.engine.risk.RiskLimits.DEFAULT);
        assertThat(c.sanitizer.config()).isEqualTo(dev.hft.engine.sanitizer.SanitizerConfig.DEFAULT);
        assertThat(c.ops.alerts.format).isEqualTo("generic");
        assertThat(c.backtest.params).isEmpty();
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void aLimitSetToZeroIsWarnedAboutAndAZeroTickIsRefused() throws Exception {
        Path f = tmp.resolve("zero.yaml");
        Files.writeString(f, "risk:\n  dailyLossPct: 0\n  maxOrdersPerSecond: 0\n  drawdownHaltPct: 20\n");
        assertThat(AppConfig.load(f).warnings()).hasSize(2).anySatisfy(w -> assertThat(w)
                .contains("risk.dailyLossPct is 0", "off")).anySatisfy(w -> assertThat(w)
                .contains("risk.maxOrdersPerSecond"));
        Path t = tmp.resolve("tick.yaml");
        Files.writeString(t, "instruments:\n  BTCUSDT:\n    tickSize: 0\n");
        AppConfig c = AppConfig.load(t);
        assertThatThrownBy(c::instrumentTable).isInstanceOf(UserError.class)
                .hasMessageContaining("instruments.BTCUSDT.tickSize must be above 0");
    }

    @Test
    void badAlertSettingsAreUserErrorsThatDoNotQuoteTheUrl() {
        AppConfig.AlertsSection a = new AppConfig.AlertsSection();
        a.format = "pager";
        assertThatThrownBy(() -> SessionOps.alertSettings(a, "s")).isInstanceOf(UserError.class)
                .hasMessageContaining("generic, slack or telegram");
        a.format = "slack";
        a.webhook = "hooks.slack.com/services/T/B/SECRET";
        assertThatThrownBy(() -> SessionOps.alertSettings(a, "s")).isInstanceOf(UserError.class)
                .hasMessageNotContaining("SECRET");
        a.webhook = "https://hooks.slack.com/services/T/B/SECRET";
        a.perMinute = 0;
        assertThatThrownBy(() -> SessionOps.alertSettings(a, "s")).hasMessageContaining("perMinute");
        a.format = "telegram";
        a.perMinute = 5;
        assertThatThrownBy(() -> SessionOps.alertSettings(a, "s")).hasMessageContaining("chatId");
    }

    @Test
    void theExampleConfigStillLoads() {
        Path root = Path.of(System.getProperty("hft.root", ".")).toAbsolutePath();
        Path example = Files.exists(root.resolve("config/hft.example.yaml")) ? root.resolve("config/hft.example.yaml")
                : root.getParent().resolve("config/hft.example.yaml");
        AppConfig c = AppConfig.load(example);
        assertThat(c.ops.port).isEqualTo(8321);
        assertThat(c.ops.alerts.drawdownPct).containsExactly(5, 10, 15);
    }
}
