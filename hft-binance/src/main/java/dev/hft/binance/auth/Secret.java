package dev.hft.binance.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A secret value (API secret, private key). It cannot be printed: {@code toString} is a fixed mask, it has no
 * {@code equals} that could be logged by a test framework, and its bytes are handed out as copies.
 */
public final class Secret {
    private final byte[] value;

    private Secret(byte[] value) {
        this.value = value;
    }

    public static Secret of(String s) {
        return new Secret(s.getBytes(StandardCharsets.UTF_8));
    }

    public static Secret of(byte[] b) {
        return new Secret(b.clone());
    }

    /** A copy of the bytes; callers should clear it when done. */
    public byte[] bytes() {
        return value.clone();
    }

    public boolean isEmpty() {
        return value.length == 0;
    }

    /** Overwrites the value in memory. */
    public void destroy() {
        Arrays.fill(value, (byte) 0);
    }

    @Override
    public String toString() {
        return "Secret[hidden]";
    }
}
