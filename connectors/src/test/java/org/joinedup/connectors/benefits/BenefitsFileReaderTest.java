package org.joinedup.connectors.benefits;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.joinedup.connectors.benefits.BenefitsRecords.detail;
import static org.joinedup.connectors.benefits.BenefitsRecords.header;
import static org.joinedup.connectors.benefits.BenefitsRecords.trailer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.joinedup.connectors.benefits.BenefitsFileReader.FileName;
import org.joinedup.connectors.benefits.BenefitsFileReader.Header;
import org.joinedup.connectors.benefits.BenefitsFileReader.SetAside;
import org.joinedup.model.BenefitAwardRow;
import org.joinedup.model.BenefitAwardRow.Benefit;
import org.joinedup.model.BenefitAwardRow.Status;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.NiNumber;
import org.joinedup.model.Pence;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The benefits monthly award file reader against /work/shared/formats/benefits-monthly-fixed-width.md: file names,
 * the header, whole-file refusal (nothing applied) when the structure, an amount field or the trailer's count or
 * hash total is wrong, good details handed on and unusable ones set aside with their line and reason. Fixtures are
 * under src/test/resources/benefits/ (see the README there).
 */
class BenefitsFileReaderTest {

    static final String NAME = "BEN_E08000004_202611_01.DAT";

    @Nested
    @DisplayName("file names")
    class FileNames {

        @Test
        void authorityMonthAndSequenceComeFromTheName() {
            assertEquals(new FileName("E08000004", YearMonth.of(2026, 11), 1), BenefitsFileReader.fileNameOf(NAME));
            assertEquals(new FileName("W06000015", YearMonth.of(2027, 1), 12),
                    BenefitsFileReader.fileNameOf("BEN_W06000015_202701_12.DAT"));
            assertEquals(new FileName("E08000004", YearMonth.of(2026, 11), 2),
                    BenefitsFileReader.fileNameOf("BEN_E08000004_202611_02.dat"), "the extension in any case");
        }

        @ParameterizedTest(name = "refused: \"{0}\"")
        @ValueSource(strings = {
            "BEN_E08000004_202611_1.DAT",      // one-digit sequence
            "BEN_E08000004_202611_001.DAT",
            "BEN_E0800004_202611_01.DAT",       // eight-character GSS code
            "BEN_E080000045_202611_01.DAT",
            "BEN_e08000004_202611_01.DAT",      // GSS codes are upper case
            "BEN_OLDHAM_202611_01.DAT",
            "BEN_E08000004_2026111_01.DAT",     // not yyyymm
            "BEN_E08000004_20261_01.DAT",
            "ben_E08000004_202611_01.DAT",
            "BEN-E08000004-202611-01.DAT",
            "BEN_E08000004_202611_01.TXT",
            "BEN_E08000004_202611_01.DAT.part", // still arriving
            "BEN_E08000004_202611_01",
            " BEN_E08000004_202611_01.DAT",
            ""})
        void aNameNotInTheAgreedPatternIsRefused(String name) {
            InvalidMessageException refused = assertThrows(InvalidMessageException.class,
                    () -> BenefitsFileReader.fileNameOf(name));
            assertEquals("file name", refused.issues().get(0).expression());
            assertTrue(refused.getMessage().contains("BEN_<gss>_<yyyymm>_<seq>.DAT"), refused.getMessage());
        }

        @ParameterizedTest(name = "refused: {0}")
        @ValueSource(strings = {"202613", "202600", "202699"})
        void aNameWithAnImpossibleMonthIsRefused(String month) {
            InvalidMessageException refused = assertThrows(InvalidMessageException.class,
                    () -> BenefitsFileReader.fileNameOf("BEN_E08000004_" + month + "_01.DAT"));
            assertEquals("file name", refused.issues().get(0).expression());
            assertTrue(refused.getMessage().contains("'" + month + "' in the file name is not a month"),
                    refused.getMessage());
        }

        @Test
        void checkRefusesAFileUnderAnotherNameBeforeOpeningIt(@TempDir Path dir) throws IOException {
            Path file = Files.copy(fixture("good/" + NAME), dir.resolve("benefits-2026-11.dat"));
            InvalidMessageException refused = assertThrows(InvalidMessageException.class,
                    () -> BenefitsFileReader.check(file));
            assertEquals("file name", refused.issues().get(0).expression());
            assertThrows(InvalidMessageException.class, () -> BenefitsFileReader.read(file, row -> { }, s -> { }));
        }
    }

