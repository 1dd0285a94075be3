package dev.hft.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    @TempDir
    Path tmp;

    @Test
    void theStreamedPageIsTheRenderedOneAndNoStringInTheDataCanEndItsScript() throws Exception {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("title", "a <b> & \"c\"");
        data.put("kind", "backtest");
        data.put("reasons", List.of("</script><script>alert(1)</script>", "x < y"));
        Path file = tmp.resolve("report.html");
        HtmlReport.write(file, data);
        String page = Files.readString(file);
        assertThat(page).isEqualTo(HtmlReport.render(data));
        assertThat(page).contains("<title>a &lt;b&gt; &amp; &quot;c&quot;", "\\u003c/script>\\u003cscript>alert(1)",
                "x \\u003c y");
        // the data block holds no '<' at all: the first "</script>" after it closes the block itself
        String open = "id=\"report-data\">";
        int start = page.indexOf(open) + open.length();
        int end = page.indexOf("</script>", start);
        assertThat(page.substring(start, end)).doesNotContain("<").contains("alert(1)");
    }
}
