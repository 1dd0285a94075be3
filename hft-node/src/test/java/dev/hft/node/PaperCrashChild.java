package dev.hft.node;

import dev.hft.backtest.RunSpec;
import dev.hft.backtest.data.BarSeries;
import dev.hft.backtest.synth.SymbolProfile;
import dev.hft.backtest.synth.SyntheticGenerator;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.InstrumentTable;
import dev.hft.engine.EngineConfig;
import dev.hft.sim.FillModel;
import dev.hft.sim.IntrabarPolicy;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The child process of {@link PaperSessionCrashTest}: opens (or recovers) a paper-style session in
 * {@code args[0]} over {@code args[1]} (default ten) synthetic days of BTCUSDT and ETHUSDT, and trades it bar by
 * bar. It prints
 * {@code start <bar> <digest>} after recovery (digest before reconciliation), {@code ack <seq>} whenever the
 * journal's durable seq moved (an order was journaled and forced), and {@code done} at the end of the stream.
 */
public final class PaperCrashChild {
    private PaperCrashChild() {
    }

    static final RunSpec CONFIG = new RunSpec("liquidation-hunter",
            Map.of("minConfidence", "0.55", "maxHoldBars", "60"), new EngineConfig(Fixed.of(10_000), 0.1, 0), 10.0,
            null, null, false, 2.0, 1.0, FillModel.NEXT_OPEN, IntrabarPolicy.STOP_FIRST, 0);

    static List<Instrument> instruments() {
        InstrumentTable t = InstrumentTable.builtIn();
        return List.of(t.find("BTCUSDT"), t.find("ETHUSDT"));
    }

    static List<BarSeries> data() {
        return data(10);
    }

    static List<BarSeries> data(int days) {
        List<BarSeries> out = new ArrayList<>();
        for (Instrument i : instruments()) {
            out.add(SyntheticGenerator.generate(i, SymbolProfile.of(i.symbol()), 9, 1_704_067_200_000L, days * 1440)
                    .series());
        }
        return out;
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        try (DurableSession<JournaledVenue> s = DurableSession.open(Path.of(args[0]), CONFIG, instruments(), data(days),
                "paper-1", 500)) {
            out.println("start " + s.position() + " " + s.recoveredDigest());
            out.flush();
            long acked = s.journal().lastDurableSeq();
            while (s.step()) {
                long durable = s.journal().lastDurableSeq();
                if (durable > acked) {
                    acked = durable;
                    out.println("ack " + durable);
                    out.flush();
                }
            }
            out.println("done " + s.venue().duplicateIds());
            out.flush();
        }
    }
}