    @Nested
    @DisplayName("a good file")
    class GoodFile {

        private final Path file = fixture("good/" + NAME);

        @Test
        void checkReturnsTheHeaderWithTheVerifiedCountAndHashTotal() {
            assertEquals(new Header("BEN202611E0800000401", "E08000004", YearMonth.of(2026, 11), 1,
                    LocalDateTime.of(2026, 12, 3, 6, 15, 0), 5, new Pence(58_495)), BenefitsFileReader.check(file));
        }

        @Test
        void readHandsOnEveryDetailInFileOrderWithItsFieldsAsSent() {
            Result result = read(file);

            assertEquals(List.of(), result.setAside);
            assertEquals(List.of(
                    new BenefitAwardRow(2, NiNumber.parse("JH405821D"), "Hughes", "Dave", LocalDate.of(1979, 2, 14),
                            "OL1 1XX", Benefit.PIP, Status.ACTIVE, new Pence(7_390), LocalDate.of(2019, 6, 1), null),
                    new BenefitAwardRow(3, NiNumber.parse("JH405821D"), "Hughes", "Dave", LocalDate.of(1979, 2, 14),
                            "OL11XX", Benefit.UC, Status.ACTIVE, new Pence(19_125), LocalDate.of(2023, 1, 15), null),
                    new BenefitAwardRow(4, NiNumber.parse("AB123456C"), "O'Neill", "Margaret",
                            LocalDate.of(1951, 7, 2), "OL1 3SS", Benefit.AA, Status.ACTIVE, new Pence(10_880),
                            LocalDate.of(2016, 3, 1), null),
                    new BenefitAwardRow(5, NiNumber.parse("CE310045A"), "Smith, jnr", "Ryan James",
                            LocalDate.of(1988, 9, 12), "OL9 6TR", Benefit.ESA, Status.SUSPENDED, new Pence(12_930),
                            LocalDate.of(2024, 9, 1), null),
                    new BenefitAwardRow(6, NiNumber.parse("WP112233B"), "Kowalczyk", "Chlo\u00eb",
                            LocalDate.of(1992, 5, 17), "OL4 2AB", Benefit.CA, Status.TERMINATED, new Pence(8_170),
                            LocalDate.of(2022, 1, 10), LocalDate.of(2026, 10, 31))),
                    result.rows);
            assertEquals(BenefitsFileReader.check(file), result.header, "read returns the header check returns");
        }

        @Test
        void theFileIsIso88591AndEveryRecordIs150CharactersEndingInLf() throws IOException {
            byte[] bytes = Files.readAllBytes(file);
            assertEquals(7 * 151, bytes.length, "7 records of 150 bytes and an LF each: one byte a character");
            assertTrue(new String(bytes, StandardCharsets.ISO_8859_1).contains("Chlo\u00eb "), "\u00eb is one byte");
            assertEquals("Chlo\u00eb", read(file).rows.get(4).forenames(), "decoded as ISO-8859-1, not UTF-8");
        }

        @Test
        void postcodesAreKeptAsHeldWithOrWithoutTheSpace() {
            assertEquals(List.of("OL1 1XX", "OL11XX"),
                    read(file).rows.stream().limit(2).map(BenefitAwardRow::postcode).toList());
        }

        @Test
        void aFileWithNoDetailsIsValid() {
            Path empty = fixture("no-details/" + NAME);
            assertEquals(0, BenefitsFileReader.check(empty).detailCount());
            assertEquals(Pence.ZERO, BenefitsFileReader.check(empty).hashTotal());
            Result result = read(empty);
            assertEquals(List.of(), result.rows);
            assertEquals(List.of(), result.setAside);
        }

        @Test
        void aMissingLfAfterTheTrailerIsTolerated(@TempDir Path dir) throws IOException {
            byte[] bytes = Files.readAllBytes(file);
            Path unterminated = Files.write(dir.resolve(NAME), java.util.Arrays.copyOf(bytes, bytes.length - 1));
            assertEquals(BenefitsFileReader.check(file), BenefitsFileReader.check(unterminated));
            assertEquals(read(file).rows, read(unterminated).rows);
        }
    }

