package org.joinedup.connectors.housing;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.joinedup.connectors.housing.TenancyExtractReader.SetAside;
import org.joinedup.connectors.housing.TenancyExtractReader.Snapshot;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.NhsNumber;
import org.joinedup.model.NiNumber;
import org.joinedup.model.Pence;
import org.joinedup.model.TenancyRow;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The housing tenancy snapshot reader against /work/shared/formats/housing-tenancies-csv.md: file names, the header
 * (columns by name, a missing required column refuses the file whole), good rows handed on checked and bad rows set
 * aside with their line number and reason. Fixtures are under src/test/resources/housing/.
 */
class TenancyExtractReaderTest {

    static final String HEADER = "tenancy_ref,uprn,address,postcode,person_ref,role,forename,surname,"
            + "date_of_birth,ni_number,nhs_number,tenure,start_date,arrears_pence,adaptation_need,dfg_award_ref,"
            + "dfg_award_pence,dfg_award_date";

    /** Dave's lead row from the spec, with an NI number DWP could have issued. */
    static final String DAVE = "T-100234,100012345678,\"Flat 3, 12 Union Street, Oldham\",OL1 1XX,P-5531,LEAD,Dave,"
            + "Hughes,14/02/1979,JH 40 58 21 D,943 476 5919,SECURE,01/04/2015,42500,Level-access shower,"
            + "DFG-2026-0117,780000,03/11/2026";
    static final String KAYLEIGH = "T-100234,100012345678,\"Flat 3, 12 Union Street, Oldham\",OL1 1XX,P-5532,MEMBER,"
            + "Kayleigh,Hughes,30/09/2011,,,SECURE,01/04/2015,,,,,";

    @Nested
    @DisplayName("file names")
    class FileNames {

        @Test
        void providerAndExtractDateComeFromTheName() {
            assertEquals(new Snapshot("OLDHAMHSG", LocalDate.of(2026, 11, 21)),
                    TenancyExtractReader.snapshotOf("tenancies-OLDHAMHSG-20261121.csv"));
        }

        @Test
        void theProviderCodeIsUpperCasedAndMayHoldDigits() {
            assertEquals(new Snapshot("OLDHAMHSG", LocalDate.of(2026, 11, 22)),
                    TenancyExtractReader.snapshotOf("tenancies-oldhamhsg-20261122.csv"));
            assertEquals(new Snapshot("HSG42", LocalDate.of(2028, 2, 29)),
                    TenancyExtractReader.snapshotOf("tenancies-Hsg42-20280229.csv"), "2028 is a leap year");
        }

        @ParameterizedTest(name = "refused: {0}")
        @ValueSource(strings = {
            "tenancies-OLDHAMHSG-2026112.csv",      // seven digits
            "tenancies-OLDHAMHSG-202611210.csv",    // nine digits
            "tenancies-OLDHAMHSG-21-11-2026.csv",   // not yyyymmdd
            "tenancies-OLDHAM-HSG-20261121.csv",    // provider is letters and digits only
            "tenancies-OLDHAM_HSG-20261121.csv",
            "tenancies--20261121.csv",              // no provider
            "tenancies_OLDHAMHSG_20261121.csv",
            "tenancy-OLDHAMHSG-20261121.csv",
            "OLDHAMHSG-20261121.csv",
            "tenancies-OLDHAMHSG-20261121.txt",
            "tenancies-OLDHAMHSG-20261121.csv.part", // still being written
            "tenancies-OLDHAMHSG-20261121",
            " tenancies-OLDHAMHSG-20261121.csv",
            "done/tenancies-OLDHAMHSG-20261121.csv",
            ""})
        void aNameNotInTheAgreedPatternIsRefused(String name) {
            InvalidMessageException refused = assertThrows(InvalidMessageException.class,
                    () -> TenancyExtractReader.snapshotOf(name));
            assertEquals("file name", refused.issues().get(0).expression());
            assertTrue(refused.getMessage().contains("tenancies-<provider>-<yyyymmdd>.csv"), refused.getMessage());
        }

