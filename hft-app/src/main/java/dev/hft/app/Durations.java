package dev.hft.app;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations on the command line: a whole number with d (days), h (hours) or m (minutes), or 0. */
final class Durations {
    private static final Pattern P = Pattern.compile("(\\d{1,6})([dhm])");

    private Durations() {
    }

    static long parseMs(String option, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("0")) {
            return 0;
        }
        Matcher m = P.matcher(t);
        if (!m.matches()) {
            throw new UserError(option + " must be like 30d, 12h or 90m (or 0), got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "d" -> n * 86_400_000L;
            case "h" -> n * 3_600_000L;
            default -> n * 60_000L;
        };
    }
}