    @Nested
    @DisplayName("a resend")
    class Resend {

        @Test
        void aResendCarriesTheNextSequenceFromItsNameAndItsOwnFileIdFromItsHeader() {
            Header first = BenefitsFileReader.check(fixture("good/" + NAME));
            Header resend = BenefitsFileReader.check(fixture("resend/BEN_E08000004_202611_02.DAT"));

            assertAll(
                    () -> assertEquals(1, first.sequence()),
                    () -> assertEquals(2, resend.sequence()),
                    () -> assertEquals("BEN202611E0800000402", resend.fileId()),
                    () -> assertTrue(!resend.fileId().equals(first.fileId()), "unique per file"),
                    () -> assertEquals(first.gss(), resend.gss(), "the same authority"),
                    () -> assertEquals(first.awardMonth(), resend.awardMonth(), "the same month: it replaces"),
                    () -> assertEquals(LocalDateTime.of(2026, 12, 5, 14, 0), resend.created()),
                    () -> assertEquals(5, resend.detailCount()),
                    () -> assertEquals(new Pence(58_505), resend.hashTotal(), "Margaret's award corrected by 10p"));
            assertEquals(new Pence(10_890), read(fixture("resend/BEN_E08000004_202611_02.DAT")).rows.get(2)
                    .weeklyAmount());
        }
    }

    @Nested
    @DisplayName("details set aside")
    class SetAsideDetails {

        private final Path file = fixture("set-aside/BEN_E08000004_202612_01.DAT");
        private final Result result = read(file);

        @Test
        void eachUnusableDetailIsSetAsideWithItsLineAndReasonAndTheRestAreHandedOn() {
            String codes = "UC, PIP, ESA, JSA, HB, CTR, CA, AA, DLA";
            assertEquals(List.of(
                    new SetAside(3, "NI number (positions 2-10): NI number QQ123456C cannot start with Q"),
                    new SetAside(4, "NI number (positions 2-10): NI number is missing"),
                    new SetAside(5, "NI number (positions 2-10): NI number must be two letters, six digits and a "
                            + "letter, got 'AB12345C'"),
                    new SetAside(6, "date of birth (positions 81-88): '19510231' is not a date (yyyyMMdd)"),
                    new SetAside(7, "award start (positions 111-118): '20241301' is not a date (yyyyMMdd)"),
                    new SetAside(8, "award end (positions 119-126): '20260229' is not a date (yyyyMMdd)"),
                    new SetAside(9, "benefit code (positions 97-100): 'XYZ' is not one of " + codes),
                    new SetAside(10, "status (position 101): 'X' is not A, S or T"),
                    new SetAside(11, "date of birth (positions 81-88): is missing"),
                    new SetAside(12, "NI number (positions 2-10): NI number prefix TN is never issued; "
                            + "benefit code (positions 97-100): 'uc' is not one of " + codes + "; "
                            + "award start (positions 111-118): '2025-1-1' is not a date (yyyyMMdd)")),
                    result.setAside);
            assertEquals(List.of(2, 13), result.rows.stream().map(BenefitAwardRow::lineNumber).toList());
        }