        @ParameterizedTest(name = "refused: {0}")
        @ValueSource(strings = {"20260231", "20261131", "20261321", "20261100", "20261200", "20250229", "00000000"})
        void aNameWithAnImpossibleDateIsRefused(String date) {
            InvalidMessageException refused = assertThrows(InvalidMessageException.class,
                    () -> TenancyExtractReader.snapshotOf("tenancies-OLDHAMHSG-" + date + ".csv"));
            assertEquals("file name", refused.issues().get(0).expression());
            assertTrue(refused.getMessage().contains("'" + date + "'"), refused.getMessage());
            assertTrue(refused.getMessage().contains("not a date"), refused.getMessage());
        }
    }

    @Nested
    @DisplayName("the spec's own example")
    class SpecExample {

        @Test
        void daveIsSetAsideForHisNiNumberAndKayleighIsHandedOn() {
            Result result = readFixture("tenancies-OLDHAMHSG-20261121.csv");

            // QQ 12 34 56 C: DWP never issues Q as a first letter, so the lead row cannot be trusted for matching.
            assertEquals(1, result.setAside.size(), result.setAside.toString());
            SetAside dave = result.setAside.get(0);
            assertEquals(2, dave.lineNumber());
            assertTrue(dave.reason().startsWith("ni_number:"), dave.reason());
            assertTrue(dave.reason().contains("cannot start with Q"), dave.reason());

            assertEquals(1, result.rows.size());
            TenancyRow kayleigh = result.rows.get(0);
            assertEquals(new TenancyRow(3, "T-100234", "100012345678", "Flat 3, 12 Union Street, Oldham", "OL11XX",
                    "P-5532", "MEMBER", "Kayleigh", "Hughes", LocalDate.of(2011, 9, 30), null, null, "SECURE",
                    LocalDate.of(2015, 4, 1), 0L, null, null, null, null), kayleigh);
            assertTrue(!kayleigh.isLead());
        }

        @Test
        void withAnIssuableNiNumberDavesLeadRowCarriesEverything() {
            Result result = read(HEADER + "\n" + DAVE + "\n" + KAYLEIGH + "\n");

            assertEquals(List.of(), result.setAside);
            TenancyRow dave = result.rows.get(0);
            assertEquals(new TenancyRow(2, "T-100234", "100012345678", "Flat 3, 12 Union Street, Oldham", "OL11XX",
                    "P-5531", "LEAD", "Dave", "Hughes", LocalDate.of(1979, 2, 14), NiNumber.parse("JH405821D"),
                    NhsNumber.parse("9434765919"), "SECURE", LocalDate.of(2015, 4, 1), 42500L,
                    "Level-access shower", "DFG-2026-0117", new Pence(780_000), LocalDate.of(2026, 11, 3)), dave);
            assertTrue(dave.isLead());
            assertEquals("JH405821D", dave.niNumber().value(), "NI number upper case without spaces");
            assertEquals("9434765919", dave.nhsNumber().value(), "'943 476 5919' normalised to the bare digits");
            assertEquals(3, result.rows.get(1).lineNumber());
        }
    }

    @Nested
    @DisplayName("a messy provider export")
    class MessyExport {

        /*
         * tenancies-oldhamhsg-20261122.csv: UTF-8 with a BOM, CRLF, columns in another order with two unknown
         * columns (one in the middle), quoted addresses and notes with commas, doubled quotes and line breaks,
         * lower- and mixed-case role and tenure, NHS numbers spaced and hyphenated, a member row cut short after
         * start_date, blank lines at the end.
         */
        private final Result result = readFixture("tenancies-oldhamhsg-20261122.csv");

        @Test
        void theFixtureReallyIsMessy() {
            String raw = fixtureText("tenancies-oldhamhsg-20261122.csv");
            assertTrue(raw.startsWith("\uFEFFperson_ref,"), "starts with a byte-order mark");
            assertTrue(raw.contains("\r\n") && !raw.replace("\r\n", "").contains("\n"), "CRLF throughout");
            assertTrue(raw.endsWith("\r\n\r\n\r\n"), "blank lines at the end");
        }

