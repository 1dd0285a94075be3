package dev.hft.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InstrumentTest {
    private final Instrument btc = InstrumentTable.builtIn().find("BTCUSDT");

    @Test
    void shouldShipTheFourBuiltInSpotSymbols() {
        InstrumentTable t = InstrumentTable.builtIn();
        assertThat(t.all().keySet()).containsExactly("BTCUSDT", "ETHUSDT", "BNBUSDT", "SOLUSDT");
        assertThat(btc.tickSize()).isEqualTo(Fixed.parse("0.01"));
        assertThat(btc.stepSize()).isEqualTo(Fixed.parse("0.00001"));
        assertThat(btc.minNotional()).isEqualTo(Fixed.parse("5"));
        assertThat(t.find("ethusdt")).isNotNull();
        assertThat(t.find("DOGEUSDT")).isNull();
    }

    @Test
    void shouldCheckEveryFilter() {
        long px = Fixed.parse("42000.01");
        assertThat(btc.checkOrder(px, Fixed.parse("0.001"))).isNull();
        assertThat(btc.checkOrder(px, Fixed.parse("0.000015"))).isEqualTo(ReasonCode.REJECT_LOT_SIZE);
        assertThat(btc.checkOrder(px, 0)).isEqualTo(ReasonCode.REJECT_LOT_SIZE);
        assertThat(btc.checkOrder(Fixed.parse("42000.015"),
                Fixed.parse("0.001"))).isEqualTo(ReasonCode.REJECT_PRICE_FILTER);
        assertThat(btc.checkOrder(px, Fixed.parse("0.0001"))).isEqualTo(ReasonCode.REJECT_MIN_NOTIONAL); // 4.2 < 5
        assertThat(btc.checkOrder(px, Fixed.parse("0.0001"), true)).as("a reduce-only order can always close")
                .isNull();
        assertThat(btc.checkOrder(px, Fixed.parse("0.000015"), true)).as("but never off the step")
                .isEqualTo(ReasonCode.REJECT_LOT_SIZE);
        Instrument withMinQty = new Instrument("X", "X", "USDT", Fixed.parse("0.01"), Fixed.parse("0.1"),
                Fixed.parse("1"), 0);
        assertThat(withMinQty.checkOrder(Fixed.parse("10"), Fixed.parse("0.5"))).isEqualTo(ReasonCode.REJECT_MIN_QTY);
    }

    @Test
    void shouldRoundPricesAgainstTheTrader() {
        long p = Fixed.parse("100.005");
        assertThat(btc.roundPriceAdverse(p, Side.BUY)).isEqualTo(Fixed.parse("100.01"));
        assertThat(btc.roundPriceAdverse(p, Side.SELL)).isEqualTo(Fixed.parse("100"));
        assertThat(btc.floorQty(Fixed.parse("0.123456"))).isEqualTo(Fixed.parse("0.12345"));
    }

    @Test
    void shouldRefuseNegativeFilters() {
        assertThatThrownBy(() -> new Instrument("X", "X", "Y", -1, 0, 0, 0)).hasMessageContaining("X");
        assertThatThrownBy(() -> new Instrument(" ", "X", "Y", 0, 0, 0, 0)).hasMessageContaining("empty");
    }

    @Test
    void theCollarOfAMarketOrderIsRoundedOutwardToTheTick() {
        Instrument btc = new Instrument("BTCUSDT", "BTC", "USDT", Fixed.parse("0.01"), Fixed.parse("0.00001"), 0, 0);
        assertThat(btc.collarPrice(Fixed.parse("42000.03"), Side.BUY, 2)).isEqualTo(Fixed.parse("42840.04"));
        assertThat(btc.collarPrice(Fixed.parse("42000.03"), Side.SELL, 2)).isEqualTo(Fixed.parse("41160.02"));
    }
}
