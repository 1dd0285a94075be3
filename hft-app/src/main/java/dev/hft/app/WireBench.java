package dev.hft.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hft.binance.auth.ApiKeys;
import dev.hft.binance.execution.BinanceExecution;
import dev.hft.binance.http.BinanceRest;
import dev.hft.binance.auth.HmacSigner;
import dev.hft.binance.Kline;
import dev.hft.binance.stream.MarketStream;
import dev.hft.binance.http.RateLimits;
import dev.hft.binance.http.RequestParams;
import dev.hft.binance.auth.Secret;
import dev.hft.core.Bar;
import dev.hft.core.ExecutionClient;
import dev.hft.core.Fill;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.InstrumentTable;
import dev.hft.core.Order;
import dev.hft.core.OrderType;
import dev.hft.engine.EngineConfig;
import dev.hft.engine.TradingEngine;
import dev.hft.engine.journal.JsonEngineJournal;
import dev.hft.journal.FsyncPolicy;
import dev.hft.journal.JournalConfig;
import dev.hft.journal.JournalWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * {@code hft bench wire}: the live path from the raw text of a market-stream message to the bytes of a signed
 * Binance order request, per message, in one thread: JSON decode (Jackson, as the feed does it), kline to bar,
 * the engine (sanitizer, statistics, risk, strategy, sizing), the order command, its Binance parameters, the
 * query with timestamp and the HMAC signature. The venue answers later (fills are applied after the clock
 * stops), as a real one would. With {@code journal}: the write-ahead journal on, fsync none (an fsync adds the
 * disk's own latency; see hft_journal_fsync_seconds).
 */
final class WireBench {
    /** Binance's documented HMAC test key (never a real one); {@code hft bench sign} signs with it too. */
    static final String KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    static final String SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    private static final long T0 = 1_764_000_000_000L;

    private WireBench() {
    }

    static int run(PrintWriter out, int messages, int rounds) throws IOException {
        out.printf(Locale.ROOT, "wire benchmark: stream message text -> decode -> engine -> order -> signed request "
                + "bytes; sma-cross 2/5 on BTCUSDT, %,d messages per round, 3 warm-up + %d measured rounds, %s%n",
                messages, rounds, System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        for (boolean journaled : new boolean[] {false, true}) {
            Histogram all = new Histogram(3);
            Histogram ordering = new Histogram(3);
            long[] orders = {0};
            for (int r = -3; r < rounds; r++) {
                Path dir = journaled ? Files.createTempDirectory("hft-wire") : null;
                try {
                    Histogram a = r < 0 ? new Histogram(3) : all;
                    Histogram o = r < 0 ? new Histogram(3) : ordering;
                    orders[0] += once(messages, dir, a, o);
                } finally {
                    if (dir != null) {
                        RunDirectory.deleteRecursively(dir);
                    }
                }
            }
            print(out, journaled ? "journal on (fsync none)" : "no journal", "every message", all);
            print(out, journaled ? "journal on (fsync none)" : "no journal", "messages that sent orders", ordering);
        }
        out.println("  (target: p99 under 50 us from the message text to the signed request bytes)");
        out.flush();
        return Main.EXIT_OK;
    }

    private static void print(PrintWriter out, String mode, String which, Histogram h) {
        out.printf(Locale.ROOT, "  %-24s %-26s %,9d  p50 %6.2f us  p99 %6.2f us  p99.9 %7.2f us  max %8.1f us%n",
                mode, which, h.getTotalCount(), h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
    }

    /** One round over {@code messages} fresh messages; returns the number of signed orders. */
    private static long once(int messages, Path journalDir, Histogram all, Histogram ordering) throws IOException {
        Instrument btc = InstrumentTable.builtIn().find("BTCUSDT");
        ApiKeys keys = new ApiKeys(Secret.of(KEY), new HmacSigner(Secret.of(SECRET)));
        BinanceRest rest = new BinanceRest(URI.create("https://testnet.binance.vision"), BinanceRest.Market.SPOT,
                HttpClient.newHttpClient(), keys, () -> T0, Duration.ofSeconds(10), new RateLimits(6000));
        BinanceExecution requests = new BinanceExecution(rest, List.of(btc), Runnable::run, Runnable::run, a -> { });
        List<Order> toFill = new ArrayList<>();
        long[] signed = {0, 0};
        ExecutionClient venue = new ExecutionClient() {
            @Override
            public void submit(Order o) {
                byte[] bytes = rest.signedQuery(rest.orderParams(requests.request(o)), T0)
                        .getBytes(StandardCharsets.US_ASCII);
                signed[0]++;
                signed[1] += bytes.length;
                if (o.type == OrderType.MARKET) {
                    toFill.add(o);
                }
            }

            @Override
            public void cancel(String clientOrderId) {
                byte[] bytes = rest.signedQuery(new RequestParams().put("symbol", "BTCUSDT")
                        .put("origClientOrderId", clientOrderId), T0).getBytes(StandardCharsets.US_ASCII);
                signed[1] += bytes.length;
            }
        };
        long fee = Fixed.parse("0.001");
        TradingEngine engine = dev.hft.backtest.Kernels.forVenue(new EngineConfig(Fixed.of(10_000), 0.1, fee),
                List.of(btc), "sma-cross", Map.of("fast", "2", "slow", "5"), fee, fee, venue,
                new dev.hft.engine.bus.EventBus(), "wire");
        JournalWriter journal = null;
        if (journalDir != null) {
            journal = JournalWriter.create(journalDir, "wire", JournalConfig.of(FsyncPolicy.NONE),
                    JournalWriter.FILES);
            engine.setJournal(new JsonEngineJournal(journal));
        }
        String[] texts = messages(messages);
        ObjectMapper json = new ObjectMapper();
        for (String text : texts) {
            long before = signed[0];
            long t0 = System.nanoTime();
            JsonNode root = json.readTree(text);
            Kline k = MarketStream.closedKline(root.get("data"));
            Bar bar = k.toBar(0, k.closeTimeMs() + 1);
            engine.onBar(bar);
            long ns = System.nanoTime() - t0;
            all.recordValue(ns);
            if (signed[0] > before) {
                ordering.recordValue(ns);
            }
            for (Order o : toFill) { // the venue's answer, after the clock stopped
                engine.onOrderFilled(o, new Fill(o.clientOrderId, 0, o.side, o.decisionPrice, o.quantity, 0,
                        bar.closeTimeMs + 100, o.reason));
            }
            toFill.clear();
        }
        if (journal != null) {
            journal.close();
        }
        return signed[0];
    }

    /** Closed 1-minute klines of a combined stream, the price swinging so that the SMAs cross often. */
    static String[] messages(int n) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            long open = T0 + i * 60_000L;
            double c = 42_000 + 300 * Math.sin(i / 2.5);
            out[i] = String.format(Locale.ROOT, "{\"stream\":\"btcusdt@kline_1m\",\"data\":{\"e\":\"kline\",\"E\":%d,"
                    + "\"s\":\"BTCUSDT\",\"k\":{\"t\":%d,\"T\":%d,\"s\":\"BTCUSDT\",\"i\":\"1m\",\"f\":100,\"L\":200,"
                    + "\"o\":\"%.2f\",\"c\":\"%.2f\",\"h\":\"%.2f\",\"l\":\"%.2f\",\"v\":\"12.50000\",\"n\":100,"
                    + "\"x\":true,\"q\":\"525000.00\",\"V\":\"6.20000\",\"Q\":\"260000.00\",\"B\":\"0\"}}}",
                    open + 60_000, open, open + 59_999, c, c, c + 5, c - 5);
        }
        return out;
    }
}
