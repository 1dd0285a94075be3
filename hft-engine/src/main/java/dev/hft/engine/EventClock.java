package dev.hft.engine;

/**
 * The kernel's "now": the time of the event being processed (epoch ms), shared by the dispatch loop and the order
 * manager. Nothing in the kernel reads a wall clock; that is what makes a run reproducible and a journal replayable.
 */
final class EventClock {
    private long nowMs;

    long now() {
        return nowMs;
    }

    /** The time of a market event (its bar's close) or the time a snapshot held. */
    void set(long ms) {
        nowMs = ms;
    }

    /** Moves the clock on to {@code ms} (a fill's time), or leaves it where it is when that is earlier. */
    void advanceTo(long ms) {
        if (ms > nowMs) {
            nowMs = ms;
        }
    }
}
