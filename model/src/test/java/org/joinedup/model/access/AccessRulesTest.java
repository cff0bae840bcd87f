package org.joinedup.model.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class AccessRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Recipient RR8 = new Recipient("RR8", RecipientKind.NHS);
    private static final Recipient HOUSING = new Recipient("OLDHAMHSG", RecipientKind.HOUSING);

    private final AccessRules rules = new AccessRules(SharingAgreement.packaged());

    private static ConsentRule rule(ConsentRule.Type type, String org, Set<Category> categories, Instant start,
            Instant end) {
        return new ConsentRule(type, org == null ? Set.of() : Set.of(org), Set.of(), Set.of(), categories, start,
                end);
    }

    @Test
    void anOrganisationWithNoRelationshipDoesNotKnowThePerson() {
        AccessRules.Visibility v = rules.decide(RR8, Purpose.DIRECT_SUPPORT, Set.of(), List.of(), NOW);
        assertFalse(v.known());
        assertTrue(v.categories().isEmpty());
        assertFalse(v.sees(Category.HEALTH, "RR8"), "no relationship: not even its own");
    }

    @Test
    void aTrustSeesHealthAndSocialCareButNotHousingOrBenefits() {
        AccessRules.Visibility v = rules.decide(RR8, Purpose.DIRECT_SUPPORT, Set.of(Relationship.SENT_RECORD),
                List.of(), NOW);
        assertEquals(EnumSet.of(Category.DEMOGRAPHICS, Category.HEALTH, Category.SOCIAL_CARE, Category.ASSESSMENT,
                Category.PLAN), v.categories());
        assertTrue(v.sees(Category.FINANCE, "RR8"), "its own money");
        assertFalse(v.sees(Category.FINANCE, "E08000004"));
    }

    @Test
    void consentWidensWhatTheAgreementAsksConsentFor() {
        ConsentRule permit = rule(ConsentRule.Type.PERMIT, "RR8", Set.of(Category.HOUSING), null, null);
        AccessRules.Visibility v = rules.decide(RR8, Purpose.DIRECT_SUPPORT, Set.of(Relationship.SENT_RECORD),
                List.of(permit), NOW);
        assertTrue(v.sees(Category.HOUSING));
        assertFalse(v.sees(Category.BENEFITS));
    }

    @Test
    void consentNeverWidensWhatTheAgreementNeverShares() {
        ConsentRule permit = rule(ConsentRule.Type.PERMIT, "RR8", Set.of(), null, null);
        AccessRules.Visibility v = rules.decide(RR8, Purpose.PLANNING, Set.of(Relationship.SENT_RECORD),
                List.of(permit), NOW);
        assertFalse(v.sees(Category.HOUSING), "housing.*.planning is never");
    }

    @Test
    void anObjectionRemovesEverythingButWhatTheOrganisationSentAndFunds() {
        ConsentRule deny = rule(ConsentRule.Type.DENY, "RR8", Set.of(), null, null);
        AccessRules.Visibility v = rules.decide(RR8, Purpose.DIRECT_SUPPORT,
                Set.of(Relationship.SENT_RECORD, Relationship.FUNDS), List.of(deny), NOW);
        assertTrue(v.known());
        assertEquals(EnumSet.of(Category.DEMOGRAPHICS), v.categories());
        assertTrue(v.sees(Category.HEALTH, "RR8"));
        assertFalse(v.sees(Category.HEALTH, "RM3"));
    }

    @Test
    void aDecisionOutsideItsPeriodDoesNothing() {
        ConsentRule expired = rule(ConsentRule.Type.DENY, "RR8", Set.of(Category.HEALTH), null,
                Instant.parse("2026-11-30T00:00:00Z"));
        ConsentRule future = rule(ConsentRule.Type.DENY, "RR8", Set.of(Category.HEALTH),
                Instant.parse("2027-01-01T00:00:00Z"), null);
        assertTrue(rules.decide(RR8, Purpose.DIRECT_SUPPORT, Set.of(Relationship.SENT_RECORD),
                List.of(expired, future), NOW).sees(Category.HEALTH));
    }

    @Test
    void aPermitNamingAnOrganisationGivesItARelationship() {
        ConsentRule permit = rule(ConsentRule.Type.PERMIT, "OLDHAMHSG", Set.of(Category.HEALTH), null, null);
        AccessRules.Visibility v = rules.decide(HOUSING, Purpose.DIRECT_SUPPORT, Set.of(), List.of(permit), NOW);
        assertEquals(Set.of(Relationship.CONSENT), v.relationships());
        assertTrue(v.sees(Category.HEALTH));
        assertTrue(v.sees(Category.HOUSING));
        assertFalse(v.sees(Category.SOCIAL_CARE));
    }

    @Test
    void aPermitNamingEveryoneGivesNobodyARelationship() {
        ConsentRule permit = rule(ConsentRule.Type.PERMIT, null, Set.of(), null, null);
        assertFalse(rules.decide(HOUSING, Purpose.DIRECT_SUPPORT, Set.of(), List.of(permit), NOW).known());
    }

    @Test
    void aDenyWinsOverAPermitForTheSameThing() {
        List<ConsentRule> both = List.of(rule(ConsentRule.Type.PERMIT, "RR8", Set.of(Category.HOUSING), null, null),
                rule(ConsentRule.Type.DENY, "RR8", Set.of(Category.HOUSING), null, null));
        assertFalse(rules.decide(RR8, Purpose.DIRECT_SUPPORT, Set.of(Relationship.SENT_RECORD), both, NOW)
                .sees(Category.HOUSING));
    }
}
