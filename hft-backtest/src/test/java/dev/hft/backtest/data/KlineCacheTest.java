package dev.hft.backtest.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.backtest.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KlineCacheTest {
    @TempDir
    Path tmp;

    private static void assertSame(BarSeries a, BarSeries b) {
        assertThat(b.size()).isEqualTo(a.size());
        assertThat(b.intervalMs()).isEqualTo(a.intervalMs());
        for (int i = 0; i < a.size(); i++) {
            assertThat(new long[] {b.openTime(i), b.open(i), b.high(i), b.low(i), b.close(i), b.volume(i),
                b.quoteVolume(i), b.trades(i), b.takerBuyVolume(i)}).as("bar " + i).containsExactly(a.openTime(i),
                    a.open(i), a.high(i), a.low(i), a.close(i), a.volume(i), a.quoteVolume(i), a.trades(i),
                    a.takerBuyVolume(i));
        }
    }

    @Test
    void theSecondLoadShouldComeFromTheCacheAndEqualTheFirst() throws IOException {
        Path data = SharedData.klines("ETHUSDT");
        KlineCache cache = new KlineCache(tmp.resolve("cache"));
        KlineReader.Result plain = KlineReader.read(data, "ETHUSDT");
        KlineReader.Result first = KlineReader.read(data, "ETHUSDT", cache);
        assertThat(cache.hits()).isZero();
        assertThat(cache.misses()).isEqualTo(91);
        KlineReader.Result second = KlineReader.read(data, "ETHUSDT", cache);
        assertThat(cache.hits()).isEqualTo(91);
        assertSame(plain.series(), first.series());
        assertSame(plain.series(), second.series());
        assertThat(second.report()).isEqualTo(plain.report());
        try (Stream<Path> s = Files.list(tmp.resolve("cache"))) {
            assertThat(s.count()).isEqualTo(91);
        }
    }

    @Test
    void aChangedSourceOrADamagedEntryShouldBeParsedAgain() throws IOException {
        Path csv = tmp.resolve("X-1m-2024-01-01.csv");
        Files.writeString(csv, "1704067200000,100,101,99,100.5,1,1704067259999,100,1,0.5,50,0\n");
        KlineCache cache = new KlineCache(tmp.resolve("cache"));
        assertThat(KlineReader.read(csv, "X", cache).series().close(0)).isEqualTo(10_050_000_000L);
        assertThat(KlineReader.read(csv, "X", cache).series().close(0)).isEqualTo(10_050_000_000L);
        assertThat(cache.hits()).isEqualTo(1);
        // the source changes: a new close, and a later modification time
        Files.writeString(csv, "1704067200000,100,101,99,100.75,1,1704067259999,100,1,0.5,50,0\n");
        Files.setLastModifiedTime(csv, FileTime.fromMillis(Files.getLastModifiedTime(csv).toMillis() + 5_000));
        assertThat(KlineReader.read(csv, "X", cache).series().close(0)).isEqualTo(10_075_000_000L);
        assertThat(cache.hits()).as("not served from the stale entry").isEqualTo(1);
        // a damaged entry is not trusted
        Path entry;
        try (Stream<Path> s = Files.list(tmp.resolve("cache"))) {
            entry = s.filter(p -> p.toString().endsWith(".bars")).findFirst().orElseThrow();
        }
        byte[] b = Files.readAllBytes(entry);
        b[b.length - 10] ^= 1;
        Files.write(entry, b);
        assertThat(KlineReader.read(csv, "X", cache).series().close(0)).isEqualTo(10_075_000_000L);
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(KlineReader.read(csv, "X", cache).series().close(0)).as("rewritten").isEqualTo(10_075_000_000L);
        assertThat(cache.hits()).isEqualTo(2);
    }

    @Test
    void anUnwritableCacheShouldCostNothingButSpeed() throws IOException {
        Path csv = tmp.resolve("X-1m-2024-01-01.csv");
        Files.writeString(csv, "1704067200000,100,101,99,100.5,1,1704067259999,100,1,0.5,50,0\n");
        Path notADir = Files.writeString(tmp.resolve("cache"), "a file where the cache directory should be");
        KlineCache cache = new KlineCache(notADir);
        assertThat(KlineReader.read(csv, "X", cache).series().size()).isEqualTo(1);
        assertThat(cache.writeFailures()).isEqualTo(1);
        assertThat(KlineCache.atDefaultLocation().dir()).isNotNull();
        assertThat(List.of(cache.hits(), cache.misses())).containsExactly(0L, 1L);
    }
}
