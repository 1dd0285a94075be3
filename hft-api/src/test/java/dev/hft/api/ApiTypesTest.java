package dev.hft.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hft.api.indicator.Sma;
import dev.hft.api.rule.CrossRule;
import dev.hft.api.rule.Rule;
import dev.hft.api.state.StateIO;
import dev.hft.core.OrderType;
import dev.hft.core.ReasonCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small types of the API behave as their Javadoc says, errors included. */
class ApiTypesTest {
    private static final Reason DIP = Reason.entry("DIP_BOUGHT", "bought a dip");

    @Test
    void aDecisionCarriesEitherABuiltInCodeOrTheStrategysOwnUnderItsCarrier() {
        Decision d = new Decision();
        d.enter(Action.ENTER_LONG, DIP, 0.7, 0.02, 0.04);
        assertThat(d.action).isEqualTo(Action.ENTER_LONG);
        assertThat(d.reason).isEqualTo(ReasonCode.ENTRY_STRATEGY);
        assertThat(d.strategyReason).isEqualTo(DIP);
        assertThat(d.confidence).isEqualTo(0.7);
        assertThat(d.stopLossFrac).isEqualTo(0.02);
        assertThat(d.takeProfitFrac).isEqualTo(0.04);
        d.enter(Action.ENTER_SHORT, ReasonCode.ENTRY_LIQ_SHORT, 1, 0, 0);
        assertThat(d.strategyReason).as("a built-in code clears the own reason").isNull();
        d.exit(Reason.exit("TARGET_MET", "target met"));
        assertThat(d.reason).isEqualTo(ReasonCode.EXIT_SIGNAL);
        assertThat(d.strategyReason.name()).isEqualTo("TARGET_MET");
        d.skip(Reason.skip("TOO_CALM", "nothing moves"));
        assertThat(d.action).isEqualTo(Action.NONE);
        assertThat(d.reason).isEqualTo(ReasonCode.SKIP_STRATEGY);
        d.exit(ReasonCode.EXIT_TIME);
        assertThat(d.strategyReason).isNull();
        d.skip(DIP.kind() == ReasonCode.Kind.ENTRY ? ReasonCode.SKIP_WARMUP : ReasonCode.SKIP_NO_SIGNAL);
        assertThat(d.reason).isEqualTo(ReasonCode.SKIP_WARMUP);
        d.enter(Action.ENTER_LONG, DIP, 1, 0, 0);
        d.reset();
        assertThat(d.action).isEqualTo(Action.NONE);
        assertThat(d.reason).isEqualTo(ReasonCode.SKIP_NO_SIGNAL);
        assertThat(d.strategyReason).isNull();
        assertThatThrownBy(() -> d.exit(DIP)).as("an entry reason cannot close")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DIP_BOUGHT", "EXIT");
        assertThatThrownBy(() -> d.skip((Reason) null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReasonNeedsAnUpperCaseNameOfItsOwnAndAOneLineDescription() {
        assertThat(DIP.name()).isEqualTo("DIP_BOUGHT");
        assertThat(DIP.kind()).isEqualTo(ReasonCode.Kind.ENTRY);
        assertThat(DIP.description()).isEqualTo("bought a dip");
        assertThat(DIP).hasToString("DIP_BOUGHT").isEqualTo(Reason.entry("DIP_BOUGHT", "other words"))
                .hasSameHashCodeAs(Reason.entry("DIP_BOUGHT", "other words")).isNotEqualTo("DIP_BOUGHT");
        assertThatThrownBy(() -> Reason.entry("dip", "x")).hasMessageContaining("upper case");
        assertThatThrownBy(() -> Reason.entry(null, "x")).hasMessageContaining("upper case");
        assertThatThrownBy(() -> Reason.exit("EXIT_SIGNAL", "x")).hasMessageContaining("built-in");
        assertThatThrownBy(() -> Reason.skip("QUIET", " ")).hasMessageContaining("description");
        assertThatThrownBy(() -> Reason.skip("QUIET", "a \"quoted\" word")).hasMessageContaining("description");
        assertThatThrownBy(() -> Reason.skip("QUIET", "two\nlines")).hasMessageContaining("description");
    }

    @Test
    void parametersAreValidatedAtTheBoundaryWithMessagesThatNameThem() {
        List<ParamSpec> specs = List.of(ParamSpec.integer("period", 14, 2, 100, "RSI period").search(7, 28, 7),
                ParamSpec.real("stopPct", 1.5, 0.1, 20, "stop, percent"));
        Params p = new Params("rsi", specs, Map.of("period", "21"));
        assertThat(p.getInt("period")).isEqualTo(21);
        assertThat(p.get("stopPct")).isEqualTo(1.5);
        assertThat(p.asMap()).containsExactly(Map.entry("period", 21.0), Map.entry("stopPct", 1.5));
        assertThat(specs.get(0).searched()).isTrue();
        assertThat(specs.get(1).searched()).isFalse();
        assertThatThrownBy(() -> p.get("nope")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new Params("rsi", specs, Map.of("perod", "3")))
                .hasMessageContaining("no parameter 'perod'", "known: period, stopPct");
        assertThatThrownBy(() -> new Params("rsi", specs, Map.of("period", "ten")))
                .hasMessageContaining("'period' is not a number: 'ten'");
        assertThatThrownBy(() -> new Params("rsi", specs, Map.of("period", "101")))
                .hasMessageContaining("outside [2, 100]");
        assertThatThrownBy(() -> new Params("rsi", specs, Map.of("period", "14.5")))
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> new Params("rsi", specs, Map.of("stopPct", "NaN")))
                .hasMessageContaining("outside [0.1, 20]");
        assertThatThrownBy(() -> specs.get(1).search(0, 5, 1)).hasMessageContaining("stopPct", "[0.1, 20]");
        assertThatThrownBy(() -> specs.get(1).search(1, 5, 0)).hasMessageContaining("positive step");
    }

    @Test
    void stateHelpersRoundTripEveryTypeAndRefuseAnotherLength() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        StateIO.doubles(out, new double[] {1.5, Double.NaN});
        StateIO.longs(out, new long[] {7, -8});
        StateIO.ints(out, new int[] {3});
        StateIO.booleans(out, new boolean[] {true, false});
        StateIO.dbl(out, -0.0);
        StateIO.string(out, "x");
        StateIO.string(out, null);
        StateIO.enumValue(out, ReasonCode.Kind.EXIT);
        StateIO.enumValue(out, (ReasonCode.Kind) null);
        StateIO.ints(out, new int[] {1, 2});
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        double[] d = new double[2];
        long[] l = new long[2];
        int[] i = new int[1];
        boolean[] b = new boolean[2];
        StateIO.doubles(in, d);
        StateIO.longs(in, l);
        StateIO.ints(in, i);
        StateIO.booleans(in, b);
        assertThat(d[0]).isEqualTo(1.5);
        assertThat(d[1]).isNaN();
        assertThat(l).containsExactly(7, -8);
        assertThat(i).containsExactly(3);
        assertThat(b).containsExactly(true, false);
        assertThat(Double.doubleToRawLongBits(StateIO.dbl(in))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(StateIO.string(in)).isEqualTo("x");
        assertThat(StateIO.string(in)).isNull();
        assertThat(StateIO.enumValue(in, ReasonCode.Kind.class)).isEqualTo(ReasonCode.Kind.EXIT);
        assertThat(StateIO.enumValue(in, ReasonCode.Kind.class)).isNull();
        assertThatThrownBy(() -> StateIO.ints(in, new int[3])).as("written with 2").isInstanceOf(IOException.class);
    }

    @Test
    void aCrossRuleFiresOnTheBarOfTheCrossAndComposes() throws IOException {
        Sma fast = new Sma(1);
        Sma slow = new Sma(2);
        CrossRule up = new CrossRule(fast, slow, true);
        CrossRule down = new CrossRule(fast, slow, false);
        Rule either = up.or(down);
        Rule both = up.and(down);
        double[] closes = {10, 9, 8, 12, 13, 9};
        boolean[] ups = new boolean[closes.length];
        boolean[] downs = new boolean[closes.length];
        for (int k = 0; k < closes.length; k++) {
            fast.update(closes[k]);
            slow.update(closes[k]);
            up.update();
            down.update();
            ups[k] = up.isSatisfied();
            downs[k] = down.isSatisfied();
            assertThat(either.isSatisfied()).isEqualTo(ups[k] || downs[k]);
            assertThat(both.isSatisfied()).isFalse();
            assertThat(up.negate().isSatisfied()).isEqualTo(!ups[k]);
        }
        // fast - slow: -, -0.5, -0.5, +2, +0.5, -2: up at 12, down at 9
        assertThat(ups).containsExactly(false, false, false, true, false, false);
        assertThat(downs).containsExactly(false, false, false, false, false, true);
        assertThat(slow.period()).isEqualTo(2);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        up.writeState(new DataOutputStream(bytes));
        slow.writeState(new DataOutputStream(bytes));
        Sma slow2 = new Sma(2);
        CrossRule up2 = new CrossRule(fast, slow2, true);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        up2.readState(in);
        slow2.readState(in);
        assertThat(slow2.value()).isEqualTo(slow.value());
        assertThat(up2.isSatisfied()).isEqualTo(up.isSatisfied());
    }

    /** A factory as a strategy jar would write it with the helper. */
    static final class Hold extends SimpleStrategyFactory {
        Hold() {
            super("hold", "never trades", List.of(ParamSpec.integer("n", 3, 1, 9, "a number")), p -> new Strategy() {
                @Override
                public String name() {
                    return "hold-" + p.getInt("n");
                }

                @Override
                public int warmupBars() {
                    return 0;
                }

                @Override
                public void onBar(dev.hft.core.Bar bar, PositionView position, Decision out) {
                }
            });
        }
    }

    @Test
    void aSimpleFactoryGivesItsFactsAndMakesIndependentInstances() {
        StrategyFactory f = new Hold();
        assertThat(f.name()).isEqualTo("hold");
        assertThat(f.description()).isEqualTo("never trades");
        assertThat(f.params()).extracting(ParamSpec::name).containsExactly("n");
        Strategy a = f.create(new Params("hold", f.params(), Map.of("n", "5")));
        Strategy b = f.create(new Params("hold", f.params(), Map.of()));
        assertThat(a.name()).isEqualTo("hold-5");
        assertThat(b.name()).isEqualTo("hold-3");
        assertThat(a.reasons()).isEmpty();
        assertThat(a.intervals()).isEmpty();
        assertThat(f.version()).as("no jar manifest on a class directory").isEqualTo("unversioned");
        assertThatThrownBy(() -> a.writeState(new DataOutputStream(new ByteArrayOutputStream())))
                .as("a strategy that keeps no snapshot says so").isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void limitAndStopShapeAnEntryOnlyAndCancelEntryClearsTheRest() {
        Decision d = new Decision();
        assertThatThrownBy(() -> d.limit(99, 0)).isInstanceOf(IllegalStateException.class);
        d.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0, 0);
        assertThatThrownBy(() -> d.limit(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.stop(99, -1)).isInstanceOf(IllegalArgumentException.class);
        d.limit(99, 3);
        assertThat(d.entryType).isEqualTo(OrderType.LIMIT);
        d.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0, 0);
        assertThat(d.entryType).as("a new enter starts at market").isEqualTo(OrderType.MARKET);
        d.enter(Action.ENTER_SHORT, DIP, 1, 0, 0).stop(101, 2);
        assertThat(d.entryType).isEqualTo(OrderType.STOP_MARKET);
        assertThat(d.entryPrice).isEqualTo(101);
        assertThat(d.entryExpiryBars).isEqualTo(2);
        d.cancelEntry();
        assertThat(d.action).isEqualTo(Action.CANCEL_ENTRY);
        assertThat(d.reason).isEqualTo(ReasonCode.SKIP_ENTRY_CANCELED);
        assertThat(d.entryType).isEqualTo(OrderType.MARKET);
        assertThat(d.strategyReason).isNull();
    }

    @Test
    void aSizeBelongsToAnEntryAndMustBePositive() {
        Decision d = new Decision();
        assertThatThrownBy(() -> d.sizeFraction(0.1)).isInstanceOf(IllegalStateException.class);
        d.enter(Action.ENTER_LONG, DIP, 1, 0.02, 0).sizeFraction(0.1);
        assertThat(d.sizing).isEqualTo(Decision.Sizing.FRACTION);
        assertThat(d.sizeValue).isEqualTo(0.1);
        d.sizeNotional(250);
        assertThat(d.sizing).isEqualTo(Decision.Sizing.NOTIONAL);
        d.sizeRisk(0.01);
        assertThat(d.sizing).isEqualTo(Decision.Sizing.RISK);
        assertThatThrownBy(() -> d.sizeFraction(1.5)).hasMessageContaining("at most 1");
        assertThatThrownBy(() -> d.sizeNotional(0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> d.sizeRisk(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        d.enter(Action.ENTER_SHORT, DIP, 1, 0, 0);
        assertThat(d.sizing).as("a new entry starts at the default size").isEqualTo(Decision.Sizing.DEFAULT);
    }

    @Test
    void aTimeInForceBelongsToALimitEntry() {
        Decision d = new Decision().enter(Action.ENTER_LONG, DIP, 1, 0, 0);
        assertThatThrownBy(d::ioc).isInstanceOf(IllegalStateException.class);
        d.stop(101, 0);
        assertThatThrownBy(d::postOnly).as("not for a stop entry").isInstanceOf(IllegalStateException.class);
        d.limit(99, 0).fok();
        assertThat(d.entryTimeInForce).isEqualTo(dev.hft.core.TimeInForce.FOK);
        d.postOnly();
        assertThat(d.entryTimeInForce).isEqualTo(dev.hft.core.TimeInForce.GTX);
        d.ioc();
        assertThat(d.entryTimeInForce).isEqualTo(dev.hft.core.TimeInForce.IOC);
        d.limit(98, 0);
        assertThat(d.entryTimeInForce).as("a new limit starts good till canceled").isEqualTo(
                dev.hft.core.TimeInForce.GTC);
    }

    @Test
    void aTrailingStopNeedsAnEntryAndADistanceBothVenuesAccept() {
        Decision d = new Decision();
        assertThatThrownBy(d::trailStop).isInstanceOf(IllegalStateException.class);
        d.enter(Action.ENTER_LONG, DIP, 1, 0, 0);
        assertThatThrownBy(d::trailStop).as("the default stop's distance is not the strategy's to trail")
                .hasMessageContaining("[0.001, 0.1]");
        d.enter(Action.ENTER_LONG, DIP, 1, 0.2, 0);
        assertThatThrownBy(d::trailStop).hasMessageContaining("0.2");
        d.enter(Action.ENTER_LONG, DIP, 1, 0.02, 0).trailStop();
        assertThat(d.trailStop).isTrue();
        d.enter(Action.ENTER_LONG, DIP, 1, 0.02, 0);
        assertThat(d.trailStop).as("a new entry starts with a fixed stop").isFalse();
        assertThatThrownBy(() -> d.trailStopBy(0)).hasMessageContaining("positive price");
        d.trailStopBy(150);
        assertThat(d.trailStop).isTrue();
        assertThat(d.trailDistance).isEqualTo(150);
        d.trailStop();
        assertThat(d.trailDistance).as("a fraction replaces a distance").isZero();
    }

    @Test
    void aStopLimitCarriesBothPrices() {
        Decision d = new Decision().enter(Action.ENTER_LONG, DIP, 1, 0.01, 0).stopLimit(101, 101.5, 3);
        assertThat(d.entryType).isEqualTo(OrderType.STOP_LIMIT);
        assertThat(d.entryPrice).isEqualTo(101);
        assertThat(d.entryLimitPrice).isEqualTo(101.5);
        assertThat(d.entryExpiryBars).isEqualTo(3);
        assertThatThrownBy(() -> d.stopLimit(101, 0, 0)).hasMessageContaining("limit");
        d.limit(99, 0);
        assertThat(d.entryLimitPrice).as("a plain limit has no second price").isZero();
        assertThatThrownBy(() -> new Decision().stopLimit(1, 1, 0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPartialExitTakesAFractionStrictlyInsideTheUnitAndAReplacementNeedsAnEntry() {
        Decision d = new Decision().exitPart(0.25, ReasonCode.EXIT_SIGNAL);
        assertThat(d.action).isEqualTo(Action.EXIT);
        assertThat(d.exitFraction).isEqualTo(0.25);
        assertThatThrownBy(() -> d.exitPart(1, ReasonCode.EXIT_SIGNAL)).hasMessageContaining("exit(...)");
        assertThatThrownBy(() -> d.exitPart(0, ReasonCode.EXIT_SIGNAL)).hasMessageContaining("(0, 1)");
        d.exit(ReasonCode.EXIT_SIGNAL);
        assertThat(d.exitFraction).as("a plain exit closes everything").isZero();
        assertThatThrownBy(() -> new Decision().replacing()).isInstanceOf(IllegalStateException.class);
        Decision e = new Decision().enter(Action.ENTER_LONG, DIP, 1, 0.01, 0).limit(99, 0).replacing();
        assertThat(e.replace).isTrue();
        e.enter(Action.ENTER_LONG, DIP, 1, 0.01, 0);
        assertThat(e.replace).as("a new entry replaces nothing unless asked").isFalse();
    }
}
