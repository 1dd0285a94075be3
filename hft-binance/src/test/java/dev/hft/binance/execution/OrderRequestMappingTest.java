package dev.hft.binance.execution;

import dev.hft.binance.auth.SigningTest;
import dev.hft.binance.auth.ApiKeys;
import dev.hft.binance.auth.HmacSigner;
import dev.hft.binance.auth.Secret;
import dev.hft.binance.http.BinanceRest;
import dev.hft.binance.http.RateLimits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.InstrumentTable;
import dev.hft.core.Order;
import dev.hft.core.OrderType;
import dev.hft.core.ReasonCode;
import dev.hft.core.Side;
import dev.hft.core.TimeInForce;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which Binance order each kind of engine order becomes, on spot and on USD-M futures (no request is sent). */
class OrderRequestMappingTest {
    private static final Instrument BTC = InstrumentTable.builtIn().find("BTCUSDT");

    private static BinanceExecution execution(BinanceRest.Market market) {
        BinanceRest rest = new BinanceRest(URI.create("http://127.0.0.1:9"), market, HttpClient.newHttpClient(),
                new ApiKeys(Secret.of(SigningTest.API_KEY), new HmacSigner(Secret.of(SigningTest.SECRET))),
                () -> 0L, Duration.ofSeconds(1), new RateLimits(1200));
        return new BinanceExecution(rest, List.of(BTC), Runnable::run, Runnable::run, a -> { });
    }

    private static Order limit(TimeInForce tif) {
        Order o = new Order("run-1", 0, Side.BUY, OrderType.LIMIT, Fixed.parse("0.01"), Fixed.parse("40000"), 0,
                false, ReasonCode.ENTRY_STRATEGY, 0, Fixed.parse("40100"));
        o.timeInForce = tif;
        return o;
    }

    @Test
    void limitEntriesKeepTheirTimeInForceAndPostOnlyUsesEachMarketsOwnForm() {
        BinanceExecution spot = execution(BinanceRest.Market.SPOT);
        BinanceExecution usdm = execution(BinanceRest.Market.USDM);
        assertThat(spot.request(limit(TimeInForce.GTC))).satisfies(r -> {
            assertThat(r.type()).isEqualTo("LIMIT");
            assertThat(r.timeInForce()).isEqualTo("GTC");
            assertThat(r.price()).isEqualTo("40000");
        });
        assertThat(spot.request(limit(TimeInForce.IOC)).timeInForce()).isEqualTo("IOC");
        assertThat(usdm.request(limit(TimeInForce.FOK)).timeInForce()).isEqualTo("FOK");
        assertThat(spot.request(limit(TimeInForce.GTX))).satisfies(r -> {
            assertThat(r.type()).as("spot's post-only order type").isEqualTo("LIMIT_MAKER");
            assertThat(r.timeInForce()).isNull();
        });
        assertThat(usdm.request(limit(TimeInForce.GTX))).satisfies(r -> {
            assertThat(r.type()).isEqualTo("LIMIT");
            assertThat(r.timeInForce()).as("USD-M's good-till-crossing").isEqualTo("GTX");
        });
    }

    @Test
    void aStopEntryIsAStopLossOnSpotAndAStopMarketOnFutures() {
        Order stop = new Order("run-2", 0, Side.BUY, OrderType.STOP_MARKET, Fixed.parse("0.01"), 0,
                Fixed.parse("41000"), false, ReasonCode.ENTRY_STRATEGY, 0, Fixed.parse("40100"));
        assertThat(execution(BinanceRest.Market.SPOT).request(stop)).satisfies(r -> {
            assertThat(r.type()).isEqualTo("STOP_LOSS");
            assertThat(r.stopPrice()).isEqualTo("41000");
            assertThat(r.reduceOnly()).isFalse();
        });
        assertThat(execution(BinanceRest.Market.USDM).request(stop).type()).isEqualTo("STOP_MARKET");
    }

