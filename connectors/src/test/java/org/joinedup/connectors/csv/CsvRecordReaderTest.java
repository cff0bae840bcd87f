package org.joinedup.connectors.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.joinedup.connectors.csv.CsvRecordReader.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming RFC 4180 reader: fields, quoting (commas, doubled quotes, line breaks), BOM, CRLF and LF, blank
 * lines, and the 1-based line each record starts on.
 */
class CsvRecordReaderTest {

    @Test
    void plainRecordsWithTheLineEachStartsOn() {
        assertEquals(List.of(
                        new Record(1, List.of("tenancy_ref", "person_ref", "role")),
                        new Record(2, List.of("T-1", "P-1", "LEAD")),
                        new Record(3, List.of("T-1", "P-2", "MEMBER"))),
                readAll("tenancy_ref,person_ref,role\nT-1,P-1,LEAD\nT-1,P-2,MEMBER\n"));
    }

    @ParameterizedTest(name = "line ending {0}")
    @ValueSource(strings = {"\n", "\r\n"})
    void crlfAndLfGiveTheSameRecords(String eol) {
        String text = "a,b" + eol + "\"x, y\",z" + eol + "1,2" + eol;
        assertEquals(List.of(
                        new Record(1, List.of("a", "b")),
                        new Record(2, List.of("x, y", "z")),
                        new Record(3, List.of("1", "2"))),
                readAll(text));
    }

    @Test
    void mixedLineEndingsInOneFile() {
        assertEquals(List.of(
                        new Record(1, List.of("a")),
                        new Record(2, List.of("b")),
                        new Record(3, List.of("c"))),
                readAll("a\r\nb\nc\r\n"));
    }

    @ParameterizedTest(name = "last record ends with {0}")
    @ValueSource(strings = {"", "plain", "\"quoted, with comma\"", "trailing,"})
    void aFileWithoutAFinalNewlineStillGivesItsLastRecord(String last) {
        List<Record> records = readAll("h1,h2\r\n" + last);
        if (last.isEmpty()) {
            assertEquals(1, records.size());
            return;
        }
        assertEquals(2, records.size());
        assertEquals(2, records.get(1).lineNumber());
        List<String> expected = switch (last) {
            case "plain" -> List.of("plain");
            case "trailing," -> List.of("trailing", "");
            default -> List.of("quoted, with comma");
        };
        assertEquals(expected, records.get(1).fields());
    }

    @Test
    void quotedFieldsHoldCommasDoubledQuotesAndLineBreaks() {
        String text = "ref,address,postcode\n"
                + "T-1,\"Flat 3, 12 Union Street, Oldham\",OL1 1XX\n"
                + "T-2,\"Room 4, \"\"The Willows\"\" hostel\",OL8 2AB\n"
                + "T-3,\"Flat 2\n4 Yorkshire Street,\nOldham\",OL1 3SS\n"
                + "T-4,\"\"\"Quoted\"\" at both ends\"\"\",OL9 7AA\n";
        List<Record> records = readAll(text);

        assertEquals(List.of("T-1", "Flat 3, 12 Union Street, Oldham", "OL1 1XX"), records.get(1).fields());
        assertEquals(List.of("T-2", "Room 4, \"The Willows\" hostel", "OL8 2AB"), records.get(2).fields());
        assertEquals(List.of("T-3", "Flat 2\n4 Yorkshire Street,\nOldham", "OL1 3SS"), records.get(3).fields());
        assertEquals(List.of("T-4", "\"Quoted\" at both ends\"", "OL9 7AA"), records.get(4).fields());
        assertEquals(List.of(1, 2, 3, 4, 7), lines(records),
                "T-3 starts on line 4 and spans three lines, so T-4 starts on line 7");
    }

    @Test
    void aCrlfInsideQuotesIsKeptAndCountsAsOneLine() {
        List<Record> records = readAll("a,\"one\r\ntwo\"\r\nnext,row\r\n");
        assertEquals(List.of("a", "one\r\ntwo"), records.get(0).fields());
        assertEquals(new Record(3, List.of("next", "row")), records.get(1));
    }

    @Test
    void emptyAndQuotedEmptyFields() {
        assertEquals(List.of("a", "", "", "d", ""), readAll("a,,\"\",d,\n").get(0).fields());
        assertEquals(List.of("", ""), readAll(",\n").get(0).fields());
    }

    @Test
    void whitespaceAndStrayQuotesInsideAnUnquotedFieldAreKeptAsWritten() {
        assertEquals(List.of(" O\"Brien Close ", "12\" TV"), readAll(" O\"Brien Close ,12\" TV\n").get(0).fields());
    }

