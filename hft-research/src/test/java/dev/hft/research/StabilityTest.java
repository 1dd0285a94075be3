package dev.hft.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StabilityTest {
    @Test
    void theObjectiveAlongEachParameterPassesThroughTheChosenPoint() {
        OptimizationResult o = Optimizer.run(new SearchSpec(Fixtures.costFree("sma-cross"), Fixtures.smaSpace(),
                Sampler.GRID, 0, Objective.SHARPE, new Constraints(1, 100), 1, 2),
                Fixtures.randomWalk(6, 20, 0.10, "BTCUSDT"), null, null);
        Map<String, Object> st = ReportData.stability(o);
        List<?> lines = (List<?>) st.get("lines");
        assertThat(lines).hasSize(2);
        ParamSpace space = o.spec().space();
        int[] chosen = space.coordinates(o.best().point());
        double best = ReportData.round(o.best().score());
        int neighbours = 0;
        double sum = 0;
        double worst = Double.POSITIVE_INFINITY;
        for (int d = 0; d < 2; d++) {
            Map<?, ?> line = (Map<?, ?>) lines.get(d);
            assertThat(line.get("chosen")).isEqualTo(chosen[d]);
            List<?> scores = (List<?>) line.get("scores");
            assertThat(scores).hasSize(4);
            assertThat(scores.get(chosen[d])).isEqualTo(best);
            // every other point on the line is the trial that differs from the best in this parameter alone
            for (int i = 0; i < 4; i++) {
                int[] c = chosen.clone();
                c[d] = i;
                long index = space.index(c);
                assertThat(space.coordinates(index)).containsExactly(c);
                TrialResult t = o.fullRuns().stream().filter(x -> x.point() == index).findFirst().orElseThrow();
                assertThat(scores.get(i)).isEqualTo(t.ok() ? ReportData.round(t.score()) : null);
                if (t.ok() && Math.abs(i - chosen[d]) == 1) {
                    neighbours++;
                    sum += t.score();
                    worst = Math.min(worst, t.score());
                }
            }
        }
        assertThat(st.get("neighbours")).isEqualTo(neighbours);
        assertThat(neighbours).isPositive();
        assertThat(st.get("neighbourMeanScore")).isEqualTo(ReportData.round(sum / neighbours));
        assertThat(st.get("worstNeighbourScore")).isEqualTo(ReportData.round(worst));
    }
}
