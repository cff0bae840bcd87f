package org.joinedup.hub.fhir;

import static org.joinedup.hub.support.BudgetBundles.NHS;
import static org.joinedup.hub.support.BudgetBundles.newNhsNumber;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import org.joinedup.hub.support.BudgetBundles;
import org.joinedup.hub.support.DemoTokens;
import org.joinedup.hub.support.Fhir;
import org.joinedup.hub.support.HubTestResource;
import org.joinedup.hub.support.RawHttp;
import org.junit.jupiter.api.Test;

/**
 * FHIR searches as the specification writes them and as clients other than HAPI's send them: the request line goes
 * to the hub exactly as written here (a raw socket; no client encodes anything), {@code |} and {@code ,} included.
 */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class FhirSearchUrlsTest {

    @Test
    void anIdentifierSearchWithAnUnencodedBarFindsThePatient() {
        String nhs = pushed();
        RawHttp.Answer answer = get("/fhir/Patient?identifier=" + NHS + "|" + nhs, "trust");
        assertEquals(200, answer.status(), answer.body());
        assertEquals("searchset", answer.json().getString("type"));
        assertEquals(List.of(nhs), answer.json().getList("entry.resource.identifier.flatten().findAll { it.system == '"
                + NHS + "' }.value"));
    }

    @Test
    void commaSeparatedIdentifiersMeanAnyOfThem() {
        String first = pushed();
        String second = pushed();
        RawHttp.Answer answer = get("/fhir/Patient?identifier=" + NHS + "|" + first + "," + NHS + "|" + second, "trust");
        assertEquals(200, answer.status(), answer.body());
        assertEquals(2, answer.json().getInt("total"));
        assertEquals(java.util.Set.of(first, second), java.util.Set.copyOf(answer.json().getList(
                "entry.resource.identifier.flatten().findAll { it.system == '" + NHS + "' }.value")));
    }

    @Test
    void summaryCountAnswersHowManyWithoutThem() {
        String first = pushed();
        String second = pushed();
        RawHttp.Answer answer = get("/fhir/Patient?identifier=" + NHS + "|" + first + "," + NHS + "|" + second
                + "&_summary=count", "trust");
        assertEquals(200, answer.status(), answer.body());
        assertEquals(2, answer.json().getInt("total"));
        assertEquals(null, answer.json().getList("entry"));
    }

    @Test
    void countPagesTheResultsWithLinksThatFollowOn() {
        String first = pushed();
        String second = pushed();
        String search = "/fhir/Patient?identifier=" + NHS + "|" + first + "," + NHS + "|" + second + "&_count=1";
        RawHttp.Answer page = get(search, "trust");
        assertEquals(200, page.status(), page.body());
        assertEquals(2, page.json().getInt("total"));
        assertEquals(1, page.json().getList("entry").size());
        String next = page.json().getString("link.find { it.relation == 'next' }.url");
        assertTrue(next != null, page.body());
        RawHttp.Answer second2 = get(next.substring(next.indexOf("/fhir")), "trust");
        assertEquals(200, second2.status(), second2.body());
        assertEquals(1, second2.json().getList("entry").size());
        assertTrue(!page.json().getString("entry[0].resource.id").equals(second2.json().getString(
                "entry[0].resource.id")), "the next page has the other one");
        // the next page is searched again for whoever asks for it: another trust sees nobody on it
        RawHttp.Answer other = get(next.substring(next.indexOf("/fhir")), "trust2");
        assertEquals(200, other.status(), other.body());
        assertEquals(null, other.json().getList("entry"));
    }

    @Test
    void aPatientsBudgetsArePagedByCountAsWell() {
        String nhs = pushed();
        Fhir.clientFor("trust").transaction().withBundle(BudgetBundles.push(nhs, "RR8", BudgetBundles.newBudgetId(),
                "200.00")).execute();
        String patient = get("/fhir/Patient?identifier=" + NHS + "|" + nhs, "trust").json().getString(
                "entry[0].resource.id");
        RawHttp.Answer page = get("/fhir/Account?patient=Patient/" + patient + "&_count=1", "trust");
        assertEquals(200, page.status(), page.body());
        assertEquals(2, page.json().getInt("total"));
        assertEquals(1, page.json().getList("entry").size());
        String next = page.json().getString("link.find { it.relation == 'next' }.url");
        RawHttp.Answer rest = get(next.substring(next.indexOf("/fhir")), "trust");
        String amount = "entry[0].resource.extension.find { it.url == '" + BudgetBundles.AMOUNT + "' }.valueMoney.value";
        assertEquals(java.util.Set.of(100.0, 200.0), java.util.Set.of(page.json().getDouble(amount),
                rest.json().getDouble(amount)), "one budget on each page: " + rest.body());
        RawHttp.Answer counted = get("/fhir/Account?patient=Patient/" + patient + "&_summary=count", "trust");
        assertEquals(2, counted.json().getInt("total"), counted.body());
    }

    @Test
    void everyErrorIsAnOperationOutcome() {
        for (String bad : List.of("/fhir/Patient?identifier=" + NHS, "/fhir/Patient?identifier=|",
                "/fhir/Patient?identifier=" + NHS + "|%ZZ", "/fhir/Patient?identifier={}", "/fhir/Patient?_count=x"
                        + "&identifier=" + NHS + "|1", "/fhir/Nothing?identifier=a|b")) {
            RawHttp.Answer answer = get(bad, "trust");
            assertTrue(answer.status() >= 400 && answer.status() < 500, bad + " answered " + answer.status());
            assertEquals("OperationOutcome", answer.json().getString("resourceType"), bad + ": " + answer.body());
            assertTrue(!answer.json().getString("issue[0].diagnostics").isBlank(), bad + ": " + answer.body());
        }
    }

    private static String pushed() {
        String nhs = newNhsNumber();
        Fhir.clientFor("trust").transaction().withBundle(BudgetBundles.push(nhs, "RR8", BudgetBundles.newBudgetId(),
                "100.00")).execute();
        return nhs;
    }

    private static RawHttp.Answer get(String target, String user) {
        return RawHttp.get(RestAssured.port, target, DemoTokens.of(user));
    }
}
