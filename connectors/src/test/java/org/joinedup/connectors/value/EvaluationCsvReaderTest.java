package org.joinedup.connectors.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.joinedup.connectors.value.EvaluationCsvReader.Problem;
import org.joinedup.connectors.value.EvaluationCsvReader.Row;
import org.joinedup.model.value.LocalAuthorities;
import org.junit.jupiter.api.Test;

class EvaluationCsvReaderTest {

    private final EvaluationCsvReader reader = new EvaluationCsvReader(LocalAuthorities.england());

    @Test
    void costsAsSpreadsheetsWriteThemAndCouncilsByCodeOrNameOrAsWritten() {
        EvaluationCsvReader.Result read = reader.read("""
                council,person_ref,traditional_cost,personal_budget_cost\r
                E08000004,P1,"£17,030","15,000.00"\r
                Oldham Metropolitan Borough Council,P2,20000.01,N/A\r
                Ashfield District Council,P3,,—\r
                """);
        assertEquals(List.of(), read.problems());
        assertEquals(List.of(
                new Row(2, "E08000004", "Oldham", true, "P1", 1_703_000L, 1_500_000L),
                new Row(3, "E08000004", "Oldham", true, "P2", 2_000_001L, null),
                new Row(4, "Ashfield District Council", "Ashfield District Council", false, "P3", null, null)),
                read.rows());
    }

    @Test
    void eachBadRowIsAProblemWithItsLineColumnAndReasonAndTheGoodRowsAreKept() {
        EvaluationCsvReader.Result read = reader.read("""
                council,person_ref,traditional_cost,personal_budget_cost
                Oldham,P1,17030,16000
                ,P2,1,2
                Oldham,,1,2
                Oldham,P4,twelve,-5
                Oldham,P5,17030.505,1
                Oldham,P1,1,1
                Oldham,P6,1
                Leeds,P7,0,0
                """);
        assertEquals(List.of("P1", "P7"), read.rows().stream().map(Row::personRef).toList());
        assertEquals("E08000035", read.rows().get(1).council());
        assertEquals(0L, read.rows().get(1).traditionalPence(), "0 is a figure, not a missing one");
        assertEquals(List.of(
                new Problem(3, "council", "is blank: give the council's GSS code or name"),
                new Problem(4, "person_ref", "is blank: each row is one person"),
                new Problem(5, "traditional_cost", "'twelve' is not an amount in pounds (for example £17,030, 17030 or"
                        + " 17,030.50; blank or N/A when there is no figure)"),
                new Problem(5, "personal_budget_cost", "'-5' is negative: a cost a year is 0 or more"),
                new Problem(6, "traditional_cost", "'17030.505' has more than two decimal places (pounds and pence)"),
                new Problem(7, "person_ref", "P1 of E08000004 is on line 2 already: one row a person"),
                new Problem(8, null, "has 3 columns; the header has 4")), read.problems());
    }

    @Test
    void aWrongHeaderOrAnEmptyFileIsRefusedWhole() {
        assertEquals("line 1: the header is council,ref,before,after; it must be council,person_ref,traditional_cost,"
                + "personal_budget_cost", assertThrows(EvaluationCsvReader.UnreadableFile.class,
                        () -> reader.read("council,ref,before,after\nOldham,1,2,3\n")).getMessage());
        assertThrows(EvaluationCsvReader.UnreadableFile.class, () -> reader.read(""));
        assertEquals(List.of(), reader.read("\uFEFFCouncil,Person_Ref,Traditional_Cost,Personal_Budget_Cost\n").rows(),
                "a byte-order mark and capitals in the header are as spreadsheets save them");
    }
}
