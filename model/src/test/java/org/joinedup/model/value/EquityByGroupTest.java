package org.joinedup.model.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.joinedup.model.value.EquityByGroup.Kind;
import org.joinedup.model.value.EquityByGroup.Person;
import org.joinedup.model.value.EquityByGroup.Row;
import org.junit.jupiter.api.Test;

class EquityByGroupTest {

    /** Oldham as the evaluation found it: minority ethnic groups 22 % of the people, 1 % of service users, 10 % after. */
    @Test
    void theOldhamShapeComesOutAsTheEvaluationGaveIt() {
        Map<String, Long> ethnicity = new LinkedHashMap<>();
        ethnicity.put("White British", 78_000L);
        ethnicity.put("Minority ethnic", 22_000L);
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < 99; i++) {
            people.add(new Person("White British", "65-74", "Disabled", true, i < 45));
        }
        people.add(new Person("minority ethnic ", "45-64", "Disabled", true, true)); // as another officer typed it
        for (int i = 0; i < 4; i++) {
            people.add(new Person("Minority ethnic", "25-44", null, false, true));
        }
        people.add(new Person(null, null, null, false, true)); // nothing recorded

        EquityByGroup.Report report = EquityByGroup.of("E08000004", Map.of(Kind.ETHNICITY, ethnicity), people, 0);

        Row minority = row(report, "ethnicity", "Minority ethnic");
        assertEquals(22, minority.population().percent());
        assertEquals(1L, minority.before().people());
        assertEquals(1, minority.before().percent(), "1 of 100 supported before");
        assertEquals(5L, minority.after().people());
        assertEquals(10, minority.after().percent(), "5 of the 50 with a group recorded");
        assertEquals(78, row(report, "ethnicity", "White British").population().percent());
        assertEquals(100, report.peopleBefore());
        assertEquals(51, report.peopleAfter());
        assertEquals(new EquityByGroup.NotRecorded("ethnicity", 0, 1), report.notRecorded().get(0));
        assertEquals(new EquityByGroup.NotRecorded("disability", 0, 5), report.notRecorded().get(2));
    }

    @Test
    void aGroupThePopulationTableDoesNotHaveIsShownWithNoPopulationShare() {
        EquityByGroup.Report report = EquityByGroup.of("E08000004", Map.of(Kind.ETHNICITY,
                Map.of("White British", 10L)), List.of(new Person("Gypsy or Irish Traveller", null, null, true, true)),
                0);
        Row traveller = row(report, "ethnicity", "Gypsy or Irish Traveller");
        assertNull(traveller.population());
        assertEquals(100, traveller.before().percent());
        Row white = row(report, "ethnicity", "White British");
        assertEquals(0L, white.before().people());
        assertEquals(0, white.before().percent());
        assertEquals(100, white.population().percent());
    }

    @Test
    void sharesAreWholePerCentHalfUpAndNoneOfNobody() {
        List<Person> eight = new ArrayList<>();
        eight.add(new Person(null, null, "Disabled", true, false));
        for (int i = 0; i < 7; i++) {
            eight.add(new Person(null, null, "Not disabled", true, false));
        }
        EquityByGroup.Report report = EquityByGroup.of("E08000004", Map.of(), eight, 0);
        assertEquals(13, row(report, "disability", "Disabled").before().percent(), "12.5 % is 13 %");
        assertEquals(88, row(report, "disability", "Not disabled").before().percent(), "87.5 % is 88 %");
        assertNull(row(report, "disability", "Disabled").after().percent(), "nobody after: no share");
    }

    @Test
    void aReportForPlanningDoesNotGiveGroupsOfFewerThanFive() {
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            people.add(new Person("White British", null, null, true, true));
        }
        people.add(new Person("Bangladeshi", null, null, true, false));
        EquityByGroup.Report report = EquityByGroup.of("E08000004", Map.of(), people);
        Row one = row(report, "ethnicity", "Bangladeshi");
        assertEquals(new EquityByGroup.Share(null, null, true), one.before(), "one person: not given");
        assertEquals(new EquityByGroup.Share(0L, 0, false), one.after(), "none is not a person");
        assertEquals(new EquityByGroup.Share(5L, 83, false), row(report, "ethnicity", "White British").before());
    }

    @Test
    void ageBandsOnTheDay() {
        LocalDate on = LocalDate.of(2026, 12, 4);
        assertEquals("0-17", EquityByGroup.ageBand(LocalDate.of(2008, 12, 5), on));
        assertEquals("18-24", EquityByGroup.ageBand(LocalDate.of(2008, 12, 4), on), "18 today");
        assertEquals("25-44", EquityByGroup.ageBand(LocalDate.of(2001, 12, 4), on));
        assertEquals("45-64", EquityByGroup.ageBand(LocalDate.of(1962, 12, 5), on));
        assertEquals("65-74", EquityByGroup.ageBand(LocalDate.of(1961, 12, 4), on));
        assertEquals("75-84", EquityByGroup.ageBand(LocalDate.of(1951, 1, 1), on));
        assertEquals("85+", EquityByGroup.ageBand(LocalDate.of(1941, 12, 4), on));
        assertNull(EquityByGroup.ageBand(null, on));
    }

    private static Row row(EquityByGroup.Report report, String kind, String group) {
        return report.groups().stream().filter(r -> r.kind().equals(kind) && r.group().equals(group)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + group + " in " + report.groups()));
    }
}