    @Test
    void aByteOrderMarkAtTheStartIsSkipped() {
        List<Record> records = readAll("\uFEFFtenancy_ref,role\r\nT-1,LEAD\r\n");
        assertEquals(List.of("tenancy_ref", "role"), records.get(0).fields(),
                "the first column name must not carry the BOM");
        assertEquals(new Record(2, List.of("T-1", "LEAD")), records.get(1));
    }

    @Test
    void onlyALeadingByteOrderMarkIsSkipped() {
        List<Record> records = readAll("a\n\uFEFFb\n");
        assertEquals(List.of("\uFEFFb"), records.get(1).fields());
    }

    @Test
    void blankLinesAreSkippedButStillCounted() {
        List<Record> records = readAll("\n\r\nh1,h2\n\nr1,x\r\n\r\n\nr2,y\n\n\n\r\n");
        assertEquals(List.of(
                        new Record(3, List.of("h1", "h2")),
                        new Record(5, List.of("r1", "x")),
                        new Record(8, List.of("r2", "y"))),
                records);
    }

    @ParameterizedTest(name = "[{index}] nothing to read")
    @ValueSource(strings = {"", "\uFEFF", "\n", "\r\n\r\n", "\uFEFF\r\n\n"})
    void emptyInputHasNoRecords(String text) {
        CsvRecordReader reader = new CsvRecordReader(new StringReader(text));
        assertNull(reader.next());
        assertNull(reader.next(), "the end stays the end");
    }

    @Test
    void theEndStaysTheEndAfterTheLastRecord() {
        CsvRecordReader reader = new CsvRecordReader(new StringReader("a,b"));
        assertEquals(List.of("a", "b"), reader.next().fields());
        assertNull(reader.next());
        assertNull(reader.next());
    }

    @Test
    void aQuotedFieldNeverClosedIsAnErrorNamingTheLineItStartsOn() {
        CsvRecordReader reader = new CsvRecordReader(new StringReader(
                "h1,h2\nT-1,ok\nT-2,\"Flat 3, 12 Union Street\nOldham,OL1 1XX\n"));
        reader.next();
        reader.next();
        IllegalArgumentException broken = assertThrows(IllegalArgumentException.class, reader::next);
        assertTrue(broken.getMessage().startsWith("line 3:"), broken.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"\"Flat 3\" Union Street,OL1\n", "a,\"b\"c\n", "\"x\"\"\"y\n", "a,\"b\" ,c\n"})
    void textAfterAClosingQuoteIsAnError(String text) {
        CsvRecordReader reader = new CsvRecordReader(new StringReader(text));
        IllegalArgumentException broken = assertThrows(IllegalArgumentException.class, reader::next);
        assertTrue(broken.getMessage().startsWith("line 1: text follows the closing quote"), broken.getMessage());
    }

    @Test
    void aStrayOpeningQuoteIsCaughtWhereItWouldSwallowTheNextRecord() {
        // Leniently, T-2's "address" would run on to T-3's opening quote and T-3 would vanish into it.
        CsvRecordReader reader = new CsvRecordReader(new StringReader(
                "T-1,\"1 Mill Lane, Oldham\",OL9\nT-2,\"2 Mill Lane, Oldham,OL9\nT-3,\"3 Mill Lane, Oldham\",OL9\n"));
        assertEquals(List.of("T-1", "1 Mill Lane, Oldham", "OL9"), reader.next().fields());
        IllegalArgumentException broken = assertThrows(IllegalArgumentException.class, reader::next);
        assertEquals("line 2: text follows the closing quote of a quoted field (on line 3); is a quote not closed?",
                broken.getMessage());
    }

    @Test
    void recordsComeOffAStreamThatNeverEnds() {
        // Reading the whole input first would never return: records must be handed on as they are read.
        CsvRecordReader reader = new CsvRecordReader(new EndlessRows());
        for (int i = 0; i < 1_000; i++) {
            Record record = reader.next();
            assertEquals(i + 1, record.lineNumber());
            assertEquals(List.of("T-" + i, "Flat " + i + ", Union Street"), record.fields());
        }
    }

    private static List<Record> readAll(String text) {
        CsvRecordReader reader = new CsvRecordReader(new StringReader(text));
        List<Record> records = new ArrayList<>();
        for (Record r = reader.next(); r != null; r = reader.next()) {
            records.add(r);
        }
        return records;
    }

    private static List<Integer> lines(List<Record> records) {
        return records.stream().map(Record::lineNumber).toList();
    }

    /** T-0,"Flat 0, Union Street"\r\n T-1,... for ever. */
    private static final class EndlessRows extends Reader {
        private String current = "";
        private int position;
        private int row;

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (position == current.length()) {
                current = "T-" + row + ",\"Flat " + row + ", Union Street\"\r\n";
                row++;
                position = 0;
            }
            int n = Math.min(length, current.length() - position);
            current.getChars(position, position + n, buffer, offset);
            position += n;
            return n;
        }

        @Override
        public void close() {
        }
    }
}
