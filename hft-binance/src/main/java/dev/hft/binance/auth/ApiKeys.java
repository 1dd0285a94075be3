package dev.hft.binance.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * A Binance API key and its signer, loaded from {@code config/api_keys.yaml} or environment variables. The key
 * and the secret never appear in {@code toString}, exceptions or logs: the only printable form is a short
 * fingerprint (the first 8 hex digits of the key's SHA-256), enough to tell two keys apart.
 *
 * <pre>
 * binance:
 *   apiKey: "..."
 *   secretKey: "..."              # an HMAC key, or:
 *   privateKeyFile: ed25519.pem   # an Ed25519 PKCS#8 key (relative to this file)
 * </pre>
 *
 * Environment: {@code HFT_BINANCE_API_KEY} with {@code HFT_BINANCE_SECRET_KEY} or
 * {@code HFT_BINANCE_PRIVATE_KEY_FILE}. A key file (and a private key file) readable by group or others is refused.
 */
public final class ApiKeys {
    public static final String ENV_API_KEY = "HFT_BINANCE_API_KEY";
    public static final String ENV_SECRET = "HFT_BINANCE_SECRET_KEY";
    public static final String ENV_PRIVATE_KEY_FILE = "HFT_BINANCE_PRIVATE_KEY_FILE";

    private final Secret apiKey;
    private final Signer signer;
    private final String fingerprint;

    public ApiKeys(Secret apiKey, Signer signer) {
        if (apiKey.isEmpty()) {
            throw new IllegalArgumentException("the API key is empty");
        }
        this.apiKey = apiKey;
        this.signer = signer;
        byte[] k = apiKey.bytes();
        try {
            fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(k)).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            java.util.Arrays.fill(k, (byte) 0);
        }
    }

    /** The key for the {@code X-MBX-APIKEY} header: the one place it leaves this object. */
    public String headerValue() {
        byte[] k = apiKey.bytes();
        String s = new String(k, StandardCharsets.UTF_8);
        java.util.Arrays.fill(k, (byte) 0);
        return s;
    }

    public Signer signer() {
        return signer;
    }

    /** First 8 hex digits of the key's SHA-256: printable, not reversible. */
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public String toString() {
        return "ApiKeys[" + signer.keyType() + ", key sha256 " + fingerprint + "...]";
    }

    /** From the environment map (usually {@code System.getenv()}), or null when the variables are not set. */
    public static ApiKeys fromEnvironment(Map<String, String> env) {
        String key = env.get(ENV_API_KEY);
        if (key == null || key.isBlank()) {
            return null;
        }
        String secret = env.get(ENV_SECRET);
        String pem = env.get(ENV_PRIVATE_KEY_FILE);
        if ((secret == null || secret.isBlank()) == (pem == null || pem.isBlank())) {
            throw new IllegalArgumentException(ENV_API_KEY + " is set: set exactly one of " + ENV_SECRET + " (HMAC) or "
                    + ENV_PRIVATE_KEY_FILE + " (Ed25519)");
        }
        Signer signer = secret != null && !secret.isBlank() ? new HmacSigner(Secret.of(secret))
                : Ed25519Signer.fromPem(readPrivate(Path.of(pem)));
        return new ApiKeys(Secret.of(key.strip()), signer);
    }

    /** From a YAML key file; refused when group or others may read it. Errors name the file and field only. */
    public static ApiKeys fromFile(Path file) {
        requirePrivate(file);
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            // parser messages quote the source text, which may hold a key: report the place only
            String where = e instanceof com.fasterxml.jackson.core.JsonProcessingException jp
                    && jp.getLocation() != null ? ":" + jp.getLocation().getLineNr() : "";
            throw new IllegalArgumentException(file + where + ": not valid YAML");
        }
        JsonNode b = root == null ? null : root.get("binance");
        if (b == null || !b.isObject()) {
            throw new IllegalArgumentException(file + ": expected a 'binance:' section with apiKey and secretKey or "
                    + "privateKeyFile");
        }
        String key = text(b, "apiKey", file);
        if (key == null) {
            throw new IllegalArgumentException(file + ": binance.apiKey is missing");
        }
        String secret = text(b, "secretKey", file);
        String pemFile = text(b, "privateKeyFile", file);
        if ((secret == null) == (pemFile == null)) {
            throw new IllegalArgumentException(file + ": give exactly one of binance.secretKey (HMAC) or "
                    + "binance.privateKeyFile (Ed25519)");
        }
        Signer signer;
        if (secret != null) {
            signer = new HmacSigner(Secret.of(secret));
        } else {
            Path pem = Path.of(pemFile);
            if (!pem.isAbsolute() && file.toAbsolutePath().getParent() != null) {
                pem = file.toAbsolutePath().getParent().resolve(pem);
            }
            signer = Ed25519Signer.fromPem(readPrivate(pem));
        }
        return new ApiKeys(Secret.of(key), signer);
    }

    private static String text(JsonNode b, String field, Path file) {
        JsonNode n = b.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            throw new IllegalArgumentException(file + ": binance." + field + " must be a non-empty string");
        }
        return n.asText().strip();
    }

    private static Secret readPrivate(Path pem) {
        requirePrivate(pem);
        try {
            return Secret.of(Files.readAllBytes(pem));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read private key file " + pem + ": "
                    + e.getClass().getSimpleName());
        }
    }

    /** Refuses a file that group or others may read or write (POSIX file systems). */
    static void requirePrivate(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("key file not found: " + file);
        }
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            for (PosixFilePermission bad : Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                    PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE)) {
                if (p.contains(bad)) {
                    throw new IllegalArgumentException("key file " + file + " is readable or writable by group or "
                            + "others (" + java.nio.file.attribute.PosixFilePermissions.toString(p)
                            + "); run: chmod 600 "
                            + file);
                }
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to check
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the permissions of " + file);
        }
    }
}