        @Test
        void everyRowArrivesOnTheLineItStartsOnAndNothingIsSetAside() {
            assertEquals(List.of(), result.setAside);
            assertEquals(List.of("P-7001", "P-7002", "P-7003", "P-8120"),
                    result.rows.stream().map(TenancyRow::personRef).toList());
            assertEquals(List.of(2, 3, 5, 6), result.rows.stream().map(TenancyRow::lineNumber).toList(),
                    "P-7002's address holds a line break, so P-7003 starts on line 5, not 4");
        }

        @Test
        void columnsAreReadByNameWhateverTheirOrder() {
            TenancyRow margaret = result.rows.get(0);
            assertAll(
                    () -> assertEquals("T-200481", margaret.tenancyRef()),
                    () -> assertEquals("422000123456", margaret.uprn()),
                    () -> assertEquals("Flat 2, \"The Maltings\", 4 Yorkshire Street, Oldham", margaret.address()),
                    () -> assertEquals("OL13SS", margaret.postcode(), "any case, with or without the space"),
                    () -> assertEquals("Margaret", margaret.forename()),
                    () -> assertEquals("O'Neill", margaret.surname()),
                    () -> assertEquals(LocalDate.of(1951, 7, 2), margaret.dateOfBirth()),
                    () -> assertEquals(LocalDate.of(1988, 9, 12), margaret.startDate()),
                    () -> assertEquals("Stairlift; level-access shower", margaret.adaptationNeed()),
                    () -> assertEquals("DFG-2026-0231", margaret.dfgAwardRef()),
                    () -> assertEquals(new Pence(1_250_000), margaret.dfgAward()),
                    () -> assertEquals(LocalDate.of(2026, 10, 14), margaret.dfgAwardDate()));
        }

        @Test
        void lowerAndMixedCaseRoleAndTenureAreAcceptedAndUpperCased() {
            assertEquals(List.of("LEAD", "JOINT", "MEMBER", "LEAD"),
                    result.rows.stream().map(TenancyRow::role).toList());
            assertEquals(List.of("SECURE", "SECURE", "SECURE", "TEMPORARY"),
                    result.rows.stream().map(TenancyRow::tenure).toList());
        }

        @Test
        void identifiersAreNormalised() {
            assertEquals("JH405821D", result.rows.get(0).niNumber().value(), "jh405821d");
            assertEquals("9434765919", result.rows.get(0).nhsNumber().value(), "943 476 5919");
            assertEquals("AB123456C", result.rows.get(1).niNumber().value(), "AB 12 34 56 C");
            assertEquals("3416721101", result.rows.get(1).nhsNumber().value(), "341-672-1101");
            assertEquals("CE310045A", result.rows.get(3).niNumber().value(), "CE 31 00 45 A");
            assertNull(result.rows.get(3).nhsNumber(), "blank NHS number");
        }

        @Test
        void blankArrearsAreZeroAndGivenArrearsAreKept() {
            assertEquals(0L, result.rows.get(0).arrearsPence(), "Margaret's lead row leaves arrears blank");
            assertEquals(31_250L, result.rows.get(3).arrearsPence());
        }

        @Test
        void quotedFieldsWithLineBreaksAndDoubledQuotesAreKeptWhole() {
            assertEquals("Flat 2, \"The Maltings\"\r\n4 Yorkshire Street, Oldham", result.rows.get(1).address());
            assertEquals("Room 14, Hollinwood House (hostel)\r\nHollins Road, Oldham", result.rows.get(3).address());
            assertEquals("Smith, jnr", result.rows.get(3).surname());
            assertNull(result.rows.get(3).uprn(), "uprn may be blank");
        }

        @Test
        void aRowCutShortAfterStartDateReadsTheMissingColumnsAsBlank() {
            TenancyRow siobhan = result.rows.get(2);
            assertEquals("P-7003", siobhan.personRef());
            assertEquals(LocalDate.of(1988, 9, 12), siobhan.startDate());
            assertEquals(0L, siobhan.arrearsPence());
            assertNull(siobhan.adaptationNeed());
            assertNull(siobhan.dfgAwardRef());
            assertNull(siobhan.dfgAward());
            assertNull(siobhan.dfgAwardDate());
        }
    }