    private static Order trailingStop(int bps) {
        Order o = new Order("run-3", 0, Side.SELL, OrderType.STOP_MARKET, Fixed.parse("0.01"), 0,
                Fixed.parse("39200"), true, ReasonCode.EXIT_STOP_LOSS, 0, Fixed.parse("40000"));
        o.trailBps = bps;
        return o;
    }

    @Test
    void aTrailingStopIsSpotsTrailingDeltaAndUsdMsTrailingStopMarket() {
        BinanceExecution spot = execution(BinanceRest.Market.SPOT);
        BinanceRest.OrderRequest s = spot.request(trailingStop(200));
        assertThat(s.type()).isEqualTo("STOP_LOSS");
        assertThat(s.stopPrice()).as("the distance replaces the level").isNull();
        BinanceRest rest = new BinanceRest(URI.create("http://127.0.0.1:9"), BinanceRest.Market.SPOT,
                HttpClient.newHttpClient(), new ApiKeys(Secret.of(SigningTest.API_KEY),
                new HmacSigner(Secret.of(SigningTest.SECRET))), () -> 0L, Duration.ofSeconds(1), new RateLimits(1200));
        assertThat(rest.orderParams(s).get("trailingDelta")).as("BIPS").isEqualTo("200");
        assertThat(rest.orderParams(spot.request(trailingStop(0))).get("trailingDelta")).isNull();

        BinanceRest.OrderRequest f = execution(BinanceRest.Market.USDM).request(trailingStop(125));
        assertThat(f.type()).isEqualTo("TRAILING_STOP_MARKET");
        BinanceRest usdm = new BinanceRest(URI.create("http://127.0.0.1:9"), BinanceRest.Market.USDM,
                HttpClient.newHttpClient(), new ApiKeys(Secret.of(SigningTest.API_KEY),
                new HmacSigner(Secret.of(SigningTest.SECRET))), () -> 0L, Duration.ofSeconds(1), new RateLimits(1200));
        assertThat(usdm.isAlgo(f.type())).as("a conditional order").isTrue();
        assertThat(usdm.algoParams(f).get("callbackRate")).as("125 bps in USD-M's 0.1% steps").isEqualTo("1.3");
        assertThat(usdm.algoParams(f).get("triggerPrice")).isNull();
        assertThat(BinanceExecution.callbackRate(5)).as("at least 0.1%").isEqualTo("0.1");
        assertThat(BinanceExecution.callbackRate(2000)).as("at most 10%").isEqualTo("10.0");
    }

    @Test
    void aStopLimitEntryIsStopLossLimitOnSpotAndAConditionalStopOnFutures() {
        Order o = new Order("run-4", 0, Side.BUY, OrderType.STOP_LIMIT, Fixed.parse("0.01"), Fixed.parse("41050"),
                Fixed.parse("41000"), false, ReasonCode.ENTRY_STRATEGY, 0, Fixed.parse("40100"));
        assertThat(execution(BinanceRest.Market.SPOT).request(o)).satisfies(r -> {
            assertThat(r.type()).isEqualTo("STOP_LOSS_LIMIT");
            assertThat(r.price()).isEqualTo("41050");
            assertThat(r.stopPrice()).isEqualTo("41000");
            assertThat(r.timeInForce()).isEqualTo("GTC");
        });
        BinanceRest.OrderRequest f = execution(BinanceRest.Market.USDM).request(o);
        assertThat(f.type()).isEqualTo("STOP");
        BinanceRest usdm = new BinanceRest(URI.create("http://127.0.0.1:9"), BinanceRest.Market.USDM,
                HttpClient.newHttpClient(), new ApiKeys(Secret.of(SigningTest.API_KEY),
                new HmacSigner(Secret.of(SigningTest.SECRET))), () -> 0L, Duration.ofSeconds(1), new RateLimits(1200));
        assertThat(usdm.isAlgo(f.type())).isTrue();
        assertThat(usdm.algoParams(f).get("triggerPrice")).isEqualTo("41000");
        assertThat(usdm.algoParams(f).get("price")).isEqualTo("41050");
    }
}
