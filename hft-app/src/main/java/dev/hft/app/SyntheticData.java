package dev.hft.app;

import dev.hft.backtest.data.BarSeries;
import dev.hft.backtest.synth.SymbolProfile;
import dev.hft.backtest.synth.SyntheticGenerator;
import dev.hft.core.Instrument;
import java.time.LocalDate;

/** The built-in default data set: 60 days of synthetic 1-minute bars for BTCUSDT and ETHUSDT, seed 42. */
final class SyntheticData {
    static final long SEED_DEFAULT = 42;
    static final int DAYS_DEFAULT = 60;
    static final String START_DEFAULT = "2024-01-01";
    static final String[] SYMBOLS_DEFAULT = {"BTCUSDT", "ETHUSDT"};

    private SyntheticData() {
    }

    static SyntheticGenerator.Generated generate(Instrument inst, long seed, LocalDate start, int days) {
        checkDays(days);
        return SyntheticGenerator.generate(inst, SymbolProfile.of(inst.symbol()), seed, Dates.startOfDayMs(start),
                days * 1440);
    }

    static SyntheticGenerator.Generated randomWalk(Instrument inst, long seed, LocalDate start, int days,
                                                   double trend) {
        checkDays(days);
        return SyntheticGenerator.randomWalk(inst, SymbolProfile.of(inst.symbol()), seed, Dates.startOfDayMs(start),
                days * 1440, trend);
    }

    private static void checkDays(int days) {
        if (days < 1 || days > 3660) {
            throw new UserError("--days must be between 1 and 3660, got " + days);
        }
    }

    static BarSeries series(Instrument inst, long seed, LocalDate start, int days) {
        return generate(inst, seed, start, days).series();
    }
}