    @Nested
    @DisplayName("line endings")
    class LineEndings {

        @ParameterizedTest(name = "{0}")
        @CsvSource({
            "LF with a final newline,   false, true",
            "CRLF with a final newline, true,  true",
            "LF without a final newline,   false, false",
            "CRLF without a final newline, true,  false"})
        void theSameRowsOnTheSameLines(String label, boolean crlf, boolean finalNewline) {
            String eol = crlf ? "\r\n" : "\n";
            String text = HEADER + eol + DAVE + eol + KAYLEIGH + (finalNewline ? eol : "");
            Result result = read(text);
            assertEquals(List.of(), result.setAside, label);
            assertEquals(List.of(2, 3), result.rows.stream().map(TenancyRow::lineNumber).toList(), label);
            assertEquals("Kayleigh", result.rows.get(1).forename(), label);
            assertNull(result.rows.get(1).dfgAwardDate(), "the last (empty) field of the last row");
        }

        @Test
        void aByteOrderMarkDoesNotSpoilTheFirstColumnName() {
            // Were the BOM kept, the first column would be "\uFEFFtenancy_ref" and the file refused as lacking it.
            Result result = read("\uFEFF" + HEADER + "\r\n" + DAVE + "\r\n");
            assertEquals("T-100234", result.rows.get(0).tenancyRef());
        }

        @Test
        void blankLinesAnywhereAreSkippedButCounted() {
            Result result = read(HEADER + "\n\n" + DAVE + "\r\n\r\n\n" + KAYLEIGH + "\n\n\n\r\n");
            assertEquals(List.of(), result.setAside);
            assertEquals(List.of(3, 6), result.rows.stream().map(TenancyRow::lineNumber).toList());
        }

        @Test
        void anEmbeddedLineBreakMovesTheLinesOfEveryRowAfterIt() {
            String text = HEADER + "\n"
                    + "T-1,,\"Flat 1\n2 Union Street\nOldham\",OL1 1XX,P-1,LEAD,A,B,,,,SECURE,01/04/2015,,,,,\n"
                    + "T-2,,x,OL1 1XX,P-2,BOSS,A,B,,,,SECURE,01/04/2015,,,,,\n"
                    + "T-3,,\"Unit 4, \"\"Mill\"\"\n\nYard\",OL1 1XX,P-3,LEAD,A,B,,,,SECURE,01/04/2015,,,,,\n"
                    + "T-4,,x,OL1 1XX,P-4,LEAD,A,B,31/02/1990,,,SECURE,01/04/2015,,,,,\n";
            Result result = read(text);
            assertEquals(List.of(2, 6), result.rows.stream().map(TenancyRow::lineNumber).toList());
            assertEquals("Unit 4, \"Mill\"\n\nYard", result.rows.get(1).address());
            assertEquals(List.of(5, 9), result.setAside.stream().map(SetAside::lineNumber).toList());
        }
    }

    @Nested
    @DisplayName("the header")
    class Header {

        @Test
        void aHeaderWithoutRoleRefusesTheWholeFileBeforeAnyRowIsHandedOn() {
            Result result = new Result();
            InvalidMessageException refused = assertThrows(InvalidMessageException.class, () ->
                    TenancyExtractReader.read(new StringReader(fixtureText("tenancies-OLDHAMHSG-20261124.csv")),
                            result.rows::add, result.setAside::add));
            assertEquals("header", refused.issues().get(0).expression());
            assertTrue(refused.getMessage().contains("role"), refused.getMessage());
            assertEquals(List.of(), result.rows, "nothing handed on");
            assertEquals(List.of(), result.setAside, "nothing set aside either: the file is refused, not its rows");
        }

        @ParameterizedTest(name = "without {0}")
        @ValueSource(strings = {"tenancy_ref", "person_ref", "role"})
        void eachColumnTheSpecCallsRequiredIsNamedWhenMissing(String column) {
            String header = java.util.Arrays.stream(HEADER.split(","))
                    .filter(c -> !c.equals(column)).collect(Collectors.joining(","));
            InvalidMessageException refused = assertThrows(InvalidMessageException.class,
                    () -> read(header + "\n" + DAVE + "\n"));
            assertTrue(refused.getMessage().contains(column), refused.getMessage());
        }

