package org.joinedup.connectors.benefits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.joinedup.connectors.benefits.BenefitsRecords.detail;
import static org.joinedup.connectors.benefits.BenefitsRecords.header;
import static org.joinedup.connectors.benefits.BenefitsRecords.trailer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.joinedup.connectors.benefits.BenefitsFileReader.Header;
import org.joinedup.connectors.benefits.BenefitsFileReader.SetAside;
import org.joinedup.model.Pence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A national-sized file streams through both passes: 1,000,000 details written on the fly to a temp file (the trailer
 * computed as they are written), checked, then read, every row counted (never kept: memory must not grow with the
 * file) and arriving on its own line. Every 250,000th detail has an unknown status and is set aside.
 */
class BenefitsFileStreamingTest {

    private static final int DETAILS = 1_000_000;
    private static final int BAD_EVERY = 250_000;
    private static final String[] BENEFITS = {"UC", "PIP", "ESA", "JSA", "HB", "CTR", "CA", "AA", "DLA"};

    @Test
    void aMillionDetailsAreCheckedThenReadAsAStream(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("BEN_E08000004_202611_01.DAT");
        long hashTotal = write(file);
        assertEquals(151L * (DETAILS + 2), Files.size(file));

        long[] rows = {0};
        long[] outOfOrder = {0};
        long[] amounts = {0};
        List<SetAside> setAside = new ArrayList<>(); // four, by construction

        long started = System.nanoTime();
        Header checked = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> BenefitsFileReader.check(file));
        long checkedAt = System.nanoTime();
        Header read = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> BenefitsFileReader.read(file,
                row -> {
                    long expectedLine = 2 + rows[0] + setAside.size();
                    if (row.lineNumber() != expectedLine) {
                        outOfOrder[0]++;
                    }
                    amounts[0] += row.weeklyAmount().value();
                    rows[0]++;
                },
                setAside::add));
        long readAt = System.nanoTime();
        System.out.printf("benefits file, %,d details (%,d bytes): check %d ms, read %d ms, total %d ms%n", DETAILS,
                Files.size(file), (checkedAt - started) / 1_000_000, (readAt - checkedAt) / 1_000_000,
                (readAt - started) / 1_000_000);

        assertEquals(DETAILS, checked.detailCount());
        assertEquals(new Pence(hashTotal), checked.hashTotal());
        assertEquals(checked, read);

        int bad = DETAILS / BAD_EVERY;
        assertEquals(DETAILS - bad, rows[0], "every other detail arrives");
        assertEquals(0, outOfOrder[0], "in file order, each on its own line");
        assertEquals(bad, setAside.size());
        long setAsideAmounts = 0;
        for (int i = 0; i < bad; i++) {
            int k = i * BAD_EVERY + BAD_EVERY - 1;
            assertEquals(new SetAside(2 + k, "status (position 101): 'X' is not A, S or T"), setAside.get(i));
            setAsideAmounts += amount(k);
        }
        assertEquals(hashTotal - setAsideAmounts, amounts[0], "the handed-on amounts add up");
    }

    /** Writes the file detail by detail, computing the trailer as it goes; returns the hash total. */
    private static long write(Path file) throws IOException {
        long total = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
            out.write(header("BEN202611E0800000401", "E08000004", "202611", "20261203061500"));
            out.write('\n');
            for (int k = 0; k < DETAILS; k++) {
                char status = k % BAD_EVERY == BAD_EVERY - 1 ? 'X' : "AST".charAt(k % 3);
                out.write(detail(niNumber(k), "Surname" + k, "Forename " + (k % 997), "19" + (40 + k % 60) + "0"
                        + (1 + k % 9) + (10 + k % 19), "OL" + (1 + k % 16) + " 1XX", BENEFITS[k % BENEFITS.length],
                        status, amount(k), "20250101", status == 'T' ? "20261031" : ""));
                out.write('\n');
                total += amount(k);
            }
            out.write(trailer(DETAILS, total));
            out.write('\n');
        }
        return total;
    }

    private static long amount(int k) {
        return 500 + (k * 7919L) % 40_000;
    }

    private static String niNumber(int k) {
        return "AB" + String.format("%06d", k % 1_000_000) + "ABCD".charAt(k % 4);
    }
}
