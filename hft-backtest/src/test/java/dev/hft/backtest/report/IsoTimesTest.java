package dev.hft.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The equity file's times come from {@link ReportWriter.IsoTimes}: the same text as {@link ReportWriter#iso}. */
class IsoTimesTest {
    @Property(tries = 200)
    void writesWhatTheFormatterWrites(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        ReportWriter.IsoTimes times = new ReportWriter.IsoTimes();
        long t = r.nextLong(-200_000_000_000_000L, 200_000_000_000_000L); // years -4000 to 8300
        for (int i = 0; i < 400; i++) {
            // mostly minute steps in order, sometimes a jump anywhere (the cache must notice)
            t = r.nextInt(50) == 0 ? r.nextLong(-200_000_000_000_000L, 200_000_000_000_000L)
                    : t + r.nextLong(0, 120_000);
            assertThat(times.format(t)).as("time %d", t).isEqualTo(ReportWriter.iso(t));
        }
    }
}
