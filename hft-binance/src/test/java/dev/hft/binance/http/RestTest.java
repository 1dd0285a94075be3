package dev.hft.binance.http;

import dev.hft.binance.auth.SigningTest;
import dev.hft.binance.FakeBinance;
import dev.hft.binance.auth.ApiKeys;
import dev.hft.binance.auth.Ed25519Signer;
import dev.hft.binance.auth.HmacSigner;
import dev.hft.binance.auth.Secret;
import dev.hft.binance.execution.UnknownOrder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.core.Instrument;
import dev.hft.core.InstrumentTable;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The REST client against a local server with Binance's semantics. Clocks are controlled, nothing sleeps. */
class RestTest {
    private static final String KEY = SigningTest.API_KEY;
    private static final long T0 = 1_700_000_000_000L;

    private final AtomicLong serverTime = new AtomicLong(T0);
    private final AtomicLong localTime = new AtomicLong(T0);
    private FakeBinance venue;

    @AfterEach
    void stop() {
        if (venue != null) {
            venue.close();
        }
    }

    private BinanceRest client(int clientWeightLimit, ApiKeys keys) {
        return new BinanceRest(venue.base(), BinanceRest.Market.SPOT, HttpClient.newHttpClient(), keys,
                localTime::get, Duration.ofSeconds(10), new RateLimits(clientWeightLimit));
    }

    private BinanceRest hmacClient() throws Exception {
        venue = FakeBinance.hmac(KEY, SigningTest.SECRET, serverTime::get);
        return client(6000, new ApiKeys(Secret.of(KEY), new HmacSigner(Secret.of(SigningTest.SECRET))));
    }

    private static BinanceRest.OrderRequest market(String id) {
        return new BinanceRest.OrderRequest("BTCUSDT", "BUY", "MARKET", "0.01000", null, null, null, id, false);
    }

    @Test
    void signedOrdersWithHmacAndEd25519KeysAreAcceptedAndExchangeInfoBecomesInstruments() throws Exception {
        BinanceRest rest = hmacClient();
        assertThat(rest.placeOrder(market("run1-1"))).isInstanceOf(BinanceRest.Reply.Ok.class);
        List<Instrument> inst = rest.exchangeInfo(List.of("BTCUSDT"));
        assertThat(inst).contains(InstrumentTable.builtIn().find("BTCUSDT"));
        venue.close();

        venue = FakeBinance.ed25519(KEY, "MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
                serverTime::get);
        BinanceRest ed = client(6000, new ApiKeys(Secret.of(KEY), Ed25519Signer.fromPem(
                Secret.of(SigningTest.ED25519_PKCS8))));
        BinanceRest.Reply r = ed.placeOrder(market("run1-2"));
        assertThat(r).isInstanceOf(BinanceRest.Reply.Ok.class);
        assertThat(((BinanceRest.Reply.Ok) r).body().path("status").asText()).isEqualTo("FILLED");
        // a wrong key is refused by the venue with -1022, a definite rejection
        BinanceRest wrong = client(6000, new ApiKeys(Secret.of(KEY), new HmacSigner(Secret.of("other"))));
        assertThat(wrong.placeOrder(market("run1-3"))).isEqualTo(new BinanceRest.Reply.Rejected(400, -1022,
                "Signature for this request is not valid."));
        assertThat(venue.ordersWithClientId("run1-3")).isZero();
    }

    @Test
    void clockSkewTriggersOneResyncAndAtMostOneRetry() throws Exception {
        BinanceRest rest = hmacClient();
        localTime.set(T0 - 7_000); // local clock 7 s behind: outside the 5 s window
        BinanceRest.Reply r = rest.placeOrder(market("skew-1"));
        assertThat(r).isInstanceOf(BinanceRest.Reply.Ok.class);
        assertThat(rest.resyncs()).isEqualTo(1);
        assertThat(rest.clockOffsetMs()).isEqualTo(7_000);
        assertThat(venue.ordersWithClientId("skew-1")).isEqualTo(1);
        // a venue that keeps answering -1021: one resync, one retry, then a rejection; nothing placed
        venue.nextOrderFault = FakeBinance.Fault.ALWAYS_1021;
        venue.requests.clear();
        BinanceRest.Reply again = rest.placeOrder(market("skew-2"));
        assertThat(again).isInstanceOf(BinanceRest.Reply.Rejected.class);
        assertThat(((BinanceRest.Reply.Rejected) again).code()).isEqualTo(-1021);
        assertThat(venue.requests.stream().filter(s -> s.startsWith("POST")).count()).isEqualTo(2);
        assertThat(venue.ordersWithClientId("skew-2")).isZero();
    }

