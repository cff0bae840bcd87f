package org.joinedup.hub.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

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
 * Two agencies' records of one person arriving at the same moment, each on its own consumer (its own thread and
 * transaction, released together): they end as one person, never two made side by side, each blind to the other.
 */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class ConcurrentArrivalsTest {

    private static final int PAIRS = 12;

    @Inject
    PersonDirectory people;

    @Test
    void twoRecordsOfOnePersonArrivingTogetherOnTwoConsumersEndAsOnePerson() throws Exception {
        ExecutorService consumers = Executors.newFixedThreadPool(2);
        try {
            for (int pair = 0; pair < PAIRS; pair++) {
                String family = "Concurrent" + ThreadLocalRandom.current().nextInt(100_000_000);
                LocalDate born = LocalDate.of(1950, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(20_000));
                CyclicBarrier together = new CyclicBarrier(2);
                // no identifier in common: nothing but matching (and its locks) can bring them together
                Future<UUID> council = consumers.submit(() -> arrive(together, new SourceKey(AgencyKind.SOCIAL_CARE,
                        "E08000004", FhirSystems.COUNCIL_CLIENT_PREFIX + "E08000004", "C-" + family),
                        new Demographics("Imogen", family, born, "OL1 1XX", null)));
                Future<UUID> housing = consumers.submit(() -> arrive(together, new SourceKey(AgencyKind.HOUSING,
                        "L0012", FhirSystems.HOUSING_PERSON_PREFIX + "L0012", "H-" + family),
                        new Demographics("Imogen", family, born, "OL1 1XX", null)));
                UUID a = council.get(60, TimeUnit.SECONDS);
                UUID b = housing.get(60, TimeUnit.SECONDS);
                assertEquals(a, b, "pair " + pair + " (" + family + ") made two people: " + a + " and " + b);
            }
        } finally {
            consumers.shutdownNow();
        }
    }

    @Test
    void aLookAlikeArrivingTogetherWithAnotherIsAtWorstAReviewNeverASilentSecondPerson() throws Exception {
        ExecutorService consumers = Executors.newFixedThreadPool(2);
        try {
            String family = "Concurrent" + ThreadLocalRandom.current().nextInt(100_000_000);
            LocalDate born = LocalDate.of(1977, 6, 3);
            CyclicBarrier together = new CyclicBarrier(2);
            // the same person as far as the names and birth date go, a doubtful address: a pair for review
            Future<UUID> council = consumers.submit(() -> arrive(together, new SourceKey(AgencyKind.SOCIAL_CARE,
                    "E08000004", FhirSystems.COUNCIL_CLIENT_PREFIX + "E08000004", "C-" + family),
                    new Demographics("Imogen", family, born, "OL1 1XX", null)));
            Future<UUID> housing = consumers.submit(() -> arrive(together, new SourceKey(AgencyKind.HOUSING,
                    "L0012", FhirSystems.HOUSING_PERSON_PREFIX + "L0012", "H-" + family),
                    new Demographics("Imogen", family, born.withYear(1978), "TR1 1AA", null)));
            UUID a = council.get(60, TimeUnit.SECONDS);
            UUID b = housing.get(60, TimeUnit.SECONDS);
            long reviews = QuarkusTransaction.requiringNew().call(() -> MatchReview.count(
                    "status = ?1 and ((record.person.id = ?2 and candidate.person.id = ?3) or (record.person.id = ?3"
                            + " and candidate.person.id = ?2))", MatchReview.Status.OPEN, a, b));
            assertTrue(a.equals(b) || reviews == 1, "two people " + a + ", " + b + " and " + reviews + " reviews");
        } finally {
            consumers.shutdownNow();
        }
    }

    private UUID arrive(CyclicBarrier together, SourceKey key, Demographics details) throws Exception {
        together.await(30, TimeUnit.SECONDS);
        for (int attempt = 1;; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> people.link(key, List.<IdentifierRecord>of(),
                        details).person().id);
            } catch (RuntimeException e) {
                // what the hub's error policy does with a transient failure (a deadlock between the two): again
                if (attempt == 5 || !org.joinedup.hub.inbound.HubErrorPolicy.isTransient(e)) {
                    throw e;
                }
            }
        }
    }
}
