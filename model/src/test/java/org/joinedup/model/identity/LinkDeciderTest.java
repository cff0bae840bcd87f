package org.joinedup.model.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.joinedup.model.identity.LinkDecider.Candidate;
import org.joinedup.model.identity.LinkDecision.Outcome;
import org.junit.jupiter.api.Test;

class LinkDeciderTest {

    private static final String DAVE_NHS = "9434765919";
    private static final String OTHER_NHS = "9434765870";

    private final LinkDecider decider = new LinkDecider(MatchModel.defaults());

    /** A record whose NI number, if any, the DWP holds (verified). */
    private static MatchRecord record(String id, String given, String family, String dob, String postcode,
            String nhs, boolean verified, String ni) {
        return MatchRecord.of(id, given, family, dob == null ? null : LocalDate.parse(dob), postcode, null, nhs,
                verified, ni, true);
    }

    /** A housing association's record: the NI number its officer typed, verified by nobody. */
    private static MatchRecord housing(String id, String given, String family, String dob, String postcode,
            String ni) {
        return MatchRecord.of(id, given, family, dob == null ? null : LocalDate.parse(dob), postcode, null, null,
                false, ni, false);
    }

    private static final String DAVE_NI = "AB123456C";
    private static final MatchRecord DAVE_AT_DWP = record("dwp-9", "Dave", "Hughes", "1984-03-07", "OL1 1XX", null,
            false, DAVE_NI);

    private static final MatchRecord DAVE_AT_COUNCIL = record("council-1", "Dave", "Hughes", "1984-03-07", "OL1 1XX",
            null, false, null);

    @Test
    void daveAndDavidWithTheSameBirthDateAndPostcodeAreLinkedByScoreWithTheReason() {
        LinkDecision decision = decider.decide(record("dwp-1", "David", "HUGHES", "1984-03-07", "ol1 1xx", null,
                false, "AB123456C"), List.of(new Candidate("p1", DAVE_AT_COUNCIL)), TermFrequencies.NONE, Set.of());
        assertEquals(Outcome.LINKED_BY_SCORE, decision.outcome());
        assertEquals("p1", decision.personId());
        assertEquals(ComparisonLevel.NICKNAME, decision.score().parts().get(0).level());
        assertTrue(decision.reason().contains("link threshold"), decision.reason());
    }

    @Test
    void twinsAreNeverLinkedAutomatically() {
        LinkDecision decision = decider.decide(record("council-2", "Sam", "Hughes", "1984-03-07", "OL1 1XX", null,
                false, null), List.of(new Candidate("p1", DAVE_AT_COUNCIL)), TermFrequencies.NONE, Set.of());
        assertEquals(Outcome.NEW_PERSON, decision.outcome());
        assertNull(decision.personId());
    }

    @Test
    void someoneWithADifferentNameBirthDateAndAddressIsANewPersonWithNothingToReview() {
        LinkDecision decision = decider.decide(record("x", "Zara", "Patel", "1990-11-02", "M1 1AA", null, false,
                null), List.of(new Candidate("p1", DAVE_AT_COUNCIL)), TermFrequencies.NONE, Set.of());
        assertEquals(Outcome.NEW_PERSON, decision.outcome());
        assertEquals(List.of(), decision.reviews());
    }

    @Test
    void aSharedVerifiedNhsNumberLinksWhateverTheNamesSay() {
        LinkDecision decision = decider.decide(record("t", "D", "Huges", null, null, DAVE_NHS, true, null),
                List.of(new Candidate("p1", record("c", "Dave", "Hughes", "1984-03-07", null, DAVE_NHS, true, null))),
                TermFrequencies.NONE, Set.of());
        assertEquals(Outcome.LINKED_BY_IDENTIFIER, decision.outcome());
        assertEquals("p1", decision.personId());
        assertTrue(decision.reason().contains(DAVE_NHS), decision.reason());
    }

    @Test
    void anUnverifiedNhsNumberOnSomeoneElseEntirelyIsForAPersonToJudgeNeverALink() {
        LinkDecision decision = decider.decide(record("t", "Zara", "Patel", "1990-11-02", "M1 1AA", DAVE_NHS, false,
                null), List.of(new Candidate("p1", record("c", "Dave", "Hughes", "1984-03-07", "OL1 1XX", DAVE_NHS,
                        true, null))),
                TermFrequencies.NONE, Set.of());
        assertEquals(Outcome.NEW_PERSON, decision.outcome());
        assertEquals(ComparisonLevel.EXACT, decision.score().parts().get(4).level());
        assertEquals(List.of("p1"), decision.reviews().stream().map(LinkDecision.Proposal::personId).toList(),
                "the same number on two different people is a mistake someone must look at");
        assertTrue(decision.reviews().get(0).reason().contains("NHS number " + DAVE_NHS + " (not verified on both"
                + " records) but the names and birth date weigh"), decision.reviews().get(0).reason());
    }

