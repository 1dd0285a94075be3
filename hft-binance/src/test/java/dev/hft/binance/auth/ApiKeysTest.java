package dev.hft.binance.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {
    static final String KEY = "CANARYKEY0123456789abcdefCANARYKEY";
    static final String SECRET = "CANARYSECRET0123456789abcdefCANARYSECRET";

    @TempDir
    Path dir;

    private Path keyFile(String yaml, String mode) throws Exception {
        Path f = dir.resolve("api_keys.yaml");
        Files.writeString(f, yaml);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    @Test
    void hmacKeysLoadFromAPrivateFileAndNeverPrint() throws Exception {
        ApiKeys k = ApiKeys.fromFile(keyFile("binance:\n  apiKey: " + KEY + "\n  secretKey: " + SECRET + "\n",
                "rw-------"));
        assertThat(k.headerValue()).isEqualTo(KEY);
        assertThat(k.signer().keyType()).isEqualTo("HMAC_SHA256");
        assertThat(k.signer().sign("a=1")).isEqualTo(new HmacSigner(Secret.of(SECRET)).sign("a=1"));
        assertThat(k.toString()).doesNotContain(KEY).doesNotContain(SECRET).contains(k.fingerprint());
        assertThat(k.fingerprint()).hasSize(8);
    }

    @Test
    void ed25519KeyFileIsReadRelativeToTheKeyFile() throws Exception {
        Path pem = dir.resolve("ed.pem");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n" + SigningTest.ED25519_PKCS8
                + "\n-----END PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(pem, PosixFilePermissions.fromString("r--------"));
        ApiKeys k = ApiKeys.fromFile(keyFile("binance:\n  apiKey: " + KEY + "\n  privateKeyFile: ed.pem\n",
                "rw-------"));
        assertThat(k.signer().keyType()).isEqualTo("ED25519");
        Files.setPosixFilePermissions(pem, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> ApiKeys.fromFile(dir.resolve("api_keys.yaml")))
                .hasMessageContaining("ed.pem is readable or writable by group or others").hasMessageContaining(
                        "chmod 600");
    }

    @Test
    void aKeyFileOthersCanReadIsRefused() throws Exception {
        Path f = keyFile("binance:\n  apiKey: " + KEY + "\n  secretKey: " + SECRET + "\n", "rw-r-----");
        assertThatThrownBy(() -> ApiKeys.fromFile(f)).hasMessageContaining("readable or writable by group or others")
                .hasMessageContaining("rw-r-----").hasMessageNotContaining(KEY).hasMessageNotContaining(SECRET);
    }

    @Test
    void malformedFilesNameTheFileAndFieldButNeverTheSecret() throws Exception {
        Path f = keyFile("binance:\n  apiKey: " + KEY + "\n  secretKey: [" + SECRET + "\n", "rw-------");
        assertThatThrownBy(() -> ApiKeys.fromFile(f)).hasMessageContaining("api_keys.yaml").hasMessageContaining("YAML")
                .hasMessageNotContaining(SECRET).hasMessageNotContaining(KEY);
        Path g = keyFile("binance:\n  apiKey: " + KEY + "\n", "rw-------");
        assertThatThrownBy(() -> ApiKeys.fromFile(g)).hasMessageContaining("exactly one of binance.secretKey");
        Path h = keyFile("other: 1\n", "rw-------");
        assertThatThrownBy(() -> ApiKeys.fromFile(h)).hasMessageContaining("'binance:' section");
        assertThatThrownBy(() -> ApiKeys.fromFile(dir.resolve("missing.yaml"))).hasMessageContaining("not found");
    }

    @Test
    void environmentVariablesWork() {
        assertThat(ApiKeys.fromEnvironment(Map.of())).isNull();
        ApiKeys k = ApiKeys.fromEnvironment(Map.of(ApiKeys.ENV_API_KEY, KEY, ApiKeys.ENV_SECRET, SECRET));
        assertThat(k.headerValue()).isEqualTo(KEY);
        assertThatThrownBy(() -> ApiKeys.fromEnvironment(Map.of(ApiKeys.ENV_API_KEY, KEY)))
                .hasMessageContaining("exactly one of");
    }
}
