package dev.hft.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.core.Bar;
import dev.hft.core.ExecutionListener;
import dev.hft.core.Fill;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.Order;
import dev.hft.core.OrderType;
import dev.hft.core.ReasonCode;
import dev.hft.core.Side;
import dev.hft.engine.EngineConfig;
import dev.hft.engine.EngineListener;
import dev.hft.engine.TradeRecord;
import dev.hft.engine.TradingEngine;
import dev.hft.engine.cost.FixedBpsSlippage;
import dev.hft.engine.cost.FlatFeeModel;
import dev.hft.engine.cost.SlippageModel;
import dev.hft.api.Action;
import dev.hft.engine.testkit.ScriptedStrategy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulated exchange's fill rules, each on a small hand-made bar sequence with the expected fills worked out
 * here. Common setup: capital 10,000, 10% per entry, fee 10 bps, slippage 2 bps, tick 0.01, step 0.001.
 * The entry is decided on bar 0 (close 100) with stop-loss 1% and take-profit 2%; it is sized
 * 10,000 * 10% / 1.001 / 100 = 9.99000999 -> 9.990.
 */
class FillRulesTest {
    private static final Instrument INST = new Instrument("TEST", "T", "USDT", Fixed.parse("0.01"),
            Fixed.parse("0.001"), Fixed.parse("0.001"), Fixed.parse("5"));
    private static final long T0 = 1_704_067_200_000L;
    private static final long QTY = Fixed.parse("9.99");

    private final List<Fill> fills = new ArrayList<>();
    private final List<TradeRecord> trades = new ArrayList<>();
    private TradingEngine engine;
    private SimulatedExchange exchange;

    private void setUp(FillModel model, IntrabarPolicy policy, long capital) {
        SlippageModel slip = model == FillModel.CLOSE ? SlippageModel.NONE : new FixedBpsSlippage(2);
        exchange = new SimulatedExchange(List.of(INST), FlatFeeModel.ofBps(10), slip, model, policy);
        engine = new TradingEngine(new EngineConfig(capital, 0.10, Fixed.parse("0.001")), List.of(INST),
                List.of(enterOnFirstBar()), exchange, new EngineListener() {
                    @Override
                    public void onFill(Order order, Fill fill) {
                        fills.add(fill);
                    }

                    @Override
                    public void onTradeClosed(TradeRecord trade) {
                        trades.add(trade);
                    }
                }, "t");
        exchange.setListener(engine);
    }

    /** Enters long on the first bar only, with a 1% stop and a 2% take-profit. */
    private static ScriptedStrategy enterOnFirstBar() {
        ScriptedStrategy s = new ScriptedStrategy().exits(0.01, 0.02);
        s.next = Action.ENTER_LONG;
        return s;
    }

    private int barIndex;

    private void feed(String... ohlc) {
        for (String bar : ohlc) {
            String[] p = bar.split(" ");
            long open = T0 + barIndex++ * 60_000L;
            Bar b = new Bar().set(0, open, open + 59_999, Fixed.parse(p[0]), Fixed.parse(p[1]), Fixed.parse(p[2]),
                    Fixed.parse(p[3]), Fixed.of(100));
            engine.onBar(b); // the engine sanitizes, then lets the exchange match, then decides
        }
    }

    private static long px(String s) {
        return Fixed.parse(s);
    }

    /** One bar that carries its trade path (paper with the trade stream): new highs positive, new lows negated. */
    private void feedWithPath(String ohlc, String... path) {
        String[] p = ohlc.split(" ");
        long open = T0 + barIndex++ * 60_000L;
        Bar b = new Bar().set(0, open, open + 59_999, Fixed.parse(p[0]), Fixed.parse(p[1]), Fixed.parse(p[2]),
                Fixed.parse(p[3]), Fixed.of(100));
        b.extremes = java.util.Arrays.stream(path).mapToLong(Fixed::parse).toArray();
        engine.onBar(b);
    }

    @Test
    void theTradePathDecidesWhichOfStopAndTakeProfitFilledWhateverThePolicy() {
        // stop 99.52 below, take-profit 102.54 above; the third bar covers both
        setUp(FillModel.NEXT_OPEN, IntrabarPolicy.STOP_FIRST, Fixed.of(10_000));
        feed("100 101 99 100", "100.5 100.8 100.2 100.6");
        feedWithPath("100.5 103 99 100", "101", "-100.1", "103", "-99"); // up through 102.54 first
        assertThat(trades).singleElement().satisfies(t -> {
            assertThat(t.exitReason()).isEqualTo(ReasonCode.EXIT_TAKE_PROFIT);
            assertThat(t.exitPrice()).isEqualTo(px("102.54"));
        });

        trades.clear();
        barIndex = 0;
        setUp(FillModel.NEXT_OPEN, IntrabarPolicy.TAKE_PROFIT_FIRST, Fixed.of(10_000));
        feed("100 101 99 100", "100.5 100.8 100.2 100.6");
        // the high (103) came before the low (99), but the stop level was crossed earlier, at 99.5
        feedWithPath("100.5 103 99 100", "-99.5", "103", "-99");
        assertThat(trades).singleElement()
                .satisfies(t -> assertThat(t.exitReason()).isEqualTo(ReasonCode.EXIT_STOP_LOSS));
    }