    @Test
    void aSharedUnverifiedNhsNumberNeverCarriesALinkTheNamesAndBirthDateDoNotSupport() {
        MatchRecord incoming = record("t", "Dave", "Hughes", "1985-06-21", "OL1 1XX", DAVE_NHS, false, null);
        MatchRecord known = record("c", "Dave", "Hughes", "1984-03-07", "OL1 1XX", DAVE_NHS, false, null);
        // the number's own weight would carry this pair over the link threshold on its own
        assertTrue(MatchModel.defaults().score(incoming, known, TermFrequencies.NONE).weight()
                >= MatchModel.defaults().linkThreshold());

        LinkDecision decision = decider.decide(incoming, List.of(new Candidate("p1", known)), TermFrequencies.NONE,
                Set.of());

        assertEquals(Outcome.NEW_PERSON, decision.outcome());
        assertEquals(1, decision.reviews().size());
        assertTrue(decision.reviews().get(0).reason().contains("below the 12.0 that must corroborate"),
                decision.reviews().get(0).reason());
    }

    @Test
    void aHousingFilesNiNumberOnSomeoneWithOtherNamesAndBirthDateGoesToReviewNotToThem() {
        LinkDecision decision = decider.decide(housing("h", "Zara", "Patel", "1990-11-02", "M1 1AA", DAVE_NI),
                List.of(new Candidate("p1", DAVE_AT_DWP)), TermFrequencies.NONE, Set.of());
        assertEquals(Outcome.NEW_PERSON, decision.outcome());
        assertNull(decision.personId());
        assertEquals(List.of("p1"), decision.reviews().stream().map(LinkDecision.Proposal::personId).toList());
        assertTrue(decision.reason().contains("NI number " + DAVE_NI + " (not verified on both records)"),
                decision.reason());
    }

    @Test
    void aHousingFilesNiNumberCorroboratedByNamesAndBirthDateLinksSaying() {
        LinkDecision decision = decider.decide(housing("h", "David", "Hughes", "1984-03-07", "M1 1AA", DAVE_NI),
                List.of(new Candidate("p1", DAVE_AT_DWP)), TermFrequencies.NONE, Set.of());
        assertEquals(Outcome.LINKED_BY_IDENTIFIER, decision.outcome());
        assertEquals("p1", decision.personId());
        assertTrue(decision.reason().startsWith("same NI number " + DAVE_NI + " (not verified on both records),"
                + " corroborated: the names and birth date weigh "), decision.reason());
        assertEquals(List.of(), decision.reviews());
    }

    @Test
    void aTwinsNiNumberTypedOnTheOtherTwinsHousingRecordGoesToReview() {
        LinkDecision decision = decider.decide(housing("h", "Sam", "Hughes", "1984-03-07", "OL1 1XX", DAVE_NI),
                List.of(new Candidate("p1", DAVE_AT_DWP)), TermFrequencies.NONE, Set.of());
        assertEquals(Outcome.NEW_PERSON, decision.outcome());
        assertEquals(List.of("p1"), decision.reviews().stream().map(LinkDecision.Proposal::personId).toList());
        assertTrue(decision.reviews().get(0).reason().contains("given names differ"),
                decision.reviews().get(0).reason());
    }

    @Test
    void twoHousingFilesTypingTheSameNiNumberProveNothingBetweenThem() {
        LinkDecision decision = decider.decide(housing("h2", "Zara", "Patel", "1990-11-02", "M1 1AA", DAVE_NI),
                List.of(new Candidate("p1", housing("h1", "Dave", "Hughes", "1984-03-07", "OL1 1XX", DAVE_NI))),
                TermFrequencies.NONE, Set.of());
        assertEquals(Outcome.NEW_PERSON, decision.outcome());
        assertEquals(1, decision.reviews().size());
    }

    @Test
    void anNiNumberTheDwpHoldsOnBothRecordsLinksWhateverTheNamesSay() {
        LinkDecision decision = decider.decide(record("e", "D", "Huges", null, null, null, false, DAVE_NI),
                List.of(new Candidate("p1", DAVE_AT_DWP)), TermFrequencies.NONE, Set.of());
        assertEquals(Outcome.LINKED_BY_IDENTIFIER, decision.outcome());
        assertEquals("same verified NI number " + DAVE_NI, decision.reason());
    }