        @Test
        void allTheMissingColumnsAreNamedAtOnce() {
            InvalidMessageException refused = assertThrows(InvalidMessageException.class,
                    () -> read("ref,uprn,address,person,role,tenure,start_date\n"));
            assertTrue(refused.getMessage().contains("tenancy_ref"), refused.getMessage());
            assertTrue(refused.getMessage().contains("person_ref"), refused.getMessage());
            assertTrue(!refused.getMessage().contains(" role"), refused.getMessage());
        }

        @Test
        void aHeaderLackingOnlyOptionalColumnsIsAccepted() {
            Result result = read("tenancy_ref,person_ref,role,tenure,start_date\nT-1,P-1,LEAD,LICENCE,01/11/2026\n");
            assertEquals(List.of(), result.setAside);
            TenancyRow row = result.rows.get(0);
            assertEquals("LICENCE", row.tenure());
            assertNull(row.niNumber());
            assertNull(row.uprn());
            assertEquals(0L, row.arrearsPence());
        }

        @Test
        void columnNamesInAnotherCaseOrWithSpacesAreStillFound() {
            Result result = read(" Tenancy_Ref ,PERSON_REF,Role,Tenure,Start_Date\nT-1,P-1,member,assured,01/11/2026\n");
            assertEquals(List.of(), result.setAside);
            assertEquals("MEMBER", result.rows.get(0).role());
        }

        @Test
        void aHeaderWithNoRowsIsAnEmptySnapshot() {
            Result result = read(HEADER + "\r\n\r\n");
            assertEquals(List.of(), result.rows);
            assertEquals(List.of(), result.setAside);
        }

        @ParameterizedTest(name = "[{index}] empty")
        @ValueSource(strings = {"", "\uFEFF", "\r\n", "\n\n\n"})
        void anEmptyFileIsRefused(String text) {
            InvalidMessageException refused = assertThrows(InvalidMessageException.class, () -> read(text));
            assertEquals("header", refused.issues().get(0).expression());
            assertTrue(refused.getMessage().contains("empty"), refused.getMessage());
        }
    }

    @Nested
    @DisplayName("rows set aside")
    class SetAsideRows {

        /** tenancies-OLDHAMHSG-20261123.csv: a good lead on line 2, one bad row per reason, a good row last. */
        private final Result result = readFixture("tenancies-OLDHAMHSG-20261123.csv");

        @Test
        void theGoodRowsAroundThemAreHandedOn() {
            assertEquals(List.of(2, 22), result.rows.stream().map(TenancyRow::lineNumber).toList());
            assertEquals("2143044321", result.rows.get(1).nhsNumber().value(), "'2143 044 321'");
            assertEquals("JOINT", result.rows.get(1).role());
        }

        @Test
        void eachBadRowIsSetAsideWithItsLineAndAReasonNamingTheColumn() {
            List<String> expected = List.of(
                    "3|role: 'TENANT' is not LEAD, JOINT or MEMBER",
                    "4|tenure: 'FREEHOLD' is not one of",
                    "5|date_of_birth: '14th Feb 1979' is not a date (dd/MM/yyyy)",
                    "6|date_of_birth: '31/02/1990' is not a date (dd/MM/yyyy)",
                    "7|start_date: '2019-06-01' is not a date (dd/MM/yyyy)",
                    "8|ni_number: NI number must be two letters, six digits and a letter",
                    "9|ni_number: NI number QQ123456C cannot start with Q",
                    "10|nhs_number: NHS number 9434765918 fails the modulus-11 check digit",
                    "11|nhs_number: NHS number must be 10 digits",
                    "12|uprn: 'UPRN-100012345678' is not 1 to 12 digits",
                    "13|uprn: '1000123456789' is not 1 to 12 digits",
                    "14|arrears_pence: '425.00' is not a whole number of pence",
                    "15|arrears_pence: '£425' is not a whole number of pence",
                    "16|dfg_award_pence: required when dfg_award_ref is given",
                    "17|dfg_award_pence: '7,800.00' is not a whole number of pence",
                    "18|dfg_award_date: '03/13/2026' is not a date (dd/MM/yyyy)",
                    "19|person_ref: is required",
                    "20|tenancy_ref: is required",
                    "21|role: is required");
            assertEquals(expected.size(), result.setAside.size(), result.setAside.toString());
            for (int i = 0; i < expected.size(); i++) {
                String[] want = expected.get(i).split("\\|", 2);
                SetAside got = result.setAside.get(i);
                assertEquals(Integer.parseInt(want[0]), got.lineNumber(), got.toString());
                assertTrue(got.reason().startsWith(want[1]), "expected '" + want[1] + "', got " + got);
            }
        }

