package org.joinedup.hub.nhs;

import static org.joinedup.hub.nhs.NhsBudgetPushTest.accountsOf;
import static org.joinedup.hub.nhs.NhsBudgetPushTest.person;
import static org.joinedup.hub.support.BudgetBundles.newBudgetId;
import static org.joinedup.hub.support.BudgetBundles.newNhsNumber;
import static org.joinedup.hub.support.BudgetBundles.push;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.hl7.fhir.r4.model.Account;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.joinedup.hub.support.BudgetBundles;
import org.joinedup.hub.support.Fhir;
import org.joinedup.hub.support.HubTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A budget sent on its own, by conditional update or conditional create of {@code Account}, as FHIR clients do. */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class StandaloneAccountTest {

    private IGenericClient rr8;

    @BeforeEach
    void client() {
        rr8 = Fhir.clientFor("trust");
    }

    @Test
    void aConditionalUpdateCreatesThenRevisesTheBudgetOfAKnownPatient() {
        String nhs = newNhsNumber();
        rr8.transaction().withBundle(push(nhs, "RR8", newBudgetId(), "100.00")).execute();
        String budgetId = newBudgetId();
        Account account = standalone(nhs, budgetId, "2600.00");
        String conditional = "Account?identifier=" + BudgetBundles.budgetSystem("RR8") + "|" + budgetId;

        MethodOutcome created = rr8.update().resource(account).conditionalByUrl(conditional).execute();
        account.getExtensionByUrl(BudgetBundles.AMOUNT).setValue(new Money().setCurrency("GBP")
                .setValue(new BigDecimal("2750.00")));
        MethodOutcome revised = rr8.update().resource(account).conditionalByUrl(conditional).execute();

        assertEquals(Boolean.TRUE, created.getCreated());
        assertEquals(created.getId().getIdPart(), revised.getId().getIdPart());
        assertEquals("2", revised.getId().getVersionIdPart());
        Patient patient = (Patient) rr8.search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode(BudgetBundles.NHS, nhs))
                .returnBundle(Bundle.class).execute().getEntryFirstRep().getResource();
        JsonPath person = person(patient.getIdPart());
        assertEquals(2, person.getList("contributions").size());
        assertEquals(275000L, person.getLong("contributions.find { it.sourceValue == '" + budgetId + "' }.amountPence"));
        assertEquals(2, accountsOf(patient, rr8).size());
    }

    @Test
    void aConditionalUpdateWrittenAsTheSpecificationWritesItWithAnUnencodedBarIsApplied() {
        String nhs = newNhsNumber();
        rr8.transaction().withBundle(push(nhs, "RR8", newBudgetId(), "100.00")).execute();
        String budgetId = newBudgetId();
        String body = Fhir.CONTEXT.newJsonParser().encodeResourceToString(standalone(nhs, budgetId, "1234.56"));
        // the request line exactly as written: no client percent-encodes the '|'
        org.joinedup.hub.support.RawHttp.Answer answer = org.joinedup.hub.support.RawHttp.send(
                io.restassured.RestAssured.port, "PUT", "/fhir/Account?identifier=" + BudgetBundles.budgetSystem("RR8")
                        + "|" + budgetId, org.joinedup.hub.support.DemoTokens.of("trust"), body);
        assertEquals(201, answer.status(), answer.body());
        Patient patient = (Patient) rr8.search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode(BudgetBundles.NHS, nhs))
                .returnBundle(Bundle.class).execute().getEntryFirstRep().getResource();
        assertEquals(123456L, person(patient.getIdPart()).getLong("contributions.find { it.sourceValue == '" + budgetId
                + "' }.amountPence"));
    }

    @Test
    void aConditionalCreateRetriedAfterATimeoutCreatesOneBudget() {
        String nhs = newNhsNumber();
        rr8.transaction().withBundle(push(nhs, "RR8", newBudgetId(), "100.00")).execute();
        String budgetId = newBudgetId();
        Account account = standalone(nhs, budgetId, "99.99");
        String ifNoneExist = "identifier=" + BudgetBundles.budgetSystem("RR8") + "|" + budgetId;

        MethodOutcome first = rr8.create().resource(account).conditionalByUrl("Account?" + ifNoneExist).execute();
        MethodOutcome retry = rr8.create().resource(account).conditionalByUrl("Account?" + ifNoneExist).execute();

        assertEquals(first.getId().getIdPart(), retry.getId().getIdPart());
        assertEquals("1", retry.getId().getVersionIdPart());
    }

    @Test
    void aBudgetForAPatientTheHubDoesNotKnowIsRefused() {
        String unknown = newNhsNumber();
        Account account = standalone(unknown, newBudgetId(), "10.00");
        UnprocessableEntityException refused = assertThrows(UnprocessableEntityException.class,
                () -> rr8.create().resource(account).execute());
        assertTrue(refused.getMessage().contains("no patient with NHS number " + unknown), refused.getMessage());
    }

    @Test
    void aTrustCannotSendAnotherBodysBudget() {
        String nhs = newNhsNumber();
        rr8.transaction().withBundle(push(nhs, "RR8", newBudgetId(), "100.00")).execute();
        Account account = standalone(nhs, newBudgetId(), "10.00");
        account.setOwner(new Reference().setIdentifier(new Identifier().setSystem(BudgetBundles.ODS).setValue("RM3")));
        assertThrows(ForbiddenOperationException.class, () -> rr8.create().resource(account).execute());
    }

    private static Account standalone(String nhs, String budgetId, String pounds) {
        Account account = BudgetBundles.account(nhs, "RR8", budgetId, pounds);
        account.getSubject().clear();
        account.addSubject(new Reference("Patient?identifier=" + BudgetBundles.NHS + "|" + nhs));
        account.setOwner(new Reference("Organization?identifier=" + BudgetBundles.ODS + "|RR8"));
        return account;
    }
}
