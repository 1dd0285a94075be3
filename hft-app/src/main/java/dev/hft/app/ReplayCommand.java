package dev.hft.app;

import dev.hft.node.ReplayRunner;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hft replay}: re-runs a journal's inputs through the same engine with sends suppressed and checks that
 * every regenerated record is byte-identical. Exit 0 when identical, 1 at the first difference, 2 for bad input.
 */
@Command(name = "replay", description = "Replay a journal through the engine (no orders sent) and check that every "
        + "decision and command comes out byte-identical; print the first difference.")
final class ReplayCommand implements Callable<Integer> {
    static final int EXIT_DIFFERENT = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--journal", paramLabel = "DIR", required = true,
            description = "Journal directory, or a run directory holding journal/.")
    Path journal;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.isDirectory(journal.resolve("journal")) ? journal.resolve("journal") : journal;
        if (!Files.isDirectory(dir)) {
            Path unfinished = RunDirectory.unfinished(journal, "journal");
            if (unfinished != null) {
                throw new UserError("journal directory not found: " + journal + "; a run into it did not finish "
                        + "and left its output in " + unfinished + ": replay that");
            }
            throw new UserError("journal directory not found: " + journal);
        }
        ReplayRunner.Result r = ReplayRunner.replay(dir);
        if (r.incomplete() != null) {
            out.printf(Locale.ROOT, "replay of %s: incomplete journal: %s%n", dir, r.incomplete());
        }
        if (r.identical()) {
            out.printf(Locale.ROOT, "replay of %s: %,d records regenerated, byte-identical%s%n", dir, r.records(),
                    r.incomplete() == null ? "" : " (every complete record)");
            out.flush();
            return Main.EXIT_OK;
        }
        ReplayRunner.Difference d = r.difference();
        out.printf(Locale.ROOT, "replay of %s differs at seq %d%n  journal: %s%n  replay:  %s%n", dir, d.seq(),
                d.expected() == null ? "(journal ended)" : d.expected(),
                d.actual() == null ? "(the engine produced no record here)" : d.actual());
        out.flush();
        return EXIT_DIFFERENT;
    }
}
