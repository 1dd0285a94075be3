package dev.hft.engine.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.OrderType;
import dev.hft.core.ReasonCode;
import dev.hft.engine.EngineListener;
import dev.hft.engine.bus.EventBus;
import dev.hft.engine.risk.RiskGuard.OrderIntent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** T8, T10-T12 at the guard level: each limit denies with its own reason; states move as the equity says. */
class RiskGuardTest {
    private static final Instrument INST = new Instrument("T", "T", "USDT", Fixed.parse("0.01"), Fixed.parse("0.001"),
            Fixed.parse("0.001"), Fixed.parse("5"));
    private static final long DAY = 86_400_000L;
    private static final long T0 = 1_704_067_200_000L;

    /** A portfolio the test sets. */
    static final class Book implements PortfolioView {
        long equity = Fixed.of(10_000);
        long exposure;
        long total;
        int open;

        @Override
        public long equity() {
            return equity;
        }

        @Override
        public long exposure(int instrument) {
            return exposure;
        }

        @Override
        public long totalExposure() {
            return total;
        }

        @Override
        public int openPositions() {
            return open;
        }
    }

    private final Book book = new Book();
    private final EventBus bus = new EventBus();
    private final List<String> states = new ArrayList<>();

    {
        bus.subscribe(new EngineListener() {
            @Override
            public void onRiskStateChanged(TradingState from, TradingState to, ReasonCode reason, long nowMs) {
                states.add(from + "->" + to + " " + reason);
            }
        });
    }

    private static RiskLimits limits(double symbolPct, double totalPct, int maxPositions, double fatFinger,
                                     long maxNotional, long maxQty, int perSecond, int perMinute) {
        return new RiskLimits(5, 5, 10, 15, true, symbolPct, totalPct, maxPositions, fatFinger, maxNotional, maxQty,
                perSecond, perMinute);
    }

    private ReasonCode entry(RiskGuard g, String qty, String price, long now) {
        long p = Fixed.parse(price);
        return g.check(0, INST, OrderType.MARKET, p, Fixed.parse(qty), p, OrderIntent.ENTRY, now, book);
    }

    @Test
    void shouldAllowAnOrdinaryEntry() {
        RiskGuard g = new RiskGuard(RiskLimits.DEFAULT, bus);
        assertThat(entry(g, "10", "100", T0)).isNull();
        assertThat(g.stopLossFrac(0)).isEqualTo(0.05);
        assertThat(g.stopLossFrac(0.008)).isEqualTo(0.008);
    }

    @Test
    void shouldFailClosedWithoutPriceOrEquity() {
        RiskGuard g = new RiskGuard(RiskLimits.DEFAULT, bus);
        assertThat(g.check(0, INST, OrderType.MARKET, 0, Fixed.of(1), 0, OrderIntent.ENTRY, T0, book))
                .isEqualTo(ReasonCode.RISK_NO_PRICE);
        book.equity = 0;
        assertThat(entry(g, "1", "100", T0)).isEqualTo(ReasonCode.RISK_NO_EQUITY);
        assertThat(g.denials(ReasonCode.RISK_NO_EQUITY)).isEqualTo(1);
    }

    @Test
    void shouldCheckExchangeFiltersLocally() {
        RiskGuard g = new RiskGuard(RiskLimits.DEFAULT, bus);
        assertThat(entry(g, "0.01", "100", T0)).isEqualTo(ReasonCode.REJECT_MIN_NOTIONAL);
        assertThat(entry(g, "1.0005", "100", T0)).isEqualTo(ReasonCode.REJECT_LOT_SIZE);
        // a reduce-only exit below min notional still passes: a position can always be closed
        long p = Fixed.of(100);
        assertThat(g.check(0, INST, OrderType.MARKET, p, Fixed.parse("0.01"), p, OrderIntent.EXIT, T0,
                book)).isNull();
    }

