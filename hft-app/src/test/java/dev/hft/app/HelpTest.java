package dev.hft.app;

import static dev.hft.app.CliTest.hft;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command and subcommand answers -h and --help with its own usage and exit 0; help walks nested names. */
class HelpTest {
    /** Every command path below hft, e.g. [backtest], [data, download]. */
    private static List<List<String>> paths(CommandLine cl, List<String> prefix) {
        List<List<String>> out = new ArrayList<>();
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            List<String> p = new ArrayList<>(prefix);
            p.add(e.getKey());
            out.add(p);
            out.addAll(paths(e.getValue(), p));
        }
        return out;
    }

    @Test
    void everyCommandAnswersHelpWithItsOwnUsage() {
        List<List<String>> all = paths(new CommandLine(new Main()), List.of());
        assertThat(all).as("12 commands, a subcommand and help").hasSizeGreaterThanOrEqualTo(14)
                .contains(List.of("data", "download"));
        for (List<String> path : all) {
            String usage = "Usage: hft " + String.join(" ", path);
            for (String flag : new String[] {"-h", "--help"}) {
                List<String> args = new ArrayList<>(path);
                args.add(flag);
                CliTest.Run r = hft(args.toArray(String[]::new));
                assertThat(r.code()).as(args + ": " + r.err()).isZero();
                assertThat(r.out()).as(String.join(" ", args)).startsWith(usage);
            }
        }
    }

    @Test
    void helpNamesNestedCommandsAndRefusesUnknownOnes() {
        CliTest.Run r = hft("help", "data", "download");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Usage: hft data download").contains("--from");
        r = hft("help", "data", "upload");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown command 'upload'", "[download, instruments]");
        r = hft("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("hft ").doesNotContain("unknown");
    }
}
