package dev.hft.binance.auth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over the payload's bytes with the secret key, as lower-case hex (Binance spot and USD-M futures
 * REST and the WebSocket API; rest-api.md "SIGNED Endpoint Examples", vectors in the tests).
 */
public final class HmacSigner implements Signer {
    private final SecretKeySpec key;

    public HmacSigner(Secret secret) {
        byte[] k = secret.bytes();
        if (k.length == 0) {
            throw new IllegalArgumentException("the HMAC secret key is empty");
        }
        this.key = new SecretKeySpec(k, "HmacSHA256");
        java.util.Arrays.fill(k, (byte) 0);
    }

    @Override
    public String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String keyType() {
        return "HMAC_SHA256";
    }

    @Override
    public String toString() {
        return "HmacSigner[secret hidden]";
    }
}
