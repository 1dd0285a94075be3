package dev.hft.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.binance.http.BinanceRest;
import dev.hft.binance.FakeBinance;
import dev.hft.binance.FakeStreams;
import dev.hft.binance.Kline;
import dev.hft.binance.http.RateLimits;
import dev.hft.core.Bar;
import dev.hft.core.InstrumentTable;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Warm-up history for paper and live sessions: closed klines only, by the exchange's clock. */
class WarmUpTest {
    private static final long MIN = 60_000L;

    @Test
    void warmUpNeverTakesTheFormingKlineWhenTheExchangeClockIsBehind() throws Exception {
        long behind = 150_000; // the exchange's clock is 2.5 minutes behind this machine's
        try (FakeBinance venue = FakeBinance.hmac("k", "s", () -> System.currentTimeMillis() - behind)) {
            long serverNow = System.currentTimeMillis() - behind;
            long formingOpen = Math.floorDiv(serverNow, MIN) * MIN;
            List<Kline> klines = new ArrayList<>();
            for (long t = formingOpen - 30 * MIN; t <= formingOpen; t += MIN) { // the last one is still forming
                klines.add(FakeStreams.kline("BTCUSDT", t, "42000.00"));
            }
            venue.klineHistory.put("BTCUSDT", klines);
            BinanceRest rest = new BinanceRest(venue.base(), BinanceRest.Market.SPOT, HttpClient.newHttpClient(), null,
                    System::currentTimeMillis, Duration.ofSeconds(5), new RateLimits(6000));
            List<Bar> bars = SessionSupport.history(rest, List.of(InstrumentTable.builtIn().find("BTCUSDT")), "1m", 10,
                    venue.base());
            assertThat(bars).hasSize(9);
            assertThat(bars.get(bars.size() - 1).openTimeMs).as("the last closed kline by the exchange's clock")
                    .isEqualTo(formingOpen - MIN);
            assertThat(bars).allSatisfy(b -> assertThat(b.closeTimeMs).isLessThan(serverNow));
        }
    }
}
