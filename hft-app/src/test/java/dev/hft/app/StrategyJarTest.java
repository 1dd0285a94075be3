package dev.hft.app;

import static dev.hft.app.CliTest.hft;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A strategy written outside the project, compiled here into a jar as a user would build it, runs from that jar:
 * listed with its source, backtested, optimized, journaled with the jar's SHA-256, replayed; a replay without the
 * jar or with other code is refused.
 */
class StrategyJarTest {
    @TempDir
    Path tmp;

    /** Someone else's momentum strategy: buys after {@code up} rising closes, sells after {@code down} falling. */
    private static String source(int flavour) {
        return """
                package example.user;

                import dev.hft.core.Bar;
                import dev.hft.core.ReasonCode;
                import dev.hft.api.*;
                import java.util.List;

                public final class Streaks implements Strategy {
                    static final Reason RISING = Reason.entry("RISING_STREAK", "closes rose bar after bar");
                    static final Reason FALLING = Reason.exit("FALLING_STREAK", "closes fell bar after bar");
                    private final int up;
                    private final int down;
                    private long last;
                    private int rising;
                    private int falling;

                    Streaks(int up, int down) {
                        this.up = up;
                        this.down = down;
                    }

                    public String name() { return "streaks"; }
                    public int warmupBars() { return 2; }
                    public List<Reason> reasons() { return List.of(RISING, FALLING); }

                    public void onBar(Bar bar, PositionView position, Decision out) {
                        rising = last > 0 && bar.close > last ? rising + 1 : 0;
                        falling = last > 0 && bar.close < last ? falling + 1 : 0;
                        last = bar.close;
                        if (position.quantity() == 0 && rising >= up) {
                            out.enter(Action.ENTER_LONG, RISING, 1, 0.02, 0);
                        } else if (position.quantity() > 0 && falling >= down) {
                            out.exit(FALLING);
                        } else {
                            out.skip(ReasonCode.SKIP_NO_SIGNAL);
                        }
                    }

                    public static final class Factory implements StrategyFactory {
                        public String name() { return "streaks"; }
                        public String description() { return "FLAVOUR"; }
                        public List<ParamSpec> params() {
                            return List.of(ParamSpec.integer("up", 3, 1, 10, "rising closes to buy"),
                                    ParamSpec.integer("down", 2, 1, 10, "falling closes to sell"));
                        }
                        public Strategy create(Params p) { return new Streaks(p.getInt("up"), p.getInt("down")); }
                    }
                }
                """.replace("FLAVOUR", "buys rising streaks (build " + flavour + ")");
    }

    private Path jar(String name, int flavour) throws Exception {
        return jar(name, "Streaks", source(flavour));
    }

    /** Compiles the strategy against hft's classes and packs it with its service file, as a user's build would. */
    private Path jar(String name, String className, String code) throws Exception {
        Path src = tmp.resolve(name + "-src/example/user/" + className + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, code);
        return jar(tmp, name, List.of(src), List.of("example.user." + className + "$Factory"));
    }

