package org.joinedup.model.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.joinedup.model.AgencyKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Golden cases of the packaged funding rules (config/funding/): what each stream's money may pay for. */
class FundingRuleTest {

    private final Map<AgencyKind, FundingRule> rules = FundingRule.packaged().stream()
            .collect(Collectors.toMap(FundingRule::agency, Function.identity()));

    @ParameterizedTest(name = "{0} money for {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "NHS         | PERSONAL_CARE      | ",
            "NHS         | health_therapy     | ",
            "NHS         | GAMBLING           | NHS continuing healthcare money may never pay for GAMBLING",
            "NHS         | PRIMARY_CARE       | NHS continuing healthcare money may never pay for PRIMARY_CARE",
            "NHS         | TRAINING           | NHS continuing healthcare money may pay only for EQUIPMENT, HEALTH_THERAPY, HOME_CARE, NURSING, PERSONAL_ASSISTANT, PERSONAL_CARE, RESPITE; not TRAINING",
            "SOCIAL_CARE | PERSONAL_ASSISTANT | ",
            "SOCIAL_CARE | DEBT_REPAYMENT     | council adult social care money may never pay for DEBT_REPAYMENT",
            "HOUSING     | ADAPTATION         | ",
            "HOUSING     | PERSONAL_CARE      | disabled facilities grant money may pay only for ADAPTATION, EQUIPMENT; not PERSONAL_CARE",
            "EMPLOYMENT  | TRAINING           | ",
            "EMPLOYMENT  | ALCOHOL            | employment support money may never pay for ALCOHOL",
    })
    void whatEachStreamMayPayFor(AgencyKind agency, String category, String refusal) {
        assertEquals(Optional.ofNullable(refusal), rules.get(agency).refusal(category));
    }

    @Test
    void theRulesSayWhoApprovesAndWhatCarriesForward() {
        assertEquals(AgencyKind.NHS, rules.get(AgencyKind.NHS).approver());
        assertEquals("CAPITAL", rules.get(AgencyKind.HOUSING).money());
        assertEquals(true, rules.get(AgencyKind.HOUSING).carryForward());
        assertEquals(false, rules.get(AgencyKind.SOCIAL_CARE).carryForward());
    }

    @Test
    void everyFileUnderConfigIsPackaged() throws Exception {
        try (var files = Files.list(Path.of("../config/funding"))) {
            Set<String> present = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".properties"))
                    .map(n -> n.replace(".properties", "")).collect(Collectors.toSet());
            assertEquals(present, Set.copyOf(FundingRule.PACKAGED));
        }
    }
}
