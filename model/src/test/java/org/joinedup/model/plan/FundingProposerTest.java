package org.joinedup.model.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.joinedup.model.AgencyKind;
import org.joinedup.model.ValidationIssue;
import org.joinedup.model.ledger.FundingRule;
import org.joinedup.model.plan.FundingProposer.Line;
import org.joinedup.model.plan.FundingProposer.Pot;
import org.joinedup.model.plan.FundingProposer.Proposal;
import org.junit.jupiter.api.Test;

/** Golden cases of the funding proposal over Dave's pooled budget (NHS, council, DFG and employment money). */
class FundingProposerTest {

    private static final Map<AgencyKind, FundingRule> RULES = FundingRule.packaged().stream()
            .collect(Collectors.toMap(FundingRule::agency, Function.identity()));

    private static final List<Pot> DAVE = List.of(
            new Pot("nhs", "RR8", 1_825_000, RULES.get(AgencyKind.NHS)),
            new Pot("council", "E08000004", 936_000, RULES.get(AgencyKind.SOCIAL_CARE)),
            new Pot("dfg", "OLDHAMHSG", 780_000, RULES.get(AgencyKind.HOUSING)),
            new Pot("dwp", "DWP", 45_000, RULES.get(AgencyKind.EMPLOYMENT)));

    private static Map<Integer, String> chosen(Proposal proposal) {
        return proposal.choices().stream().collect(Collectors.toMap(FundingProposer.Choice::line,
                FundingProposer.Choice::contributionId));
    }

    @Test
    void restrictedMoneyFirstFlexibleMoneyLast() {
        Proposal proposal = FundingProposer.propose(List.of(
                new Line(1, "PERSONAL_ASSISTANT", new LineCost(LineCost.Kind.HOURLY, 1_400, 20).annualPence(), null),
                new Line(2, "EQUIPMENT", 90_000, true, null),
                new Line(3, "TRAINING", 40_000, null),
                new Line(4, "COMMUNITY_ACTIVITY", 200_000, null),
                new Line(5, "PERSONAL_CARE", 500_000, null)), DAVE);
        assertTrue(proposal.fundable(), proposal.problems().toString());
        assertEquals(Map.of(1, "nhs", 2, "dfg", 3, "dwp", 4, "council", 5, "council"), chosen(proposal));
        assertEquals("NHS continuing healthcare (RR8): the most restricted money that may pay for PERSONAL_ASSISTANT "
                + "(NHS continuing healthcare pays for 7 categories), keeping flexible money for what only it can pay "
                + "for; £3690.00 of it left after this line", proposal.choices().get(0).explanation());
        assertTrue(proposal.choices().get(2).explanation().contains("the only money that may pay for TRAINING"));
    }

    @Test
    void aCategoryNoOneMayPayForAndALineBeyondTheMoneyAreRefusedWithTheReason() {
        Proposal proposal = FundingProposer.propose(List.of(
                new Line(1, "GAMBLING", 1_000, null),
                new Line(2, "ADAPTATION", 2_000_000, true, null),
                new Line(3, "PERSONAL_CARE", 10_000, null)), DAVE);
        assertEquals(List.of(
                new ValidationIssue("lines[1].category", "no contribution to this budget may pay for GAMBLING"),
                new ValidationIssue("lines[2].annualPence", "£20000.00 is more than the pooled budget can give a line "
                        + "of ADAPTATION: the most left in money that may pay for it is £7800.00")),
                proposal.problems());
        assertEquals(List.of(), proposal.choices(), "nothing is proposed for a plan that cannot be funded");
    }

    @Test
    void theCoordinatorsChoiceStandsWithinTheRules() {
        Proposal ok = FundingProposer.propose(List.of(new Line(1, "PERSONAL_CARE", 100_000, "council")), DAVE);
        assertEquals(Map.of(1, "council"), chosen(ok));
        Proposal forbidden = FundingProposer.propose(List.of(new Line(1, "PERSONAL_CARE", 100_000, "dfg")), DAVE);
        assertEquals(List.of(new ValidationIssue("lines[1].contributionId", "disabled facilities grant money may pay "
                + "only for ADAPTATION, EQUIPMENT; not PERSONAL_CARE")), forbidden.problems());
    }

    @Test
    void capitalMoneyPaysForWhatIsBoughtOnceNeverACostThatRecurs() {
        // the same equipment hired by the week: the grant may not pay, so revenue money that allows it does
        Proposal hired = FundingProposer.propose(List.of(new Line(1, "EQUIPMENT", 90_000, false, null)), DAVE);
        assertEquals(Map.of(1, "dwp"), chosen(FundingProposer.propose(List.of(new Line(1, "EQUIPMENT", 40_000, false,
                null)), DAVE)), "the most restricted revenue money");
        assertEquals(Map.of(1, "nhs"), chosen(hired));
        Proposal onlyTheGrant = FundingProposer.propose(List.of(new Line(1, "ADAPTATION", 10_000, false, null)),
                DAVE);
        assertEquals(List.of(new ValidationIssue("lines[1].category", "no contribution to this budget may pay for"
                + " ADAPTATION: disabled facilities grant is capital money: it pays only for something bought once"
                + " (a one-off line), not a cost that recurs")), onlyTheGrant.problems());
        Proposal chosen = FundingProposer.propose(List.of(new Line(1, "EQUIPMENT", 10_000, false, "dfg")), DAVE);
        assertEquals("lines[1].contributionId", chosen.problems().get(0).expression());
        assertEquals(Map.of(1, "dfg"), chosen(FundingProposer.propose(List.of(new Line(1, "ADAPTATION", 10_000, true,
                null)), DAVE)));
    }

    @Test
    void anotherMembersMoneyPaysForThisPersonOnlyWhereItsRulesShareIt() {
        // Kayleigh's line in the family's shared budget: her father's NHS continuing-care money is his
        List<Pot> davesForKayleigh = List.of(
                new Pot("nhs", "RR8", 1_825_000, RULES.get(AgencyKind.NHS), true),
                new Pot("council", "E08000004", 936_000, RULES.get(AgencyKind.SOCIAL_CARE), true));
        assertEquals(Map.of(1, "council"), chosen(FundingProposer.propose(List.of(new Line(1, "PERSONAL_ASSISTANT",
                100_000, null)), davesForKayleigh)), "council money may be shared; NHS money would have come first");
        Proposal nursing = FundingProposer.propose(List.of(new Line(1, "NURSING", 100_000, null)), davesForKayleigh);
        assertEquals(List.of(new ValidationIssue("lines[1].category", "no contribution to this budget may pay for"
                + " NURSING: NHS continuing healthcare money is for the person it was awarded to: its rules"
                + " (family-may-share) do not let it pay for another member of the family's shared budget")),
                nursing.problems());
    }

    @Test
    void costsAreExactPence() {
        assertEquals(1_456_000, new LineCost(LineCost.Kind.HOURLY, 1_400, 20).annualPence());
        assertEquals(936_000, new LineCost(LineCost.Kind.WEEKLY, 18_000, 0).annualPence());
        assertEquals(90_000, new LineCost(LineCost.Kind.ONE_OFF, 45_000, 2).annualPence());
        assertEquals("£14.00 an hour x 20 hours a week x 52 weeks = £14560.00",
                new LineCost(LineCost.Kind.HOURLY, 1_400, 20).explain());
    }
}
