package org.joinedup.hub.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
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
 * NHS continuing-care budget pushes (a FHIR transaction {@code POST /fhir}), fuzzed from a valid push: every
 * mutation is refused with an {@code OperationOutcome} naming the element (or where the body broke) with nothing
 * changed, or accepted and applied; none answers {@code 5xx}; each is in the message store as it arrived.
 */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class NhsBudgetPushFuzzTest extends InterfaceFuzz {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong NEXT = new AtomicLong(System.nanoTime() % 1_000_000);

    @TestHTTPResource("/fhir")
    URL fhir;

    private String token;

    @Test
    void everyMutationIsRefusedWithAnOperationOutcomeOrAppliedAndNoneIsA500() {
        token = DemoTokens.of("trust");
        Answer valid = send(Placeholders.fill(fixture("nhs/budget-push.json"), this::fill));
        assertEquals(200, valid.status(), valid.body());

        List<JsonMutations.Mutation> corpus = Corpus.share(JsonMutations.of(fixture("nhs/budget-push.json")), 30);
        // known on 2026-12-01 (issue 14 goes on): HAPI's parse errors that name no element (an unknown element
        // inside a wrong-typed one, an unknown resource type, a fullUrl of the wrong type refused where it is
        // referenced); a body after a byte-order mark is stored without the mark
        boolean all = Boolean.getBoolean("fuzz.all");
        FuzzRun run = run(new FuzzRun("NHS budget push").knownGap("unclear error", all ? 113 : 32)
                .knownGap("not stored", 1), corpus, this::fill);
        System.out.println(run.summary());
        assertTrue(run.total() >= 200, run.summary());
        assertTrue(run.clean(), run.summary() + run.details(15));
    }

    private String fill(String name) {
        return switch (name) {
            case "nhs" -> BudgetBundles.newNhsNumber();
            case "budget" -> "PHB-FZ-" + NEXT.incrementAndGet();
            default -> null;
        };
    }

    @Override
    protected Answer send(byte[] body) {
        return post(fhir.toString(), token, "application/fhir+json", body);
    }

    @Override
    protected String agency() {
        return "NHS";
    }

    /** An OperationOutcome whose issues say what is wrong and, for a broken element, name it in expression. */
    @Override
    protected boolean namesTheProblem(JsonMutations.Mutation mutation, Answer answer) {
        JsonNode outcome;
        try {
            outcome = JSON.readTree(answer.body());
        } catch (java.io.IOException notJson) {
            return false;
        }
        JsonNode issues = outcome.path("issue");
        if (!"OperationOutcome".equals(outcome.path("resourceType").asText()) || !issues.isArray()
                || issues.isEmpty()) {
            return false;
        }
        List<String> texts = new java.util.ArrayList<>();
        for (JsonNode issue : issues) {
            if (issue.path("diagnostics").asText().isBlank()) {
                return false;
            }
            texts.add(issue.path("expression").toString());
            texts.add(issue.path("diagnostics").asText());
        }
        return namesTheField(mutation, texts);
    }
}
