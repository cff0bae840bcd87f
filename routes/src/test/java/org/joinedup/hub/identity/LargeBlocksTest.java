package org.joinedup.hub.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.joinedup.fhirmapping.FhirSystems;
import org.joinedup.hub.people.PersonDirectory;
import org.joinedup.hub.people.PersonDirectory.Demographics;
import org.joinedup.hub.support.HubTestResource;
import org.joinedup.model.AgencyKind;
import org.joinedup.model.IdentifierRecord;
import org.junit.jupiter.api.Test;

/**
 * Blocking as the population grows: when everyone born on one day is too many to score (more than
 * {@code blocking.max-block-size}), the rule is narrowed by a finer key, not dropped.
 */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class LargeBlocksTest {

    @Inject
    PersonDirectory people;

    @Test
    void aBirthDateSharedByMoreThanABlockHoldsStillFindsTheSamePersonByNameAndBirthDate() {
        LocalDate born = LocalDate.of(1931, 5, 17);
        String family = "Featherstonehaugh" + letters(4);
        UUID william = link(AgencyKind.SOCIAL_CARE, FhirSystems.COUNCIL_CLIENT_PREFIX + "E08000004", "C-" + family,
                new Demographics("William", family, born, "OL1 1XX", null));
        // more people born that day than a block may hold: the birth-date block alone is too loose to score
        for (int i = 0; i < 101; i++) {
            link(AgencyKind.HOUSING, FhirSystems.HOUSING_PERSON_PREFIX + "L0012", "H-" + UUID.randomUUID(),
                    new Demographics(letters(1).toUpperCase() + letters(6), letters(1).toUpperCase() + letters(9),
                            born, "M" + (1 + i % 9) + " 1AA", null));
        }

        // Bill for William (another initial), moved away: only the birth date rule could bring them together
        UUID bill = link(AgencyKind.EMPLOYMENT, FhirSystems.EMPLOYMENT_EVENT, UUID.randomUUID().toString(),
                new Demographics("Bill", family, born, "TR1 1AA", null));

        assertEquals(william, bill, "the same birth date and family name, narrowed out of a block too large");
    }

    private UUID link(AgencyKind agency, String system, String value, Demographics details) {
        return QuarkusTransaction.requiringNew().call(() -> people.link(new SourceKey(agency, "TEST", system, value),
                List.<IdentifierRecord>of(), details).person().id);
    }

    private static String letters(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return s.toString();
    }
}
