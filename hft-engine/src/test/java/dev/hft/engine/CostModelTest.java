package dev.hft.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.Side;
import dev.hft.engine.cost.FixedBpsSlippage;
import dev.hft.engine.cost.FlatFeeModel;
import dev.hft.engine.cost.SlippageModel;
import org.junit.jupiter.api.Test;

class CostModelTest {
    private static final Instrument INST = new Instrument("T", "T", "USDT", Fixed.parse("0.01"), Fixed.parse("0.001"),
            0, 0);

    @Test
    void feeShouldBeTheRateTimesNotionalForMakerAndTaker() {
        FlatFeeModel f = new FlatFeeModel(Fixed.parse("0.0002"), Fixed.parse("0.0005")); // futures VIP 0
        // 10,104 USDT notional at 0.05% = 5.052 (Binance's own worked example)
        assertThat(f.fee(INST, Side.BUY, Fixed.parse("50520"), Fixed.parse("0.2"), false)).isEqualTo(Fixed.parse("5.052"));
        assertThat(f.fee(INST, Side.BUY, Fixed.parse("55520"), Fixed.parse("0.2"), true)).isEqualTo(Fixed.parse("2.2208"));
        assertThat(FlatFeeModel.ofBps(10).takerRate()).isEqualTo(Fixed.parse("0.001"));
        assertThatThrownBy(() -> new FlatFeeModel(-1, 0)).hasMessageContaining("negative");
    }

    @Test
    void slippageShouldMoveAgainstTheTraderOnTheTick() {
        FixedBpsSlippage s = new FixedBpsSlippage(2);
        assertThat(s.fillPrice(INST, Side.BUY, Fixed.parse("100.5"), 1)).isEqualTo(Fixed.parse("100.53"));
        assertThat(s.fillPrice(INST, Side.SELL, Fixed.parse("100.5"), 1)).isEqualTo(Fixed.parse("100.47"));
        assertThat(s.bps()).isEqualTo(2);
        assertThat(SlippageModel.NONE.fillPrice(INST, Side.BUY, 123, 1)).isEqualTo(123);
        assertThatThrownBy(() -> new FixedBpsSlippage(-1)).hasMessageContaining("slippage");
    }

    @Test
    void engineConfigShouldRefuseNonsense() {
        assertThatThrownBy(() -> new EngineConfig(0, 0.1, 0)).hasMessageContaining("capital");
        assertThatThrownBy(() -> new EngineConfig(Fixed.of(1), 1.5, 0)).hasMessageContaining("fraction");
        assertThatThrownBy(() -> new EngineConfig(Fixed.of(1), 0.1, -1)).hasMessageContaining("fee");
    }
}