    @Test
    void shouldLimitExposurePerSymbolTotalAndPositionCount() {
        RiskGuard g = new RiskGuard(limits(25, 40, 2, 10, 0, 0, 0, 0), bus);
        assertThat(entry(g, "25", "100", T0)).as("2,500 = 25% of 10,000").isNull();
        assertThat(entry(g, "25.01", "100", T0)).isEqualTo(ReasonCode.RISK_SYMBOL_EXPOSURE);
        book.exposure = Fixed.of(2_000);
        assertThat(entry(g, "6", "100", T0)).isEqualTo(ReasonCode.RISK_SYMBOL_EXPOSURE);
        book.exposure = 0;
        book.total = Fixed.of(3_000);
        assertThat(entry(g, "11", "100", T0)).isEqualTo(ReasonCode.RISK_TOTAL_EXPOSURE);
        book.total = 0;
        book.open = 2;
        assertThat(entry(g, "1", "100", T0)).isEqualTo(ReasonCode.RISK_MAX_POSITIONS);
    }

    @Test
    void shouldCollarLimitPricesAndCapOrderSize() {
        RiskGuard g = new RiskGuard(limits(100, 100, 0, 5, Fixed.of(1_000), Fixed.of(5), 0, 0), bus);
        long ref = Fixed.of(100);
        assertThat(g.check(0, INST, OrderType.LIMIT, Fixed.parse("105.01"), Fixed.of(1), ref, OrderIntent.PROTECTIVE,
                T0, book)).isEqualTo(ReasonCode.RISK_FAT_FINGER);
        assertThat(g.check(0, INST, OrderType.LIMIT, Fixed.parse("95"), Fixed.of(1), ref, OrderIntent.PROTECTIVE, T0,
                book)).isNull();
        assertThat(entry(g, "10.01", "100", T0)).isEqualTo(ReasonCode.RISK_MAX_NOTIONAL);
        assertThat(entry(g, "6", "10", T0)).isEqualTo(ReasonCode.RISK_MAX_QTY);
    }

    @Test
    void shouldThrottleEntriesPerSecondAndPerMinuteButNeverExitsOrProtectiveOnes() {
        RiskGuard g = new RiskGuard(limits(100, 100, 0, 10, 0, 0, 2, 3), bus);
        assertThat(entry(g, "1", "100", T0)).isNull();
        g.onOrderSent(T0);
        assertThat(entry(g, "1", "100", T0 + 10)).isNull();
        g.onOrderSent(T0 + 10);
        assertThat(entry(g, "1", "100", T0 + 20)).isEqualTo(ReasonCode.RISK_ORDER_RATE);
        long stop = Fixed.of(95);
        assertThat(g.check(0, INST, OrderType.STOP_MARKET, stop, Fixed.of(1), Fixed.of(100), OrderIntent.PROTECTIVE,
                T0 + 20, book)).as("a protective stop is never throttled").isNull();
        assertThat(g.check(0, INST, OrderType.MARKET, Fixed.of(100), Fixed.of(1), Fixed.of(100), OrderIntent.EXIT,
                T0 + 20, book)).as("nor is a strategy's exit (reduce-only)").isNull();
        assertThat(entry(g, "1", "100", T0 + 1_000)).isNull();
        g.onOrderSent(T0 + 1_000);
        assertThat(entry(g, "1", "100", T0 + 30_000)).as("3 in the last minute").isEqualTo(ReasonCode.RISK_ORDER_RATE);
        assertThat(entry(g, "1", "100", T0 + 60_001)).isNull();
    }

    @Test
    void dailyLossShouldReduceForTheRestOfTheDay() {
        RiskGuard g = new RiskGuard(RiskLimits.DEFAULT, bus); // 5% daily
        g.onEquity(T0, Fixed.of(10_000), 1);
        g.onEquity(T0 + 1000, Fixed.of(9_501), 1);
        assertThat(g.state()).isEqualTo(TradingState.ACTIVE);
        g.onEquity(T0 + 2000, Fixed.of(9_500), 1);
        assertThat(g.state()).isEqualTo(TradingState.REDUCING);
        assertThat(entry(g, "1", "100", T0 + 3000)).isEqualTo(ReasonCode.RISK_REDUCING);
        long p = Fixed.of(100);
        assertThat(g.check(0, INST, OrderType.MARKET, p, Fixed.of(1), p, OrderIntent.EXIT, T0 + 3000, book))
                .as("exits pass in REDUCING").isNull();
        g.onEquity(T0 + 4000, Fixed.of(9_700), 1);
        assertThat(g.state()).as("latched for the day").isEqualTo(TradingState.REDUCING);
        g.onEquity(T0 + DAY, Fixed.of(9_700), 1);
        assertThat(g.state()).as("a new UTC day").isEqualTo(TradingState.ACTIVE);
        assertThat(states).containsExactly("ACTIVE->REDUCING RISK_DAILY_LOSS", "REDUCING->ACTIVE RISK_RELEASED");
    }