        @Test
        void aTenureReasonListsTheTenuresAllowed() {
            String reason = result.setAside.get(1).reason();
            for (String tenure : List.of("SECURE", "ASSURED", "INTRODUCTORY", "TEMPORARY", "LICENCE")) {
                assertTrue(reason.contains(tenure), reason);
            }
        }

        @Test
        void everyTenureInTheSpecIsAccepted() {
            StringBuilder text = new StringBuilder(HEADER + "\n");
            List<String> tenures = List.of("SECURE", "ASSURED", "INTRODUCTORY", "TEMPORARY", "LICENCE", "licence", "");
            for (int i = 0; i < tenures.size(); i++) {
                text.append("T-").append(i).append(",,,,P-").append(i).append(",LEAD,,,,,,").append(tenures.get(i))
                        .append(",01/01/2020,,,,,\n");
            }
            Result result = read(text.toString());
            assertEquals(List.of(), result.setAside);
            assertEquals(java.util.Arrays.asList("SECURE", "ASSURED", "INTRODUCTORY", "TEMPORARY", "LICENCE",
                    "LICENCE", null), result.rows.stream().map(TenancyRow::tenure).toList());
        }

        @Test
        void aRowCutShortBeforeRoleIsSetAsideForTheMissingRole() {
            Result result = read(HEADER + "\n"
                    + "T-1,100012345678,\"Flat 3, 12 Union Street, Oldham\",OL1 1XX,P-1\n"
                    + KAYLEIGH + "\n");
            assertEquals(List.of(new SetAside(2, "role: is required", "T-1")), result.setAside);
            assertEquals(List.of(3), result.rows.stream().map(TenancyRow::lineNumber).toList());
        }

        @Test
        void aTwelveDigitUprnWithLeadingZerosIsKeptAsWritten() {
            Result result = read(HEADER + "\n" + DAVE.replace("100012345678", "000012345678") + "\n");
            assertEquals("000012345678", result.rows.get(0).uprn());
        }

        @Test
        void negativeArrearsAreAnAccountInCreditNotABadRow() {
            Result result = read(HEADER + "\n" + DAVE.replace(",42500,", ",-1250,") + "\n");
            assertEquals(List.of(), result.setAside);
            assertEquals(-1_250L, result.rows.get(0).arrearsPence());
        }

        @Test
        void aNegativeDfgAwardIsSetAside() {
            Result result = read(HEADER + "\n" + DAVE.replace(",780000,", ",-780000,") + "\n");
            assertEquals(1, result.setAside.size());
            assertTrue(result.setAside.get(0).reason().startsWith("dfg_award_pence:"), result.setAside.toString());
        }

        @Test
        void anAwardAmountWithoutAnAwardReferenceIsNotAnAward() {
            Result result = read(HEADER + "\n" + DAVE.replace(",DFG-2026-0117,", ",,") + "\n");
            assertEquals(List.of(), result.setAside);
            assertNull(result.rows.get(0).dfgAwardRef());
            assertNull(result.rows.get(0).dfgAward());
        }