    @Test
    void shouldFillADecisionOnABarCloseAtTheNextBarsOpenPlusSlippage() {
        setUp(FillModel.NEXT_OPEN, IntrabarPolicy.STOP_FIRST, Fixed.of(10_000));
        feed("100 101 99 100");
        assertThat(fills).as("nothing fills on the bar that produced the decision").isEmpty();
        feed("100.5 100.8 100.2 100.6");
        Fill entry = fills.get(0);
        // 100.50 * (1 + 2 bps) = 100.5201 -> up to the tick for a buy: 100.53
        assertThat(entry.price()).isEqualTo(px("100.53"));
        assertThat(entry.quantity()).isEqualTo(QTY);
        assertThat(entry.timeMs()).isEqualTo(T0 + 60_000);
        // 100.53 * 9.99 * 0.001 = 1.0042947
        assertThat(entry.fee()).isEqualTo(px("1.0042947"));
        assertThat(exchange.workingOrders()).as("stop and take-profit rest").isEqualTo(2);
    }

    @Test
    void shouldFillAtTheSignalBarsCloseWithoutSlippageInCloseModel() {
        setUp(FillModel.CLOSE, IntrabarPolicy.STOP_FIRST, Fixed.of(10_000));
        feed("100 101 99 100");
        assertThat(fills).singleElement().satisfies(f -> {
            assertThat(f.price()).isEqualTo(px("100"));
            assertThat(f.timeMs()).isEqualTo(T0 + 59_999);
            assertThat(f.fee()).isEqualTo(px("0.999"));
        });
    }

    @Test
    void shouldTriggerTheStopOnALaterBarsLowAndFillAtTheStopLessSlippage() {
        setUp(FillModel.NEXT_OPEN, IntrabarPolicy.STOP_FIRST, Fixed.of(10_000));
        // stop = 100.53 - 1.0053 = 99.5247 -> 99.52; take-profit = 100.53 + 2.0106 = 102.5406 -> 102.54
        feed("100 101 99 100", "100.5 100.8 100.2 100.6", "100 100.1 99 99.2");
        Fill exit = fills.get(1);
        // 99.52 * (1 - 2 bps) = 99.500096 -> down to the tick for a sell: 99.50
        assertThat(exit.price()).isEqualTo(px("99.50"));
        assertThat(exit.side()).isEqualTo(Side.SELL);
        assertThat(exit.timeMs()).isEqualTo(T0 + 2 * 60_000 + 59_999);
        TradeRecord t = trades.get(0);
        assertThat(t.exitReason()).isEqualTo(ReasonCode.EXIT_STOP_LOSS);
        // (99.50 - 100.53) * 9.99 = -10.2897; fees 1.0042947 + 0.994005 = 1.9982997
        assertThat(t.pnl()).isEqualTo(px("-12.2879997"));
        assertThat(exchange.workingOrders()).as("take-profit cancelled with the stop").isZero();
    }

    @Test
    void shouldAssumeTheStopFirstWhenOneBarReachesBoth() {
        setUp(FillModel.NEXT_OPEN, IntrabarPolicy.STOP_FIRST, Fixed.of(10_000));
        feed("100 101 99 100", "100.5 100.8 100.2 100.6", "100.5 103 99 100");
        assertThat(trades).singleElement().satisfies(t -> {
            assertThat(t.exitReason()).isEqualTo(ReasonCode.EXIT_STOP_LOSS);
            assertThat(t.exitPrice()).isEqualTo(px("99.50"));
        });
    }

    @Test
    void shouldTakeProfitFirstWhenConfiguredSo() {
        setUp(FillModel.NEXT_OPEN, IntrabarPolicy.TAKE_PROFIT_FIRST, Fixed.of(10_000));
        feed("100 101 99 100", "100.5 100.8 100.2 100.6", "100.5 103 99 100");
        assertThat(trades).singleElement().satisfies(t -> {
            assertThat(t.exitReason()).isEqualTo(ReasonCode.EXIT_TAKE_PROFIT);
            assertThat(t.exitPrice()).as("a limit fills at its price, no slippage").isEqualTo(px("102.54"));
        });
    }

