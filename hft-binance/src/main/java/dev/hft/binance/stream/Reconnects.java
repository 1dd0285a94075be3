package dev.hft.binance.stream;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The reconnecting part a Binance WebSocket client shares (the market streams' {@link MarketStream} and the
 * {@link UserDataStream}): numbered connections (only the current one may report or reconnect), a new connection
 * after a backoff that doubles up to a cap and starts again once one is up, and the time anything was last heard
 * (for a silence watchdog: the JDK client can stay half-open after an abrupt drop without reporting it).
 */
final class Reconnects {
    private final AtomicLong generation = new AtomicLong();
    private final ScheduledExecutorService scheduler;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Runnable connect;
    private Duration backoff;
    /** The connection whose successor is already scheduled: its end told twice (a restart, then the abort) is one. */
    private long replacing = -1;
    private volatile long lastHeardNanos = System.nanoTime();
    private volatile boolean closed;

    /** @param connect opens a new connection (it calls {@link #next()} for its number) */
    Reconnects(ScheduledExecutorService scheduler, Duration initialBackoff, Duration maxBackoff, Runnable connect) {
        this.scheduler = scheduler;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.connect = connect;
        this.backoff = initialBackoff;
    }

    /** The number of a new connection, which becomes the current one. */
    long next() {
        return generation.incrementAndGet();
    }

    long current() {
        return generation.get();
    }

    boolean isCurrent(long gen) {
        return generation.get() == gen;
    }

    /**
     * Connection {@code gen} ended or failed: a new one after the backoff, unless it was replaced, its successor is
     * already scheduled, or the client is closed.
     */
    synchronized void later(long gen) {
        if (closed || generation.get() != gen || replacing == gen) {
            return;
        }
        replacing = gen;
        Duration wait = backoff;
        backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
        scheduler.schedule(connect, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A connection is up (and, for a stream that must subscribe, subscribed): the backoff starts again. */
    synchronized void up() {
        backoff = initialBackoff;
        heard();
    }

    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    /** Whether nothing was heard for longer than {@code silence}; if so the clock starts again (one report). */
    boolean silentFor(Duration silence) {
        if (System.nanoTime() - lastHeardNanos <= silence.toNanos()) {
            return false;
        }
        heard();
        return true;
    }

    /** No connection after this one; a connection still open ends quietly. */
    void close() {
        closed = true;
        generation.incrementAndGet();
    }

    boolean closed() {
        return closed;
    }

    /**
     * The listener of connection {@code gen}: whole messages to {@code message}, its end (while current) to
     * {@code ended} and then a new connection after the backoff, every frame counted as heard.
     */
    ConnectionListener listener(long gen, BiConsumer<Long, String> message, Consumer<String> ended) {
        return new ConnectionListener(gen, generation::get) {
            @Override
            void message(long g, String text) {
                message.accept(g, text);
            }

            @Override
            void ended(String why) {
                ended.accept(why);
                later(gen);
            }

            @Override
            void heard() {
                Reconnects.this.heard();
            }
        };
    }
}
