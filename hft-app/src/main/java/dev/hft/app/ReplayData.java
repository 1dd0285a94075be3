package dev.hft.app;

import dev.hft.backtest.data.BarSeries;
import dev.hft.core.Instrument;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The bars {@code hft paper --replay} streams: kline files read and validated as {@code hft backtest --data} reads
 * them (one path per symbol), or the built-in synthetic generator ({@code synthetic}) for the session's symbols.
 *
 * @param series one per symbol, in the session's symbol order
 * @param label  what was loaded, for people
 */
record ReplayData(List<BarSeries> series, String label) {
    static final String SYNTHETIC = "synthetic";

    long intervalMs() {
        return series.get(0).intervalMs();
    }

    /**
     * The bars of the days {@code from} to {@code to} (UTC, both included; null: no bound). Every symbol must keep
     * at least one bar; a reversed range is a user error.
     */
    ReplayData between(LocalDate from, LocalDate to) {
        if (from == null && to == null) {
            return this;
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new UserError("--replay-to (" + to + ") is before --replay-from (" + from + ")");
        }
        long lo = from == null ? Long.MIN_VALUE : Dates.startOfDayMs(from);
        long hi = to == null ? Long.MAX_VALUE : Dates.startOfDayMs(to.plusDays(1));
        List<BarSeries> out = new ArrayList<>();
        for (BarSeries s : series) {
            BarSeries cut = s.slice(lo, hi);
            if (cut.size() == 0) {
                throw new UserError("--replay: " + s.symbol() + " has no bars between --replay-from and --replay-to");
            }
            out.add(cut);
        }
        return new ReplayData(out, label + (from == null ? "" : ", from " + from) + (to == null ? "" : " to " + to));
    }

    /**
     * Loads {@code replay}; without {@code --symbol}, the symbols of the files' names become the session's. A bad
     * path, an unknown symbol or a count that does not match is a user error, before anything starts.
     */
    static ReplayData load(List<String> replay, SessionOptions session, AppConfig cfg, int days) {
        if (replay.contains(SYNTHETIC)) {
            if (replay.size() != 1) {
                throw new UserError("--replay synthetic stands alone (it generates every --symbol); got " + replay);
            }
            if (days < 1) {
                throw new UserError("--replay-days must be at least 1, got " + days);
            }
            List<BarSeries> out = new ArrayList<>();
            LocalDate start = LocalDate.parse(SyntheticData.START_DEFAULT);
            for (String s : session.symbols()) {
                Instrument inst = RunOptions.instrument(cfg.instrumentTable(), s);
                out.add(SyntheticData.series(inst, SyntheticData.SEED_DEFAULT, start, days));
            }
            return new ReplayData(out, "synthetic, " + days + " days of 1m bars from " + start + ", seed "
                    + SyntheticData.SEED_DEFAULT);
        }
        if (!session.symbols.isEmpty() && session.symbols.size() != replay.size()) {
            throw new UserError("give one --symbol per --replay path (" + replay.size() + " --replay, "
                    + session.symbols.size() + " --symbol), or none to take symbols from the file names");
        }
        List<String> symbols = new ArrayList<>();
        List<BarSeries> out = new ArrayList<>();
        for (int i = 0; i < replay.size(); i++) {
            RunOptions.Klines k = RunOptions.readKlines("--replay: ", Path.of(replay.get(i)),
                    session.symbols.isEmpty() ? null : session.symbols().get(i), cfg.instrumentTable(), false,
                    Long.MIN_VALUE, Long.MAX_VALUE);
            out.add(k.result().series());
            symbols.add(k.instrument().symbol());
        }
        for (BarSeries s : out) {
            if (s.intervalMs() != out.get(0).intervalMs()) {
                throw new UserError("--replay: " + s.symbol() + " has bars of " + s.intervalMs() + " ms, "
                        + out.get(0).symbol() + " of " + out.get(0).intervalMs() + " ms");
            }
        }
        if (session.symbols.isEmpty()) {
            session.symbols = symbols;
        }
        return new ReplayData(out, String.join(", ", replay));
    }
}
