package dev.hft.binance.auth;

import dev.hft.binance.http.RequestParams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The signing vectors of Binance's documentation (rest-api.md, web-socket-api.md) and RFC 8032 for Ed25519. */
public class SigningTest {
    public static final String API_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    public static final String SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    /** RFC 8032 section 7.1 TEST 1 private key as PKCS#8 (binance-api.md section 2.3). */
    public static final String ED25519_PKCS8 = "MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g";

    private static RequestParams order(String symbol) {
        return new RequestParams().put("symbol", symbol).put("side", "BUY").put("type", "LIMIT")
                .put("timeInForce", "GTC").put("quantity", "1").put("price", "0.1").put("recvWindow", 5000)
                .put("timestamp", 1499827319559L);
    }

    @Test
    void restHmacVectors() {
        HmacSigner s = new HmacSigner(Secret.of(SECRET));
        RequestParams ascii = order("LTCBTC");
        assertThat(ascii.query()).isEqualTo("symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1"
                + "&recvWindow=5000&timestamp=1499827319559");
        assertThat(s.sign(ascii.query())).isEqualTo("c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
        RequestParams wide = order("１２３４５６");
        assertThat(wide.query()).isEqualTo("symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&side=BUY"
                + "&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559");
        assertThat(s.sign(wide.query())).isEqualTo("e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3");
    }

    @Test
    void webSocketApiHmacVectorsSignSortedUnencodedParams() {
        HmacSigner s = new HmacSigner(Secret.of(SECRET));
        RequestParams p = new RequestParams().put("symbol", "BTCUSDT").put("side", "SELL").put("type", "LIMIT")
                .put("timeInForce", "GTC").put("quantity", "0.01000000").put("price", "52000.00").put("recvWindow", 100)
                .put("timestamp", 1645423376532L).put("apiKey", API_KEY);
        assertThat(p.sortedPlain()).startsWith("apiKey=" + API_KEY + "&price=52000.00&quantity=0.01000000");
        assertThat(s.sign(p.sortedPlain())).isEqualTo(
                "aa1b5712c094bc4e57c05a1a5c1fd8d88dcd628338ea863fec7b88e59fe2db24");
        RequestParams wide = new RequestParams().put("symbol", "１２３４５６").put("side", "BUY").put("type", "LIMIT")
                .put("timeInForce", "GTC").put("quantity", "1.00000000").put("price", "0.10000000")
                .put("recvWindow", 5000).put("timestamp", 1645423376532L).put("apiKey", API_KEY);
        assertThat(s.sign(wide.sortedPlain())).isEqualTo(
                "b33892ae8e687c939f4468c6268ddd4c40ac1af18ad19a064864c47bae0752cd");
    }

    @Test
    void ed25519VectorsFromTheRfc8032KeyPair() {
        Ed25519Signer s = Ed25519Signer.fromPem(Secret.of("-----BEGIN PRIVATE KEY-----\n" + ED25519_PKCS8
                + "\n-----END PRIVATE KEY-----\n"));
        assertThat(s.sign("apiKey=4yNzx3yWC5bS6YTwEkSRaC0nRmSQIIStAUOh1b6kqaBrTLIhjCpI5lJH8q8R8WNO&price=52000.00"
                + "&quantity=0.01000000&recvWindow=100&side=SELL&symbol=BTCUSDT&timeInForce=GTC"
                + "&timestamp=1645423376532&type=LIMIT"))
                .isEqualTo("Ws+5m/CMnpkko0uBFxGTZ2+fjqqBXsUjRiaz173fPhXTkhoDBYNZ6wcYNeWItdrGn1pvG7vkwx2fhmJdAZ3KDQ==");
        assertThat(Ed25519Signer.fromPem(Secret.of(ED25519_PKCS8)).sign("symbol=BTCUSDT&side=SELL&type=LIMIT"
                + "&timeInForce=GTC&quantity=1&price=0.2&timestamp=1668481559918&recvWindow=5000"))
                .isEqualTo("XtZirsmmi0noRzUfkqktvkVfxpkq/WtbLg2UOL3QGYdUBZVlqOBEMuEVw8zioY93N54NcKj9UuAXQEa9zgTDBg==");
        // on REST the base64 signature is percent-encoded like any value
        assertThat(RequestParams.encode("a+b/c=")).isEqualTo("a%2Bb%2Fc%3D");
    }

    @Test
    void badKeysAreRefusedWithoutQuotingThem() {
        assertThatThrownBy(() -> Ed25519Signer.fromPem(Secret.of("not-a-key-SECRETSECRET")))
                .hasMessageContaining("PKCS#8").hasMessageNotContaining("SECRETSECRET");
        assertThatThrownBy(() -> new HmacSigner(Secret.of(""))).hasMessageContaining("empty");
        assertThat(new HmacSigner(Secret.of(SECRET)).toString()).doesNotContain(SECRET);
        assertThat(Secret.of(SECRET).toString()).doesNotContain(SECRET);
    }
}