    /**
     * Compiles {@code sources} against hft's classes into {@code dir/name.jar} with a service file naming
     * {@code factories}: a user's strategy jar, built as their own project would build it.
     */
    static Path jar(Path dir, String name, List<Path> sources, List<String> factories) throws Exception {
        Path classes = Files.createDirectories(dir.resolve(name + "-classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new java.util.ArrayList<>(List.of("-d", classes.toString(), "-cp",
                System.getProperty("java.class.path")));
        sources.forEach(p -> args.add(p.toString()));
        int rc = javac.run(null, null, null, args.toArray(new String[0]));
        assertThat(rc).as("the strategy compiles against hft").isZero();
        Path jar = dir.resolve(name + ".jar");
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf)) {
            try (var files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, out);
                    out.closeEntry();
                }
            }
            out.putNextEntry(new JarEntry("META-INF/services/dev.hft.api.StrategyFactory"));
            out.write((String.join("\n", factories) + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    @Test
    void aStrategyFromAJarRunsInEveryBatchModeAndItsJournalNamesTheCode() throws Exception {
        Path jar = jar("streaks", 1);
        CliTest.Run list = hft("strategies", "--strategy-jar", jar.toString());
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).contains("streaks: buys rising streaks", "from " + jar.toAbsolutePath(), "SHA-256",
                "liquidation-hunter", "from built-in", "reason RISING_STREAK", "closes fell bar after bar");

        Path out = tmp.resolve("bt");
        CliTest.Run bt = hft("backtest", "--strategy", "streaks", "--strategy-jar", jar.toString(), "--days", "5",
                "--journal", "--out", out.toString());
        assertThat(bt.code()).as(bt.err()).isZero();
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("metrics.json").toFile())
                .get("trades").asInt()).as("it traded").isPositive();
        assertThat(Files.readString(out.resolve("reasons.csv"))).as("its own codes, with their performance")
                .containsPattern("(?m)^RISING_STREAK,ENTRY,\\d+,\\d+,")
                .containsPattern("(?m)^FALLING_STREAK,EXIT,\\d+,\\d+,")
                .doesNotContain("ENTRY_STRATEGY");
        assertThat(Files.readString(out.resolve("trades.csv"))).contains(",RISING_STREAK,");
        String start = Files.readAllLines(Files.list(out.resolve("journal")).sorted().findFirst().orElseThrow())
                .get(0);
        assertThat(start).contains("\"strategyJar\"", dev.hft.core.Checksum.sha256(jar));
        assertThat(dev.hft.api.Api.VERSION).isNotEqualTo("unknown");
        assertThat(start).as("the API version the run offered").contains("\"apiVersion\":\"" + dev.hft.api.Api.VERSION);

        CliTest.Run replay = hft("replay", "--journal", out.toString(), "--strategy-jar", jar.toString());
        assertThat(replay.code()).as(replay.out() + replay.err()).isZero();
        assertThat(replay.out()).contains("byte-identical");

        CliTest.Run opt = hft("optimize", "--strategy", "streaks", "--strategy-jar", jar.toString(), "--days", "5",
                "--space", "up=2:4:1", "--out", tmp.resolve("opt").toString());
        assertThat(opt.code()).as(opt.err() + opt.out()).isZero();
        CliTest.Run wf = hft("walkforward", "--strategy", "streaks", "--strategy-jar", jar.toString(), "--days", "12",
                "--symbol", "BTCUSDT", "--space", "up=2:3:1", "--train", "5d", "--test", "2d", "--min-trades", "1",
                "--out", tmp.resolve("wf").toString());
        assertThat(wf.code()).as(wf.err() + wf.out()).isZero();
        assertThat(wf.out()).contains("stitched out-of-sample");
        assertThat(Files.readString(tmp.resolve("wf/report.html"))).as("performance by its own reasons")
                .contains("RISING_STREAK");
        CliTest.Run none = hft("optimize", "--strategy", "streaks", "--strategy-jar", jar.toString(), "--days", "2",
                "--out", tmp.resolve("opt2").toString());
        assertThat(none.code()).as("no --space, no declared search range").isEqualTo(2);
        assertThat(none.err()).contains("declares no search ranges", "--space");
    }

    @Test
    void aJarStrategyTradesAPaperSessionThatSnapshotsWithoutItsStateAndReplays() throws Exception {
        Path jar = jar("paper", 1);
        long min = 60_000;
        long last = Math.floorDiv(System.currentTimeMillis(), min) * min - min;
        try (dev.hft.binance.FakeBinance rest = dev.hft.binance.FakeBinance.hmac("k", "s",
                System::currentTimeMillis); dev.hft.binance.FakeStreams streams = new dev.hft.binance.FakeStreams()) {
            rest.klineHistory.put("BTCUSDT", dev.hft.binance.FakeStreams.history("BTCUSDT", last, -10, 0,
                    k -> "42000"));
            Path dir = tmp.resolve("paper");
            java.util.concurrent.CompletableFuture<CliTest.Run> run = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> hft("paper", "--strategy", "streaks", "--strategy-jar", jar.toString(),
                            "--param", "up=2", "--param", "down=1", "--clock", "stream", "--stream-url",
                            streams.base().toString(), "--rest-url", rest.base().toString(), "--http-port", "-1",
                            "--liquidations-url", "off", "--snapshot-every", "3", "--out", dir.toString(),
                            "--max-bars", "12"));
            assertThat(streams.connections.poll(60, java.util.concurrent.TimeUnit.SECONDS)).isNotNull();
            String[] prices = {"42010", "42020", "42030", "42000", "42050", "42060", "42070", "42010", "42080",
                "42090", "42100", "42000"};
            for (int k = 0; k < prices.length; k++) {
                streams.send(dev.hft.binance.FakeStreams.closedKline("BTCUSDT", last + (k + 1) * min, prices[k]));
            }
            CliTest.Run r = run.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(r.code()).as(r.err() + r.out()).isZero();
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    dir.resolve("report/metrics.json").toFile()).get("trades").asInt()).isPositive();
            CliTest.Run replay = hft("replay", "--journal", dir.toString(), "--strategy-jar", jar.toString());
            assertThat(replay.code()).as(replay.out() + replay.err()).isZero();
            assertThat(replay.out()).contains("byte-identical");
        }
    }

    @Test
    void aStrategyThatThrowsStopsDecidingAndTheBacktestFailsNamingItsOwnLine() throws Exception {
        String boom = source(1).replace("Streaks", "Boom").replace("\"streaks\"", "\"boom\"").replace(
                "        last = bar.close;", "        last = bar.close;\n        if (++bars == 300) {\n"
                        + "            throw new IllegalStateException(\"indicator broke\");\n        }")
                .replace("    private int falling;", "    private int falling;\n    private int bars;");
        Path jar = jar("boom", "Boom", boom);
        Path out = tmp.resolve("boom");
        CliTest.Run r = hft("backtest", "--strategy", "boom", "--strategy-jar", jar.toString(), "--days", "2",
                "--journal", "--out", out.toString());
        assertThat(r.code()).as(r.out()).isEqualTo(2);
        assertThat(r.err()).contains("strategy 'boom' threw on BTCUSDT at example.user.Boom.onBar(Boom.java:",
                "IllegalStateException: indicator broke", "RISK_STRATEGY_FAILED");
        assertThat(out.resolve("metrics.json")).as("the results up to the failure are kept").exists();
        String journal = Files.readString(Files.list(out.resolve("journal")).sorted().findFirst().orElseThrow());
        assertThat(journal).contains("\"fault\"", "RISK_STRATEGY_FAILED", "Boom.java");
        CliTest.Run replay = hft("replay", "--journal", out.toString(), "--strategy-jar", jar.toString());
        assertThat(replay.code()).as(replay.out() + replay.err()).isZero();
        assertThat(replay.out()).contains("byte-identical");
    }

    @Test
    void aJarStrategyTradesLiveAgainstTheLocalVenueAndItsJournalReplays() throws Exception {
        Path jar = jar("live", 1);
        long min = 60_000;
        long last = Math.floorDiv(System.currentTimeMillis(), min) * min - min;
        Path keys = keys();
        try (dev.hft.binance.FakeBinance venue = dev.hft.binance.FakeBinance.hmac("jar-key", "jar-secret",
                System::currentTimeMillis); dev.hft.binance.FakeStreams streams = new dev.hft.binance.FakeStreams()) {
            venue.klineHistory.put("BTCUSDT", dev.hft.binance.FakeStreams.history("BTCUSDT", last, -10, 0,
                    k -> "42000.00"));
            Path dir = tmp.resolve("live");
            java.util.concurrent.CompletableFuture<CliTest.Run> run = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> hft("live", "--symbol", "BTCUSDT", "--strategy", "streaks", "--strategy-jar",
                            jar.toString(), "--param", "up=2", "--param", "down=1", "--keys", keys.toString(),
                            "--clock", "stream", "--rest-url", venue.base().toString(), "--stream-url",
                            streams.base().toString(), "--http-port", "-1", "--ws-api-url", "off", "--out",
                            dir.toString(), "--max-bars", "6"));
            assertThat(streams.connections.poll(60, java.util.concurrent.TimeUnit.SECONDS)).isNotNull();
            String[] prices = {"42010.00", "42020.00", "42030.00", "42000.00", "42050.00", "42060.00"};
            for (int k = 0; k < prices.length; k++) {
                streams.send(dev.hft.binance.FakeStreams.closedKline("BTCUSDT", last + (k + 1) * min, prices[k]));
            }
            CliTest.Run r = run.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(r.code()).as(r.err() + r.out()).isZero();
            assertThat(venue.orders).as("its entry reached the venue").isNotEmpty();
            CliTest.Run replay = hft("replay", "--journal", dir.toString(), "--strategy-jar", jar.toString());
            assertThat(replay.code()).as(replay.out() + replay.err()).isZero();
            assertThat(replay.out()).contains("byte-identical");
        }
    }

    @Test
    void aReplayWithoutTheJarOrWithOtherCodeIsRefused() throws Exception {
        Path jar = jar("v1", 1);
        Path out = tmp.resolve("bt");
        assertThat(hft("backtest", "--strategy", "streaks", "--strategy-jar", jar.toString(), "--days", "3",
                "--journal", "--out", out.toString()).code()).isZero();
        Path other = jar("v2", 2); // the same strategy name, rebuilt with a change
        CliTest.Run r = hft("replay", "--journal", out.toString(), "--strategy-jar", other.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("strategy 'streaks'", dev.hft.core.Checksum.sha256(jar), "same code");
        Path broken = tmp.resolve("empty.jar");
        try (OutputStream o = new JarOutputStream(Files.newOutputStream(broken))) {
            o.flush();
        }
        CliTest.Run b = hft("strategies", "--strategy-jar", broken.toString());
        assertThat(b.code()).isEqualTo(2);
        assertThat(b.err()).contains("provides no strategy", "META-INF/services");
        assertThat(List.of(hft("backtest", "--strategy", "nope", "--days", "1", "--out", tmp.resolve("n").toString())
                .err())).anySatisfy(e -> assertThat(e).contains("--strategy-jar"));
    }

    /** A limit entry on the first rise, replaced by a lower one on the next bar. */
    private static final String RESTING = """
            package example.user;

            import dev.hft.core.Bar;
            import dev.hft.core.Fixed;
            import dev.hft.core.ReasonCode;
            import dev.hft.api.*;
            import java.util.List;

            public final class Resting implements Strategy {
                private long prev;
                private int step;

                public String name() { return "resting"; }
                public int warmupBars() { return 1; }

                public void onBar(Bar bar, PositionView position, Decision out) {
                    boolean rise = prev > 0 && bar.close > prev;
                    prev = bar.close;
                    double close = Fixed.toDouble(bar.close);
                    if (step == 0 && rise && position.quantity() == 0) {
                        step = 1;
                        out.enter(Action.ENTER_LONG, ReasonCode.ENTRY_SMA_CROSS_UP, 1, 0.02, 0.03)
                                .limit(close * 0.999, 0);
                    } else if (step == 1 && position.orderPending()) {
                        step = 2;
                        out.enter(Action.ENTER_LONG, ReasonCode.ENTRY_SMA_CROSS_UP, 1, 0.02, 0.03)
                                .limit(close * 0.998, 0).replacing();
                    } else {
                        out.skip(ReasonCode.SKIP_NO_SIGNAL);
                    }
                }

                public static final class Factory implements StrategyFactory {
                    public String name() { return "resting"; }
                    public String description() { return "a limit entry, then its replacement"; }
                    public List<ParamSpec> params() { return List.of(); }
                    public Strategy create(Params p) { return new Resting(); }
                }
            }
            """;

    @Test
    void aJarStrategysLimitEntryIsReplacedLiveAndItsFillInTwoPartsGetsOnePairForAllOfIt() throws Exception {
        Path jar = jar("resting", "Resting", RESTING);
        long min = 60_000;
        long last = Math.floorDiv(System.currentTimeMillis(), min) * min - min;
        Path keys = keys();
        try (dev.hft.binance.FakeBinance venue = dev.hft.binance.FakeBinance.hmac("jar-key", "jar-secret",
                System::currentTimeMillis); dev.hft.binance.FakeStreams streams = new dev.hft.binance.FakeStreams();
             dev.hft.binance.FakeUserStream users = new dev.hft.binance.FakeUserStream(venue)) {
            venue.klineHistory.put("BTCUSDT", dev.hft.binance.FakeStreams.history("BTCUSDT", last, -10, 0,
                    k -> "42000.00"));
            Path dir = tmp.resolve("resting");
            java.util.concurrent.CompletableFuture<CliTest.Run> run = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> hft("live", "--symbol", "BTCUSDT", "--strategy", "resting", "--strategy-jar",
                            jar.toString(), "--keys", keys.toString(), "--clock", "stream", "--rest-url",
                            venue.base().toString(), "--stream-url", streams.base().toString(), "--user-stream-url",
                            users.uri().toString(), "--http-port", "-1", "--out", dir.toString(), "--max-bars",
                            "5"));
            assertThat(streams.connections.poll(60, java.util.concurrent.TimeUnit.SECONDS))
                    .as(() -> run.isDone() ? run.join().err() + run.join().out() : "the session has not connected")
                    .isNotNull();
            // the first live bar is the strategy's first (warm-up bars pass through the engine's warm-up only)
            streams.send(dev.hft.binance.FakeStreams.closedKline("BTCUSDT", last + min, "42000.00"));
            streams.send(dev.hft.binance.FakeStreams.closedKline("BTCUSDT", last + 2 * min, "42010.00"));
            dev.hft.binance.FakeBinance.VenueOrder first = awaitOrder(venue, "LIMIT", 1);
            streams.send(dev.hft.binance.FakeStreams.closedKline("BTCUSDT", last + 3 * min, "42020.00"));
            dev.hft.binance.FakeBinance.VenueOrder second = awaitOrder(venue, "LIMIT", 2);
            assertThat(first.status).as("the replaced order was canceled before its replacement left")
                    .isEqualTo("CANCELED");
            assertThat(new java.math.BigDecimal(second.price)).isEqualByComparingTo("41935.96");
            venue.fillPrice = second.price;
            java.math.BigDecimal whole = new java.math.BigDecimal(second.quantity);
            String half = whole.divide(java.math.BigDecimal.valueOf(2)).setScale(5, java.math.RoundingMode.DOWN)
                    .toPlainString();
            venue.partialFill(second.clientOrderId, half);
            dev.hft.binance.FakeBinance.VenueOrder stop1 = awaitOrder(venue, "STOP_LOSS", 1);
            venue.fill(second.clientOrderId);
            dev.hft.binance.FakeBinance.VenueOrder stop2 = awaitOrder(venue, "STOP_LOSS", 2);
            assertThat(new java.math.BigDecimal(stop1.quantity)).as("the first part's pair")
                    .isEqualByComparingTo(half);
            assertThat(new java.math.BigDecimal(stop2.quantity)).as("one pair for the whole position")
                    .isEqualByComparingTo(whole);
            streams.send(dev.hft.binance.FakeStreams.closedKline("BTCUSDT", last + 4 * min, "42020.00"));
            streams.send(dev.hft.binance.FakeStreams.closedKline("BTCUSDT", last + 5 * min, "42020.00"));
            CliTest.Run r = run.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(r.code()).as(r.err() + r.out()).isZero();
            assertThat(stop1.status).as("replaced, not left beside the new pair").isEqualTo("CANCELED");
            CliTest.Run replay = hft("replay", "--journal", dir.toString(), "--strategy-jar", jar.toString());
            assertThat(replay.code()).as(replay.out() + replay.err()).isZero();
            assertThat(replay.out()).contains("byte-identical");
        }
    }

    /** Waits (up to 30 s) for the venue to hold {@code n} orders of {@code type}; returns the n-th. */
    private static dev.hft.binance.FakeBinance.VenueOrder awaitOrder(dev.hft.binance.FakeBinance venue, String type,
                                                                    int n) {
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until) {
            synchronized (venue.orders) {
                List<dev.hft.binance.FakeBinance.VenueOrder> of = venue.orders.stream()
                        .filter(o -> o.type.equals(type)).toList();
                if (of.size() >= n) {
                    return of.get(n - 1);
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("fewer than " + n + " " + type + " orders at the venue: " + venue.orders);
    }

    /** The local venue's keys in a file only its owner may read, as live requires. */
    private Path keys() throws java.io.IOException {
        Path keys = tmp.resolve("keys.yaml");
        Files.writeString(keys, "binance:\n  apiKey: jar-key\n  secretKey: jar-secret\n");
        Files.setPosixFilePermissions(keys, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return keys;
    }
}
