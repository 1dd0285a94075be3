package dev.hft.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.hft.core.Bar;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.Side;
import dev.hft.engine.cost.CostEstimate;
import dev.hft.engine.cost.CostModel;
import dev.hft.engine.cost.FeeTable;
import dev.hft.engine.cost.FixedBpsSlippage;
import dev.hft.engine.cost.FlatFeeModel;
import dev.hft.engine.cost.MarketStats;
import dev.hft.engine.cost.SlippageModel;
import org.junit.jupiter.api.Test;

class CostModelTest {
    private static final Instrument INST = new Instrument("T", "T", "USDT", Fixed.parse("0.01"), Fixed.parse("0.001"),
            0, 0);

    @Test
    void feeShouldBeTheRateTimesNotionalForMakerAndTaker() {
        FlatFeeModel f = new FlatFeeModel(Fixed.parse("0.0002"), Fixed.parse("0.0005")); // futures regular tier
        // Binance's own worked example: 10,104 USDT at 0.05% taker = 5.052; 11,104 at 0.02% maker = 2.2208
        assertThat(f.fee(INST, Side.BUY, Fixed.parse("50520"), Fixed.parse("0.2"),
                false)).isEqualTo(Fixed.parse("5.052"));
        assertThat(f.fee(INST, Side.BUY, Fixed.parse("55520"), Fixed.parse("0.2"),
                true)).isEqualTo(Fixed.parse("2.2208"));
        assertThat(FlatFeeModel.ofBps(10).takerRate()).isEqualTo(Fixed.parse("0.001"));
        assertThatThrownBy(() -> new FlatFeeModel(-1, 0)).hasMessageContaining("negative");
    }

    @Test
    void fixedSlippageShouldMoveAgainstTheTraderOnTheTick() {
        FixedBpsSlippage s = new FixedBpsSlippage(2);
        assertThat(s.fillPrice(0, INST, Side.BUY, Fixed.parse("100.5"), 1)).isEqualTo(Fixed.parse("100.53"));
        assertThat(s.fillPrice(0, INST, Side.SELL, Fixed.parse("100.5"), 1)).isEqualTo(Fixed.parse("100.47"));
        assertThat(s.bps()).isEqualTo(2);
        assertThat(SlippageModel.NONE.fillPrice(0, INST, Side.BUY, 123, 1)).isEqualTo(123);
        assertThatThrownBy(() -> new FixedBpsSlippage(-1)).hasMessageContaining("slippage");
    }

    @Test
    void corwinSchultzShouldMatchAHandComputedValueAndClampNegatives() {
        // two bars with a 1% range and no move: alpha = 0.00995033, S = 2(e^a - 1)/(1 + e^a) = 0.00995025
        assertThat(MarketStats.corwinSchultz(101, 100, 101, 100)).isCloseTo(0.009950248756, offset(1e-9));
        // a trending pair: the estimator goes negative (volatility, not spread) and counts as 0
        assertThat(MarketStats.corwinSchultz(101, 100, 103, 102)).isZero();
        assertThat(MarketStats.corwinSchultz(100, 100, 100, 100)).isZero();
    }

    private static Bar bar(long t, String h, String l, String c, String v) {
        return new Bar().set(0, t, t + 59_999, Fixed.parse(c), Fixed.parse(h), Fixed.parse(l), Fixed.parse(c),
                Fixed.parse(v));
    }

    @Test
    void costShouldBeFeePlusHalfSpreadPlusSquareRootImpact() {
        MarketStats stats = new MarketStats(20);
        stats.update(bar(0, "101", "100", "100.5", "100"));
        stats.update(bar(60_000, "101", "100", "100.5", "100"));
        stats.update(bar(120_000, "101", "100", "101", "100"));
        CostModel m = new CostModel(FlatFeeModel.ofBps(10), new MarketStats[] {stats}, 1.0, true);
        double half = stats.spreadFrac() / 2;
        double impact = stats.volatility() * Math.sqrt(25.0 / 100); // 25 units against 100 per bar
        CostEstimate e = m.estimate(0, INST, Side.BUY, Fixed.of(100), Fixed.of(25));
        assertThat(e.feeBps()).isCloseTo(10, offset(1e-9));
        assertThat(e.spreadBps()).isCloseTo(half * 10_000, offset(1e-9));
        assertThat(e.impactBps()).isCloseTo(impact * 10_000, offset(1e-9));
        assertThat(e.impactBps()).isPositive();
        assertThat(e.totalBps()).isCloseTo(e.feeBps() + e.slippageBps(), offset(1e-12));
        // bigger orders cost more, and the same inputs always give the same price
        assertThat(m.slippageFrac(0, Fixed.of(100))).isGreaterThan(m.slippageFrac(0, Fixed.of(25)));
        long buy = m.fillPrice(0, INST, Side.BUY, Fixed.of(100), Fixed.of(25));
        assertThat(buy).isEqualTo(m.fillPrice(0, INST, Side.BUY, Fixed.of(100), Fixed.of(25)))
                .isGreaterThan(Fixed.of(100));
        assertThat(m.fillPrice(0, INST, Side.SELL, Fixed.of(100), Fixed.of(25))).isLessThan(Fixed.of(100));
        assertThat(new CostModel(FlatFeeModel.ofBps(10), new MarketStats[] {stats}, 1.0, false)
                .fillPrice(0, INST, Side.BUY, Fixed.of(100), Fixed.of(25))).isEqualTo(Fixed.of(100));
        assertThatThrownBy(() -> new CostModel(FlatFeeModel.ofBps(1), new MarketStats[0], -1, true))
                .hasMessageContaining("impact");
    }

    @Test
    void feeTableShouldHoldSixVenuesWithSourcesAndTheBnbDiscount() {
        FeeTable t = FeeTable.builtIn();
        assertThat(t.version()).isEqualTo("2026-11-24");
        assertThat(t.entries().stream().map(FeeTable.Entry::venue).distinct()).contains("binance-spot",
                "binance-usdm", "bybit-spot", "okx-spot", "coinbase-advanced", "kraken-pro");
        t.entries().forEach(e -> {
            assertThat(e.source()).as(e.key()).isNotBlank();
            assertThat(e.asOf()).as(e.key()).matches("\\d{4}-\\d{2}-\\d{2}");
        });
        FeeTable.Entry spot = t.find("binance-spot", "regular");
        assertThat(spot.takerRate()).isEqualTo(Fixed.parse("0.001"));
        assertThat(spot.model(true).takerRate()).isEqualTo(Fixed.parse("0.00075")); // 25% off in BNB
        assertThat(t.find("BINANCE-USDM", "Regular").makerRate()).isEqualTo(Fixed.parse("0.0002"));
        assertThatThrownBy(() -> t.find("mtgox", "regular")).hasMessageContaining("known: binance-spot/regular");
    }

    @Test
    void engineConfigShouldRefuseNonsense() {
        assertThatThrownBy(() -> new EngineConfig(0, 0.1, 0)).hasMessageContaining("capital");
        assertThatThrownBy(() -> new EngineConfig(Fixed.of(1), 1.5, 0)).hasMessageContaining("fraction");
        assertThatThrownBy(() -> new EngineConfig(Fixed.of(1), 0.1, -1)).hasMessageContaining("fee");
    }
}
