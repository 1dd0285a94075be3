package dev.hft.binance.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 over the payload's UTF-8 bytes, base64-encoded (the JDK's own Ed25519, Java 15+). Binance recommends
 * Ed25519 keys, and its WebSocket API logon accepts only them (rest-api.md, web-socket-api.md).
 */
public final class Ed25519Signer implements Signer {
    private final PrivateKey key;

    private Ed25519Signer(PrivateKey key) {
        this.key = key;
    }

    /**
     * From a PKCS#8 private key in PEM ({@code -----BEGIN PRIVATE KEY-----}) or its bare base64 body. A malformed
     * key is refused with a message that never contains the key's text.
     */
    public static Ed25519Signer fromPem(Secret pem) {
        String text = new String(pem.bytes(), StandardCharsets.US_ASCII);
        String body = text.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(body);
            return new Ed25519Signer(KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the Ed25519 private key is not a PKCS#8 key in PEM or base64 ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public String sign(String payload) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(payload.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    @Override
    public String keyType() {
        return "ED25519";
    }

    @Override
    public String toString() {
        return "Ed25519Signer[private key hidden]";
    }
}
