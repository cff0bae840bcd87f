package org.joinedup.hub.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

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
 * Records linked in bulk end as they would one by one: a batch that first changes a known record and then brings a
 * new record like it leaves the new one for {@code link}, which compares it with the record as the change left it.
 */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class BulkLinkerTest {

    @Inject
    BulkLinker bulk;

    @Inject
    PersonDirectory people;

    @Test
    void aNewRecordLikeAKnownRecordTheBatchChangesIsLeftToLinkAndJoinsThatPerson() {
        LocalDate born = LocalDate.of(1952, 10, 4);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        SourceKey known = key("C-" + suffix);
        // he is known, and also has an employment record, so nothing would bring a duplicate back later
        UUID him = QuarkusTransaction.requiringNew().call(() -> people.link(known, List.<IdentifierRecord>of(),
                new Demographics("Desmond", "Hughes" + suffix, born, "OL1 1XX", null)).person().id);
        QuarkusTransaction.requiringNew().run(() -> people.link(new SourceKey(AgencyKind.EMPLOYMENT, "TEST",
                FhirSystems.EMPLOYMENT_EVENT, UUID.randomUUID().toString()), List.of(), new Demographics("Desmond",
                        "Hughes" + suffix, born, "OL1 1XX", null)));
        String renamed = "Quayle" + suffix;
        Demographics now = new Demographics("Desmond", renamed, born, "OL9 6ZZ", null);
        SourceKey again = key("C-" + suffix + "-again");
        SourceKey stranger = key("C-" + suffix + "-stranger");
        Demographics strangers = new Demographics("Ottoline", "Vandermeer" + suffix, LocalDate.of(1999, 1, 2),
                "M20 2AB", null);

        List<UUID> made = QuarkusTransaction.requiringNew().call(() -> bulk.linkAlone(List.of(
                new BulkLinker.NewRecord(known, List.of(), now), new BulkLinker.NewRecord(again, List.of(), now),
                new BulkLinker.NewRecord(stranger, List.of(), strangers))));
        assertEquals(Arrays.asList(null, null), made.subList(0, 2), "the known record and the one like it: for link");
        assertNotNull(made.get(2), "someone like nobody in the batch or the hub is made at once");

        // the batch's events then link one by one: the change first, then the record like it
        List<UUID> linked = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            linked.add(people.link(known, List.of(), now).person().id);
            linked.add(people.link(again, List.of(), now).person().id);
        });
        assertEquals(List.of(him, him), linked);
    }

    private static SourceKey key(String clientId) {
        return new SourceKey(AgencyKind.SOCIAL_CARE, "E08000004", FhirSystems.COUNCIL_CLIENT_PREFIX + "E08000004",
                clientId);
    }
}
