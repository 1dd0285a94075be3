package dev.hft.binance.auth;

/**
 * Signs a request payload the way Binance checks it. Implementations hold the secret and never show it: their
 * {@code toString} names the key type only.
 */
public interface Signer {
    /** The signature of {@code payload}, as Binance expects it in the {@code signature} parameter (not encoded). */
    String sign(String payload);

    /** {@code HMAC_SHA256} or {@code ED25519}. */
    String keyType();
}
