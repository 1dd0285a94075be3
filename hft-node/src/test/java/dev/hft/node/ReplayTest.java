package dev.hft.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hft.backtest.RunSpec;
import dev.hft.backtest.RunResult;
import dev.hft.backtest.BacktestRunner;
import dev.hft.backtest.SharedData;
import dev.hft.backtest.data.BarSeries;
import dev.hft.backtest.data.KlineReader;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.InstrumentTable;
import dev.hft.engine.EngineConfig;
import dev.hft.journal.FsyncPolicy;
import dev.hft.journal.JournalConfig;
import dev.hft.journal.JournalFormat;
import dev.hft.journal.JournalRecovery;
import dev.hft.journal.JournalWriter;
import dev.hft.sim.FillModel;
import dev.hft.sim.IntrabarPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Decision replay of recorded backtests on real BTCUSDT data: identical when untouched, first difference when not. */
class ReplayTest {
    @TempDir
    Path tmp;

    private Path record(String strategy, FillModel fill) {
        BarSeries all = KlineReader.read(SharedData.klines("BTCUSDT"), "BTCUSDT").series();
        BarSeries data = all.slice(all.openTime(0), all.openTime(0) + 10 * 86_400_000L);
        Instrument btc = InstrumentTable.builtIn().find("BTCUSDT");
        RunSpec cfg = new RunSpec(strategy, Map.of(), new EngineConfig(Fixed.of(10_000), 0.1, 0), null,
                null, null, false, null, 1.0, fill, IntrabarPolicy.STOP_FIRST, 0);
        Path dir = tmp.resolve(strategy + "-" + fill);
        try (JournalWriter w = JournalWriter.create(dir, "bt-1", JournalConfig.of(FsyncPolicy.NONE),
                JournalWriter.FILES)) {
            RunResult r = BacktestRunner.run(cfg, List.of(btc), List.of(data), "bt-1", null, w);
            assertThat(r.trades()).as("the run traded").isNotEmpty();
        }
        return dir;
    }

    @ParameterizedTest(name = "{0} fill={1}")
    @CsvSource({"liquidation-hunter,NEXT_OPEN", "liquidation-hunter,CLOSE", "sma-cross,NEXT_OPEN", "sma-cross,CLOSE"})
    void aRecordedBacktestShouldReplayByteIdentically(String strategy, FillModel fill) {
        Path dir = record(strategy, fill);
        long[] counts = new long[4];
        JournalRecovery.scan(dir, r -> {
            switch (r.type()) {
                case "bar" -> counts[0]++;
                case "decision" -> counts[1]++;
                case "submit" -> counts[2]++;
                case "fill" -> counts[3]++;
                default -> { }
            }
        }, false);
        assertThat(counts[0]).isEqualTo(14_400);
        assertThat(counts[1]).as("a decision per accepted bar").isGreaterThan(14_000);
        assertThat(counts[2]).isPositive();
        assertThat(counts[3]).isPositive();
        ReplayRunner.Result r = ReplayRunner.replay(dir);
        assertThat(r.difference()).isNull();
        assertThat(r.identical()).isTrue();
        assertThat(r.records()).isGreaterThan(28_000);
    }

    @Test
    void theDefaultTwoSymbolSyntheticRunShouldReplayByteIdentically() {
        // two symbols interleaved, entries stopped out inside their own fill bar, end-of-data flatten:
        // the cases where execution reports arrive nested inside other calls
        InstrumentTable t = InstrumentTable.builtIn();
        List<Instrument> insts = List.of(t.find("BTCUSDT"), t.find("ETHUSDT"));
        List<BarSeries> data = new java.util.ArrayList<>();
        for (Instrument i : insts) {
            data.add(dev.hft.backtest.synth.SyntheticGenerator.generate(i,
                    dev.hft.backtest.synth.SymbolProfile.of(i.symbol()), 42, 1_704_067_200_000L, 60 * 1440).series());
        }
        RunSpec cfg = new RunSpec("liquidation-hunter", Map.of(),
                new EngineConfig(Fixed.of(10_000), 0.1, 0), null, null, null, false, null, 1.0, FillModel.NEXT_OPEN,
                IntrabarPolicy.STOP_FIRST, 0);
        Path dir = tmp.resolve("synthetic");
        try (JournalWriter w = JournalWriter.create(dir, "bt-2", JournalConfig.of(FsyncPolicy.NONE),
                JournalWriter.FILES)) {
            BacktestRunner.run(cfg, insts, data, "bt-2", null, w);
        }
        ReplayRunner.Result r = ReplayRunner.replay(dir);
        assertThat(r.difference()).isNull();
        assertThat(r.records()).isGreaterThan(340_000);
    }