        @Test
        void aQuotedFieldNeverClosedRefusesTheWholeFile() {
            // Setting one "row" aside and applying the rest would let a cut-short full snapshot end every
            // tenancy after the break.
            Result result = new Result();
            String text = HEADER + "\n" + DAVE + "\n"
                    + "T-100235,,\"Flat 4, 12 Union Street, Oldham,OL1 1XX,P-5540,LEAD,Ann,Lee,,,,SECURE,01/04/2015\n"
                    + "T-100235,,,OL1 1XX,P-5541,MEMBER,Ben,Lee,,,,SECURE,01/04/2015,,,,,\n";
            InvalidMessageException refused = assertThrows(InvalidMessageException.class,
                    () -> TenancyExtractReader.read(new StringReader(text), result.rows::add, result.setAside::add));
            assertEquals("file", refused.issues().get(0).expression());
            assertTrue(refused.getMessage().contains("line 3: a quoted field is not closed"), refused.getMessage());
            assertEquals(List.of(), result.setAside, "no row set aside as though the rest had been read");
        }

        @Test
        void aStrayQuoteThatWouldSwallowTheNextRowRefusesTheWholeFile() {
            // Ann's address opens a quote it never closes; read leniently, her "address" would run on to the quote
            // that opens Dave's, Dave's row would vanish inside one garbage record, and his tenancy would be ended.
            Result result = new Result();
            String text = HEADER + "\n" + KAYLEIGH + "\n"
                    + "T-100235,,\"Flat 4, 12 Union Street, Oldham,OL1 1XX,P-5540,LEAD,Ann,Lee,,,,SECURE,01/04/2015\n"
                    + DAVE + "\n";
            InvalidMessageException refused = assertThrows(InvalidMessageException.class,
                    () -> TenancyExtractReader.read(new StringReader(text), result.rows::add, result.setAside::add));
            assertTrue(refused.getMessage().contains("line 3: text follows the closing quote"), refused.getMessage());
            assertTrue(refused.getMessage().contains("(on line 4)"), refused.getMessage());
            assertEquals(List.of(), result.setAside);
        }
    }

    @Nested
    @DisplayName("bytes, limits and plausibility")
    class BadInput {

        private Result readBytes(byte[] bytes) {
            Result result = new Result();
            TenancyExtractReader.read(new java.io.ByteArrayInputStream(bytes), result.rows::add, result.setAside::add);
            return result;
        }

        private byte[] utf8(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }

        private String reasonFor(String row) {
            Result result = read(HEADER + "\n" + row + "\n" + KAYLEIGH + "\n");
            assertEquals(1, result.setAside.size(), result.setAside.toString());
            assertEquals(List.of("P-5532"), result.rows.stream().map(TenancyRow::personRef).toList(),
                    "the good row is still handed on");
            return result.setAside.get(0).reason();
        }

        @Test
        void bytesThatAreNotUtf8SetTheirRowAsideNamingTheColumnAndTheRestIsRead() {
            byte[] head = utf8(HEADER + "\n" + DAVE.substring(0, DAVE.indexOf("Hughes")) + "Hu");
            byte[] tail = utf8("ghes" + DAVE.substring(DAVE.indexOf("Hughes") + 6) + "\n" + KAYLEIGH + "\n");
            java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
            file.writeBytes(head);
            file.writeBytes(new byte[] {(byte) 0xC3, 0x28});
            file.writeBytes(tail);
            Result result = readBytes(file.toByteArray());
            assertEquals(List.of(new SetAside(2, "surname: holds bytes that are not UTF-8 (at character 3)",
                    "T-100234")), result.setAside);
            assertEquals(List.of("P-5532"), result.rows.stream().map(TenancyRow::personRef).toList());
        }

        @Test
        void aNulOrAnotherControlCharacterSetsTheRowAside() {
            assertEquals("forename: contains the control character U+0000 at character 3",
                    reasonFor(DAVE.replace("Dave", "Da\u0000ve")));
            assertEquals("address: contains the control character U+001B at character 1",
                    reasonFor(DAVE.replace("Flat 3", "\u001bFlat 3")));
        }

        @Test
        void aValueLongerThanItsColumnSetsTheRowAsideWithTheLimit() {
            assertEquals("surname: is 201 characters long; at most 200 are allowed",
                    reasonFor(DAVE.replace("Hughes", "H".repeat(201))));
            assertEquals("tenancy_ref: is 101 characters long; at most 100 are allowed",
                    reasonFor(DAVE.replace("T-100234", "T".repeat(101))));
            String role = reasonFor(DAVE.replace("LEAD", "L".repeat(1 << 20)));
            assertTrue(role.startsWith("role: is 1048576 characters long"), role);
        }

