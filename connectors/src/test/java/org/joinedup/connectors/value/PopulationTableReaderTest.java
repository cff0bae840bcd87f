package org.joinedup.connectors.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.joinedup.model.value.EquityByGroup.Kind;
import org.junit.jupiter.api.Test;

class PopulationTableReaderTest {

    @Test
    void thePackagedOldhamTableReadsWholeWithEveryKind() throws Exception {
        String text;
        try (InputStream in = PopulationTableReader.class.getResourceAsStream("/equity/E08000004.csv")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<Kind, Map<String, Long>> table = PopulationTableReader.read("E08000004.csv", text);
        for (Kind kind : Kind.values()) {
            assertEquals(242_100L, table.get(kind).values().stream().mapToLong(Long::longValue).sum(), kind.code());
        }
        assertEquals(List.of("White British", "Pakistani", "Bangladeshi", "Black African", "Mixed", "Other"),
                List.copyOf(table.get(Kind.ETHNICITY).keySet()));
    }

    @Test
    void aGroupWithACommaAndPeopleWithThousandsSeparatorsRead() {
        Map<Kind, Map<String, Long>> table = PopulationTableReader.read("t.csv",
                "kind,group,people\nethnicity,\"Asian, Asian British\",\"12,500\"\n");
        assertEquals(12_500L, table.get(Kind.ETHNICITY).get("Asian, Asian British"));
    }

    @Test
    void everyMistakeIsNamedByLineAndColumnAndTheTableIsRefused() {
        PopulationTableReader.BadTable bad = assertThrows(PopulationTableReader.BadTable.class,
                () -> PopulationTableReader.read("E08000004.csv", """
                        kind,group,people
                        religion,Christian,100
                        age-band,18-30,100
                        ethnicity,Pakistani,many
                        ethnicity,Pakistani,5
                        ethnicity,Pakistani,6
                        """));
        String message = bad.getMessage();
        assertTrue(message.contains("E08000004.csv line 2, kind: 'religion'"), message);
        assertTrue(message.contains("line 3, group: '18-30' is not one of the age bands"), message);
        assertTrue(message.contains("line 4, people: 'many' is not a whole number"), message);
        assertTrue(message.contains("line 6, group: 'Pakistani' is given twice"), message);
        assertThrows(PopulationTableReader.BadTable.class, () -> PopulationTableReader.read("x.csv",
                "kind,people\n"), "the wrong header");
    }
}