    /** Rewrites the first record of a type (with a valid checksum) and returns its seq. */
    private static long tamper(Path dir, String type, UnaryOperator<String> change) throws IOException {
        Path seg = JournalRecovery.segments(dir).get(0);
        List<String> lines = Files.readAllLines(seg, StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long seq = -1;
        for (String l : lines) {
            String json = l.substring(9);
            if (seq < 0 && json.contains("\"type\":\"" + type + "\"")) {
                String changed = change.apply(json);
                if (!changed.equals(json)) {
                    seq = Long.parseLong(json.substring(7, json.indexOf(',')));
                    json = changed;
                }
            }
            out.write(JournalFormat.line(json));
        }
        Files.write(seg, out.toByteArray());
        return seq;
    }

    @Test
    void aChangedDecisionShouldBeReportedAtItsSeqWithExpectedAndActual() throws IOException {
        Path dir = record("liquidation-hunter", FillModel.NEXT_OPEN);
        long seq = tamper(dir, "decision", j -> j.replace("SKIP_WARMUP", "SKIP_NO_TREND"));
        assertThat(JournalRecovery.scan(dir, r -> { }, false).usable()).as("the journal itself is valid").isTrue();
        ReplayRunner.Result r = ReplayRunner.replay(dir);
        assertThat(r.identical()).isFalse();
        assertThat(r.difference().seq()).isEqualTo(seq);
        assertThat(r.difference().expected()).contains("SKIP_NO_TREND");
        assertThat(r.difference().actual()).contains("SKIP_WARMUP");
    }

    @Test
    void aChangedOrderQuantityShouldBeReportedAtItsSeq() throws IOException {
        Path dir = record("sma-cross", FillModel.NEXT_OPEN);
        long seq = tamper(dir, "submit", j -> j.replaceFirst("\"q\":\"([0-9.]+)\"", "\"q\":\"1\""));
        ReplayRunner.Result r = ReplayRunner.replay(dir);
        assertThat(r.difference().seq()).isEqualTo(seq);
        assertThat(r.difference().expected()).contains("\"q\":\"1\"");
    }

    @Test
    void aChangedBarShouldBeCaughtWhereItsEffectShows() throws IOException {
        Path dir = record("sma-cross", FillModel.NEXT_OPEN);
        // the first bar's close becomes far above its high: the sanitizer now rejects it, so no decision follows
        long seq = tamper(dir, "bar", j -> j.replaceFirst("\"c\":\"[0-9.]+\"", "\"c\":\"99999\""));
        ReplayRunner.Result r = ReplayRunner.replay(dir);
        assertThat(r.identical()).isFalse();
        assertThat(r.difference().seq()).isEqualTo(seq + 1);
        assertThat(r.difference().expected()).contains("\"type\":\"decision\"");
    }

    @Test
    void replayShouldRefuseWhatIsNotAReplayableJournal() throws IOException {
        assertThatThrownBy(() -> ReplayRunner.replay(tmp.resolve("none"))).hasMessageContaining("no journal");
        Path dir = record("sma-cross", FillModel.CLOSE);
        Path seg = JournalRecovery.segments(dir).get(0);
        byte[] b = Files.readAllBytes(seg);
        b[b.length / 2] ^= 1;
        Files.write(seg, b);
        assertThatThrownBy(() -> ReplayRunner.replay(dir)).hasMessageContaining("journal corrupt");
    }
}