        @Test
        void aDateThatIsNoPlausibleDateSetsTheRowAside() {
            assertEquals("date_of_birth: 0000-01-01 is not a plausible date (between 1900-01-01 and 2199-12-31)",
                    reasonFor(DAVE.replace("14/02/1979", "01/01/0000")));
            String future = LocalDate.now().plusYears(1).format(java.time.format.DateTimeFormatter.ofPattern(
                    "dd/MM/uuuu"));
            assertEquals("date_of_birth: " + future + " is in the future",
                    reasonFor(DAVE.replace("14/02/1979", future)));
        }

        @Test
        void anAmountAboveTheCeilingSetsTheRowAside() {
            assertEquals("dfg_award_pence: 9223372036854775807 pence is more than the most any amount may be"
                    + " (10000000000)", reasonFor(DAVE.replace(",780000,", ",9223372036854775807,")));
            assertEquals("arrears_pence: 99999999999999999999 pence is more than the most any amount may be"
                    + " (10000000000)", reasonFor(DAVE.replace(",42500,", ",99999999999999999999,")));
        }

        @Test
        void aRowWithMoreColumnsThanTheHeaderIsSetAside() {
            assertEquals("the row has 19 columns and the header only 18 (a comma in a value not in quotes?)",
                    reasonFor(DAVE.replace("\"Flat 3, 12 Union Street, Oldham\"", "Flat 3, 12 Union Street")));
        }

        @Test
        void aFileInUtf16IsRefusedWholeSayingItIsNotUtf8() {
            InvalidMessageException refused = assertThrows(InvalidMessageException.class,
                    () -> readBytes((HEADER + "\n" + DAVE + "\n").getBytes(StandardCharsets.UTF_16)));
            assertEquals("header", refused.issues().get(0).expression());
            assertTrue(refused.getMessage().contains("the file must be UTF-8 text"), refused.getMessage());
        }

        @Test
        void aColumnNamedTwiceRefusesTheFileWhole() {
            InvalidMessageException refused = assertThrows(InvalidMessageException.class,
                    () -> read(HEADER + ",surname\n" + DAVE + ",Smith\n"));
            assertTrue(refused.getMessage().contains("column 'surname' is named twice (columns 8 and 19)"),
                    refused.getMessage());
        }

        @Test
        void aFileEndingPartWayThroughARowIsRefusedWhole() {
            // the rows after the cut are missing, and a full snapshot missing rows would end their tenancies
            InvalidMessageException refused = assertThrows(InvalidMessageException.class,
                    () -> read(HEADER + "\n" + KAYLEIGH + "\n" + DAVE.substring(0, 60)));
            assertEquals("line 3", refused.issues().get(0).expression());
            assertTrue(refused.getMessage().contains("cut short in transfer"), refused.getMessage());
        }

        @Test
        void aByteOrderMarkIsSkipped() {
            byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
            byte[] body = utf8(HEADER + "\n" + DAVE + "\n");
            byte[] file = java.util.Arrays.copyOf(bom, 3 + body.length);
            System.arraycopy(body, 0, file, 3, body.length);
            Result result = readBytes(file);
            assertEquals(List.of(), result.setAside);
            assertEquals("T-100234", result.rows.get(0).tenancyRef());
        }
    }

    /** What a read handed on and set aside. */
    static final class Result {
        final List<TenancyRow> rows = new ArrayList<>();
        final List<SetAside> setAside = new ArrayList<>();
    }

    static Result read(String text) {
        Result result = new Result();
        TenancyExtractReader.read(new StringReader(text), result.rows::add, result.setAside::add);
        return result;
    }

    static Result readFixture(String name) {
        return read(fixtureText(name));
    }

    static String fixtureText(String name) {
        try (InputStream in = TenancyExtractReaderTest.class.getResourceAsStream("/housing/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture /housing/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