    @Test
    void drawdownShouldReduceThenHaltAfterFlattening() {
        RiskLimits l = new RiskLimits(5, 0, 10, 15, true, 100, 100, 5, 10, 0, 0, 0, 0);
        RiskGuard g = new RiskGuard(l, bus);
        g.onEquity(T0, Fixed.of(10_000), 1);
        g.onEquity(T0 + 1, Fixed.of(12_000), 1);
        g.onEquity(T0 + 2, Fixed.of(10_800), 1); // 10% below the 12,000 peak
        assertThat(g.state()).isEqualTo(TradingState.REDUCING);
        g.onEquity(T0 + 3, Fixed.of(11_000), 1); // recovered above the reducing level
        assertThat(g.state()).isEqualTo(TradingState.ACTIVE);
        assertThat(g.onEquity(T0 + 4, Fixed.of(10_200), 1)).as("15%: flatten now").isTrue();
        assertThat(g.state()).isEqualTo(TradingState.REDUCING);
        assertThat(g.onEquity(T0 + 5, Fixed.of(10_100), 1)).as("flatten asked once").isFalse();
        g.update(T0 + 6, 0);
        assertThat(g.state()).isEqualTo(TradingState.HALTED);
        assertThat(entry(g, "1", "100", T0 + 7)).isEqualTo(ReasonCode.RISK_HALTED);
        long p = Fixed.of(100);
        assertThat(g.check(0, INST, OrderType.MARKET, p, Fixed.of(1), p, OrderIntent.EXIT, T0 + 7, book))
                .as("no order at all in HALTED").isEqualTo(ReasonCode.RISK_HALTED);
        g.onEquity(T0 + 8, Fixed.of(13_000), 0);
        assertThat(g.state()).as("a halt is latched").isEqualTo(TradingState.HALTED);
        g.release(T0 + 9, 0);
        assertThat(g.state()).isEqualTo(TradingState.ACTIVE);
        assertThat(g.maxDrawdownPct()).isCloseTo(15.833, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void killSwitchShouldHaltUntilReleased() {
        RiskGuard g = new RiskGuard(RiskLimits.DEFAULT, bus);
        g.onEquity(T0, Fixed.of(10_000), 0);
        assertThat(g.killSwitch(T0 + 1, 0)).as("nothing to flatten").isFalse();
        assertThat(g.state()).isEqualTo(TradingState.HALTED);
        assertThat(g.killSwitchEngaged()).isTrue();
        assertThat(entry(g, "1", "100", T0 + 2)).isEqualTo(ReasonCode.RISK_KILL_SWITCH);
        g.onEquity(T0 + DAY, Fixed.of(10_000), 0);
        assertThat(g.state()).as("survives a new day").isEqualTo(TradingState.HALTED);
        g.release(T0 + DAY + 1, 0);
        assertThat(g.state()).isEqualTo(TradingState.ACTIVE);
        assertThat(entry(g, "1", "100", T0 + DAY + 2)).isNull();
        RiskGuard h = new RiskGuard(RiskLimits.DEFAULT, bus);
        assertThat(h.killSwitch(T0, 2)).as("open positions: flatten first").isTrue();
        assertThat(h.state()).isEqualTo(TradingState.REDUCING);
    }

    @Test
    void shouldRefuseInconsistentLimits() {
        assertThatThrownBy(() -> new RiskLimits(0, 5, 10, 15, true, 25, 100, 5, 10, 0, 0, 5, 60))
                .hasMessageContaining("every position has a stop");
        assertThatThrownBy(() -> new RiskLimits(5, 5, 20, 15, true, 25, 100, 5, 10, 0, 0, 5, 60))
                .hasMessageContaining("drawdownReducingPct");
        assertThatThrownBy(() -> new RiskLimits(5, 5, 10, 15, true, 25, 100, -1, 10, 0, 0, 5, 60))
                .hasMessageContaining("negative");
        assertThat(RiskLimits.DEFAULT.describe()).containsKeys("dailyLossPct", "maxOrdersPerMinute");
    }
}
