package dev.hft.app;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The graceful stop of a paper or live session on SIGINT (Ctrl-C) and SIGTERM (systemd, docker stop). The first
 * signal asks the session to stop ({@code onStop}): the stream stops, the ring drains, reports are written, the
 * journal is closed at a record boundary and {@code ops.json} removed; the process then exits 0. A second signal
 * forces: the process halts at once with 128 + the signal's number, and the next start recovers from the journal.
 *
 * <p>Why signal handlers and not only a shutdown hook: once the JVM starts its shutdown it halts as soon as the
 * hooks return, cutting the drain short (a session used to end in half a second with its journal mid-bar). A hook
 * stays for the other ways a JVM is asked to exit (SIGHUP, {@code System.exit} elsewhere): it asks for the stop and
 * waits for it, at most {@link #HOOK_WAIT_S} seconds.
 */
final class StopSignals implements AutoCloseable {
    /** How long the shutdown hook waits for the graceful stop, in seconds (systemd's unit allows 60). */
    static final long HOOK_WAIT_S = 50;

    private final AtomicInteger received = new AtomicInteger();
    private final CountDownLatch done = new CountDownLatch(1);
    private final List<Object[]> previous = new ArrayList<>();
    private final Thread hook;

    private StopSignals(Runnable onStop, PrintWriter out) {
        for (String name : new String[] {"INT", "TERM"}) {
            Signal signal = new Signal(name);
            SignalHandler before = Signal.handle(signal, s -> {
                if (received.incrementAndGet() == 1) {
                    synchronized (out) {
                        out.println("stopping (SIG" + s.getName() + "): draining, writing reports, closing the "
                                + "journal; send it again to force");
                        out.flush();
                    }
                    onStop.run();
                } else {
                    Runtime.getRuntime().halt(128 + s.getNumber());
                }
            });
            if (before == SignalHandler.SIG_IGN) {
                // ignored when this process started (a non-interactive shell starts background jobs with SIGINT
                // ignored): the JVM then installs nothing, and a stop must come another way
                synchronized (out) {
                    out.println("note: SIG" + name + " is ignored in this process (started in the background by a "
                            + "shell?); stop it with SIGTERM (kill " + ProcessHandle.current().pid() + ")");
                    out.flush();
                }
            }
            previous.add(new Object[] {signal, before});
        }
        hook = new Thread(() -> {
            onStop.run();
            try {
                done.await(HOOK_WAIT_S, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "hft-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Installs the handlers; {@link #close()} when the session has finished its stop restores the old ones. */
    static StopSignals install(Runnable onStop, PrintWriter out) {
        return new StopSignals(onStop, out);
    }

    /**
     * Whether {@code name} (e.g. "INT") is ignored in this process, as a non-interactive shell leaves SIGINT for the
     * jobs it starts in the background. The JVM installs no handler for a signal ignored at start, so such a
     * process cannot be stopped by it.
     */
    static boolean ignored(String name) {
        Signal signal = new Signal(name);
        SignalHandler before = Signal.handle(signal, SignalHandler.SIG_DFL);
        Signal.handle(signal, before);
        return before == SignalHandler.SIG_IGN;
    }

    /** Whether a stop signal arrived. */
    boolean signalled() {
        return received.get() > 0;
    }

    @Override
    public void close() {
        done.countDown();
        for (Object[] p : previous) {
            Signal.handle((Signal) p[0], (SignalHandler) p[1]);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running and now returns
        }
    }
}
