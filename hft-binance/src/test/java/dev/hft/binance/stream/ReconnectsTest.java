package dev.hft.binance.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The shared reconnect rules: backoff doubling to a cap and reset, one successor per ended connection. */
class ReconnectsTest {
    /** Records the delays asked for instead of waiting; runs nothing. */
    private static final class Delays extends java.util.concurrent.ScheduledThreadPoolExecutor {
        final List<Long> asked = new ArrayList<>();

        Delays() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            asked.add(unit.toMillis(delay));
            return null;
        }
    }

    @Test
    void backoffDoublesToItsCapStartsAgainWhenUpAndEachConnectionGetsOneSuccessor() {
        Delays delays = new Delays();
        AtomicInteger connects = new AtomicInteger();
        Reconnects r = new Reconnects(delays, Duration.ofMillis(100), Duration.ofMillis(350),
                connects::incrementAndGet);
        for (int k = 0; k < 4; k++) {
            long gen = r.next();
            r.later(gen);
            r.later(gen); // the same end told twice (a restart, then the abort's callback)
        }
        assertThat(delays.asked).containsExactly(100L, 200L, 350L, 350L);
        long gen = r.next();
        r.up();
        r.later(gen);
        r.later(r.next() - 1); // a replaced connection's end schedules nothing
        assertThat(delays.asked).containsExactly(100L, 200L, 350L, 350L, 100L);
        r.close();
        r.later(r.current());
        assertThat(delays.asked).hasSize(5);
        assertThat(r.silentFor(Duration.ofDays(1))).isFalse();
        assertThat(r.silentFor(Duration.ZERO.minusMillis(1))).isTrue();
        delays.shutdownNow();
    }
}
