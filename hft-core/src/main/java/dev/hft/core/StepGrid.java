package dev.hft.core;

/**
 * Whether a value is a whole multiple of a fixed step (a tick size, a lot step), without a division: the
 * sanitizer asks it for four prices of every bar, and a 64-bit remainder is the slowest integer instruction
 * there is. For a step {@code d = 2^k * m} with {@code m} odd, {@code x} is a multiple of {@code d} exactly when
 * {@code rotateRight(|x| * m^-1 mod 2^64, k)} is at most {@code (2^64 - 1) / d}, unsigned (Granlund and
 * Montgomery; Hacker's Delight, 10-17). Same answer as {@code x % d == 0} for every long; a step of 0 accepts
 * everything, as an {@link Instrument} filter of 0 does.
 */
public final class StepGrid {
    private final long step;
    private final long inverse;
    private final int shift;
    private final long limit;

    public StepGrid(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must not be negative, got " + step);
        }
        this.step = step;
        if (step == 0) {
            inverse = 0;
            shift = 0;
            limit = -1L;
            return;
        }
        shift = Long.numberOfTrailingZeros(step);
        long odd = step >>> shift;
        long inv = odd; // correct to 3 bits for an odd number; each Newton step doubles the correct bits
        for (int k = 0; k < 5; k++) {
            inv *= 2 - odd * inv;
        }
        inverse = inv;
        limit = Long.divideUnsigned(-1L, step);
    }

    /** {@code x % step == 0} (always true for a step of 0). */
    public boolean test(long x) {
        long magnitude = x < 0 ? -x : x; // Long.MIN_VALUE stays itself: 2^63 read unsigned, its true magnitude
        return Long.compareUnsigned(Long.rotateRight(magnitude * inverse, shift), limit) <= 0;
    }

    public long step() {
        return step;
    }
}
