package dev.hft.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hft.backtest.RunSpec;
import dev.hft.core.Fixed;
import dev.hft.engine.EngineConfig;
import dev.hft.sim.FillModel;
import dev.hft.sim.IntrabarPolicy;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The restart path in one process: a session abandoned mid-stream is recovered and finished. */
class DurableSessionTest {
    @TempDir
    Path tmp;

    @Test
    void anAbandonedSessionShouldRecoverAndFinishWithOneReplayableJournal() {
        Path dir = tmp.resolve("s");
        var first = DurableSession.open(dir, PaperCrashChild.CONFIG, PaperCrashChild.instruments(),
                PaperCrashChild.data(), "paper-1", 700);
        assertThat(first.recovered()).isNull();
        for (int k = 0; k < 9000; k++) {
            first.step();
        }
        long durable = first.journal().lastDurableSeq();
        long ordersAtVenue = first.venue().ordersReceived();
        assertThat(ordersAtVenue).as("the first process traded").isGreaterThan(5);
        // abandoned without close(): what it had not forced is gone, as in a crash

        var second = DurableSession.open(dir, PaperCrashChild.CONFIG, PaperCrashChild.instruments(),
                PaperCrashChild.data(), "paper-1", 700);
        assertThat(second.recovered()).isNotNull();
        assertThat(second.recovered().snapshotSeq()).as("started from a snapshot").isPositive();
        assertThat(second.recovered().records()).isGreaterThanOrEqualTo(durable);
        assertThat(second.position()).isLessThanOrEqualTo(9000).isPositive();
        assertThat(second.venue().ordersReceived()).as("the venue remembers what it received")
                .isEqualTo(ordersAtVenue);
        assertThat(second.engine().reconciliationPending()).isFalse();
        while (second.step()) {
            // to the end of the stream
        }
        assertThat(second.position()).isEqualTo(2 * 10 * 1440);
        assertThat(second.venue().duplicateIds()).isZero();
        second.close();
        assertThat(ReplayRunner.replay(dir.resolve("journal")).difference()).isNull();
    }

    @Test
    void aSessionKilledBeforeItsFirstOrderStartsAgain() throws Exception {
        Path dir = tmp.resolve("early");
        var first = DurableSession.open(dir, PaperCrashChild.CONFIG, PaperCrashChild.instruments(),
                PaperCrashChild.data(), "paper-2", 700);
        first.step(); // a bar, no order: the venue's journal holds nothing forced
        assertThat(first.venue().ordersReceived()).isZero();
        assertThat(java.nio.file.Files.size(dev.hft.journal.JournalRecovery.segments(dir.resolve("venue")).get(0)))
                .as("what a kill leaves: the venue's segment created, nothing in it").isZero();
        // abandoned without close(), as after kill -9
        var second = DurableSession.open(dir, PaperCrashChild.CONFIG, PaperCrashChild.instruments(),
                PaperCrashChild.data(), "paper-2", 700);
        assertThat(second.step()).isTrue();
        second.close();
        assertThat(ReplayRunner.replay(dir.resolve("journal")).difference()).isNull();
    }

    @Test
    void aRecoveredSessionSendsNothingUntilItsStartChecksPass() {
        Path dir = tmp.resolve("gate");
        var first = DurableSession.open(dir, PaperCrashChild.CONFIG, PaperCrashChild.instruments(),
                PaperCrashChild.data(), "paper-3", 0);
        for (int k = 0; k < 9000; k++) {
            first.step();
        }
        first.close();
        long sent = first.venue().ordersReceived();

        // fed bar by bar (a live stream): the caller reconciles, with its own checks
        var refused = DurableSession.open(dir, PaperCrashChild.CONFIG, PaperCrashChild.instruments(), "paper-3", 0,
                0);
        assertThat(refused.recovering()).isTrue();
        assertThat(refused.engine().reconciliationPending()).as("recovered with the gate raised").isTrue();
        assertThatThrownBy(() -> refused.onBar(PaperCrashChild.data().get(0).fill(0, 0, new dev.hft.core.Bar())))
                .hasMessageContaining("reconcile before the first bar");
        boolean[] gateDuringChecks = {false};
        assertThatThrownBy(() -> refused.reconcile(() -> {
            gateDuringChecks[0] = refused.engine().reconciliationPending();
            throw new IllegalStateException("the venue holds an order this session does not know");
        })).hasMessageContaining("does not know");
        assertThat(gateDuringChecks[0]).as("the checks run before the gate is lowered").isTrue();
        assertThat(refused.engine().reconciliationPending()).as("a refused start keeps the gate").isTrue();
        assertThat(refused.venue().ordersReceived()).as("nothing left").isEqualTo(sent);
        refused.close();

        var accepted = DurableSession.open(dir, PaperCrashChild.CONFIG, PaperCrashChild.instruments(), "paper-3", 0,
                0);
        accepted.reconcile(() -> { });
        assertThat(accepted.engine().reconciliationPending()).isFalse();
        assertThatThrownBy(() -> accepted.reconcile(() -> { })).hasMessageContaining("reconciled already");
        accepted.close();
        assertThat(ReplayRunner.replay(dir.resolve("journal")).difference()).isNull();
    }

    @Test
    void aSessionNeedsAFlatFeeAndAFixedSlippage() {
        RunSpec modelled = new RunSpec("liquidation-hunter", Map.of(),
                new EngineConfig(Fixed.of(10_000), 0.1, 0), null, null, null, false, null, 1.0, FillModel.NEXT_OPEN,
                IntrabarPolicy.STOP_FIRST, 0);
        assertThatThrownBy(() -> DurableSession.open(tmp.resolve("x"), modelled, PaperCrashChild.instruments(),
                PaperCrashChild.data(), "p", 0)).hasMessageContaining("flat fee and a fixed slippage");
    }
}
