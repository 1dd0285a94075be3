package dev.hft.core;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Exact fixed-point arithmetic for prices, quantities and money: a {@code long} with 8 implied decimals.
 *
 * <p>8 decimals is Binance's own wire precision ("0.01000000"), so every tick size, step size and price the
 * venue can send is an exact integer here. {@code double} is never used for money; it is for indicators and
 * statistics only.
 */
public final class Fixed {
    /** Number of implied decimals. */
    public static final int DECIMALS = 8;
    /** 1.0 in fixed-point. */
    public static final long ONE = 100_000_000L;
    /** 10^4: {@link #div} divides in two steps of it when {@code a * ONE} does not fit. */
    private static final long HALF_SCALE = 10_000L;
    /** Largest divisor whose remainders times {@link #HALF_SCALE} fit in a long. */
    private static final long LONG_DIVISOR_LIMIT = Long.MAX_VALUE / HALF_SCALE;

    private Fixed() {
    }

    /** Parses a plain decimal string such as {@code "42283.58000000"}; throws on anything else. */
    public static long parse(CharSequence s) {
        long v = parseOrMin(s, 0, s.length());
        if (v == Long.MIN_VALUE) {
            throw new NumberFormatException("not a decimal with at most 8 fraction digits: '" + s + "'");
        }
        return v;
    }

    /**
     * Parses a plain decimal that may carry more than 8 fraction digits, rounded half-even to 8: for amounts a venue
     * computes (a commission of price x quantity x rate), which must never be lost to their last digits. Throws on
     * anything that is not a plain decimal.
     */
    public static long parseRounded(CharSequence s) {
        long v = parseOrMin(s, 0, s.length());
        if (v != Long.MIN_VALUE) {
            return v;
        }
        String text = s.toString();
        if (!text.matches("-?[0-9]+(\\.[0-9]+)?")) {
            throw new NumberFormatException("not a plain decimal: '" + s + "'");
        }
        try {
            return new java.math.BigDecimal(text).setScale(8, java.math.RoundingMode.HALF_EVEN)
                    .unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
            throw new NumberFormatException("not a decimal within the fixed-point range: '" + s + "'");
        }
    }

