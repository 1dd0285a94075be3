package dev.hft.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped logback.xml: its targets as chosen by HFT_LOG, HFT_LOG_DIR and HFT_LOG_LEVEL. */
class LoggingConfigTest {
    @TempDir
    Path tmp;

    /** A fresh logging context configured from the shipped file with the given variables. */
    private static LoggerContext configured(Map<String, String> vars) throws Exception {
        LoggerContext ctx = new LoggerContext();
        ctx.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        vars.forEach(ctx::putProperty);
        JoranConfigurator j = new JoranConfigurator();
        j.setContext(ctx);
        URL xml = LoggingConfigTest.class.getClassLoader().getResource("logback.xml");
        j.doConfigure(xml);
        return ctx;
    }

    @Test
    void theFileTargetWritesJsonLinesIntoTheLogDirectory() throws Exception {
        LoggerContext ctx = configured(Map.of("HFT_LOG", "file", "HFT_LOG_DIR", tmp.toString(),
                "HFT_LOG_LEVEL", "INFO"));
        ctx.getLogger("hft.session").info("paper sma-cross on BTCUSDT (1m)");
        ctx.getLogger("hft.session").debug("not at INFO");
        ctx.getLogger("hft.venue").warn("order {} rejected: {}", "hft-1-7", -2010);
        ctx.stop();
        List<String> lines = Files.readAllLines(tmp.resolve("hft.log"));
        assertThat(lines).hasSize(2);
        JsonNode w = new ObjectMapper().readTree(lines.get(1));
        assertThat(w.get("formattedMessage").asText()).as("every argument in the line")
                .isEqualTo("order hft-1-7 rejected: -2010");
        JsonNode n = new ObjectMapper().readTree(lines.get(0));
        assertThat(n.get("level").asText()).isEqualTo("INFO");
        assertThat(n.get("loggerName").asText()).isEqualTo("hft.session");
        assertThat(n.get("message").asText()).isEqualTo("paper sma-cross on BTCUSDT (1m)");
        assertThat(n.get("timestamp").asLong()).isPositive();
    }

    @Test
    void atDebugTheHttpServerStillDoesNotLogRequestHeaders() throws Exception {
        LoggerContext ctx = configured(Map.of("HFT_LOG_LEVEL", "DEBUG"));
        assertThat(ctx.getLogger("hft.session").isDebugEnabled()).isTrue();
        assertThat(ctx.getLogger("org.eclipse.jetty.http.HttpParser").isDebugEnabled()).isFalse();
        assertThat(ctx.getLogger("org.eclipse.jetty.server.HttpChannel").isDebugEnabled()).isFalse();
        assertThat(ctx.getLogger("io.javalin.Javalin").isDebugEnabled()).isFalse();
        ctx.stop();
    }

    @Test
    void otherTargetsCreateNoLogFileAndTheDefaultLevelIsWarn() throws Exception {
        LoggerContext ctx = configured(Map.of("HFT_LOG", "json", "HFT_LOG_DIR", tmp.toString()));
        assertThat(ctx.getLogger("hft.session").isInfoEnabled()).isFalse();
        assertThat(ctx.getLogger("hft.alert").isWarnEnabled()).isTrue();
        ctx.stop();
        assertThat(tmp.resolve("hft.log")).doesNotExist();
    }

    @Test
    void theSessionTeeLogsEveryStdoutLineButAlerts() {
        StringWriter out = new StringWriter();
        PrintWriter p = SessionLog.tee(new PrintWriter(out, true));
        p.println("stream connected: ws://x");
        p.print("ALERT CRITICAL kill switch: engaged\n");
        assertThat(out.toString()).isEqualTo("stream connected: ws://x" + System.lineSeparator()
                + "ALERT CRITICAL kill switch: engaged\n");
    }

    @Test
    void aStrategysSystemLoggerGoesThroughSlf4jToLogback() {
        System.Logger log = System.getLogger("strategy.example");
        assertThat(log.getClass().getName()).as("the platform logging bridge, not java.util.logging")
                .startsWith("org.slf4j");
        assertThat(log.isLoggable(System.Logger.Level.WARNING)).isTrue();
    }
}
