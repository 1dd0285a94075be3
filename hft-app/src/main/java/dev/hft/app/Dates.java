package dev.hft.app;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Parsing of the command line's UTC dates. */
final class Dates {
    private Dates() {
    }

    static LocalDate parse(String option, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new UserError(option + ": not a date (YYYY-MM-DD): '" + value + "'");
        }
    }

    static long startOfDayMs(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}
