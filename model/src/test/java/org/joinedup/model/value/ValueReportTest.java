package org.joinedup.model.value;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.joinedup.model.value.ValueReport.Band;
import org.joinedup.model.value.ValueReport.Person;
import org.joinedup.model.value.ValueReport.Totals;
import org.junit.jupiter.api.Test;

/** Expected figures worked out by hand (in the comments) from the people given. */
class ValueReportTest {

    private static final Person P1 = new Person("E08000004", "Oldham", true, 1_703_000L, 1_500_000L);
    private static final Person P2 = new Person("E08000004", "Oldham", true, 2_000_001L, 2_000_002L);
    private static final Person P3 = new Person("E08000004", "Oldham", true, null, 900_000L);
    private static final Person P4 = new Person("Ashfield District Council", "Ashfield District Council", false,
            3_000_000L, null);
    private static final Person P5 = new Person("Ashfield District Council", "Ashfield District Council", false,
            1_000_050L, 1_000_050L);
    private static final Person P6 = new Person("E08000035", "Leeds", true, 100_000L, 200_000L);

    @Test
    void onlyPeopleWithBothFiguresAreComparedAndAveragesAreHalfUpToThePenny() {
        ValueReport.Report report = ValueReport.of(List.of(P1, P2, P3, P4, P5, P6));
        assertEquals(List.of("Ashfield District Council", "E08000035", "E08000004"), report.councils().stream()
                .map(ValueReport.CouncilTotals::council).toList(), "by name: Ashfield, Leeds, Oldham");
        assertEquals(false, report.councils().get(0).known());
        // Oldham: (1,703,000 + 2,000,001) / 2 = 1,851,500.5 -> 1,851,501; (1,500,000 + 2,000,002) / 2 = 1,750,001
        assertEquals(new Totals(2, 1, 1_851_501L, 1_750_001L, -101_500L, 1, 1, 0, List.of(
                new Band(-300_000, -200_000, 1), new Band(0, 100_000, 1))), report.councils().get(2).totals());
        // Ashfield: one with both figures, the same; one with only the traditional cost, left out
        assertEquals(new Totals(1, 1, 1_000_050L, 1_000_050L, 0L, 0, 0, 1, List.of(new Band(0, 100_000, 1))),
                report.councils().get(0).totals());
        // all: 4,803,051 / 4 = 1,200,762.75 -> 1,200,763; 4,700,052 / 4 = 1,175,013 (the councils' averages
        // averaged would give 983,850 and 983,350)
        assertEquals(new Totals(4, 2, 1_200_763L, 1_175_013L, -25_750L, 1, 2, 1, List.of(
                new Band(-300_000, -200_000, 1), new Band(0, 100_000, 2), new Band(100_000, 200_000, 1))),
                report.all());
    }

    @Test
    void aCouncilWhoseEveryoneLacksAFigureHasNoAverages() {
        ValueReport.Report report = ValueReport.of(List.of(P3, P4));
        assertEquals(new Totals(0, 1, null, null, null, 0, 0, 0, List.of()), report.councils().get(1).totals());
        assertEquals(new Totals(0, 2, null, null, null, 0, 0, 0, List.of()), report.all());
    }

    @Test
    void halfAPennyRoundsUpAndLessThanHalfDown() {
        assertEquals(2L, ValueReport.averageHalfUp(3, 2));
        assertEquals(1L, ValueReport.averageHalfUp(4, 3));
        assertEquals(2L, ValueReport.averageHalfUp(5, 3));
    }

    @Test
    void theRegisterFindsACouncilByCodeOrByTheNamesCouncilsWrite() {
        LocalAuthorities england = LocalAuthorities.england();
        assertEquals(153, england.size(), "every council with adult social services responsibilities");
        for (String name : List.of("E08000004", "e08000004", "Oldham", "Oldham Council", "OLDHAM MBC",
                "Oldham Metropolitan Borough Council")) {
            assertEquals("E08000004", england.find(name).orElseThrow().code(), name);
        }
        assertEquals("E06000010", england.find("Hull City Council").orElseThrow().code());
        assertEquals("E09000007", england.find("London Borough of Camden").orElseThrow().code());
        assertEquals("E08000013", england.find("St Helens Council").orElseThrow().code());
        assertEquals("E06000043", england.find("Brighton & Hove City Council").orElseThrow().code());
        assertEquals(java.util.Optional.empty(), england.find("Cumbria County Council"), "abolished in 2023");
    }
}