    @Test
    void shouldCheckTheEntryBarItselfAfterTheOpen() {
        setUp(FillModel.NEXT_OPEN, IntrabarPolicy.STOP_FIRST, Fixed.of(10_000));
        // entry at 100.53 on bar 1's open; bar 1 then trades down to 99 -> stop inside the same bar
        feed("100 101 99 100", "100.5 100.8 99 99.1");
        assertThat(trades).singleElement()
                .satisfies(t -> assertThat(t.exitReason()).isEqualTo(ReasonCode.EXIT_STOP_LOSS));
    }

    @Test
    void shouldFillAtTheOpenWhenABarOpensBeyondTheStop() {
        setUp(FillModel.NEXT_OPEN, IntrabarPolicy.STOP_FIRST, Fixed.of(10_000));
        feed("100 101 99 100", "100.5 100.8 100.2 100.6", "98 98.5 97 98");
        Fill exit = fills.get(1);
        // gap below 99.52: fills at the open 98 less 2 bps = 97.9804 -> 97.98, at the bar's open time
        assertThat(exit.price()).isEqualTo(px("97.98"));
        assertThat(exit.timeMs()).isEqualTo(T0 + 2 * 60_000);
        assertThat(trades.get(0).exitReason()).isEqualTo(ReasonCode.EXIT_STOP_LOSS);
    }

    @Test
    void shouldFillTheTakeProfitAtABetterOpen() {
        setUp(FillModel.NEXT_OPEN, IntrabarPolicy.STOP_FIRST, Fixed.of(10_000));
        feed("100 101 99 100", "100.5 100.8 100.2 100.6", "103 104 102.9 103.5");
        assertThat(trades).singleElement().satisfies(t -> {
            assertThat(t.exitReason()).isEqualTo(ReasonCode.EXIT_TAKE_PROFIT);
            assertThat(t.exitPrice()).isEqualTo(px("103"));
        });
    }

    @Test
    void shouldRejectAnOrderUnderMinNotionalWithAReason() {
        setUp(FillModel.NEXT_OPEN, IntrabarPolicy.STOP_FIRST, Fixed.of(10_000));
        feed("100 101 99 100");
        List<ReasonCode> rejected = new ArrayList<>();
        exchange.setListener(new ExecutionListener() {
            @Override
            public void onOrderFilled(Order order, Fill fill) {
                fills.add(fill);
            }

            @Override
            public void onOrderRejected(Order order, ReasonCode reason) {
                rejected.add(reason);
            }

            @Override
            public void onOrderCanceled(Order order) {
            }
        });
        // 0.01 * 100 = 1 USDT < 5 USDT minimum
        exchange.submit(new Order("x1", 0, Side.BUY, OrderType.MARKET, px("0.01"), 0, 0, false,
                ReasonCode.ENTRY_LIQ_LONG, T0, px("100")));
        // a quantity off the step is rejected too
        exchange.submit(new Order("x2", 0, Side.BUY, OrderType.MARKET, px("1.0005"), 0, 0, false,
                ReasonCode.ENTRY_LIQ_LONG, T0, px("100")));
        assertThat(rejected).containsExactly(ReasonCode.REJECT_MIN_NOTIONAL, ReasonCode.REJECT_LOT_SIZE);
        feed("100 101 99 100");
        assertThat(fills).extracting(Fill::clientOrderId).doesNotContain("x1", "x2");
    }

    @Test
    void shouldNotEnterWhenTheSizedOrderIsUnderMinNotional() {
        setUp(FillModel.NEXT_OPEN, IntrabarPolicy.STOP_FIRST, Fixed.of(40)); // 10% of 40 = 4 USDT < 5
        feed("100 101 99 100", "100.5 100.8 100.2 100.6");
        assertThat(fills).isEmpty();
        assertThat(engine.ledger().get(ReasonCode.REJECT_MIN_NOTIONAL)).isEqualTo(1);
    }

    @Test
    void shouldCloseOpenPositionsAtTheLastCloseAtEndOfData() {
        setUp(FillModel.NEXT_OPEN, IntrabarPolicy.STOP_FIRST, Fixed.of(10_000));
        feed("100 101 99 100", "100.5 100.8 100.2 100.6");
        engine.flattenAll(ReasonCode.EXIT_END_OF_DATA);
        exchange.flushAtLastClose();
        assertThat(trades).singleElement().satisfies(t -> {
            assertThat(t.exitReason()).isEqualTo(ReasonCode.EXIT_END_OF_DATA);
            // 100.60 less 2 bps = 100.57988 -> 100.57
            assertThat(t.exitPrice()).isEqualTo(px("100.57"));
        });
        assertThat(exchange.workingOrders()).isZero();
    }
}
