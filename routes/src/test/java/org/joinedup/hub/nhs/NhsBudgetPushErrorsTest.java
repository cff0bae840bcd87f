package org.joinedup.hub.nhs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.joinedup.hub.nhs.NhsBudgetPushTest.assertNamesElement;
import static org.joinedup.hub.support.BudgetBundles.accountOf;
import static org.joinedup.hub.support.BudgetBundles.newBudgetId;
import static org.joinedup.hub.support.BudgetBundles.newNhsNumber;
import static org.joinedup.hub.support.BudgetBundles.push;

import java.math.BigDecimal;
import java.util.function.Consumer;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.hl7.fhir.r4.model.Account;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Patient;
import org.joinedup.hub.support.BudgetBundles;
import org.joinedup.hub.support.DemoTokens;
import org.joinedup.hub.support.Fhir;
import org.joinedup.hub.support.HubTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad pushes: each gets a clear answer naming the element and the reason, nothing of a failed transaction is
 * applied, and the message store keeps the rejected message with its reasons.
 */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class NhsBudgetPushErrorsTest {

    private IGenericClient rr8;

    @BeforeEach
    void client() {
        rr8 = Fhir.clientFor("trust");
    }

    @Test
    void anNhsNumberFailingItsCheckDigitIsRefusedEvenWhenMarkedVerified() {
        String nhs = BudgetBundles.withWrongCheckDigit(newNhsNumber());
        UnprocessableEntityException e = refused(push(nhs, "RR8", newBudgetId(), "100.00"));
        assertNamesElement(e, "Bundle.entry[0].resource.identifier[0].value");
        assertTrue(e.getMessage().contains("modulus-11"), e.getMessage());
        assertNoPatient(nhs);
    }

    @Test
    void anAccountWithoutAmountIsRefused() {
        assertRefusedNaming(a -> a.getExtension().clear(), "budget-amount");
    }

    @Test
    void anAmountInAnotherCurrencyIsRefused() {
        assertRefusedNaming(a -> ((Money) a.getExtensionByUrl(BudgetBundles.AMOUNT).getValue()).setCurrency("EUR"),
                "valueMoney.currency");
    }

    @Test
    void aNegativeAmountIsRefused() {
        assertRefusedNaming(a -> ((Money) a.getExtensionByUrl(BudgetBundles.AMOUNT).getValue())
                .setValue(new BigDecimal("-10.00")), "valueMoney.value");
    }

    @Test
    void aBudgetAboveTheStreamsCeilingIsRefusedNamingTheAmountAndNothingIsApplied() {
        String nhs = newNhsNumber();
        // £1,000,000.01: one penny above NHS continuing healthcare's max-contribution-pence
        UnprocessableEntityException e = refused(push(nhs, "RR8", newBudgetId(), "1000000.01"));
        assertNamesElement(e, "budget-amount')." + "valueMoney.value");
        String diagnostics = NhsBudgetPushTest.outcomeOf(e).getIssueFirstRep().getDiagnostics();
        assertEquals("£1000000.01 is more than the most one NHS continuing healthcare contribution may be"
                + " (£1000000.00, max-contribution-pence of funding rule nhs-continuing-care)", diagnostics);
        assertNoPatient(nhs);
    }

    @Test
    void aPeriodEndingBeforeItStartsIsRefused() {
        assertRefusedNaming(a -> a.getServicePeriod().getEndElement().setValueAsString("2026-03-31"),
                "servicePeriod.end");
    }

    @Test
    void aTransactionThatFailsIsAppliedNotAtAll() {
        String nhs = newNhsNumber();
        Bundle bundle = push(nhs, "RR8", newBudgetId(), "100.00");
        Account second = BudgetBundles.account(nhs, "RR8", newBudgetId(), "200.00");
        second.getServicePeriod().getEndElement().setValueAsString("2020-01-01");
        bundle.addEntry().setFullUrl("urn:uuid:second").setResource(second).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Account");

        UnprocessableEntityException e = refused(bundle);

        assertNamesElement(e, "Bundle.entry[3].resource.servicePeriod.end");
        assertNoPatient(nhs);
        Bundle firstBudget = Fhir.clientFor("coordinator").search().forResource(Account.class)
                .where(Account.IDENTIFIER.exactly().systemAndCode(BudgetBundles.budgetSystem("RR8"),
                        accountOf(bundle).getIdentifierFirstRep().getValue()))
                .returnBundle(Bundle.class).execute();
        assertEquals(0, firstBudget.getEntry().size(), "the valid budget of a failed transaction is not applied");
    }

    @Test
    void aRejectedPushStaysVisibleWithItsReasons() {
        String nhs = newNhsNumber();
        Bundle bundle = push(nhs, "RR8", newBudgetId(), "100.00");
        ((Money) accountOf(bundle).getExtensionByUrl(BudgetBundles.AMOUNT).getValue()).setCurrency("USD");
        refused(bundle);

        JsonPath rejected = JsonPath.from(given().auth().oauth2(DemoTokens.of("operator"))
                .get("/api/inbound/messages?status=REJECTED&agency=NHS&limit=1000")
                .then().statusCode(200).extract().asString());
        String reasons = rejected.getString("findAll { it.sender == 'RR8' }.reasons.flatten()");
        assertTrue(reasons.contains("must be in GBP, got 'USD'"), reasons);
    }

    @Test
    void malformedJsonGetsBadRequestWithAnOperationOutcome() {
        given().auth().oauth2(DemoTokens.of("trust"))
                .contentType("application/fhir+json")
                .body("{\"resourceType\": \"Bundle\", \"type\": \"transaction\", \"entry\": [ {\"resource\": ")
                .post("/fhir")
                .then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", not(emptyOrNullString()));
    }

    @Test
    void malformedXmlGetsBadRequestWithAnOperationOutcome() {
        given().auth().oauth2(DemoTokens.of("trust"))
                .contentType("application/fhir+xml")
                .accept("application/fhir+json")
                .body("<Bundle xmlns=\"http://hl7.org/fhir\"><type value=\"transaction\"/><entry>")
                .post("/fhir")
                .then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"));
    }

    @Test
    void aPushInXmlIsAcceptedLikeJson() {
        String nhs = newNhsNumber();
        String xml = Fhir.CONTEXT.newXmlParser().encodeResourceToString(push(nhs, "RR8", newBudgetId(), "42.00"));
        given().auth().oauth2(DemoTokens.of("trust"))
                .contentType("application/fhir+xml")
                .accept("application/fhir+json")
                .body(xml)
                .post("/fhir")
                .then().statusCode(200)
                .body("type", equalTo("transaction-response"))
                .body("entry[2].response.status", equalTo("201 Created"));
    }

    private void assertRefusedNaming(Consumer<Account> breakIt, String element) {
        String nhs = newNhsNumber();
        Bundle bundle = push(nhs, "RR8", newBudgetId(), "100.00");
        breakIt.accept(accountOf(bundle));
        UnprocessableEntityException e = refused(bundle);
        assertNamesElement(e, "Bundle.entry[2].resource");
        assertNamesElement(e, element);
        assertNoPatient(nhs);
    }

    private UnprocessableEntityException refused(Bundle bundle) {
        return assertThrows(UnprocessableEntityException.class, () -> rr8.transaction().withBundle(bundle).execute());
    }

    private static void assertNoPatient(String nhs) {
        Bundle found = Fhir.clientFor("coordinator").search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode(BudgetBundles.NHS, nhs))
                .returnBundle(Bundle.class).execute();
        assertEquals(0, found.getEntry().size(), "nothing of a refused push is applied");
    }
}
