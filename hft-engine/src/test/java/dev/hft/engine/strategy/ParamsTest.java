package dev.hft.engine.strategy;

import dev.hft.api.StrategyFactory;
import dev.hft.api.Params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamsTest {
    private final StrategyFactory lh = StrategyRegistry.get("liquidation-hunter");

    @Test
    void shouldUseDefaultsAndOverrides() {
        Params p = new Params(lh.name(), lh.params(), Map.of("minConfidence", "0.6"));
        assertThat(p.get("minConfidence")).isEqualTo(0.6);
        assertThat(p.getInt("fastMa")).isEqualTo(50);
        assertThat(p.get("takeProfit")).isEqualTo(0.02);
        assertThat(p.get("stopLoss")).isEqualTo(0.008);
        assertThat(p.asMap()).containsKeys("fastMa", "slowMa", "extreme", "volumeSpike");
    }

    @Test
    void shouldNameTheBadParameter() {
        assertThatThrownBy(() -> new Params(lh.name(), lh.params(), Map.of("nope", "1")))
                .hasMessageContaining("no parameter 'nope'").hasMessageContaining("minConfidence");
        assertThatThrownBy(() -> new Params(lh.name(), lh.params(), Map.of("fastMa", "abc")))
                .hasMessageContaining("'fastMa' is not a number");
        assertThatThrownBy(() -> new Params(lh.name(), lh.params(), Map.of("minConfidence", "2")))
                .hasMessageContaining("outside [0, 1]");
        assertThatThrownBy(() -> new Params(lh.name(), lh.params(), Map.of("fastMa", "2.5")))
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> lh.create(new Params(lh.name(), lh.params(), Map.of("fastMa", "300"))))
                .hasMessageContaining("fastMa (300) must be below slowMa (200)");
        StrategyFactory sma = StrategyRegistry.get("sma-cross");
        assertThatThrownBy(() -> sma.create(new Params(sma.name(), sma.params(), Map.of("fast", "40"))))
                .hasMessageContaining("must be below slow");
    }

    @Test
    void shouldListKnownStrategiesForAnUnknownName() {
        assertThatThrownBy(() -> StrategyRegistry.get("moon")).hasMessageContaining("liquidation-hunter")
                .hasMessageContaining("sma-cross");
    }
}
