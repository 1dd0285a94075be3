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
import dev.hft.engine.cost.FixedBpsSlippage;
import dev.hft.engine.cost.FlatFeeModel;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link SimulatedExchange#idleOn}: where it says a bar changes nothing, matching the bar fills, triggers, cancels and
 * trails nothing. A trial relies on it to pass a held position's bars without the engine.
 */
class IdleOnTest {
    private static final Instrument INST = new Instrument("TEST", "T", "USDT", Fixed.parse("0.01"),
            Fixed.parse("0.001"), Fixed.parse("0.001"), Fixed.parse("5"));
    private static final long T0 = 1_704_067_200_000L;

    private int events;
    private int seq;

    @Test
    void whereTheVenueIsIdleOnABarMatchingItChangesNothing() {
        SplittableRandom rnd = new SplittableRandom(8);
        int idle = 0;
        int busy = 0;
        for (IntrabarPolicy policy : IntrabarPolicy.values()) {
            SimulatedExchange ex = new SimulatedExchange(List.of(INST), FlatFeeModel.ofBps(10), new FixedBpsSlippage(2),
                    FillModel.NEXT_OPEN, policy);
            ex.setListener(new ExecutionListener() {
                @Override
                public void onOrderFilled(Order order, Fill fill) {
                    events++;
                }

                @Override
                public void onOrderRejected(Order order, ReasonCode reason) {
                    events++;
                }

                @Override
                public void onOrderCanceled(Order order) {
                    events++;
                }
            });
            long price = Fixed.of(100);
            for (int k = 0; k < 4000; k++) {
                long open = T0 + k * 60_000L;
                if (k % 40 == 0) { // a fresh protective pair of a long or a short, sometimes trailing
                    boolean lng = rnd.nextBoolean();
                    Side exit = lng ? Side.SELL : Side.BUY;
                    long stop = INST.roundPrice(price + (lng ? -1 : 1) * price / (50 + rnd.nextInt(100)));
                    long tp = INST.roundPrice(price + (lng ? 1 : -1) * price / (50 + rnd.nextInt(100)));
                    Order s = new Order("s" + ++seq, 0, exit, OrderType.STOP_MARKET, Fixed.of(1), 0, stop, true,
                            ReasonCode.EXIT_STOP_LOSS, open, price);
                    s.trailBps = rnd.nextInt(5) == 0 ? 50 : 0;
                    Order t = new Order("t" + ++seq, 0, exit, OrderType.LIMIT, Fixed.of(1), tp, 0, true,
                            ReasonCode.EXIT_TAKE_PROFIT, open, price);
                    s.ocoPeerId = t.clientOrderId;
                    t.ocoPeerId = s.clientOrderId;
                    ex.submit(s);
                    ex.submit(t);
                }
                long o = price;
                long c = INST.roundPrice(o + (long) (o * (rnd.nextDouble() - 0.5) * 0.01));
                long h = Math.max(o, c) + INST.roundPrice((long) (o * rnd.nextDouble() * 0.003));
                long l = Math.min(o, c) - INST.roundPrice((long) (o * rnd.nextDouble() * 0.003));
                Bar bar = new Bar().set(0, open, open + 59_999, o, h, l, c, Fixed.of(100));
                boolean said = ex.idleOn(bar);
                int before = events;
                ex.onMarketData(bar);
                if (said) {
                    idle++;
                    assertThat(events).as("bar %d: idle, yet something happened", k).isEqualTo(before);
                } else {
                    busy++;
                }
                price = c;
            }
        }
        assertThat(idle).as("both answers occur").isPositive();
        assertThat(busy).isPositive();
    }
}
