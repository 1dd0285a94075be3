package dev.hft.journal;

/** When the journal forces its bytes to disk. */
public enum FsyncPolicy {
    /** After every command record (an order): the command is durable before the order leaves. Default for live. */
    PER_ORDER,
    /** At most every {@code intervalMs} of wall time, and on close. */
    INTERVAL,
    /** Never (the OS writes back when it likes); close flushes. Default for backtests. */
    NONE
}
