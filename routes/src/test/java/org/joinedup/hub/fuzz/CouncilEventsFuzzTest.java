package org.joinedup.hub.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.joinedup.hub.support.BudgetBundles;
import org.joinedup.hub.support.DemoTokens;
import org.joinedup.hub.support.HubTestResource;
import org.junit.jupiter.api.Test;

/**
 * Council events (`POST /api/inbound/social-care/events`), fuzzed from four valid events: every mutation is
 * refused clearly (a problem naming the field, or where the body broke) with nothing changed, or accepted and then
 * applied; none answers {@code 5xx}; each is in the message store as it arrived. The normal build runs a fixed
 * share of the corpus; {@code -Dfuzz.all=true} runs all of it (see benchmarks/README.md).
 */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class CouncilEventsFuzzTest extends InterfaceFuzz {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong NEXT = new AtomicLong(System.nanoTime() % 1_000_000);

    @TestHTTPResource("/api/inbound/social-care/events")
    URL events;

    private String token;
    private String payingClient;
    private String payingAllocation;

    @Test
    void everyMutationIsRefusedClearlyOrAppliedAndNoneIsA500() {
        token = DemoTokens.of("council");
        payingClient = "C-FZ-PAY-" + NEXT.incrementAndGet();
        payingAllocation = "A-FZ-PAY-" + NEXT.incrementAndGet();
        // the allocation the payment fixture draws on
        byte[] allocation = Placeholders.fill(fixture("social-care/allocation-confirmed.json"), name -> switch (name) {
            case "client" -> payingClient;
            case "allocation" -> payingAllocation;
            default -> fill(name);
        });
        Answer first = send(allocation);
        assertEquals(202, first.status(), first.body());
        assertEquals("APPLIED", settled(lastStoredId()).status());

        List<JsonMutations.Mutation> corpus = new ArrayList<>();
        for (String event : List.of("allocation-confirmed", "payment-made", "service-started", "client-updated")) {
            corpus.addAll(Corpus.share(JsonMutations.of(fixture("social-care/" + event + ".json")), 30));
        }
        FuzzRun run = run("council events", corpus, this::fill);
        run.assertClean(200);
    }

    private String fill(String name) {
        long n = NEXT.incrementAndGet();
        return switch (name) {
            case "id" -> UUID.randomUUID().toString();
            case "client" -> "C-FZ-" + n;
            case "otherClient" -> "C-FZ-H" + n;
            case "nhs" -> BudgetBundles.newNhsNumber();
            case "ni" -> "AB" + String.format("%06d", n % 1_000_000) + "C";
            case "allocation" -> "A-FZ-" + n;
            case "service" -> "S-FZ-" + n;
            case "payment" -> "P-FZ-" + n;
            case "payingClient" -> payingClient;
            case "payingAllocation" -> payingAllocation;
            default -> null;
        };
    }

    @Override
    protected Answer send(byte[] body) {
        return post(events.toString(), token, "application/json", body);
    }

    @Override
    protected String agency() {
        return "SOCIAL_CARE";
    }

    /** The JSON API's problem document: a problem whose path (or reason) names the field, or says where. */
    @Override
    protected boolean namesTheProblem(JsonMutations.Mutation mutation, Answer answer) {
        JsonNode problems;
        try {
            problems = JSON.readTree(answer.body()).path("problems");
        } catch (java.io.IOException notJson) {
            return false;
        }
        if (!problems.isArray() || problems.isEmpty()) {
            return false;
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode problem : problems) {
            if (problem.path("path").asText().isBlank() || problem.path("reason").asText().isBlank()) {
                return false;
            }
            texts.add(problem.path("path").asText());
            texts.add(problem.path("reason").asText());
        }
        return namesTheField(mutation, texts);
    }
}