    @Test
    void theClientThrottlesBeforeTheLimitAndHonoursRetryAfterAndBans() throws Exception {
        BinanceRest rest = hmacClient();
        venue.weightLimit = 10;
        BinanceRest small = client(10, new ApiKeys(Secret.of(KEY), new HmacSigner(Secret.of(SigningTest.SECRET))));
        int ok = 0;
        BinanceRest.Reply last = null;
        for (int i = 0; i < 12; i++) {
            last = small.placeOrder(market("w-" + i));
            if (last instanceof BinanceRest.Reply.Ok) {
                ok++;
            }
        }
        assertThat(ok).isEqualTo(9); // 90% of 10
        assertThat(last).isInstanceOf(BinanceRest.Reply.Refused.class);
        assertThat(((BinanceRest.Reply.Refused) last).why()).contains("would pass 90% of the 10/min limit");
        assertThat(venue.orders).hasSize(9); // refused orders never left

        // a client that believes in a higher limit meets the venue's 429 and backs off for Retry-After
        serverTime.addAndGet(60_000);
        localTime.addAndGet(60_000);
        for (int i = 0; i < 10; i++) {
            rest.placeOrder(market("x-" + i));
        }
        BinanceRest.Reply r429 = rest.placeOrder(market("x-10"));
        assertThat(r429).isEqualTo(new BinanceRest.Reply.Rejected(429, -1003, "HTTP 429, retry after 30 s"));
        int seen = venue.requests.size();
        BinanceRest.Reply held = rest.placeOrder(market("x-11"));
        assertThat(held).isInstanceOf(BinanceRest.Reply.Refused.class);
        assertThat(((BinanceRest.Reply.Refused) held).why()).contains("backing off after HTTP 429");
        assertThat(venue.requests).hasSize(seen); // nothing sent during the back-off: no 418
        serverTime.addAndGet(31_000);
        localTime.addAndGet(31_000);
        venue.weightLimit = 6000;
        assertThat(rest.placeOrder(market("x-12"))).isInstanceOf(BinanceRest.Reply.Ok.class);

        venue.ban418Next = true;
        assertThat(rest.placeOrder(market("x-13"))).isEqualTo(new BinanceRest.Reply.Rejected(418, -1003,
                "HTTP 418, retry after 120 s"));
        assertThat(((BinanceRest.Reply.Refused) rest.placeOrder(market("x-14"))).why()).contains("IP banned");
        assertThat(rest.limits().banCount()).isEqualTo(1);
        assertThat(rest.limits().rateLimitedCount()).isEqualTo(1);
    }

    @Test
    void unknownOutcomesAreNeverResentAndAreResolvedByClientOrderId() throws Exception {
        BinanceRest rest = hmacClient();
        for (FakeBinance.Fault f : List.of(FakeBinance.Fault.DROP_CONNECTION, FakeBinance.Fault.HTTP_500,
                FakeBinance.Fault.TIMEOUT_1007)) {
            String id = "u-" + f.ordinal();
            venue.nextOrderFault = f;
            venue.requests.clear();
            BinanceRest.Reply r = rest.placeOrder(market(id));
            assertThat(r).as(f.name()).isInstanceOf(BinanceRest.Reply.Unknown.class);
            assertThat(venue.requests).as(f.name()).containsExactly("POST /api/v3/order"); // zero blind resends
            UnknownOrder u = new UnknownOrder("BTCUSDT", id);
            assertThat(u.poll(rest)).isEqualTo(UnknownOrder.State.FOUND);
            assertThat(u.order().path("status").asText()).isEqualTo("FILLED");
            assertThat(venue.ordersWithClientId(id)).isEqualTo(1);
        }
    }

    @Test
    void theClientOrderIdReuseTrapIsRealSoTheClientQueriesInsteadOfResending() throws Exception {
        BinanceRest rest = hmacClient();
        venue.nextOrderFault = FakeBinance.Fault.DROP_CONNECTION;
        assertThat(rest.placeOrder(market("trap-1"))).isInstanceOf(BinanceRest.Reply.Unknown.class);
        // the venue accepts a second order with the same id once the first is filled: a blind retry would double
        // the position, which is why UnknownOrder only ever queries
        BinanceRest.Reply naive = rest.placeOrder(market("trap-1"));
        assertThat(naive).isInstanceOf(BinanceRest.Reply.Ok.class);
        assertThat(venue.ordersWithClientId("trap-1")).isEqualTo(2);
        // while the first order is still open, the same id is rejected as a duplicate
        BinanceRest.OrderRequest limit = new BinanceRest.OrderRequest("BTCUSDT", "BUY", "LIMIT", "0.01000",
                "40000.00", "GTC", null, "trap-2", false);
        assertThat(rest.placeOrder(limit)).isInstanceOf(BinanceRest.Reply.Ok.class);
        assertThat(rest.placeOrder(limit)).isEqualTo(new BinanceRest.Reply.Rejected(400, -2010,
                "Duplicate order sent."));
        assertThat(rest.openOrders("BTCUSDT")).isInstanceOf(BinanceRest.Reply.Ok.class);
        assertThat(rest.cancelOrder("BTCUSDT", "trap-2")).isInstanceOf(BinanceRest.Reply.Ok.class);
        assertThat(rest.cancelOrder("BTCUSDT", "trap-2")).isEqualTo(new BinanceRest.Reply.Rejected(400, -2011,
                "Unknown order sent."));
    }

    @Test
    void anOrderTheVenueNeverGotBecomesLostAfterRepeatedNotFound() throws Exception {
        BinanceRest rest = hmacClient();
        UnknownOrder u = new UnknownOrder("BTCUSDT", "never-sent");
        assertThat(u.poll(rest)).isEqualTo(UnknownOrder.State.UNKNOWN);
        assertThat(u.poll(rest)).isEqualTo(UnknownOrder.State.UNKNOWN);
        assertThat(u.poll(rest)).isEqualTo(UnknownOrder.State.LOST);
        assertThat(u.poll(rest)).isEqualTo(UnknownOrder.State.LOST);
        assertThat(u.queries()).isEqualTo(3);
    }

    @Test
    void invalidClientOrderIdsAndMissingKeysNeverReachTheVenue() throws Exception {
        BinanceRest rest = hmacClient();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> market("has space"))
                .hasMessageContaining("client order id");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> market("x".repeat(37)))
                .hasMessageContaining("client order id");
        BinanceRest anonymous = client(6000, null);
        assertThat(anonymous.placeOrder(market("anon-1"))).isEqualTo(new BinanceRest.Reply.Refused(
                "no API keys configured"));
        assertThat(anonymous.syncClock()).isZero();
        assertThat(anonymous.toString()).contains("keys none");
        assertThat(rest.toString()).doesNotContain(KEY);
    }
}