    @Test
    void theSameNiNumberWithADifferentNhsNumberGoesToReviewNotToAMerge() {
        LinkDecision decision = decider.decide(
                record("t", "Dave", "Hughes", "1984-03-07", "OL1 1XX", OTHER_NHS, true, "AB123456C"),
                List.of(new Candidate("p1", record("c", "Dave", "Hughes", "1984-03-07", "OL1 1XX", DAVE_NHS, true,
                        "AB123456C"))),
                TermFrequencies.NONE, Set.of());
        assertEquals(Outcome.NEW_PERSON, decision.outcome());
        assertEquals(1, decision.reviews().size());
        assertEquals("p1", decision.reviews().get(0).personId());
        assertTrue(decision.reviews().get(0).reason().contains("different NHS number"),
                decision.reviews().get(0).reason());
    }

    @Test
    void strongIdentifiersPointingAtTwoPeopleGoToReviewAgainstBoth() {
        LinkDecision decision = decider.decide(
                record("t", "Dave", "Hughes", "1984-03-07", null, DAVE_NHS, true, "AB123456C"),
                List.of(new Candidate("p1", record("a", "Dave", "Hughes", null, null, DAVE_NHS, true, null)),
                        new Candidate("p2", record("b", "David", "Hughes", null, null, null, false, "AB123456C"))),
                TermFrequencies.NONE, Set.of());
        assertEquals(Outcome.NEW_PERSON, decision.outcome());
        assertEquals(Set.of("p1", "p2"),
                Set.copyOf(decision.reviews().stream().map(LinkDecision.Proposal::personId).toList()));
    }

    @Test
    void aLookAlikeWithADifferentNhsNumberIsSomeoneElse() {
        LinkDecision decision = decider.decide(
                record("t", "Dave", "Hughes", "1984-03-07", "OL1 1XX", OTHER_NHS, true, null),
                List.of(new Candidate("p1", record("c", "Dave", "Hughes", "1984-03-07", "OL1 1XX", DAVE_NHS, true,
                        null))),
                TermFrequencies.NONE, Set.of());
        assertEquals(Outcome.NEW_PERSON, decision.outcome());
        assertEquals(List.of(), decision.reviews());
        assertTrue(decision.reason().contains("different NHS or NI number"), decision.reason());
    }

    @Test
    void twinsAlikeInEverythingButTheGivenNameAreOnlyProposedForReview() {
        LinkDecision decision = decider.decide(record("x", "Samuel", "Featherstonehaugh", "1984-03-07", "OL1 1XX",
                null, false, null), List.of(new Candidate("p1", record("y", "Kayleigh", "Featherstonehaugh",
                        "1984-03-07", "OL1 1XX", null, false, null))),
                (comparison, value) -> 0.00001, Set.of());
        assertTrue(decision.score().weight() >= MatchModel.defaults().linkThreshold(), "" + decision.score());
        assertEquals(Outcome.NEW_PERSON, decision.outcome());
        assertTrue(decision.reviews().get(0).reason().contains("given names differ"),
                decision.reviews().get(0).reason());
    }

    @Test
    void aPersonSomeoneSaidIsNotThisRecordIsNeverLinkedOrProposedAgain() {
        MatchRecord david = record("dwp-1", "David", "Hughes", "1984-03-07", "OL1 1XX", null, false, null);
        LinkDecision decision = decider.decide(david, List.of(new Candidate("p1", DAVE_AT_COUNCIL)),
                TermFrequencies.NONE, Set.of("p1"));
        assertEquals(Outcome.NEW_PERSON, decision.outcome());
        assertEquals(List.of(), decision.reviews());
    }

    @Test
    void theBestOfSeveralPeopleIsChosen() {
        LinkDecision decision = decider.decide(
                record("t", "Kayleigh", "Hughes", "2008-05-14", "OL1 1XX", null, false, null),
                List.of(new Candidate("dave", DAVE_AT_COUNCIL),
                        new Candidate("kay", record("k", "Kayley", "Hughes", "2008-05-14", "OL1 1XX", null, false,
                                null))),
                TermFrequencies.NONE, Set.of());
        assertEquals(Outcome.LINKED_BY_SCORE, decision.outcome());
        assertEquals("kay", decision.personId());
    }
}
