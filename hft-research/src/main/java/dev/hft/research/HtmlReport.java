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
        java.io.StringWriter out = new java.io.StringWriter();
        try {
            render(data, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Writes the page to {@code file}, streaming: the data goes from the map to the file as JSON without a copy of
     * the page in memory (a year of three symbols' candles is 4 MB of JSON, held several times over otherwise).
     */
    public static void write(Path file, Map<String, Object> data) {
        try (java.io.Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            render(data, w);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void render(Map<String, Object> data, java.io.Writer out) throws IOException {
        String title = String.valueOf(data.getOrDefault("title", "hft report"));
        String template = text("dev/hft/research/report.html");
        int at = 0;
        String[] marks = {"{{TITLE}}", "{{ECHARTS_VERSION}}", "/*DATA*/", "/*ECHARTS*/", "/*REPORT_JS*/"};
        for (String mark : marks) {
            int i = template.indexOf(mark, at);
            if (i < 0) {
                throw new IllegalStateException("report template lacks " + mark);
            }
            out.write(template, at, i - at);
            switch (mark) {
                case "{{TITLE}}" -> out.write(escapeHtml(title));
                case "{{ECHARTS_VERSION}}" -> out.write(echartsVersion());
                case "/*DATA*/" -> JSON.writer().without(com.fasterxml.jackson.core.JsonGenerator.Feature
                        .AUTO_CLOSE_TARGET).writeValue(new ScriptSafe(out), data);
                case "/*ECHARTS*/" -> out.write(echartsJs());
                default -> out.write(text("dev/hft/research/report.js"));
            }
            at = i + mark.length();
        }
        out.write(template, at, template.length() - at);
    }

    /**
     * Passes JSON through with every '<' written as {@code \u003c}: '<' only occurs inside JSON strings, where the
     * escape means the same, so no {@code </script>} in the data can end the script block early.
     */
    private static final class ScriptSafe extends java.io.FilterWriter {
        ScriptSafe(java.io.Writer out) {
            super(out);
        }

        @Override
        public void write(int c) throws IOException {
            if (c == '<') {
                out.write("\\u003c");
            } else {
                out.write(c);
            }
        }

        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
            int start = off;
            for (int i = off; i < off + len; i++) {
                if (cbuf[i] == '<') {
                    out.write(cbuf, start, i - start);
                    out.write("\\u003c");
                    start = i + 1;
                }
            }
            out.write(cbuf, start, off + len - start);
        }

        @Override
        public void write(String str, int off, int len) throws IOException {
            int start = off;
            for (int i = off; i < off + len; i++) {
                if (str.charAt(i) == '<') {
                    out.write(str, start, i - start);
                    out.write("\\u003c");
                    start = i + 1;
                }
            }
            out.write(str, start, off + len - start);
        }

        @Override
        public void close() {
            // the page's writer stays open for the rest of the page
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
