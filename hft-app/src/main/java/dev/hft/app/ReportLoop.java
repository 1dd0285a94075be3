package dev.hft.app;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a paper or live session's reports off the engine thread. The engine thread takes a snapshot of the results
 * (cheap copies) and hands it over; one background thread renders the files (CSV, JSON, the HTML report). A newer
 * snapshot replaces one not yet started, so a slow disk never builds a queue and the files show the latest state.
 * A failed write is logged; the session trades on, and the final write at the stop runs on the caller's thread.
 *
 * @param <T> the snapshot type
 */
final class ReportLoop<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReportLoop.class);
    private final Consumer<T> render;
    private final AtomicReference<T> latest = new AtomicReference<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hft-reports");
        t.setDaemon(true);
        return t;
    });

    ReportLoop(Consumer<T> render) {
        this.render = render;
    }

    /** Hands {@code snapshot} to the report thread; called on the engine thread, returns at once. */
    void submit(T snapshot) {
        if (latest.getAndSet(snapshot) == null) { // otherwise a job is already queued and will take this one
            thread.execute(this::renderLatest);
        }
    }

    private void renderLatest() {
        T s = latest.getAndSet(null);
        if (s == null) {
            return;
        }
        try {
            render.accept(s);
        } catch (RuntimeException e) {
            LOG.warn("reports not written this time: {}", e.getMessage());
        }
    }

    /** Finishes the write in progress or queued, then stops the thread. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.warn("the report thread did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
