package org.joinedup.hub.nhs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.joinedup.hub.support.BudgetBundles.accountOf;
import static org.joinedup.hub.support.BudgetBundles.newBudgetId;
import static org.joinedup.hub.support.BudgetBundles.newNhsNumber;
import static org.joinedup.hub.support.BudgetBundles.push;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.agroal.api.AgroalDataSource;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.hl7.fhir.r4.model.Account;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.joinedup.hub.support.BudgetBundles;
import org.joinedup.hub.support.DemoTokens;
import org.joinedup.hub.support.Fhir;
import org.joinedup.hub.support.HubTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An NHS trust pushes continuing-care budgets through {@code POST /fhir} with a HAPI FHIR client. */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class NhsBudgetPushTest {

    @Inject
    AgroalDataSource dataSource;

    private IGenericClient rr8;
    private IGenericClient rm3;
    private IGenericClient coordinator;

    @BeforeEach
    void clients() {
        rr8 = Fhir.clientFor("trust");
        rm3 = Fhir.clientFor("trust2");
        coordinator = Fhir.clientFor("coordinator");
    }

    @Test
    void aPushedBudgetBecomesAnNhsContributionOnThePersonsRecord() {
        String nhs = newNhsNumber();
        String budgetId = newBudgetId();

        Bundle answer = rr8.transaction().withBundle(push(nhs, "RR8", budgetId, "18250.00")).execute();

        assertEquals(Bundle.BundleType.TRANSACTIONRESPONSE, answer.getType());
        assertEquals(3, answer.getEntry().size());
        assertTrue(answer.getEntry().get(0).getResponse().getLocation().startsWith("Patient/"));
        assertEquals("201 Created", answer.getEntry().get(2).getResponse().getStatus());

        Patient patient = onlyPatientWith(nhs);
        assertEquals("Hughes", patient.getNameFirstRep().getFamily());
        assertEquals("OL1 1XX", patient.getAddressFirstRep().getPostalCode());

        List<Account> accounts = accountsOf(patient, coordinator);
        assertEquals(1, accounts.size());
        Account account = accounts.get(0);
        assertEquals(budgetId, account.getIdentifierFirstRep().getValue());
        assertEquals(0, new BigDecimal("18250.00").compareTo(amount(account).getValue()));
        assertEquals("GBP", amount(account).getCurrency());
        assertEquals(Account.AccountStatus.ACTIVE, account.getStatus());
        assertEquals("2026-04-01", account.getServicePeriod().getStartElement().getValueAsString());

        JsonPath person = person(patient.getIdPart());
        assertEquals(nhs, person.getString("identifiers.find { it.system == '" + BudgetBundles.NHS + "' }.value"));
        assertEquals(true, person.getBoolean("identifiers[0].verified"));
        assertEquals(1825000L, person.getLong("contributions[0].amountPence"));
        assertEquals("NHS", person.getString("contributions[0].agency"));
        assertEquals("RR8", person.getString("contributions[0].fundingBodyCode"));
        assertEquals("phb-notional", person.getString("contributions[0].type"));
        assertEquals("ACTIVE", person.getString("contributions[0].status"));
    }

    @Test
    void anNhsNumberTheTrustHasNotVerifiedIsNeverPublishedAsVerified() {
        String nhs = newNhsNumber();
        Bundle bundle = push(nhs, "RR8", newBudgetId(), "500.00");
        // "02": number present but not traced
        ((Patient) bundle.getEntryFirstRep().getResource()).getIdentifierFirstRep().getExtensionByUrl(
                BudgetBundles.VERIFICATION).setValue(new org.hl7.fhir.r4.model.CodeableConcept(
                        new org.hl7.fhir.r4.model.Coding(BudgetBundles.VERIFICATION_SYSTEM, "02", null)));
        rr8.transaction().withBundle(bundle).execute();

        Patient patient = onlyPatientWith(nhs);
        org.hl7.fhir.r4.model.Coding status = ((org.hl7.fhir.r4.model.CodeableConcept) patient.getIdentifier().stream()
                .filter(i -> BudgetBundles.NHS.equals(i.getSystem())).findFirst().orElseThrow()
                .getExtensionByUrl(BudgetBundles.VERIFICATION).getValue()).getCodingFirstRep();
        assertEquals("02", status.getCode(), "the hub publishes the number as the trust holds it: not traced");
        JsonPath person = person(patient.getIdPart());
        assertEquals(false, person.getBoolean("identifiers.find { it.system == '" + BudgetBundles.NHS
                + "' }.verified"));
    }

    @Test
    void aRetriedPushChangesNothingTheSecondTime() {
        String nhs = newNhsNumber();
        Bundle bundle = push(nhs, "RR8", newBudgetId(), "1000.00");

        Bundle first = rr8.transaction().withBundle(bundle).execute();
        Bundle retry = rr8.transaction().withBundle(bundle).execute();

        assertEquals("201 Created", first.getEntry().get(2).getResponse().getStatus());
        assertEquals("200 OK", retry.getEntry().get(2).getResponse().getStatus());
        assertEquals(first.getEntry().get(2).getResponse().getLocation(),
                retry.getEntry().get(2).getResponse().getLocation());
        Patient patient = onlyPatientWith(nhs);
        JsonPath person = person(patient.getIdPart());
        assertEquals(1, person.getList("contributions").size());
        assertEquals(1, person.getInt("contributions[0].version"));

        JsonPath messages = JsonPath.from(given().auth().oauth2(DemoTokens.of("operator"))
                .get("/api/inbound/messages?agency=NHS&limit=1000").then().statusCode(200).extract().asString());
        String hash = messages.getString("find { it.status == 'APPLIED' && it.repeats > 0 }.contentHash");
        assertTrue(hash != null, "the store shows the retry as a repeat of an applied message");
        given().get("/q/metrics").then().statusCode(200).body(org.hamcrest.Matchers.containsString(
                "hub_inbound_messages_total{agency=\"NHS\",repeat=\"true\",transport=\"FHIR_REST\"}"));
    }

    @Test
    void theSameContentLongAfterTheOriginalIsANewMessage() throws Exception {
        String nhs = newNhsNumber();
        String budgetId = newBudgetId();
        Bundle original = push(nhs, "RR8", budgetId, "1000.00");
        rr8.transaction().withBundle(original).execute();
        rr8.transaction().withBundle(push(nhs, "RR8", budgetId, "1500.00")).execute();
        try (var connection = dataSource.getConnection(); var statement = connection.prepareStatement(
                "update inbound_message set received_at = now() - interval '2 days' where content_hash = ?")) {
            statement.setString(1, sha256(Fhir.CONTEXT.newJsonParser().encodeResourceToString(original)));
            assertEquals(1, statement.executeUpdate(), "the original push is in the message store");
        }

        Bundle setBack = rr8.transaction().withBundle(original).execute();

        assertTrue(setBack.getEntry().get(2).getResponse().getLocation().endsWith("/_history/3"));
        assertEquals(100000L, person(onlyPatientWith(nhs).getIdPart()).getLong("contributions[0].amountPence"));
    }

    @Test
    void manyConcurrentRetriesOfOnePushCreateOneBudget() throws Exception {
        String nhs = newNhsNumber();
        Bundle bundle = push(nhs, "RR8", newBudgetId(), "500.00");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Bundle>> calls = java.util.Collections.nCopies(6,
                    () -> rr8.transaction().withBundle(bundle).execute());
            List<String> statuses = pool.invokeAll(calls).stream().map(BudgetPushTestSupport::get)
                    .map(b -> b.getEntry().get(2).getResponse().getStatus()).collect(Collectors.toList());
            assertEquals(1, statuses.stream().filter("201 Created"::equals).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, person(onlyPatientWith(nhs).getIdPart()).getList("contributions").size());
    }

    @Test
    void theSameBudgetPushedAgainIsRevisedInPlace() {
        String nhs = newNhsNumber();
        String budgetId = newBudgetId();
        rr8.transaction().withBundle(push(nhs, "RR8", budgetId, "1000.00")).execute();

        Bundle revised = rr8.transaction().withBundle(push(nhs, "RR8", budgetId, "1250.75")).execute();

        assertEquals("200 OK", revised.getEntry().get(2).getResponse().getStatus());
        assertTrue(revised.getEntry().get(2).getResponse().getLocation().endsWith("/_history/2"));
        JsonPath person = person(onlyPatientWith(nhs).getIdPart());
        assertEquals(1, person.getList("contributions").size());
        assertEquals(125075L, person.getLong("contributions[0].amountPence"));
        assertEquals(2, person.getInt("contributions[0].version"));
    }

    @Test
    void aBudgetSentAsEnteredInErrorIsWithdrawn() {
        String nhs = newNhsNumber();
        String budgetId = newBudgetId();
        rr8.transaction().withBundle(push(nhs, "RR8", budgetId, "1000.00")).execute();
        Bundle withdrawal = push(nhs, "RR8", budgetId, "1000.00");
        accountOf(withdrawal).setStatus(Account.AccountStatus.ENTEREDINERROR);

        rr8.transaction().withBundle(withdrawal).execute();

        Patient patient = onlyPatientWith(nhs);
        assertEquals("WITHDRAWN", person(patient.getIdPart()).getString("contributions[0].status"));
        assertEquals(Account.AccountStatus.ENTEREDINERROR, accountsOf(patient, coordinator).get(0).getStatus());
    }

    @Test
    void twoTrustsPushingForTheSameNhsNumberLandOnTheSamePerson() {
        String nhs = newNhsNumber();
        rr8.transaction().withBundle(push(nhs, "RR8", newBudgetId(), "1000.00")).execute();
        rm3.transaction().withBundle(push(nhs, "RM3", newBudgetId(), "2000.00")).execute();

        Patient patient = onlyPatientWith(nhs);
        JsonPath person = person(patient.getIdPart());
        assertEquals(List.of("RR8", "RM3"), person.getList("contributions.fundingBodyCode"));
        assertEquals(1, accountsOf(patient, rm3).size(), "a trust sees only its own budgets");
        assertEquals(2, accountsOf(patient, coordinator).size(), "a coordinator sees the joined-up record");
    }

    @Test
    void twoTrustsPushingAtOnceForANewPersonBothSucceedOnOnePerson() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 5; round++) {
                String nhs = newNhsNumber();
                List<Future<Bundle>> both = pool.invokeAll(List.of(
                        () -> rr8.transaction().withBundle(push(nhs, "RR8", newBudgetId(), "10.00")).execute(),
                        () -> rm3.transaction().withBundle(push(nhs, "RM3", newBudgetId(), "20.00")).execute()));
                both.forEach(BudgetPushTestSupport::get);
                assertEquals(2, person(onlyPatientWith(nhs).getIdPart()).getList("contributions").size());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everythingReturnsThePersonsJoinedUpRecordAsTheCallerMaySeeIt() {
        String nhs = newNhsNumber();
        rr8.transaction().withBundle(push(nhs, "RR8", newBudgetId(), "1000.00")).execute();
        rm3.transaction().withBundle(push(nhs, "RM3", newBudgetId(), "2000.00")).execute();
        Patient patient = onlyPatientWith(nhs);

        Bundle all = coordinator.operation().onInstance(patient.getIdElement().toUnqualifiedVersionless())
                .named("$everything").withNoParameters(org.hl7.fhir.r4.model.Parameters.class).useHttpGet()
                .returnResourceType(Bundle.class).execute();
        Bundle trustView = rr8.operation().onInstance(patient.getIdElement().toUnqualifiedVersionless())
                .named("$everything").withNoParameters(org.hl7.fhir.r4.model.Parameters.class).useHttpGet()
                .returnResourceType(Bundle.class).execute();

        assertEquals(List.of("Patient", "Account", "Account", "Account"),
                all.getEntry().stream().map(e -> e.getResource().fhirType()).toList(),
                () -> "the person's records: " + given().auth().oauth2(DemoTokens.of("coordinator"))
                        .get("/api/people/" + patient.getIdPart() + "/source-records").asString());
        assertEquals(List.of("Patient", "Account", "Account"),
                trustView.getEntry().stream().map(e -> e.getResource().fhirType()).toList(),
                "a trust sees only its own budgets");
        // the pooled budget first, each contribution part of it; a trust sees the pool of its own money only
        Account pool = (Account) all.getEntry().get(1).getResource();
        assertEquals("pooled-personal-budget", pool.getType().getCodingFirstRep().getCode());
        assertEquals("3000.00", ((Money) pool.getExtensionByUrl(BudgetBundles.AMOUNT).getValue()).getValue()
                .toPlainString());
        assertEquals("Account/" + pool.getIdPart(), ((Account) all.getEntry().get(2).getResource()).getPartOf()
                .getReference());
        assertEquals("1000.00", ((Money) ((Account) trustView.getEntry().get(1).getResource())
                .getExtensionByUrl(BudgetBundles.AMOUNT).getValue()).getValue().toPlainString());
    }

    @Test
    void aTrustMayPushOnlyItsOwnBudgets() {
        Bundle othersBudget = push(newNhsNumber(), "RM3", newBudgetId(), "100.00");

        ForbiddenOperationException refused = assertThrows(ForbiddenOperationException.class,
                () -> rr8.transaction().withBundle(othersBudget).execute());

        assertEquals(403, refused.getStatusCode());
        assertTrue(refused.getMessage().contains("RM3"), refused.getMessage());
    }

    @Test
    void aCoordinatorCannotPushBudgets() {
        Bundle bundle = push(newNhsNumber(), "RR8", newBudgetId(), "100.00");
        assertThrows(ForbiddenOperationException.class, () -> coordinator.transaction().withBundle(bundle).execute());
    }

    @Test
    void aCallerWithoutTokenIsRefused() {
        Bundle bundle = push(newNhsNumber(), "RR8", newBudgetId(), "100.00");
        assertThrows(AuthenticationException.class,
                () -> Fhir.anonymousClient().transaction().withBundle(bundle).execute());
        given().get("/api/people/00000000-0000-0000-0000-000000000000").then().statusCode(401);
    }

    @Test
    void metadataIsPublicAndTellsWhatIsSupported() {
        given().get("/fhir/metadata").then().statusCode(200)
                .body("resourceType", equalTo("CapabilityStatement"))
                .body("fhirVersion", equalTo("4.0.1"))
                .body("rest[0].resource.type", hasItem("Account"))
                .body("rest[0].resource.type", hasItem("Patient"))
                .body("rest[0].interaction.code", hasItem("transaction"));
    }

    private Patient onlyPatientWith(String nhs) {
        Bundle found = coordinator.search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode(BudgetBundles.NHS, nhs))
                .returnBundle(Bundle.class).execute();
        assertEquals(1, found.getEntry().size(), "exactly one person has NHS number " + nhs);
        return (Patient) found.getEntryFirstRep().getResource();
    }

    static List<Account> accountsOf(Patient patient, IGenericClient client) {
        Bundle found = client.search().forResource(Account.class)
                .where(Account.PATIENT.hasId(patient.getIdPart()))
                .returnBundle(Bundle.class).execute();
        return found.getEntry().stream().map(e -> (Account) e.getResource()).toList();
    }

    static String sha256(String payload) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    static Money amount(Account account) {
        return (Money) account.getExtensionByUrl(BudgetBundles.AMOUNT).getValue();
    }

    static JsonPath person(String id) {
        return JsonPath.from(given().auth().oauth2(DemoTokens.of("coordinator"))
                .get("/api/people/" + id).then().statusCode(200).extract().asString());
    }

    static OperationOutcome outcomeOf(UnprocessableEntityException e) {
        return (OperationOutcome) e.getOperationOutcome();
    }

    static void assertNamesElement(UnprocessableEntityException e, String element) {
        OperationOutcome outcome = outcomeOf(e);
        String expressions = outcome.getIssue().stream()
                .flatMap(i -> i.getExpression().stream()).map(Object::toString).collect(Collectors.joining(" | "));
        assertTrue(expressions.contains(element), "expected an issue naming " + element + ", got " + expressions);
        assertEquals(422, e.getStatusCode());
    }
}
