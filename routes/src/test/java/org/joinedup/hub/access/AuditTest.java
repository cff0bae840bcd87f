package org.joinedup.hub.access;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.ReferenceClientParam;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.joinedup.hub.support.DemoFamily;
import org.joinedup.hub.support.DemoFamilyProfile;
import org.joinedup.hub.support.DemoTokens;
import org.joinedup.hub.support.Fhir;
import org.joinedup.hub.support.HubTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit on the demo family's hub: tamper-evident, unforked by concurrent writers, readable as FHIR AuditEvents;
 * and the family's decisions as FHIR Consents.
 */
@QuarkusTest
@TestProfile(DemoFamilyProfile.class)
@QuarkusTestResource(HubTestResource.class)
class AuditTest {

    @Inject
    DataSource database;

    private String dave;

    @BeforeEach
    void theDemoFamilyHasArrived() {
        dave = DemoFamily.dave();
    }

    private static JsonPath verify() {
        return given().auth().oauth2(DemoTokens.of("operator")).get("/api/audit/verify").then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void aRowChangedWithSqlIsFoundByVerifyWhichNamesIt() throws Exception {
        DemoFamily.read("trust", dave).then().statusCode(200);
        long seq;
        String organisation;
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select seq, organisation from audit_entry where person_id = '" + dave
                        + "' and organisation = 'RR8' order by seq desc limit 1")) {
            assertTrue(r.next());
            seq = r.getLong(1);
            organisation = r.getString(2);
        }
        try {
            tamper(seq, "RM3");
            JsonPath broken = verify();
            assertFalse(broken.getBoolean("intact"));
            assertEquals(seq, broken.getLong("firstBrokenSeq"));
            assertTrue(broken.getString("reason").contains("changed after it was written"), broken.prettify());
        } finally {
            tamper(seq, organisation);
        }
        assertTrue(verify().getBoolean("intact"), "put back as it was, the chain verifies again");
    }

    @Test
    void theAuditRefusesUpdatesAndDeletes() throws Exception {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            java.sql.SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                    () -> s.executeUpdate("delete from audit_entry where seq = 1"));
            assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
        }
    }

    /** What a DBA could do: switch the append-only trigger off for the session and change a row. */
    private void tamper(long seq, String organisation) throws Exception {
        try (Connection c = database.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("set local session_replication_role = replica");
            }
            try (PreparedStatement p = c.prepareStatement("update audit_entry set organisation = ? where seq = ?")) {
                p.setString(1, organisation);
                p.setLong(2, seq);
                assertEquals(1, p.executeUpdate());
            }
            c.commit();
        }
    }

    @Test
    void eightConcurrentWritersLeaveOneUnbrokenChain() throws Exception {
        long before = verify().getLong("entries");
        List<String> users = List.of("coordinator", "trust", "trust2", "housing", "employment", "council",
                "coordinator", "trust");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (String user : users) {
                done.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 15; i++) {
                        ok += DemoFamily.read(user, dave).statusCode() == 200 ? 1 : 0;
                    }
                    return ok;
                }));
            }
            for (Future<Integer> f : done) {
                assertEquals(15, f.get());
            }
        } finally {
            pool.shutdown();
        }
        JsonPath after = verify();
        assertTrue(after.getBoolean("intact"), after.prettify());
        assertTrue(after.getLong("entries") >= before + 8 * 15, "every read left its entry");
    }

    @Test
    void whoLookedIsReadableAsFhirAuditEventsByDateAndAgent() {
        DemoFamily.read("housing", dave).then().statusCode(200);
        IGenericClient coordinator = Fhir.clientFor("coordinator");
        Bundle events = coordinator.search().forResource(AuditEvent.class)
                .where(new ReferenceClientParam("patient").hasId("Patient/" + dave))
                .and(AuditEvent.AGENT.hasId("OLDHAMHSG")).returnBundle(Bundle.class).execute();
        assertFalse(events.getEntry().isEmpty());
        AuditEvent event = (AuditEvent) events.getEntryFirstRep().getResource();
        assertEquals("rest", event.getType().getCode());
        assertEquals("TREAT", event.getPurposeOfEventFirstRep().getCodingFirstRep().getCode());
        assertTrue(event.getAgent().stream().anyMatch(a -> a.getWho().getIdentifier().getValue().equals("housing")
                && a.getRequestor()));
        assertTrue(event.getEntity().stream().anyMatch(e -> ("Patient/" + dave).equals(e.getWhat().getReference())));
        Bundle none = coordinator.search().forResource(AuditEvent.class)
                .where(new ReferenceClientParam("patient").hasId("Patient/" + dave))
                .and(AuditEvent.DATE.before().day("2020-01-01")).returnBundle(Bundle.class).execute();
        assertTrue(none.getEntry().isEmpty());
    }

    @Test
    void aConsentRecordedOverFhirTakesEffectAndIsWithdrawnBySettingItInactive() {
        IGenericClient trust = Fhir.clientFor("trust");
        Consent consent = new Consent();
        consent.setStatus(Consent.ConsentState.ACTIVE);
        consent.setPatient(new Reference("Patient/" + dave));
        consent.getProvision().setType(Consent.ConsentProvisionType.DENY).addActor().setReference(new Reference()
                .setIdentifier(new Identifier().setSystem("https://fhir.nhs.uk/Id/ods-organization-code")
                        .setValue("RM3")));
        consent.getProvision().addPurpose(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActReason", "TREAT",
                null));
        String id = trust.create().resource(consent).execute().getId().getIdPart();
        assertEquals(List.of("demographics"), DemoFamily.read("trust2", dave).then().extract().jsonPath()
                .getList("sharedCategories"), "RM3's next read: only what it sent and its own money");
        Bundle found = trust.search().forResource(Consent.class)
                .where(new ReferenceClientParam("patient").hasId("Patient/" + dave)).returnBundle(Bundle.class)
                .execute();
        assertTrue(found.getEntry().stream().anyMatch(e -> e.getResource().getIdElement().getIdPart().equals(id)));

        Consent read = trust.read().resource(Consent.class).withId(id).execute();
        read.setStatus(Consent.ConsentState.INACTIVE);
        trust.update().resource(read).execute();
        assertEquals(Consent.ConsentState.INACTIVE, trust.read().resource(Consent.class).withId(id).execute()
                .getStatus());
        assertTrue(DemoFamily.read("trust2", dave).then().extract().jsonPath().getList("sharedCategories")
                .contains("health"), "withdrawn: RM3 sees health again");
    }

    @Test
    void aFhirConsentNamingAnUnknownOrganisationIsRefusedWithTheElementNamed() {
        Consent consent = new Consent();
        consent.setStatus(Consent.ConsentState.ACTIVE);
        consent.setPatient(new Reference("Patient/" + dave));
        consent.getProvision().setType(Consent.ConsentProvisionType.PERMIT).addActor().setReference(new Reference()
                .setIdentifier(new Identifier().setSystem("https://fhir.nhs.uk/Id/ods-organization-code")
                        .setValue("ZZZ99")));
        UnprocessableEntityException refused = org.junit.jupiter.api.Assertions.assertThrows(
                UnprocessableEntityException.class, () -> Fhir.clientFor("trust").create().resource(consent).execute());
        OperationOutcome outcome = (OperationOutcome) refused.getOperationOutcome();
        assertEquals("Consent.provision.actor[0]", outcome.getIssueFirstRep().getExpression().get(0).getValue());
        assertTrue(outcome.getIssueFirstRep().getDiagnostics().contains("unknown organisation 'ZZZ99'"));
    }
}
