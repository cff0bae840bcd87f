package org.joinedup.hub.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        List<JsonMutations.Mutation> corpus = new java.util.ArrayList<>();
        for (String push : List.of("budget-push", "budget-push-post")) {
            Answer valid = send(Placeholders.fill(fixture("nhs/" + push + ".json"), this::fill));
            assertEquals(200, valid.status(), push + ": " + valid.body());
            corpus.addAll(Corpus.share(JsonMutations.of(fixture("nhs/" + push + ".json")), 15));
        }
        FuzzRun run = run("NHS budget push", corpus, this::fill);
        run.assertClean(200);
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
