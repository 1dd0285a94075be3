package dev.hft.backtest.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hft.backtest.SharedData;
import dev.hft.core.Fixed;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KlineReaderTest {
    @TempDir
    Path tmp;

    private static final long T0 = 1_704_067_200_000L; // 2024-01-01T00:00Z in ms

    private static String row(long openMs, boolean micros, String close) {
        long scale = micros ? 1000 : 1;
        long o = openMs * scale;
        long c = (openMs + 59_999) * scale + (micros ? 999 : 0);
        return o + ",100.00," + close + ",99.00,100.50,12.5," + c + ",1250.0,42,6.25,625.0,0\n";
    }

    private Path write(String name, String content) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, content, StandardCharsets.US_ASCII);
        return f;
    }

    @Test
    void shouldReadARealBinanceDailyZip() {
        KlineReader.Result r = KlineReader.read(SharedData.day("BTCUSDT", "2024-01-01"), "BTCUSDT");
        BarSeries s = r.series();
        assertThat(s.size()).isEqualTo(1440);
        assertThat(s.intervalMs()).isEqualTo(60_000);
        // first row of the file:
        // 1704067200000,42283.58000000,42298.62000000,42261.02000000,42298.61000000,35.92724000,...
        assertThat(s.openTime(0)).isEqualTo(T0);
        assertThat(s.open(0)).isEqualTo(Fixed.parse("42283.58"));
        assertThat(s.high(0)).isEqualTo(Fixed.parse("42298.62"));
        assertThat(s.low(0)).isEqualTo(Fixed.parse("42261.02"));
        assertThat(s.close(0)).isEqualTo(Fixed.parse("42298.61"));
        assertThat(s.volume(0)).isEqualTo(Fixed.parse("35.92724"));
        assertThat(s.trades(0)).isEqualTo(1327);
        assertThat(r.report().gaps()).isZero();
        assertThat(r.report().duplicates()).isZero();
        assertThat(r.report().microsecondRows()).isZero();
    }

    @Test
    void shouldReadARealDirectoryInTimeOrder() {
        KlineReader.Result r = KlineReader.read(SharedData.klines("ETHUSDT"), "ETHUSDT");
        assertThat(r.report().files()).isEqualTo(91);
        assertThat(r.series().size()).isEqualTo(131_040);
        for (int i = 1; i < r.series().size(); i++) {
            assertThat(r.series().openTime(i) - r.series().openTime(i - 1)).isEqualTo(60_000);
        }
    }

    @Test
    void shouldDetectMicrosecondsPerRowAndMixBothUnitsInOneDirectory() throws IOException {
        long day2 = T0 + 86_400_000L;
        write("X-1m-2024-01-02.csv", row(day2, true, "101.00") + row(day2 + 60_000, true, "101.00"));
        write("X-1m-2024-01-01.csv", row(T0, false, "101.00") + row(T0 + 60_000, false, "101.00"));
        KlineReader.Result r = KlineReader.read(tmp, "X");
        BarSeries s = r.series();
        assertThat(s.size()).isEqualTo(4);
        assertThat(s.openTime(0)).isEqualTo(T0);
        assertThat(s.openTime(2)).isEqualTo(day2);
        assertThat(s.intervalMs()).isEqualTo(60_000);
        assertThat(r.report().microsecondRows()).isEqualTo(2);
        assertThat(r.report().gaps()).isEqualTo(1);
        assertThat(r.report().missingBars()).isEqualTo(1438);
    }

    @Test
    void shouldReadAZipOfMicrosecondRows() throws IOException {
        Path zip = tmp.resolve("X-1m-2025-01-01.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("X-1m-2025-01-01.csv"));
            z.write((row(1_735_689_600_000L, true, "101") + row(1_735_689_660_000L, true, "101"))
                    .getBytes(StandardCharsets.US_ASCII));
            z.closeEntry();
        }
        BarSeries s = KlineReader.read(zip, "X").series();
        assertThat(s.openTime(0)).isEqualTo(1_735_689_600_000L);
        assertThat(s.openTime(1)).isEqualTo(1_735_689_660_000L);
    }

    @Test
    void shouldTolerateAHeaderAndReportDuplicatesAndGaps() throws IOException {
        String header = "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,"
                + "taker_buy_quote_volume,ignore\n";
        Path f = write("f.csv", header + row(T0, false, "101") + row(T0, false, "101")
                + row(T0 + 60_000, false, "101") + row(T0 + 4 * 60_000, false, "101"));
        KlineReader.Result r = KlineReader.read(f, "X");
        assertThat(r.series().size()).isEqualTo(3);
        DataReport rep = r.report();
        assertThat(rep.headerLines()).isEqualTo(1);
        assertThat(rep.duplicates()).isEqualTo(1);
        assertThat(rep.firstDuplicates()).containsExactly(T0);
        assertThat(rep.gaps()).isEqualTo(1);
        assertThat(rep.missingBars()).isEqualTo(2);
        assertThat(rep.firstGaps()).containsExactly(T0 + 4 * 60_000);
    }

    @Test
    void shouldFailOnAMalformedRowWithFileLineAndField() throws IOException {
        Path f = write("bad.csv", row(T0, false, "101") + row(T0 + 60_000, false, "10x1"));
        assertThatThrownBy(() -> KlineReader.read(f, "X")).isInstanceOf(DataException.class)
                .hasMessageContaining("bad.csv:2").hasMessageContaining("field 'high'").hasMessageContaining("10x1");
        Path g = write("short.csv", "1704067200000,1,2,3\n");
        assertThatThrownBy(() -> KlineReader.read(g, "X")).hasMessageContaining("short.csv:1")
                .hasMessageContaining("12 comma-separated fields");
        Path h = write("ohlc.csv", row(T0, false, "98")); // high 98 below open 100
        assertThatThrownBy(() -> KlineReader.read(h, "X")).hasMessageContaining("ohlc.csv:1")
                .hasMessageContaining("inconsistent OHLC");
        Path t = write("time.csv", "17040672x0000,100,101,99,100,1,1704067259999,1,1,1,1,0\n");
        assertThatThrownBy(() -> KlineReader.read(t, "X")).hasMessageContaining("time.csv:1")
                .hasMessageContaining("field 'open_time'");
    }

    /** A day of one-minute rows from T0, each line ended by {@code eol}. */
    private static String day(String eol) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 1440; i++) {
            b.append(row(T0 + i * 60_000L, false, "101").replace("\n", eol));
        }
        return b.toString();
    }

    @Test
    void everyLineEndingGivesEveryRow() throws IOException {
        for (String eol : new String[] {"\n", "\r\n", "\r"}) {
            KlineReader.Result r = KlineReader.read(write("eol.csv", day(eol)), "X");
            assertThat(r.series().size()).as("line ends %s", eol.replace("\r", "CR").replace("\n", "LF"))
                    .isEqualTo(1440);
            assertThat(r.report().headerLines()).isZero();
        }
        Path cr = write("cr-bad.csv", row(T0, false, "101").replace("\n", "\r") + row(T0 + 60_000, false, "1x"));
        assertThatThrownBy(() -> KlineReader.read(cr, "X")).as("a CR-only file still counts its lines")
                .hasMessageContaining("cr-bad.csv:2");
    }

    @Test
    void aByteOrderMarkIsNotAHeaderAndTheFirstRowIsKept() throws IOException {
        Path f = tmp.resolve("bom.csv");
        byte[] body = (row(T0, false, "101") + row(T0 + 60_000, false, "101")).getBytes(StandardCharsets.US_ASCII);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Files.write(f, withBom);
        KlineReader.Result r = KlineReader.read(f, "X");
        assertThat(r.series().size()).isEqualTo(2);
        assertThat(r.series().openTime(0)).isEqualTo(T0);
        assertThat(r.report().headerLines()).isZero();
    }

    @Test
    void timesInSecondsAreRefusedNotReadAs1970() throws IOException {
        long s = T0 / 1000;
        Path f = write("secs.csv", s + ",100,101,99,100,1," + (s + 59) + ",100,1,0.5,50,0\n");
        assertThatThrownBy(() -> KlineReader.read(f, "X")).isInstanceOf(DataException.class)
                .hasMessageContaining("secs.csv:1").hasMessageContaining("open_time").hasMessageContaining("seconds");
    }

    @Test
    void negativeOrImpossibleVolumesAreRefusedWithTheirField() throws IOException {
        String[][] cases = {
            {"quote_volume", "1250.0", "-1250.0"},
            {"taker_buy_base_volume", ",6.25,", ",-6.25,"},
            {"taker_buy_quote_volume", "625.0,0", "-625.0,0"},
        };
        for (String[] c : cases) {
            Path f = write("neg.csv", row(T0, false, "101") + row(T0 + 60_000, false, "101").replace(c[1], c[2]));
            assertThatThrownBy(() -> KlineReader.read(f, "X")).as(c[0]).isInstanceOf(DataException.class)
                    .hasMessageContaining("neg.csv:2").hasMessageContaining("'" + c[0] + "'")
                    .hasMessageContaining("negative");
        }
        Path over = write("over.csv", row(T0, false, "101").replace(",6.25,", ",12.6,"));
        assertThatThrownBy(() -> KlineReader.read(over, "X")).hasMessageContaining("over.csv:1")
                .hasMessageContaining("exceeds the bar's volume");
        Path big = write("big.csv", row(T0, false, "101").replace("1250.0", "92233720369"));
        assertThatThrownBy(() -> KlineReader.read(big, "X")).as("beyond the fixed-point range, not wrapped")
                .hasMessageContaining("big.csv:1").hasMessageContaining("'quote_volume'");
    }

    @Test
    void aConflictingDuplicateFailsTheLoadAndNamesBothFiles() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("dups"));
        Files.writeString(dir.resolve("a.csv"), row(T0, false, "101") + row(T0 + 60_000, false, "101"));
        Files.writeString(dir.resolve("b.csv"), row(T0 + 60_000, false, "101") + row(T0 + 120_000, false, "101"));
        assertThat(KlineReader.read(dir, "X").report().duplicates()).as("identical overlap: dropped, reported")
                .isEqualTo(1);
        Files.writeString(dir.resolve("b.csv"), row(T0 + 60_000, false, "102") + row(T0 + 120_000, false, "101"));
        assertThatThrownBy(() -> KlineReader.read(dir, "X")).isInstanceOf(DataException.class)
                .hasMessageContaining("conflicting rows for open time 2024-01-01T00:01:00Z")
                .hasMessageContaining("a.csv").hasMessageContaining("b.csv");
    }

    @Test
    void aZipEntryThatExpandsBeyondTheLimitIsRefusedBeforeItExhaustsTheHeap() throws IOException {
        // a real bomb would need a gigabyte of zeros; a lie about the size shows both guards
        Path z = tmp.resolve("X-1m-2024-01-01.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(z))) {
            out.putNextEntry(new ZipEntry("X-1m-2024-01-01.csv"));
            out.write(day("\n").getBytes(StandardCharsets.US_ASCII));
            out.closeEntry();
        }
        assertThat(KlineReader.read(z, "X").series().size()).isEqualTo(1440);
        byte[] bytes = Files.readAllBytes(z);
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int cen = -1;
        for (int i = bytes.length - 4; i >= 0; i--) {
            if (bb.getInt(i) == 0x02014b50) { // central directory header: uncompressed size at +24
                cen = i;
                break;
            }
        }
        bb.putInt(cen + 24, Integer.MAX_VALUE);
        Path huge = tmp.resolve("huge.zip");
        Files.write(huge, bytes);
        assertThatThrownBy(() -> KlineReader.read(huge, "X")).isInstanceOf(DataException.class)
                .hasMessageContaining("huge.zip!X-1m-2024-01-01.csv").hasMessageContaining("expands to");
        bb.putInt(cen + 24, 1000);
        Path small = tmp.resolve("short.zip");
        Files.write(small, bytes);
        assertThatThrownBy(() -> KlineReader.read(small, "X")).as("more bytes than declared: not cut silently")
                .isInstanceOf(DataException.class).hasMessageContaining("beyond its declared 1000");
    }

    @Test
    void aFileThatNoLongerMatchesItsChecksumIsRefused() throws IOException {
        Path f = write("X-1m-2024-01-01.csv", day("\n"));
        Path sum = tmp.resolve("X-1m-2024-01-01.csv.CHECKSUM");
        Files.writeString(sum, dev.hft.core.Checksum.sha256(f) + "  X-1m-2024-01-01.csv\n");
        assertThat(KlineReader.read(f, "X").series().size()).isEqualTo(1440);
        Files.writeString(f, day("\n").replace(",101,", ",100.9,"));
        assertThatThrownBy(() -> KlineReader.read(f, "X")).isInstanceOf(DataException.class)
                .hasMessageContaining("X-1m-2024-01-01.csv: SHA-256").hasMessageContaining("does not match");
    }

    private static final long HALT_DAY = 1_679_616_000_000L; // 2023-03-24T00:00Z

    @Test
    void aTradingHaltsShortCandleLoadsWithAWarningAndAMisfitStillFails() throws IOException {
        long t = HALT_DAY + 759 * 60_000L; // 12:39 UTC
        String shortRow = t + ",100.00,101,99.00,100.50,12.5," + (t + 41_646) + ",1250.0,42,6.25,625.0,0\n";
        Path f = write("BTCUSDT-1m-2023-03-24.csv", row(t - 60_000, false, "101") + shortRow
                + row(t + 120 * 60_000L, false, "101"));
        KlineReader.Result r = KlineReader.read(f, "BTCUSDT");
        assertThat(r.series().size()).isEqualTo(3);
        assertThat(r.report().shortBars()).isEqualTo(1);
        assertThat(r.report().firstShortBars()).containsExactly(t);
        assertThat(r.report().gaps()).as("the halt's gap is reported, for the sanitizer to freeze").isEqualTo(1);
        // a short candle that is the first row of a file named for its interval does not set the interval
        Path first = write("BTCUSDT-1m-2023-03-25.csv", shortRow.replace(Long.toString(t),
                Long.toString(t + 86_400_000L)).replace(Long.toString(t + 41_646), Long.toString(t + 86_441_646L))
                + row(t + 86_460_000L, false, "101"));
        assertThat(KlineReader.read(first, "BTCUSDT").report().shortBars()).isEqualTo(1);
        // a row off the grid or longer than the interval is no halt: it still stops the load
        Path off = write("BTCUSDT-1m-2023-03-26.csv", row(t + 2 * 86_400_000L, false, "101")
                + (t + 2 * 86_400_000L + 90_000) + ",100,101,99,100,1," + (t + 2 * 86_400_000L + 120_000)
                + ",100,1,0.5,50,0\n");
        assertThatThrownBy(() -> KlineReader.read(off, "BTCUSDT")).hasMessageContaining(":2: bar interval");
    }

    @Test
    void theDatesApplyBeforeValidationSoRowsOutsideThemCannotStopARun() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("range"));
        long april = 1_680_307_200_000L; // 2023-04-01T00:00Z
        Files.writeString(dir.resolve("BTCUSDT-1m-2023-03-24.csv"),
                "1679616000000,100,101,99,100,1,1679616041646,100,1,0.5,50,0\n1679616060000,1,2,x\n");
        Files.writeString(dir.resolve("BTCUSDT-1m-2023-04-01.csv"), row(april, false, "101")
                + row(april + 60_000, false, "101"));
        assertThatThrownBy(() -> KlineReader.read(dir, "BTCUSDT")).hasMessageContaining("2023-03-24.csv:2");
        KlineReader.Result r = KlineReader.read(dir, "BTCUSDT", null, april, Long.MAX_VALUE);
        assertThat(r.series().size()).isEqualTo(2);
        assertThat(r.report().filesOutside()).isEqualTo(1);
        // a file without a Binance name is read, and its rows before the range are skipped unvalidated
        Path mixed = write("export.csv", "1680220800000,100,BAD,99,100,1,1680220859999,100,1,0.5,50,0\n"
                + row(april, false, "101"));
        assertThatThrownBy(() -> KlineReader.read(mixed, "BTCUSDT")).hasMessageContaining("export.csv:1");
        KlineReader.Result m = KlineReader.read(mixed, "BTCUSDT", null, april, Long.MAX_VALUE);
        assertThat(m.series().size()).isEqualTo(1);
        assertThat(m.report().rowsOutside()).isEqualTo(1);
        // and a bad row inside the range still fails
        assertThatThrownBy(() -> KlineReader.read(mixed, "BTCUSDT", null, april - 86_400_000L, Long.MAX_VALUE))
                .hasMessageContaining("export.csv:1");
    }

    @Test
    void floatNoiseBeyondEightDecimalsIsRoundedAndARealNinthDecimalIsNamed() throws IOException {
        Path f = write("noise.csv", row(T0, false, "37665.100000000006").replace("99.00", "99.00")
                .replace(",100.00,", ",37665.1,").replace(",99.00,", ",37665.1,").replace(",100.50,", ",37665.1,"));
        KlineReader.Result r = KlineReader.read(f, "X");
        assertThat(r.series().high(0)).isEqualTo(Fixed.parse("37665.1"));
        assertThat(r.report().roundedValues()).isEqualTo(1);
        Path g = write("nine.csv", row(T0, false, "101").replace(",12.5,", ",12.123456789,"));
        assertThatThrownBy(() -> KlineReader.read(g, "X")).hasMessageContaining("nine.csv:1")
                .hasMessageContaining("field 'volume'").hasMessageContaining("more than 8 decimals")
                .hasMessageContaining("12.123456789");
    }

    @Test
    void shouldFailOnEmptyOrMissingInput() throws IOException {
        Path e = write("empty.csv", "");
        assertThatThrownBy(() -> KlineReader.read(e,
                "X")).hasMessageContaining("empty.csv").hasMessageContaining("empty");
        assertThatThrownBy(() -> KlineReader.read(tmp.resolve("nope"), "X")).hasMessageContaining("not found");
        Path dir = Files.createDirectory(tmp.resolve("d"));
        assertThatThrownBy(() -> KlineReader.read(dir, "X")).hasMessageContaining("no .zip or .csv");
    }

    @Test
    void shouldRefuseTwoIntervalsForOneSymbol() throws IOException {
        Path f = write("mix.csv", row(T0, false, "101")
                + (T0 + 60_000) + ",100,101,99,100,1," + (T0 + 60_000 + 299_999) + ",1,1,1,1,0\n");
        assertThatThrownBy(() -> KlineReader.read(f, "X")).hasMessageContaining("mix.csv:2")
                .hasMessageContaining("300000 ms differs from 60000 ms");
    }

    @Test
    void withSeveralBadFilesTheFirstInOrderShouldBeReportedEveryTime() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("many"));
        for (int d = 1; d <= 20; d++) {
            long day = T0 + (d - 1) * 86_400_000L;
            String body = row(day, false, "101") + row(day + 60_000, false, d == 7 || d == 15 ? "10x" : "101");
            Files.writeString(dir.resolve(String.format("X-1m-2024-01-%02d.csv", d)), body);
        }
        for (int k = 0; k < 5; k++) {
            assertThatThrownBy(() -> KlineReader.read(dir, "X")).hasMessageContaining("X-1m-2024-01-07.csv:2");
        }
    }

    @Test
    void filesWithDifferentIntervalsShouldBeRefused() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("intervals"));
        write("intervals/X-1m-2024-01-01.csv", row(T0, false, "101"));
        write("intervals/X-5m-2024-01-02.csv", (T0 + 86_400_000L) + ",100,101,99,100,1,"
                + (T0 + 86_400_000L + 299_999) + ",1,1,1,1,0\n");
        assertThatThrownBy(() -> KlineReader.read(dir, "X")).hasMessageContaining("X-5m-2024-01-02.csv")
                .hasMessageContaining("300000 ms differs from 60000 ms");
    }

    @Test
    void shouldTakeTheSymbolFromBinanceFileNames() {
        assertThat(KlineReader.symbolFromPath(Path.of("BTCUSDT-1m-2024-01-01.zip"))).isEqualTo("BTCUSDT");
        assertThat(KlineReader.symbolFromPath(SharedData.klines("ETHUSDT"))).isEqualTo("ETHUSDT");
        assertThat(KlineReader.symbolFromPath(Path.of("data.csv"))).isNull();
    }
}