    /**
     * Parses {@code s[from, to)} as a plain decimal (optional sign, digits, optional '.', at most 8 fraction
     * digits beyond which only zeros are allowed). Returns {@link Long#MIN_VALUE} when it is not one, so the hot
     * loading path needs no exceptions.
     */
    public static long parseOrMin(CharSequence s, int from, int to) {
        if (from >= to) {
            return Long.MIN_VALUE;
        }
        int i = from;
        boolean negative = false;
        char c0 = s.charAt(i);
        if (c0 == '-' || c0 == '+') {
            negative = c0 == '-';
            i++;
        }
        long intPart = 0;
        int digits = 0;
        while (i < to) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            if (intPart > (Long.MAX_VALUE / ONE) / 10) {
                return Long.MIN_VALUE; // overflow
            }
            intPart = intPart * 10 + (c - '0');
            digits++;
            i++;
        }
        long frac = 0;
        int fracDigits = 0;
        if (i < to && s.charAt(i) == '.') {
            i++;
            while (i < to) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return Long.MIN_VALUE;
                }
                if (fracDigits < DECIMALS) {
                    frac = frac * 10 + (c - '0');
                    fracDigits++;
                } else if (c != '0') {
                    return Long.MIN_VALUE; // more precision than we can hold exactly
                }
                digits++;
                i++;
            }
        }
        if (i != to || digits == 0) {
            return Long.MIN_VALUE;
        }
        for (int k = fracDigits; k < DECIMALS; k++) {
            frac *= 10;
        }
        if (intPart > (Long.MAX_VALUE - frac) / ONE) {
            return Long.MIN_VALUE; // the digit loop admits one digit too many near the limit
        }
        long v = intPart * ONE + frac;
        return negative ? -v : v;
    }

    /** Largest |d x 10^8| the fast path of {@link #fromDouble} takes: below 2^52 a double's fraction is exact. */
    private static final double FAST_LIMIT = 0x1p52;

    /**
     * From a double: its decimal text ({@link BigDecimal#valueOf(double)}) rounded half-even to 8 decimals.
     *
     * <p>Fast path: {@code x = d * 10^8} in double arithmetic is within 1.5 ulp(x) of the exact value of that
     * decimal text times 10^8 (the text parses back to d, so it lies within half an ulp of d; the product rounds
     * once). The nearest whole number is therefore certain unless x's fraction is within 2 ulp(x) of one half,
     * where the exact decimal path decides. Same results; a jqwik property checks them against it.
     */
    public static long fromDouble(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("not a finite number: " + d);
        }
        double x = d * ONE;
        if (Math.abs(x) < FAST_LIMIT) {
            double whole = Math.floor(x);
            double frac = x - whole;
            if (Math.abs(frac - 0.5) > 2 * Math.ulp(x)) {
                return (long) whole + (frac > 0.5 ? 1 : 0);
            }
        }
        return fromDoubleExact(d);
    }

    /** {@link #fromDouble} through {@link BigDecimal}: the definition, and the path of halves and large values. */
    static long fromDoubleExact(double d) {
        return BigDecimal.valueOf(d).setScale(DECIMALS, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
    }

    public static long of(long units) {
        return Math.multiplyExact(units, ONE);
    }

    public static double toDouble(long v) {
        return v / (double) ONE;
    }

    public static BigDecimal toBigDecimal(long v) {
        return BigDecimal.valueOf(v, DECIMALS);
    }

    /** Plain decimal string without trailing zeros, e.g. {@code 42283.58}; stable for reports. */
    public static String format(long v) {
        BigDecimal bd = BigDecimal.valueOf(v, DECIMALS).stripTrailingZeros();
        if (bd.scale() < 0) {
            bd = bd.setScale(0);
        }
        return bd.toPlainString();
    }

    /**
     * Appends the same text as {@link #format(long)} without allocating (for the journal's hot path).
     */
    public static StringBuilder appendTo(StringBuilder sb, long v) {
        if (v < 0) {
            sb.append('-');
            if (v == Long.MIN_VALUE) {
                return sb.append("92233720368.54775808");
            }
            v = -v;
        }
        sb.append(v / ONE);
        long frac = v % ONE;
        if (frac != 0) {
            sb.append('.');
            long div = ONE / 10;
            while (frac != 0) {
                long digit = frac / div;
                sb.append((char) ('0' + digit));
                frac -= digit * div;
                div /= 10;
            }
        }
        return sb;
    }

    /** Decimal string with exactly {@code decimals} fraction digits, rounded half-even. */
    public static String format(long v, int decimals) {
        return BigDecimal.valueOf(v, DECIMALS).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }

    /**
     * {@code a * b} for two fixed-point numbers, rounded half away from zero. Exact for every product whose
     * result fits in a long; throws {@link ArithmeticException} on overflow rather than wrapping.
     */
    public static long mul(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            // fits in 64 bits: fast path
            return divRound(lo, ONE);
        }
        if (a != Long.MIN_VALUE && b != Long.MIN_VALUE) {
            // a position's value: 0.03 BTC x 42,000 already passes 64 bits before the division. Split both into
            // whole and fractional parts: only the fraction x fraction term is divided (and rounded), all in longs
            long x = Math.abs(a);
            long y = Math.abs(b);
            long x1 = x / ONE;
            long x0 = x % ONE;
            long y1 = y / ONE;
            long y0 = y % ONE;
            long ff = x0 * y0; // < 1e16
            long frac = ff / ONE;
            if (ff % ONE * 2 >= ONE) {
                frac++; // half away from zero, as divRound (the sign is applied after)
            }
            try {
                long r = Math.addExact(Math.addExact(Math.multiplyExact(Math.multiplyExact(x1, y1), ONE),
                        Math.addExact(Math.multiplyExact(x1, y0), Math.multiplyExact(x0, y1))), frac);
                return (a < 0) != (b < 0) ? -r : r;
            } catch (ArithmeticException overflow) {
                // the product itself does not fit: the exact path below says so
            }
        }
        return BigDecimal.valueOf(a).multiply(BigDecimal.valueOf(b))
                .divide(BigDecimal.valueOf(ONE), 0, RoundingMode.HALF_UP).longValueExact();
    }

    /** {@code a / b} for two fixed-point numbers, rounded half away from zero. */
    public static long div(long a, long b) {
        if (b == 0) {
            throw new ArithmeticException("division by zero");
        }
        long hi = Math.multiplyHigh(a, ONE);
        long lo = a * ONE;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            return divRound(lo, b);
        }
        if (a != Long.MIN_VALUE && b != Long.MIN_VALUE && Math.abs(b) < LONG_DIVISOR_LIMIT) {
            // a notional over a price (1,000 USDT / 42,000): a x ONE passes 64 bits. Long division in two steps
            // of 10^4, each remainder times 10^4 still fitting (|b| < 2^63 / 10^4), then rounding on the last
            // remainder, half away from zero
            long x = Math.abs(a);
            long y = Math.abs(b);
            long r = x % y;
            long q2 = r * HALF_SCALE / y;
            r = r * HALF_SCALE % y;
            long q3 = r * HALF_SCALE / y;
            r = r * HALF_SCALE % y;
            try {
                long q = Math.addExact(Math.multiplyExact(x / y, ONE), q2 * HALF_SCALE + q3 + (r >= y - r ? 1 : 0));
                return (a < 0) != (b < 0) ? -q : q;
            } catch (ArithmeticException overflow) {
                // the quotient itself does not fit: the exact path below says so
            }
        }
        return BigDecimal.valueOf(a).multiply(BigDecimal.valueOf(ONE))
                .divide(BigDecimal.valueOf(b), 0, RoundingMode.HALF_UP).longValueExact();
    }

    private static long divRound(long n, long d) {
        long q = n / d;
        long r = n % d;
        if (r != 0 && Math.abs(r) * 2 >= Math.abs(d)) {
            q += ((n < 0) == (d < 0)) ? 1 : -1;
        }
        return q;
    }

    /** Largest multiple of {@code step} not above {@code v} (v >= 0). */
    public static long floorToStep(long v, long step) {
        if (step <= 0) {
            return v;
        }
        return Math.floorDiv(v, step) * step;
    }

    /** Smallest multiple of {@code step} not below {@code v}. */
    public static long ceilToStep(long v, long step) {
        if (step <= 0) {
            return v;
        }
        return -Math.floorDiv(-v, step) * step;
    }

    /** Nearest multiple of {@code step}, ties away from zero. */
    public static long roundToStep(long v, long step) {
        if (step <= 0) {
            return v;
        }
        return divRound(v, step) * step;
    }
}
