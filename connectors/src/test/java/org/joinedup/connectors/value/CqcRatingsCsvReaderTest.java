package org.joinedup.connectors.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class CqcRatingsCsvReaderTest {

    @Test
    void goodRowsAreKeptAndEachBadOneSaysWhere() {
        CqcRatingsCsvReader.Result read = CqcRatingsCsvReader.read("""
                Name,Location_ID,Rating,Rated_On
                Oldham  Care Ltd,1-101,good,2026-03-14
                "Moorside, Home Care",1-102,Requires Improvement,4/11/2025
                ,1-103,Outstanding,2026-01-01
                Rochdale Care,1-104,Brilliant,yesterday
                """);
        assertEquals(List.of(new CqcRatingsCsvReader.Row(2, "Oldham Care Ltd", "1-101", "Good",
                LocalDate.of(2026, 3, 14)), new CqcRatingsCsvReader.Row(3, "Moorside, Home Care", "1-102",
                        "Requires improvement", LocalDate.of(2025, 11, 4))), read.rows());
        assertEquals(List.of(new CqcRatingsCsvReader.Problem(4, "name", "is blank"),
                new CqcRatingsCsvReader.Problem(5, "rating", "'Brilliant' is not one of [Outstanding, Good, Requires"
                        + " improvement, Inadequate]"),
                new CqcRatingsCsvReader.Problem(5, "rated_on", "'yesterday' is not a date (2026-03-14 or"
                        + " 14/03/2026)")), read.problems());
    }

    @Test
    void aFileWithTheWrongHeaderIsRefusedWhole() {
        assertThrows(CqcRatingsCsvReader.UnreadableFile.class, () -> CqcRatingsCsvReader.read(
                "provider,rating\nOldham Care,Good\n"));
        assertThrows(CqcRatingsCsvReader.UnreadableFile.class, () -> CqcRatingsCsvReader.read(""));
    }
}
