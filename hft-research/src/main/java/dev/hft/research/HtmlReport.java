package dev.hft.research;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Writes report.html: one self-contained page (no network needed) holding the report data as JSON, Apache ECharts
 * (from its WebJar on the classpath) and the page script, all inline.
 */
public final class HtmlReport {
    private static final String WEBJAR = "META-INF/resources/webjars/echarts/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile String echarts;
    private static volatile String version;

    private HtmlReport() {
    }

    /** The ECharts version shipped in the jar. */
    public static String echartsVersion() {
        if (version == null) {
            Properties p = new Properties();
            try (InputStream in = resource("META-INF/maven/org.webjars/echarts/pom.properties")) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            version = p.getProperty("version");
        }
        return version;
    }

    private static String echartsJs() {
        if (echarts == null) {
            echarts = text(WEBJAR + echartsVersion() + "/echarts.min.js");
        }
        return echarts;
    }

    /** The page for {@code data} (which must hold a {@code title}). */
    public static String render(Map<String, Object> data) {
        String json;
        try {
            json = JSON.writeValueAsString(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // '<' only occurs inside JSON strings, where \u003c means the same; no "</script>" can end the block early
        json = json.replace("<", "\\u003c");
        String title = String.valueOf(data.getOrDefault("title", "hft report"));
        String template = text("dev/hft/research/report.html");
        StringBuilder out = new StringBuilder(template.length() + json.length() + 1_100_000);
        int at = 0;
        String[][] parts = {
            {"{{TITLE}}", escapeHtml(title)},
            {"{{ECHARTS_VERSION}}", echartsVersion()},
            {"/*DATA*/", json},
            {"/*ECHARTS*/", echartsJs()},
            {"/*REPORT_JS*/", text("dev/hft/research/report.js")},
        };
        for (String[] p : parts) {
            int i = template.indexOf(p[0], at);
            if (i < 0) {
                throw new IllegalStateException("report template lacks " + p[0]);
            }
            out.append(template, at, i).append(p[1]);
            at = i + p[0].length();
        }
        out.append(template, at, template.length());
        return out.toString();
    }

    /** Writes the page to {@code file}. */
    public static void write(Path file, Map<String, Object> data) {
        try {
            Files.writeString(file, render(data), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static InputStream resource(String name) {
        InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing resource " + name + " (is the ECharts WebJar on the classpath?)");
        }
        return in;
    }

    private static String text(String name) {
        try (InputStream in = resource(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
