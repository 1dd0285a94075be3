package dev.hft.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Keeps docs/REASON_CODES.md true: every code, with its kind and description, and nothing else. */
class ReasonCodeDocTest {
    @Test
    void docShouldListEveryCodeWithItsKindAndDescription() throws IOException {
        String root = System.getProperty("hft.root", "..");
        Path doc = Path.of(root, "docs", "REASON_CODES.md");
        assumeTrue(Files.exists(doc), "docs/REASON_CODES.md not found from " + root);
        String text = Files.readString(doc);
        for (ReasonCode c : ReasonCode.values()) {
            assertThat(text).as(c.name()).contains("| `" + c.name() + "` | " + c.kind() + " | "
                    + c.description() + " |");
        }
        long rows = text.lines().filter(l -> l.startsWith("| `")).count();
        assertThat(rows).isEqualTo(ReasonCode.values().length);
    }
}
