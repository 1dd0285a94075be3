package dev.hft.app;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
import dev.hft.binance.http.BinanceRest;
import dev.hft.binance.Kline;
import dev.hft.binance.stream.MarketStream;
import dev.hft.binance.stream.MarketExtras;
import dev.hft.core.Bar;
import dev.hft.core.Instrument;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * The threads of paper and live trading: the stream's WebSocket thread decodes closed klines and publishes them
 * into an LMAX Disruptor ring; the ring's single consumer is the engine thread, the only writer of trading state;
 * execution reports from the venue's I/O thread travel the same ring as tasks, so they too run on the engine
 * thread, in arrival order with the bars. The caller's thread waits for the stop (a bar limit, SIGTERM, Ctrl-C),
 * then the stream stops, the ring drains, and {@link #run} returns.
 */
final class StreamRunner {
    /** What runs on the engine thread. */
    interface Engine {
        void onBar(Bar bar);

        /** After each bar: e.g. reports every N bars ({@code liveBars} counts live bars only). */
        void afterBar(Bar bar, long liveBars, boolean endOfBatch);

        /** The last bar the session has seen of an instrument (to check the stream's first kline), or 0. */
        long lastBarOpenMs(int instrument);
    }

    /** A ring slot: a bar or a task for the engine thread. */
    static final class Slot {
        Bar bar;
        boolean backfill;
        Runnable task;
    }

    private final Disruptor<Slot> ring = new Disruptor<>(Slot::new, 4096, DaemonThreadFactory.INSTANCE,
            ProducerType.MULTI, new BlockingWaitStrategy());
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicLong live = new AtomicLong();
    private volatile boolean streamClock;
    private StopSignals signals;
    /** Metrics, monitor and dashboard of the session; null without them. Set before {@link #run}. */
    private SessionOps ops;

    /**
     * Stamps live bars with the stream's own event time instead of the local clock at arrival: for a stream sent
     * faster than real time (a recording, a test), where the local clock would make every bar look early.
     */
    void streamClock(boolean on) {
        this.streamClock = on;
    }

    void ops(SessionOps o) {
        this.ops = o;
    }

    /**
     * Quotes (bookTicker) and trades (aggTrade), both on the kline connection, and liquidations (a USD-M forceOrder
     * connection) for the bars.
     */
    private MarketExtras extras;
    private boolean quotes;
    private boolean trades;
    private URI liquidationsUrl;

    /**
     * The extra streams a session follows besides klines.
     *
     * @param quotes       bookTicker on the kline connection
     * @param trades       aggTrade on the kline connection
     * @param liquidations the USD-M forceOrder stream's base, or null
     */
    record Extras(boolean quotes, boolean trades, URI liquidations) {
    }

    void extras(Extras e) {
        this.extras = new MarketExtras(System::currentTimeMillis);
        this.quotes = e.quotes();
        this.trades = e.trades();
        this.liquidationsUrl = e.liquidations();
    }

    /** The extra streams of each symbol on the kline connection. */
    private List<String> extraStreams() {
        List<String> out = new java.util.ArrayList<>();
        if (extras != null && quotes) {
            out.add("bookTicker");
        }
        if (extras != null && trades) {
            out.add("aggTrade");
        }
        return out;
    }

    /** Hands a task to the engine thread (execution reports). */
    void toEngine(Runnable task) {
        synchronized (late) {
            if (ringStopped) {
                late.add(task); // the ring is drained and gone: the caller's thread is the engine's now
                return;
            }
            ring.getRingBuffer().publishEvent((s, seq) -> {
                s.task = task;
                s.bar = null;
            });
        }
    }

    /**
     * Runs, on the calling thread (which must be the engine's: the ring has stopped), the execution reports that
     * arrived after the ring stopped, say the fill of an exit decided on the last bar. Call it once the execution
     * I/O thread has done what was queued, and again while it returns true (it ran something, which may have sent
     * more).
     */
    boolean runLate() {
        boolean ran = false;
        while (true) {
            Runnable t;
            synchronized (late) {
                t = late.poll();
            }
            if (t == null) {
                return ran;
            }
            t.run();
            ran = true;
        }
    }

    private final java.util.ArrayDeque<Runnable> late = new java.util.ArrayDeque<>();
    private boolean ringStopped;

    long liveBars() {
        return live.get();
    }

    /** Starts the ring and the stream, blocks until the stop, then stops the stream and drains the ring. */
    void run(Engine engine, List<Instrument> instruments, List<String> symbols, String interval, URI streamUrl,
             BinanceRest rest, HttpClient http, long maxBars, long silenceS, PrintWriter stdout,
             LongConsumer everySecond) throws InterruptedException {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < instruments.size(); i++) {
            index.put(instruments.get(i).symbol(), i);
        }
        ring.handleEventsWith((s, seq, endOfBatch) -> {
            if (s.task != null) {
                Runnable t = s.task;
                s.task = null;
                t.run();
                return;
            }
            if (stop.getCount() == 0) {
                return; // stopping: bars still in the ring are not traded
            }
            long t0 = System.nanoTime();
            engine.onBar(s.bar);
            if (ops != null) {
                ops.metrics.decisionNanos(System.nanoTime() - t0);
            }
            long n = s.backfill ? live.get() : live.incrementAndGet();
            engine.afterBar(s.bar, n, endOfBatch);
            if (endOfBatch && ops != null) {
                ops.monitor.publish(System.currentTimeMillis());
            }
            if (maxBars > 0 && n >= maxBars && !s.backfill) {
                stop.countDown();
            }
        });
        RingBuffer<Slot> buffer = ring.start();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreadFactory.INSTANCE);
        MarketStream feed = new MarketStream(streamUrl, symbols, interval,
                extraStreams(), rest, http, System::currentTimeMillis,
                new MarketStream.Sink() {
                    @Override
                    public void onKline(Kline k, boolean backfill, long receiveMs) {
                        Integer i = index.get(k.symbol());
                        if (i != null) {
                            buffer.publishEvent((s, seq) -> {
                                s.task = null;
                                s.bar = k.toBar(i, backfill ? k.closeTimeMs() + 1
                                        : streamClock ? k.eventTimeMs() : receiveMs);
                                if (extras != null && !backfill) {
                                    extras.attach(s.bar, k.symbol());
                                }
                                s.backfill = backfill;
                            });
                        }
                    }

                    @Override
                    public void onEvent(String stream, com.fasterxml.jackson.databind.JsonNode data) {
                        if (extras != null) {
                            extras.onEvent(stream, data);
                        }
                    }

                    @Override
                    public void onStatus(String event, String detail) {
                        if (ops != null) {
                            ops.monitor.streamStatus(event, detail);
                        }
                        if (extras != null) {
                            extras.quoteStatus(event);
                        }
                        synchronized (stdout) {
                            stdout.println("stream " + event + ": " + detail);
                            stdout.flush();
                        }
                    }
                }, scheduler, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofHours(23).plusMinutes(50),
                Duration.ofSeconds(silenceS));
        for (int i = 0; i < instruments.size(); i++) {
            long last = engine.lastBarOpenMs(i);
            if (last > 0) {
                feed.seed(instruments.get(i).symbol(), last);
            }
        }
        if (everySecond != null) {
            scheduler.scheduleAtFixedRate(() -> everySecond.accept(System.currentTimeMillis()), 1, 1,
                    TimeUnit.SECONDS);
        }
        if (signals == null) {
            signals = StopSignals.install(stop::countDown, stdout);
        }
        MarketStream liq = null;
        if (extras != null && liquidationsUrl != null) {
            MarketExtras ex = extras;
            // liquidations are rare and futures pings come every 3 minutes: a long silence limit
            liq = new MarketStream(liquidationsUrl, symbols, null, List.of("forceOrder"), null, http,
                    System::currentTimeMillis, new MarketStream.Sink() {
                        @Override
                        public void onKline(Kline k, boolean backfill, long receiveMs) {
                        }

                        @Override
                        public void onEvent(String stream, com.fasterxml.jackson.databind.JsonNode data) {
                            ex.onEvent(stream, data);
                        }

                        @Override
                        public void onStatus(String event, String detail) {
                            ex.liquidationStatus(event);
                            synchronized (stdout) {
                                stdout.println("liquidations " + event + ": " + detail);
                                stdout.flush();
                            }
                        }
                    }, scheduler, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofHours(23).plusMinutes(50),
                    Duration.ofMinutes(10));
            liq.start();
        }
        feed.start();
        stop.await();
        feed.close();
        if (liq != null) {
            liq.close();
        }
        scheduler.shutdownNow();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
        synchronized (late) {
            ringStopped = true; // from here on, reports wait in `late` (everything published before is drained)
        }
        try {
            ring.shutdown(10, TimeUnit.SECONDS);
        } catch (com.lmax.disruptor.TimeoutException e) {
            ring.halt();
        }
    }

    /**
     * The session finished its stop (reports written, journal closed, {@code ops.json} gone): the stop signals go
     * back to the JVM's handling, and a shutdown that was waiting for this may proceed. Call it last, also on the
     * way out of an error.
     */
    void finished() {
        if (signals != null) {
            signals.close();
            signals = null;
        }
    }
}
