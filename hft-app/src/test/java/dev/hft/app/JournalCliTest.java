package dev.hft.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.journal.JournalFormat;
import dev.hft.journal.JournalRecovery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** backtest --journal and hft replay as a user meets them. */
class JournalCliTest {
    @TempDir
    Path tmp;

    @Test
    void aJournaledBacktestShouldReplayIdenticallyAndATamperedOneShouldNot() throws IOException {
        Path out = tmp.resolve("run");
        CliTest.Run bt = CliTest.hft("backtest", "--days", "3", "--journal", "--fsync", "per-order",
                "--snapshot-every", "1000", "--out", out.toString());
        assertThat(bt.code()).as(bt.err()).isZero();
        assertThat(bt.out()).contains("Journal: ", "journal fsync=per-order");
        assertThat(JournalRecovery.segments(out.resolve("journal"))).isNotEmpty();
        try (var files = Files.list(out.resolve("journal"))) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith("snapshot-")).count())
                    .as("2 symbols x 3 days = 8,640 bars: a snapshot every 1,000").isEqualTo(8);
        }
        CliTest.Run ok = CliTest.hft("replay", "--journal", out.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("byte-identical");

        // change one decision (keeping the checksum valid): replay names its seq and exits 1
        Path seg = JournalRecovery.segments(out.resolve("journal")).get(0);
        List<String> lines = Files.readAllLines(seg, StandardCharsets.US_ASCII);
        List<byte[]> rewritten = new ArrayList<>();
        boolean done = false;
        for (String l : lines) {
            String json = l.substring(9);
            if (!done && json.contains("\"SKIP_WARMUP\"")) {
                json = json.replace("\"SKIP_WARMUP\"", "\"SKIP_NO_TREND\"");
                done = true;
            }
            rewritten.add(JournalFormat.line(json));
        }
        try (var os = Files.newOutputStream(seg)) {
            for (byte[] b : rewritten) {
                os.write(b);
            }
        }
        CliTest.Run diff = CliTest.hft("replay", "--journal", out.resolve("journal").toString());
        assertThat(diff.code()).isEqualTo(ReplayCommand.EXIT_DIFFERENT);
        assertThat(diff.out()).contains("differs at seq", "journal: ", "SKIP_NO_TREND", "replay:  ", "SKIP_WARMUP");
    }

    @Test
    void aKilledBacktestsJournalIsKeptFoundAndReplayedWithItsTornTailNamed() throws IOException {
        Path done = tmp.resolve("done");
        assertThat(CliTest.hft("backtest", "--days", "1", "--journal", "--out", done.toString()).code()).isZero();
        // what a kill -9 of `hft backtest --journal --out killed` leaves: its hidden directory, the journal torn
        // inside a record
        Path hidden = tmp.resolve(".killed.tmp");
        Files.createDirectories(hidden.resolve("journal"));
        Path seg = JournalRecovery.segments(done.resolve("journal")).get(0);
        byte[] all = Files.readAllBytes(seg);
        int cut = all.length / 2;
        while (all[cut - 1] == '\n') {
            cut++;
        }
        Files.write(hidden.resolve("journal").resolve(seg.getFileName()), java.util.Arrays.copyOf(all, cut));
        Path killed = tmp.resolve("killed");

        CliTest.Run find = CliTest.hft("replay", "--journal", killed.toString());
        assertThat(find.code()).isEqualTo(2);
        assertThat(find.err()).contains("did not finish", ".killed.tmp");

        CliTest.Run again = CliTest.hft("backtest", "--days", "1", "--out", killed.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("did not finish", "killed.unfinished");
        Path kept = tmp.resolve("killed.unfinished");
        assertThat(Files.readAllBytes(kept.resolve("journal").resolve(seg.getFileName())))
                .as("nothing deleted").hasSize(cut);

        CliTest.Run replay = CliTest.hft("replay", "--journal", kept.toString());
        assertThat(replay.code()).as(replay.out() + replay.err()).isZero();
        assertThat(replay.out()).contains("incomplete journal", "torn tail at " + seg.getFileName() + " byte ",
                "byte-identical (every complete record)");
        assertThat(Files.size(kept.resolve("journal").resolve(seg.getFileName()))).as("replay repairs nothing")
                .isEqualTo(cut);
    }

    @Test
    void journalBenchShouldReportBothFigures() {
        CliTest.Run r = CliTest.hft("bench", "journal", "--records", "5000", "--rounds", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("append", "records/s", "recovery scan", "ms per 100,000 records");
        assertThat(CliTest.hft("bench", "quantum").code()).isEqualTo(2);
        CliTest.Run p = CliTest.hft("bench", "pipeline", "--days", "2", "--rounds", "1");
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(p.out()).contains("5,760 bars (2 days x 2 symbols)", "median", "bars/s");
        CliTest.Run w = CliTest.hft("bench", "wire", "--messages", "2000", "--rounds", "1");
        assertThat(w.code()).as(w.err()).isZero();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("no journal +messages that sent orders +([0-9,]+)")
                .matcher(w.out());
        assertThat(m.find()).as(w.out()).isTrue();
        assertThat(Long.parseLong(m.group(1).replace(",", ""))).as("the path reached signed orders").isPositive();
        assertThat(w.out()).contains("journal on (fsync none)", "p99");
        assertThat(CliTest.hft("bench", "wire", "--messages", "10").code()).isEqualTo(2);
        CliTest.Run o = CliTest.hft("bench", "optimize", "--days", "6", "--rounds", "1");
        assertThat(o.code()).as(o.out() + o.err()).isZero();
        assertThat(o.out()).contains("8,640 bars per trial", "fast evaluator, 64 points",
                "general path (the engine per trial over the tape), 8 points", "bar-evaluations/s",
                "identical figures");
        assertThat(CliTest.hft("bench", "optimize", "--days", "0").code()).isEqualTo(2);
    }

    @Test
    void verdictBenchPrintsFalsePositivesAndPowerForEveryCase() {
        CliTest.Run v = CliTest.hft("bench", "verdict", "--seeds", "1", "--days", "12");
        assertThat(v.code()).as(v.out() + v.err()).isZero();
        java.util.regex.Matcher fp = java.util.regex.Pattern.compile(
                "12 days: false positives on no-edge data: (\\d+) of 10 ").matcher(v.out());
        assertThat(fp.find()).as(v.out()).isTrue();
        assertThat(v.out()).contains("sma-cross, trend 0.1, default costs: found", "liquidation-hunter, "
                + "reversion 0.9, no costs: found");
        assertThat(v.out().lines().filter(l -> l.matches("(sma-cross|liquidation-hunter),.* (yes|no) +(yes|no) +1 .*")))
                .hasSize(18);
        assertThat(CliTest.hft("bench", "verdict", "--seeds", "0").code()).isEqualTo(2);
    }

    @Test
    void badJournalInputShouldExitTwo() throws IOException {
        CliTest.Run missing = CliTest.hft("replay", "--journal", tmp.resolve("nope").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("journal directory not found");
        Files.createDirectories(tmp.resolve("empty"));
        CliTest.Run empty = CliTest.hft("replay", "--journal", tmp.resolve("empty").toString());
        assertThat(empty.code()).isEqualTo(2);
        assertThat(empty.err()).contains("no journal");
        CliTest.Run fsync = CliTest.hft("backtest", "--fsync", "sometimes", "--out", tmp.resolve("x").toString());
        assertThat(fsync.code()).isEqualTo(2);
        assertThat(fsync.err()).contains("--fsync must be none, per-order or interval");
        CliTest.Run noJournal = CliTest.hft("backtest", "--snapshot-every", "5", "--out", tmp.resolve("y").toString());
        assertThat(noJournal.code()).isEqualTo(2);
        assertThat(noJournal.err()).contains("add --journal");
    }
}
