package dev.hft.journal;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The child process of {@link CrashLoopTest}: resumes (or starts) the journal in {@code args[0]} and appends
 * records forever, every fourth one a command under the per-order fsync policy. After each command's append has
 * returned (the record and all before it are forced to disk) it prints {@code ack <seq>}: the parent kills it
 * with SIGKILL at a random moment and checks that every acknowledged record survived.
 */
public final class CrashChild {
    private CrashChild() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        JournalConfig cfg = new JournalConfig(FsyncPolicy.PER_ORDER, 100, 64 * 1024);
        JournalRecovery.Result r = JournalRecovery.scan(dir, x -> { }, true);
        if (!r.usable()) {
            System.out.println("corrupt " + r.message());
            System.exit(3);
        }
        PrintStream out = System.out;
        try (JournalWriter w = r.status() == JournalRecovery.Status.EMPTY
                ? JournalWriter.create(dir, "crash-run", cfg, JournalWriter.FILES)
                : JournalWriter.resume(dir, r, cfg, JournalWriter.FILES)) {
            out.println("start " + (w.lastSeq() + 1));
            out.flush();
            while (true) {
                long seq = w.lastSeq() + 1;
                boolean command = seq % 4 == 0;
                w.append(command ? "submit" : "bar", seq, "{\"v\":\"" + JournalTest.payload(seq) + "\"}", command);
                if (command) {
                    out.println("ack " + seq);
                    out.flush();
                }
            }
        }
    }
}
