package dev.hft.app;

import dev.hft.engine.journal.RecordCodec;
import dev.hft.engine.strategy.Action;
import dev.hft.engine.strategy.Decision;
import dev.hft.journal.FsyncPolicy;
import dev.hft.journal.JournalConfig;
import dev.hft.journal.JournalRecovery;
import dev.hft.journal.JournalWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hft bench}: quick measurements anyone can rerun (JMH benchmarks come with the performance work). Not a
 * test: it asserts nothing, it prints figures.
 */
@Command(name = "bench", description = "Quick benchmarks: 'journal' measures journal append and recovery throughput.")
final class BenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Parameters(index = "0", paramLabel = "WHAT", description = "journal")
    String what;

    @Option(names = "--records", description = "Records to append (default 2,000,000).")
    int records = 2_000_000;

    @Option(names = "--rounds", description = "Measured rounds after one warm-up round (default 3).")
    int rounds = 3;

    @Override
    public Integer call() throws IOException {
        if (!"journal".equals(what)) {
            throw new UserError("unknown benchmark '" + what + "'; known: journal");
        }
        if (records < 1000 || rounds < 1) {
            throw new UserError("--records must be >= 1000 and --rounds >= 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "journal benchmark: %,d typical decision records per round, fsync none, %d rounds "
                + "(+1 warm-up), %s%n", records, rounds, System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version"));
        RecordCodec codec = new RecordCodec();
        Decision d = new Decision().enter(Action.ENTER_LONG, dev.hft.core.ReasonCode.ENTRY_LIQ_LONG, 0.812232928,
                0.008, 0.02);
        double bestAppend = 0;
        double bestScan = 0;
        long bytes = 0;
        for (int round = 0; round <= rounds; round++) {
            Path dir = Files.createTempDirectory("hft-bench-journal");
            try {
                long t0 = System.nanoTime();
                try (JournalWriter w = JournalWriter.create(dir, "bench", JournalConfig.of(FsyncPolicy.NONE),
                        JournalWriter.FILES)) {
                    for (int i = 0; i < records; i++) {
                        w.append("decision", 1_704_067_259_999L + i * 60_000L, codec.decision(i & 1, d), false);
                    }
                    bytes = w.bytesWritten();
                }
                long t1 = System.nanoTime();
                long[] n = new long[1];
                JournalRecovery.Result r = JournalRecovery.scan(dir, rec -> n[0]++, false);
                long t2 = System.nanoTime();
                if (n[0] != records || r.status() != JournalRecovery.Status.CLEAN) {
                    throw new IllegalStateException("benchmark journal did not read back: " + r.message());
                }
                double append = records / ((t1 - t0) / 1e9);
                double scan = records / ((t2 - t1) / 1e9);
                if (round > 0) {
                    bestAppend = Math.max(bestAppend, append);
                    bestScan = Math.max(bestScan, scan);
                    out.printf(Locale.ROOT, "  round %d: append %,.0f records/s, recovery scan %,.0f records/s%n",
                            round, append, scan);
                }
            } finally {
                try (Stream<Path> s = Files.walk(dir)) {
                    for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
        out.printf(Locale.ROOT, "best: append %,.0f records/s (%.0f bytes/record); recovery scan %,.0f records/s = "
                + "%.1f ms per 100,000 records%n", bestAppend, (double) bytes / records, bestScan, 1e8 / bestScan);
        out.flush();
        return Main.EXIT_OK;
    }
}