        @Test
        void setAsideDetailsStillCountInTheTrailerAndItsHashTotal() {
            Header header = BenefitsFileReader.check(file);
            assertEquals(12, header.detailCount());
            assertEquals(new Pence(91_873), header.hashTotal());
            assertEquals(YearMonth.of(2026, 12), header.awardMonth());
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "benefit code blank     | AB123456C | 19800101 | ''   | A | 20250101 | ''       | benefit code (positions 97-100): is missing",
            "benefit code DLAX      | AB123456C | 19800101 | DLAX | A | 20250101 | ''       | benefit code (positions 97-100): 'DLAX' is not one of UC, PIP, ESA, JSA, HB, CTR, CA, AA, DLA",
            "status a space         | AB123456C | 19800101 | UC   | ' ' | 20250101 | ''     | status (position 101): a space is not A, S or T",
            "status lower case      | AB123456C | 19800101 | UC   | a | 20250101 | ''       | status (position 101): 'a' is not A, S or T",
            "award start missing    | AB123456C | 19800101 | UC   | A | ''       | ''       | award start (positions 111-118): is missing",
            "award end half blank   | AB123456C | 19800101 | UC   | T | 20250101 | '2026    ' | award end (positions 119-126): '2026    ' is not a date (yyyyMMdd)",
            "award end day 00       | AB123456C | 19800101 | UC   | T | 20250101 | 20261100 | award end (positions 119-126): '20261100' is not a date (yyyyMMdd)",
            "DOB with spaces        | AB123456C | '1980 1 1' | UC | A | 20250101 | ''       | date of birth (positions 81-88): '1980 1 1' is not a date (yyyyMMdd)",
            "NI suffix E            | AB123456E | 19800101 | UC   | A | 20250101 | ''       | NI number (positions 2-10): NI number AB123456E must end in A, B, C or D",
            "NI second letter O     | AO123456A | 19800101 | UC   | A | 20250101 | ''       | NI number (positions 2-10): NI number AO123456A cannot have O as its second letter",
            "DOB in year 1          | AB123456C | 00010101 | UC   | A | 20250101 | ''       | date of birth (positions 81-88): 0001-01-01 is not a plausible date (between 1900-01-01 and 2199-12-31)",
            "DOB in the future      | AB123456C | 21000101 | UC   | A | 20250101 | ''       | date of birth (positions 81-88): 2100-01-01 is in the future",
            "award end before start | AB123456C | 19800101 | UC   | T | 20250101 | 20241231 | award end (positions 119-126): 2024-12-31 is before the award start 2025-01-01",
            "award start year 9999  | AB123456C | 19800101 | UC   | A | 99991231 | ''       | award start (positions 111-118): 9999-12-31 is not a plausible date (between 1900-01-01 and 2199-12-31)"})
        void moreReasonsToSetADetailAside(String label, String ni, String dob, String benefit, char status,
                String start, String end, String reason, @TempDir Path dir) throws IOException {
            Path one = writeFile(dir, List.of(detail(ni, "Surname", "Forename", dob, "OL1 1AA", benefit, status, 100,
                    start, end)));
            BenefitsFileReader.check(one);
            Result r = read(one);
            assertEquals(List.of(), r.rows, label);
            assertEquals(List.of(new SetAside(2, reason)), r.setAside, label);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "a NUL in the surname      | 0  | surname (positions 11-45): holds the control character U+0000 at position 13",
            "an escape in the surname  | 27 | surname (positions 11-45): holds the control character U+001B at position 13",
            "a C1 control (byte 85)    | 133 | surname (positions 11-45): holds the control character U+0085 at position 13"})
        void aControlCharacterInTextSetsTheDetailAside(String label, int code, String reason, @TempDir Path dir)
                throws IOException {
            String record = detail("AB123456C", "Surname", "Forename", "19800101", "OL1 1AA", "UC", 'A', 100,
                    "20250101", "");
            Path one = writeFile(dir, List.of(record.substring(0, 12) + (char) code + record.substring(13)));
            Result r = read(one);
            assertEquals(List.of(new SetAside(2, reason)), r.setAside, label);
        }

        @Test
        void aByteOrderMarkBeforeTheHeaderIsSkipped(@TempDir Path dir) throws IOException {
            Path one = writeFile(dir, List.of(detail("AB123456C", "S", "F", "19800101", "", "UC", 'A', 100,
                    "20250101", "")));
            byte[] bytes = Files.readAllBytes(one);
            byte[] withBom = new byte[bytes.length + 3];
            withBom[0] = (byte) 0xEF;
            withBom[1] = (byte) 0xBB;
            withBom[2] = (byte) 0xBF;
            System.arraycopy(bytes, 0, withBom, 3, bytes.length);
            Files.write(one, withBom);
            assertEquals(1, read(one).rows.size());
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Benefit.class)
        void everyBenefitCodeInTheSpecIsKnown(Benefit benefit, @TempDir Path dir) throws IOException {
            Path one = writeFile(dir, List.of(detail("AB123456C", "S", "F", "19800101", "OL1 1AA", benefit.code(),
                    'A', 100, "20250101", "")));
            assertEquals(benefit, read(one).rows.get(0).benefit());
        }

        @Test
        void aLowerCaseNiNumberIsAcceptedAndUpperCasedAsTheModelDoes(@TempDir Path dir) throws IOException {
            Path one = writeFile(dir, List.of(detail("ab123456c", "S", "F", "19800101", "", "UC", 'A', 0,
                    "20250101", "")));
            BenefitAwardRow row = read(one).rows.get(0);
            assertEquals("AB123456C", row.niNumber().value());
            assertNull(row.postcode(), "a blank postcode is null");
            assertEquals(Pence.ZERO, row.weeklyAmount(), "a zero award is still an award");
        }
    }

    @Nested
    @DisplayName("files refused whole")
    class RefusedWhole {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "empty                      | file                                             | the file is empty: no header, no trailer",
            "no-header                  | line 1, record type (position 1)                 | no header: the first record must be 'H', found 'D'",
            "header-short               | line 1, header record length                     | is 50 characters, not 150",
            "header-file-id-blank       | line 1, header file id (positions 2-21)          | is blank, and a file must have an id",
            "header-gss-malformed       | line 1, header GSS code (positions 22-30)        | 'OLDHAM   ' is not a GSS code (a letter and eight digits)",
            "header-gss-not-in-name     | line 1, header GSS code (positions 22-30)        | 'E08000005' is not the authority in the file name, E08000004",
            "header-month-impossible    | line 1, header award month (positions 31-36)     | '202613' is not a month (yyyyMM)",
            "header-month-not-in-name   | line 1, header award month (positions 31-36)     | '202610' is not the month in the file name, 202611",
            "header-created-impossible  | line 1, header created (positions 37-50)         | '20261131061500' is not a date and time (yyyyMMddHHmmss)",
            "no-trailer                 | line 6, record type (position 1)                 | no trailer: the file ends with a detail record, so it may have been cut short in transfer",
            "truncated-mid-record       | line 5, detail record length                     | is 73 characters, not 150: the file ends part-way through a record, so it may have been cut short in transfer",
            "wrong-count                | line 7, trailer record count (positions 2-10)    | the trailer says 6 detail records but the file holds 5",
            "wrong-hash-total           | line 7, trailer hash total (positions 11-25)     | the trailer's hash total is 58496 pence but the details' weekly amounts add up to 58495",
            "trailer-count-space-padded | line 7, trailer record count (positions 2-10)    | '        5' is not a zero-padded number",
            "amount-not-digits          | line 4, detail weekly amount (positions 102-110) | '   108.80' is not all digits, so the hash total cannot be verified",
            "detail-too-short           | line 5, detail record length                     | is 149 characters, not 150",
            "detail-too-long            | line 5, detail record length                     | is 151 characters, not 150",
            "crlf                       | line 1, header record length                     | is 151 characters, not 150: it ends CR LF, and records end with LF alone",
            "unknown-record-type        | line 6, record type (position 1)                 | 'X' is not a record type (H, D or T)",
            "second-header              | line 4, record type (position 1)                 | a second header (the header on line 1 is the only one a file may have; two files joined?)",
            "record-after-trailer       | line 7, record type (position 1)                 | a record after the trailer on line 6: the trailer must be the last record",
            "blank-line-in-the-middle   | line 4, record type (position 1)                 | an empty line, and every line must be a 150-character record"})
        void refusedWholeNamingTheLineTheFieldAndTheReason(String fixture, String expression, String reason) {
            Path file = fixture("refused/" + fixture + "/" + NAME);

            InvalidMessageException refused = assertThrows(InvalidMessageException.class,
                    () -> BenefitsFileReader.check(file));
            assertEquals(1, refused.issues().size());
            assertEquals(expression, refused.issues().get(0).expression());
            assertEquals(reason, refused.issues().get(0).reason());

            // read() checks the same things as it goes, so it refuses too (callers run check() first).
            InvalidMessageException alsoRefused = assertThrows(InvalidMessageException.class,
                    () -> BenefitsFileReader.read(file, row -> { }, setAside -> { }));
            assertEquals(refused.getMessage(), alsoRefused.getMessage());
        }

        @Test
        void aFileThatIsOneLongLineIsRefusedInFixedMemory(@TempDir Path dir) throws IOException {
            Path file = dir.resolve(NAME);
            byte[] chunk = ("H" + "X".repeat(1023)).getBytes(StandardCharsets.ISO_8859_1);
            try (OutputStream out = Files.newOutputStream(file)) {
                for (int i = 0; i < 20 * 1024; i++) { // 20 MiB, no LF anywhere
                    out.write(chunk);
                }
            }
            InvalidMessageException refused = assertThrows(InvalidMessageException.class,
                    () -> BenefitsFileReader.check(file));
            assertEquals("line 1, header record length", refused.issues().get(0).expression());
            assertEquals("is 20971520 characters, not 150", refused.issues().get(0).reason());
        }

        @Test
        void aHeaderAloneHasNoTrailer(@TempDir Path dir) throws IOException {
            Path file = Files.writeString(dir.resolve(NAME), header("BEN202611E0800000401", "E08000004", "202611",
                    "20261203061500") + "\n", StandardCharsets.ISO_8859_1);
            InvalidMessageException refused = assertThrows(InvalidMessageException.class,
                    () -> BenefitsFileReader.check(file));
            assertEquals("line 1, record type (position 1)", refused.issues().get(0).expression());
            assertTrue(refused.issues().get(0).reason().startsWith("no trailer: the file ends with a header record"));
        }

        @Test
        void aFileWithAnEmptyLineAfterTheTrailerIsRefused(@TempDir Path dir) throws IOException {
            byte[] good = Files.readAllBytes(fixture("good/" + NAME));
            byte[] extra = java.util.Arrays.copyOf(good, good.length + 1);
            extra[good.length] = '\n';
            Path file = Files.write(dir.resolve(NAME), extra);
            InvalidMessageException refused = assertThrows(InvalidMessageException.class,
                    () -> BenefitsFileReader.check(file));
            assertEquals("line 8, record type (position 1)", refused.issues().get(0).expression());
            assertEquals("an empty line after the trailer on line 7: the trailer must be the last record",
                    refused.issues().get(0).reason());
        }

        @Test
        void aHashTotalTooBigForItsFifteenDigitsCanNeverMatch(@TempDir Path dir) throws IOException {
            // 1,000,001 details of 999,999,999p each would need 16 digits; two details prove the arithmetic is exact
            Path file = writeFile(dir, List.of(
                    detail("AB123456C", "S", "F", "19800101", "", "UC", 'A', 999_999_999L, "20250101", ""),
                    detail("AB123456C", "S", "F", "19800101", "", "PIP", 'A', 999_999_999L, "20250101", "")));
            assertEquals(new Pence(1_999_999_998L), BenefitsFileReader.check(file).hashTotal());
        }

        @Test
        void readRechecksSoAFileThatChangedAfterCheckIsStillRefusedAtItsTrailer() {
            // The two-pass contract: check() first, and nothing applied unless it passes. Should read() be given a
            // file that fails, it hands on what it has read and then refuses, and the caller discards the lot.
            Path file = fixture("refused/wrong-count/" + NAME);
            List<BenefitAwardRow> handedOn = new ArrayList<>();
            InvalidMessageException refused = assertThrows(InvalidMessageException.class,
                    () -> BenefitsFileReader.read(file, handedOn::add, setAside -> { }));
            assertEquals(5, handedOn.size());
            assertEquals("line 7, trailer record count (positions 2-10)", refused.issues().get(0).expression());
        }

        @Test
        void aMissingFileIsAnIoProblemNotARefusal(@TempDir Path dir) {
            assertThrows(UncheckedIOException.class, () -> BenefitsFileReader.check(dir.resolve(NAME)));
        }
    }

    // ---- helpers

    record Result(Header header, List<BenefitAwardRow> rows, List<SetAside> setAside) {
    }

    static Result read(Path file) {
        List<BenefitAwardRow> rows = new ArrayList<>();
        List<SetAside> setAside = new ArrayList<>();
        Header header = BenefitsFileReader.read(file, rows::add, setAside::add);
        return new Result(header, rows, setAside);
    }

    static Path fixture(String name) {
        URL url = BenefitsFileReaderTest.class.getResource("/benefits/" + name);
        if (url == null) {
            throw new IllegalStateException("no fixture benefits/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A November file for Oldham holding these details, with a header and a trailer that add up. */
    static Path writeFile(Path dir, List<String> details) throws IOException {
        Path file = dir.resolve(NAME);
        long total = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
            out.write(header("BEN202611E0800000401", "E08000004", "202611", "20261203061500"));
            out.write('\n');
            for (String d : details) {
                out.write(d);
                out.write('\n');
                total += Long.parseLong(d.substring(101, 110));
            }
            out.write(trailer(details.size(), total));
            out.write('\n');
        }
        return file;
    }
}
