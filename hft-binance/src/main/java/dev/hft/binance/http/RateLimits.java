package dev.hft.binance.http;

import java.util.Locale;

/**
 * Binance's request-weight limit as the client sees it: the weight the server reports in
 * {@code X-MBX-USED-WEIGHT-1M} after each response, the one-minute window it belongs to, and any back-off the
 * server ordered ({@code Retry-After} on 429, a ban on 418). Requests are refused here, before they leave, when
 * they would take the weight past the throttle threshold or while a back-off runs: the caller gets a reason, never
 * a silent drop. Limits are per IP (rest-api.md "LIMITS").
 */
public final class RateLimits {
    /** Share of the limit above which new requests are held back (orders keep this headroom for exits). */
    public static final double THROTTLE_SHARE = 0.9;

    private final int weightLimit;
    private long windowStartMs = Long.MIN_VALUE;
    private int usedWeight;
    private long blockedUntilMs;
    private boolean banned;
    private long rateLimited;
    private long bans;

    /** @param weightLimit REQUEST_WEIGHT per minute from exchangeInfo (6000 for spot today) */
    public RateLimits(int weightLimit) {
        if (weightLimit <= 0) {
            throw new IllegalArgumentException("weight limit must be positive");
        }
        this.weightLimit = weightLimit;
    }

    /** Why a request of {@code weight} may not go now, or null when it may. */
    public synchronized String check(int weight, long nowMs) {
        if (nowMs < blockedUntilMs) {
            return String.format(Locale.ROOT, "%s for %d ms more", banned ? "IP banned by Binance (418)"
                    : "backing off after HTTP 429", blockedUntilMs - nowMs);
        }
        roll(nowMs);
        if (usedWeight + weight > weightLimit * THROTTLE_SHARE) {
            return String.format(Locale.ROOT, "request weight %d + %d would pass %.0f%% of the %d/min limit",
                    usedWeight, weight, THROTTLE_SHARE * 100, weightLimit);
        }
        return null;
    }

    /** Counts a request about to leave (the server's header corrects the figure when the response arrives). */
    public synchronized void spend(int weight, long nowMs) {
        roll(nowMs);
        usedWeight += weight;
    }

    /** The server's figure from {@code X-MBX-USED-WEIGHT-1M}. */
    public synchronized void observed(int used, long nowMs) {
        roll(nowMs);
        usedWeight = used;
    }

    /** HTTP 429 or 418 with {@code Retry-After} seconds (a missing header backs off 60 s). */
    public synchronized void backOff(int status, Long retryAfterSeconds, long nowMs) {
        long wait = (retryAfterSeconds == null ? 60 : Math.max(1, retryAfterSeconds)) * 1000L;
        blockedUntilMs = Math.max(blockedUntilMs, nowMs + wait);
        banned = status == 418;
        if (banned) {
            bans++;
        } else {
            rateLimited++;
        }
    }

    private void roll(long nowMs) {
        long window = Math.floorDiv(nowMs, 60_000L) * 60_000L;
        if (window != windowStartMs) {
            windowStartMs = window;
            usedWeight = 0;
        }
    }

    public synchronized int usedWeight() {
        return usedWeight;
    }

    public int weightLimit() {
        return weightLimit;
    }

    public synchronized long blockedUntilMs() {
        return blockedUntilMs;
    }

    public synchronized long rateLimitedCount() {
        return rateLimited;
    }

    public synchronized long banCount() {
        return bans;
    }
}
