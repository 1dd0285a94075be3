package dev.hft.engine.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.core.Fixed;
import dev.hft.engine.bus.EventBus;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link RiskGuard#quietAt}: where it says yes, {@link RiskGuard#onEquity} changes nothing but its figures. A trial
 * relies on it to pass a held position's bars without the engine.
 */
class RiskGuardQuietTest {
    private static final long DAY = 86_400_000L;

    @Test
    void whereItSaysQuietALookAtEquityChangesNoState() {
        SplittableRandom rnd = new SplittableRandom(20261208);
        int quiet = 0;
        int loud = 0;
        int changedWhereLoud = 0;
        for (int walk = 0; walk < 400; walk++) {
            // daily loss, reducing and halt thresholds between 0.2% and 3%, or off
            double daily = rnd.nextInt(4) == 0 ? 0 : 0.2 + rnd.nextDouble() * 2.8;
            double reducing = rnd.nextInt(4) == 0 ? 0 : 0.2 + rnd.nextDouble() * 2.8;
            double halt = rnd.nextInt(4) == 0 ? 0 : reducing + rnd.nextDouble() * 2;
            RiskLimits limits = new RiskLimits(1.5, daily, reducing, halt, true, 90, 100, 5, 0.5,
                    Fixed.of(1_000_000), 0, 1, 2);
            RiskGuard guard = new RiskGuard(limits, new EventBus());
            long equity = Fixed.of(10_000);
            long now = 1_704_067_200_000L + rnd.nextLong(DAY);
            for (int step = 0; step < 600; step++) {
                now += 60_000L * (1 + rnd.nextInt(rnd.nextInt(50) == 0 ? 2000 : 3)); // now and then a day on
                equity += (long) (equity * (rnd.nextDouble() - 0.5) * 0.004);
                boolean said = guard.quietAt(now, equity);
                TradingState state = guard.state();
                var reason = guard.stateReason();
                long changes = guard.stateChanges();
                boolean flatten = guard.onEquity(now, equity, 1);
                boolean changed = guard.state() != state || guard.stateReason() != reason
                        || guard.stateChanges() != changes || flatten;
                if (said) {
                    quiet++;
                    assertThat(changed).as("walk %d step %d: quiet, yet the look changed the state", walk, step)
                            .isFalse();
                } else {
                    loud++;
                    changedWhereLoud += changed ? 1 : 0;
                }
                if (guard.state() != TradingState.ACTIVE && rnd.nextInt(20) == 0) {
                    guard.release(now, 1);
                }
            }
        }
        assertThat(quiet).as("most looks are quiet").isGreaterThan(loud);
        assertThat(changedWhereLoud).as("and the others include every kind of change").isPositive();
    }

    @Test
    void aNewDayIsNeverQuietNorIsAnyStateButActive() {
        RiskGuard guard = new RiskGuard(new RiskLimits(1.5, 1, 2, 3, true, 90, 100, 5, 0.5, Fixed.of(1_000_000), 0,
                1, 2), new EventBus());
        long t = 1_704_067_200_000L;
        guard.onEquity(t, Fixed.of(10_000), 1);
        assertThat(guard.quietAt(t + 60_000, Fixed.of(10_000))).isTrue();
        assertThat(guard.quietAt(t + DAY, Fixed.of(10_000))).as("a new UTC day rolls the daily figures").isFalse();
        assertThat(guard.quietAt(t + 60_000, Fixed.of(9_880))).as("down 1.2%: the daily loss").isFalse();
        guard.killSwitch(t + 60_000, 1);
        assertThat(guard.quietAt(t + 120_000, Fixed.of(10_000))).isFalse();
    }
}
