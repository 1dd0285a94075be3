package dev.hft.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's byte path: numbers written as digits match Java's and BigDecimal's text for every long, and a
 * record built in an {@link AsciiBuilder} is written byte for byte as the same record given as characters.
 */
class AsciiBuilderTest {
    @TempDir
    Path tmp;

    @Property(tries = 2000)
    void longsAreWrittenAsJavaWritesThem(@ForAll long v) {
        assertThat(new AsciiBuilder(4).append(v).toString()).isEqualTo(Long.toString(v));
    }

    @Property(tries = 2000)
    void fixedPointIsThePlainDecimalWithoutTrailingZeros(@ForAll long v, @ForAll @IntRange(min = 0, max = 18) int d) {
        BigDecimal bd = BigDecimal.valueOf(v, d).stripTrailingZeros();
        String want = (bd.scale() < 0 ? bd.setScale(0) : bd).toPlainString();
        assertThat(new AsciiBuilder(4).appendFixed(v, d).toString()).isEqualTo(want);
    }

    @Property(tries = 2000)
    void theJournalsTwoScalesAreThePlainDecimal(@ForAll long v, @ForAll boolean ratio) {
        int d = ratio ? 9 : 8; // Fixed's 8 decimals and the ratios' 9 divide by a constant
        BigDecimal bd = BigDecimal.valueOf(v, d).stripTrailingZeros();
        String want = (bd.scale() < 0 ? bd.setScale(0) : bd).toPlainString();
        assertThat(new AsciiBuilder(4).appendFixed(v, d).toString()).isEqualTo(want);
    }

    @Property(tries = 2000)
    void eightDigitWordsAreTheDigits(@ForAll @IntRange(min = 0, max = 99_999_999) int c) {
        long word = AsciiBuilder.digits8(c);
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < 8; k++) {
            text.append((char) ('0' + ((word >>> (8 * k)) & 0xFF)));
        }
        assertThat(text).hasToString(String.format("%08d", c));
    }

    @Test
    void everyDigitCountAndWidthAroundPowersOfTen() {
        long p = 1;
        for (int d = 1; d <= 19; d++) {
            for (long v : new long[] {p - 1, p, p + 1, 2 * p - 1, Math.max(0, 10 * p - 1)}) {
                if (v < 0 || (d == 19 && v < p)) {
                    continue;
                }
                assertThat(new AsciiBuilder(1).append(v).toString()).isEqualTo(Long.toString(v));
                byte[] number = new byte[24];
                AsciiBuilder.writeNumber(number, 0, v, AsciiBuilder.digits(v));
                assertThat(new String(number, 0, AsciiBuilder.digits(v), java.nio.charset.StandardCharsets.US_ASCII))
                        .isEqualTo(Long.toString(v));
                for (int width = AsciiBuilder.digits(v); width <= 19; width++) {
                    byte[] out = new byte[width];
                    AsciiBuilder.writeDigits(out, 0, v, width);
                    assertThat(new String(out, java.nio.charset.StandardCharsets.US_ASCII))
                            .isEqualTo(String.format("%0" + width + "d", v));
                }
            }
            p = d < 19 ? p * 10 : p;
        }
        assertThat(AsciiBuilder.digits(Long.MAX_VALUE)).isEqualTo(19);
        assertThat(AsciiBuilder.digits(0)).isEqualTo(1);
    }

    @Test
    void edgesAndText() {
        assertThat(new AsciiBuilder(1).appendFixed(Long.MIN_VALUE, 8).toString()).isEqualTo("-92233720368.54775808");
        assertThat(new AsciiBuilder(1).appendFixed(150_000_000L, 8).toString()).isEqualTo("1.5");
        assertThat(new AsciiBuilder(1).appendFixed(-5, 9).toString()).isEqualTo("-0.000000005");
        AsciiBuilder b = new AsciiBuilder(2).append("{\"a\":").append(true).append('}');
        assertThat(b).hasToString("{\"a\":true}");
        assertThat(b.length()).isEqualTo(10);
        assertThat(b.charAt(1)).isEqualTo('"');
        assertThat(b.subSequence(1, 4)).hasToString("\"a\"");
        assertThat(b.isAscii()).isTrue();
        assertThat(b.append("é").isAscii()).isFalse();
        assertThat(b.clear().isAscii()).isTrue();
    }

    @Test
    void aRecordOfBytesIsWrittenAsTheSameRecordOfCharacters() throws Exception {
        Path chars = tmp.resolve("chars");
        Path bytes = tmp.resolve("bytes");
        long[] times = {0, 1_700_000_000_000L, -5, Long.MIN_VALUE, Long.MAX_VALUE};
        try (JournalWriter a = JournalWriter.create(chars, "run-7", JournalConfig.of(FsyncPolicy.NONE),
                JournalWriter.FILES);
             JournalWriter b = JournalWriter.create(bytes, "run-7", JournalConfig.of(FsyncPolicy.NONE),
                     JournalWriter.FILES)) {
            for (int k = 0; k < 1_000; k++) {
                String data = "{\"i\":" + k + ",\"p\":\"" + (42_000 + k) + ".5\"}";
                long ts = times[k % times.length];
                String type = k % 3 == 0 ? "bar" : "decision";
                a.append(type, ts, new StringBuilder(data), k % 7 == 0);
                b.append(type, ts, new AsciiBuilder(8).append(data), k % 7 == 0);
            }
        }
        List<Path> ca = JournalRecovery.segments(chars);
        List<Path> cb = JournalRecovery.segments(bytes);
        assertThat(cb).hasSameSizeAs(ca);
        for (int i = 0; i < ca.size(); i++) {
            assertThat(Files.readAllBytes(cb.get(i))).isEqualTo(Files.readAllBytes(ca.get(i)));
        }
        try (JournalWriter w = JournalWriter.create(tmp.resolve("x"), "run-8", JournalConfig.of(FsyncPolicy.NONE),
                JournalWriter.FILES)) {
            assertThatThrownBy(() -> w.append("bar", 0, new AsciiBuilder(4).append("é"), false))
                    .hasMessageContaining("must be ASCII: bar");
        }
    }
}
