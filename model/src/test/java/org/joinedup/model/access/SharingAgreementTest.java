package org.joinedup.model.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;

import org.junit.jupiter.api.Test;

class SharingAgreementTest {

    private static SharingAgreement read(String text) throws Exception {
        return SharingAgreement.read(new StringReader(text));
    }

    @Test
    void theMostSpecificLineWins() throws Exception {
        SharingAgreement agreement = read("""
                health.*.* = never
                health.*.direct-support = consent
                health.nhs.* = default
                health.nhs.research = consent
                """);
        assertEquals(Sharing.CONSENT, agreement.rule(Category.HEALTH, RecipientKind.HOUSING, Purpose.DIRECT_SUPPORT));
        assertEquals(Sharing.NEVER, agreement.rule(Category.HEALTH, RecipientKind.HOUSING, Purpose.PAYMENT));
        assertEquals(Sharing.DEFAULT, agreement.rule(Category.HEALTH, RecipientKind.NHS, Purpose.DIRECT_SUPPORT));
        assertEquals(Sharing.CONSENT, agreement.rule(Category.HEALTH, RecipientKind.NHS, Purpose.RESEARCH));
    }

    @Test
    void whatNoLineCoversIsNeverShared() throws Exception {
        assertEquals(Sharing.NEVER, read("health.nhs.direct-support = default")
                .rule(Category.HOUSING, RecipientKind.NHS, Purpose.DIRECT_SUPPORT));
    }

    @Test
    void anUnknownCategoryRecipientPurposeOrValueIsRefusedByItsKey() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> read("wealth.nhs.direct-support = default"))
                .getMessage().contains("unknown category 'wealth'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> read("health.police.direct-support = default"))
                .getMessage().contains("unknown recipient 'police'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> read("health.nhs.marketing = default"))
                .getMessage().contains("unknown purpose 'marketing'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> read("health.nhs.direct-support = maybe"))
                .getMessage().contains("health.nhs.direct-support: 'maybe'"));
    }

    @Test
    void thePackagedAgreementKeepsHousingDataFromTrustsWithoutConsent() {
        SharingAgreement packaged = SharingAgreement.packaged();
        assertEquals(Sharing.CONSENT, packaged.rule(Category.HOUSING, RecipientKind.NHS, Purpose.DIRECT_SUPPORT));
        assertEquals(Sharing.DEFAULT, packaged.rule(Category.HEALTH, RecipientKind.NHS, Purpose.DIRECT_SUPPORT));
        assertEquals(Sharing.DEFAULT, packaged.rule(Category.HOUSING, RecipientKind.COORDINATOR,
                Purpose.DIRECT_SUPPORT));
        assertEquals(Sharing.NEVER, packaged.rule(Category.DEMOGRAPHICS, RecipientKind.COUNCIL, Purpose.PLANNING));
    }
}
