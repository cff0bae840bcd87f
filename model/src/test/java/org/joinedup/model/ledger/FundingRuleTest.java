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
    void theFundingBodyDecidesItsOwnMoneyUnlessTheRulesNameAnotherKindOfAgencyAsApprover() {
        java.util.Map<AgencyKind, Set<String>> funders = java.util.Map.of(AgencyKind.NHS, Set.of("RR8"),
                AgencyKind.SOCIAL_CARE, Set.of("E08000004"));
        FundingRule nhs = rules.get(AgencyKind.NHS);
        assertEquals(Optional.empty(), nhs.approvalRefusal("rr8", "RR8", funders));
        assertEquals(Optional.of("NHS continuing healthcare money pays for this line: only RR8, whose money it is,"
                + " decides it"), nhs.approvalRefusal("E08000004", "RR8", funders));
        // a pooled budget the council leads: the council decides the NHS money in it, the trust no longer does
        FundingRule led = FundingRule.load("led", new java.io.StringReader(
                "agency = NHS\nname = pooled continuing care\ncategories = NURSING\napprover = SOCIAL_CARE\n"));
        assertEquals(Optional.empty(), led.approvalRefusal("E08000004", "RR8", funders));
        assertEquals(Optional.of("pooled continuing care money pays for this line: only E08000004 (SOCIAL_CARE, the"
                + " approver its rules name) decides it"), led.approvalRefusal("RR8", "RR8", funders));
        assertEquals(Optional.of("pooled continuing care money pays for this line: only a SOCIAL_CARE body funding"
                + " the person decides it (the approver its rules name), and none does"), led.approvalRefusal("E08000004", "RR8",
                        java.util.Map.of(AgencyKind.NHS, Set.of("RR8"))));
    }

    @ParameterizedTest(name = "{0}: contributions up to {1}p, payments up to {2}p")
    @CsvSource({"NHS, 100000000, 10000000", "SOCIAL_CARE, 100000000, 10000000", "HOUSING, 3000000, 3000000",
            "EMPLOYMENT, 10000000, 5000000"})
    void eachStreamHasItsCeilingsAndOnePennyMoreIsRefusedWithTheReason(AgencyKind agency, long contribution,
            long payment) {
        FundingRule rule = rules.get(agency);
        assertEquals(Optional.empty(), rule.contributionRefusal(new org.joinedup.model.Pence(contribution)));
        assertEquals(Optional.of(new org.joinedup.model.Pence(contribution + 1) + " is more than the most one "
                + rule.name() + " contribution may be (" + new org.joinedup.model.Pence(contribution)
                + ", max-contribution-pence of funding rule " + rule.id() + ")"),
                rule.contributionRefusal(new org.joinedup.model.Pence(contribution + 1)));
        String category = rule.categories().iterator().next();
        assertEquals(Optional.empty(), rule.refusal(category, payment));
        assertEquals(true, rule.refusal(category, payment + 1).orElseThrow().contains("is more than the most one "
                + rule.name() + " payment may be"));
    }

    @Test
    void aStreamThatSaysNoCeilingHasTheDefaultsAndABadCeilingIsRefusedWhenTheRulesLoad() {
        FundingRule plain = FundingRule.load("plain", new java.io.StringReader(
                "agency = NHS\nname = plain\ncategories = NURSING\napprover = NHS\n"));
        assertEquals(100_000_000L, plain.maxContributionPence(), "£1,000,000");
        assertEquals(10_000_000L, plain.maxPaymentPence(), "£100,000");
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> FundingRule.load("big", new java.io.StringReader(
                        "agency = NHS\nname = big\ncategories = NURSING\napprover = NHS\n"
                                + "max-payment-pence = 99999999999\n")));
        assertEquals("funding rule big: max-payment-pence 99999999999 is not between 1 and 10000000000",
                refused.getMessage());
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
