package dev.hft.app;

import dev.hft.research.Optimizer;
import dev.hft.research.TrialResult;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The optimizer's progress on stderr: on a terminal one line redrawn in place (trials done, best so far, ETA);
 * otherwise (a log file, CI) a line at every tenth of the way. Stdout stays for results.
 */
final class ProgressBar implements Optimizer.Progress {
    private final PrintWriter err;
    private final boolean tty;
    private final String label;
    private int lastDecile = -1;

    ProgressBar(PrintWriter err, boolean tty, String label) {
        this.err = err;
        this.tty = tty;
        this.label = label;
    }

    static ProgressBar on(PrintWriter err, String label) {
        return new ProgressBar(err, System.console() != null, label);
    }

    @Override
    public synchronized void onTrial(int done, int planned, TrialResult best, long elapsedNanos) {
        int width = 24;
        int filled = planned == 0 ? width : Math.min(width, done * width / planned);
        long etaS = done == 0 ? 0 : (long) (elapsedNanos / 1e9 * (planned - done) / done);
        String line = String.format(Locale.ROOT, "%s[%s%s] %d/%d trials  best %s  ETA %d:%02d", label,
                "#".repeat(filled), ".".repeat(width - filled), done, planned,
                best == null ? "-" : String.format(Locale.ROOT, "%.3f (#%d)", best.score(), best.id()),
                etaS / 60, etaS % 60);
        if (tty) {
            err.print("\r" + line + (done >= planned ? "\n" : ""));
            err.flush();
        } else {
            int decile = planned == 0 ? 10 : done * 10 / planned;
            if (decile != lastDecile) {
                lastDecile = decile;
                err.println(line);
                err.flush();
            }
        }
    }
}
