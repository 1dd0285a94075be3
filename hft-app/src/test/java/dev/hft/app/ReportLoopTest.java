package dev.hft.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The report thread never holds up the caller, never builds a queue, and finishes its work on close. */
class ReportLoopTest {
    @Test
    void aSlowWriteCoalescesTheSnapshotsBehindItIntoTheLatestAndCloseWaitsForIt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> written = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        ReportLoop<Integer> loop = new ReportLoop<>(n -> {
            threads.add(Thread.currentThread().getName());
            if (n == 1) {
                started.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS); // a slow disk
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            written.add("snapshot " + n);
        });
        loop.submit(1);
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        for (int n = 2; n <= 5; n++) {
            loop.submit(n); // returns at once although the thread is busy
        }
        assertThat(written).as("nothing finished yet: the caller was not held up").isEmpty();
        release.countDown();
        loop.close();
        assertThat(written).as("2, 3 and 4 were replaced by 5 before they started").containsExactly("snapshot 1",
                "snapshot 5");
        assertThat(threads).containsOnly("hft-reports");
    }

    @Test
    void aFailedWriteIsLoggedAndTheNextOneStillRuns() throws Exception {
        List<Integer> written = new CopyOnWriteArrayList<>();
        CountDownLatch failing = new CountDownLatch(1);
        ReportLoop<Integer> loop = new ReportLoop<>(n -> {
            if (n == 1) {
                failing.countDown();
                throw new java.io.UncheckedIOException(new java.io.IOException("disk full"));
            }
            written.add(n);
        });
        loop.submit(1);
        assertThat(failing.await(30, TimeUnit.SECONDS)).isTrue();
        loop.submit(2);
        loop.close();
        assertThat(written).containsExactly(2);
    }
}
