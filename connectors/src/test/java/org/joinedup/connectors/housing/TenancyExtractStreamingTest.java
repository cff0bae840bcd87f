package org.joinedup.connectors.housing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.Reader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.joinedup.connectors.housing.TenancyExtractReader.SetAside;
import org.junit.jupiter.api.Test;

/**
 * A big provider's snapshot is read as a stream: 200,000 rows generated on the fly (never held as one String), each
 * handed on as it is read with the right line number, in a few seconds.
 */
class TenancyExtractStreamingTest {

    private static final int ROWS = 200_000;
    /** Every thousandth row has an address over two lines; every ten-thousandth has an unknown role. */
    private static final int TWO_LINE_EVERY = 1_000;
    private static final int BAD_EVERY = 10_000;

    @Test
    void twoHundredThousandRowsStreamThroughWithTheirLineNumbers() {
        long[] handedOn = {0};
        long[] wrongLines = {0};
        List<SetAside> setAside = new ArrayList<>();

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> TenancyExtractReader.read(
                new BufferedReader(new GeneratedSnapshot(ROWS)),
                row -> {
                    int k = Integer.parseInt(row.personRef().substring(2));
                    if (row.lineNumber() != lineOf(k)) {
                        wrongLines[0]++;
                    }
                    handedOn[0]++; // counted, not kept: memory must not grow with the file
                },
                setAside::add));

        int bad = ROWS / BAD_EVERY;
        assertEquals(ROWS - bad, handedOn[0]);
        assertEquals(0, wrongLines[0], "every row on the line it starts on");
        assertEquals(bad, setAside.size());
        for (int i = 0; i < bad; i++) {
            int k = i * BAD_EVERY + BAD_EVERY - 1;
            assertEquals(lineOf(k), setAside.get(i).lineNumber());
            assertEquals("role: 'LODGER' is not LEAD, JOINT or MEMBER", setAside.get(i).reason());
        }
    }

    /** Row k (from 0) starts after the header and every two-line address before it. */
    private static int lineOf(int k) {
        return 2 + k + k / TWO_LINE_EVERY;
    }

    private static String row(int k) {
        String address = k % TWO_LINE_EVERY == TWO_LINE_EVERY - 1
                ? "\"Flat " + k + ", \"\"Mill House\"\"\r\nUnion Street, Oldham\""
                : "\"Flat " + k + ", 12 Union Street, Oldham\"";
        String role = k % BAD_EVERY == BAD_EVERY - 1 ? "LODGER" : k % 3 == 0 ? "LEAD" : "member";
        return "T-" + (k / 3) + "," + (100_000_000_000L + k) + "," + address + ",ol1 1xx,P-" + k + "," + role
                + ",Forename" + k + ",Surname,14/02/1979,JH 40 58 21 D,943 476 5919,secure,01/04/2015,"
                + (k % 3 == 0 ? "42500" : "") + ",,,,\r\n";
    }

    /** A snapshot written row by row as it is read: only the current row is ever in memory. */
    private static final class GeneratedSnapshot extends Reader {
        private final int rows;
        private String current = "\uFEFF" + TenancyExtractReaderTest.HEADER + "\r\n";
        private int position;
        private int next;

        GeneratedSnapshot(int rows) {
            this.rows = rows;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (position == current.length()) {
                if (next == rows) {
                    return -1;
                }
                current = row(next++);
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
