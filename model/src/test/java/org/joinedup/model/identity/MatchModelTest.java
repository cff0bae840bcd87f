package org.joinedup.model.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class MatchModelTest {

    private final MatchModel model = MatchModel.defaults();

    private static MatchRecord record(String given, String family, String dob, String postcode) {
        return MatchRecord.of("r", given, family, dob == null ? null : LocalDate.parse(dob), postcode, null, null,
                false, null, false);
    }

    private Map<Comparison, ComparisonLevel> levels(MatchScore score) {
        return score.parts().stream()
                .collect(Collectors.toMap(MatchScore.Part::comparison, MatchScore.Part::level));
    }

    @Test
    void eachComparisonFindsItsStrongestLevel() {
        MatchRecord dave = record("Dave", "Hughes", "1984-03-07", "OL1 1XX");
        assertEquals(Map.of(Comparison.GIVEN_NAME, ComparisonLevel.NICKNAME,
                Comparison.FAMILY_NAME, ComparisonLevel.EXACT,
                Comparison.BIRTH_DATE, ComparisonLevel.EXACT,
                Comparison.ADDRESS, ComparisonLevel.SAME_POSTCODE,
                Comparison.NHS_NUMBER, ComparisonLevel.MISSING),
                levels(model.score(dave, record("David", "HUGHES", "1984-03-07", "ol11xx"), TermFrequencies.NONE)));
        assertEquals(Map.of(Comparison.GIVEN_NAME, ComparisonLevel.SIMILAR,
                Comparison.FAMILY_NAME, ComparisonLevel.PHONETIC,
                Comparison.BIRTH_DATE, ComparisonLevel.DAY_MONTH_SWAPPED,
                Comparison.ADDRESS, ComparisonLevel.SAME_SECTOR,
                Comparison.NHS_NUMBER, ComparisonLevel.MISSING),
                levels(model.score(dave, record("Davee", "Hewes", "1984-07-03", "OL1 1AB"), TermFrequencies.NONE)));
        assertEquals(Map.of(Comparison.GIVEN_NAME, ComparisonLevel.DIFFERENT,
                Comparison.FAMILY_NAME, ComparisonLevel.DIFFERENT,
                Comparison.BIRTH_DATE, ComparisonLevel.ONE_FIELD_OFF,
                Comparison.ADDRESS, ComparisonLevel.SAME_DISTRICT,
                Comparison.NHS_NUMBER, ComparisonLevel.MISSING),
                levels(model.score(dave, record("Zara", "Patel", "1985-03-07", "OL1 9ZZ"), TermFrequencies.NONE)));
        assertEquals(ComparisonLevel.MISSING,
                levels(model.score(dave, record("Dave", "Hughes", null, null), TermFrequencies.NONE))
                        .get(Comparison.BIRTH_DATE));
    }

    @Test
    void theMatchWeightIsThePriorPlusEveryPartAndTheExplanationAddsUp() {
        MatchScore score = model.score(record("Dave", "Hughes", "1984-03-07", "OL1 1XX"),
                record("David", "Hughes", "1984-03-07", "M1 1AA"), TermFrequencies.NONE);
        double sum = score.priorWeight()
                + score.parts().stream().mapToDouble(p -> p.weight() + p.termFrequencyAdjustment()).sum();
        assertEquals(sum, score.weight(), 1e-9);
        assertEquals(Math.log(0.000004 / 0.999996) / Math.log(2), score.priorWeight(), 1e-9);
        // nickname: log2(0.08/0.0008) = log2(100)
        assertEquals(Math.log(100) / Math.log(2), score.parts().get(0).weight(), 1e-9);
        assertEquals(score.weight(), model.weight(record("Dave", "Hughes", "1984-03-07", "OL1 1XX"),
                record("David", "Hughes", "1984-03-07", "M1 1AA"), TermFrequencies.NONE), 1e-9);
        assertTrue(score.probability() > 0.99);
    }

    @Test
    void aCommonFamilyNameWeighsLessThanARareOne() {
        TermFrequencies frequencies = (comparison, value) -> comparison == Comparison.FAMILY_NAME
                ? ("SMITH".equals(value) ? 0.012 : 0.00002) : 0.0;
        MatchScore smith = model.score(record("Jo", "Smith", null, null), record("Jo", "Smith", null, null),
                frequencies);
        MatchScore rare = model.score(record("Jo", "Featherstonehaugh", null, null),
                record("Jo", "Featherstonehaugh", null, null), frequencies);
        MatchScore.Part smithFamily = smith.parts().get(1);
        assertEquals(Math.log(0.002 / 0.012) / Math.log(2), smithFamily.termFrequencyAdjustment(), 1e-9);
        assertTrue(rare.weight() > smith.weight() + 6, rare.weight() + " vs " + smith.weight());
    }

    @Test
    void differentStrongIdentifiersAreAConflict() {
        MatchRecord a = MatchRecord.of("a", "Dave", "Hughes", null, null, null, "9434765919", true, null, false);
        MatchRecord b = MatchRecord.of("b", "Dave", "Hughes", null, null, null, "9434765870", true, null, false);
        assertNotNull(model.score(a, b, TermFrequencies.NONE).conflict());
        assertNull(model.score(a, a, TermFrequencies.NONE).conflict());
    }

    @Test
    void aWeightsFileMissingAKeyOrWithANonsenseProbabilityIsRefusedNamingTheKey() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> MatchModel.load(new StringReader("prior = 0.001\n")));
        assertTrue(missing.getMessage().contains("threshold.link"), missing.getMessage());
        IllegalArgumentException prior = assertThrows(IllegalArgumentException.class,
                () -> MatchModel.load(new StringReader("prior = 2\n")));
        assertTrue(prior.getMessage().contains("prior"), prior.getMessage());
    }
}
