package org.joinedup.hub.fhir;

import java.util.Date;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.joinedup.hub.access.AuditEntry;
import org.joinedup.hub.access.AuditLog;
import org.joinedup.hub.access.PersonAccess;
import org.joinedup.model.access.Category;
import org.joinedup.model.access.Purpose;
import org.joinedup.fhirmapping.FhirSystems;

import org.joinedup.hub.security.Caller;



/**
 * The audit of one person's record as FHIR R4 {@code AuditEvent}s in the shape of IHE's Basic Audit Log Patterns (a
 * RESTful read or write of a patient's data: the user and their organisation as agents with the purpose of use, the
 * hub as source, the Patient and the resource as entities): {@code GET /fhir/AuditEvent?patient=Patient/<id>}, with
 * {@code date} and {@code agent} (a user or an organisation's code). For the person's coordinator and guardians.
 */
@Singleton
public class AuditEventResourceProvider implements IResourceProvider {

    static final String SUBTYPE = "http://hl7.org/fhir/restful-interaction";
    static final String USER_SYSTEM = FhirSystems.HUB_BASE + "/Id/user";

    @Inject
    AuditLog audit;

    @Inject
    FhirAccess access;

    @Inject
    Caller caller;

    @Override
    public Class<AuditEvent> getResourceType() {
        return AuditEvent.class;
    }

    @Search
    public ca.uhn.fhir.rest.api.server.IBundleProvider byPatient(@RequiredParam(name = AuditEvent.SP_PATIENT) ReferenceParam patient,
            @OptionalParam(name = AuditEvent.SP_DATE) DateRangeParam date,
            @OptionalParam(name = AuditEvent.SP_AGENT) TokenParam agent, @ca.uhn.fhir.rest.annotation.Offset Integer offset,
            @ca.uhn.fhir.rest.annotation.Count Integer count) {
        String personId = patient.getIdPart();
        if (personId == null || personId.isBlank()) {
            throw new InvalidRequestException("AuditEvent?patient= needs Patient/<id>");
        }
        if (!caller.hasRole(Caller.COORDINATOR) && !caller.hasRole(Caller.GUARDIAN)) {
            throw FhirErrors.forbidden("who looked at a record is for the person's coordinator and guardians");
        }
        PersonAccess seen = access.read(personId, new IdType("Patient", personId));
        if (caller.hasRole(Caller.COORDINATOR) && !caller.hasRole(Caller.GUARDIAN)
                && !seen.visibility().relationships().contains(org.joinedup.model.access.Relationship.HOLDS_CASE)) {
            throw FhirErrors.forbidden("who looked at a record is shown by the family's own coordinator");
        }
        Date from = date == null ? null : date.getLowerBoundAsInstant();
        Date to = date == null ? null : date.getUpperBoundAsInstant();
        return SearchPages.of(audit.ofPerson(UUID.fromString(personId)).stream()
                .filter(e -> from == null || !e.entry().at().isBefore(from.toInstant()))
                .filter(e -> to == null || !e.entry().at().isAfter(to.toInstant()))
                .filter(e -> agent == null || agent.getValue().equalsIgnoreCase(e.entry().user())
                        || agent.getValue().equalsIgnoreCase(e.entry().organisation()))
                .map(AuditEventResourceProvider::map).toList(), offset, count);
    }

    static AuditEvent map(AuditLog.StoredEntry stored) {
        AuditEntry e = stored.entry();
        AuditEvent event = new AuditEvent();
        event.setId(Long.toString(stored.seq()));
        event.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest",
                "RESTful Operation"));
        boolean write = "WRITE".equals(e.action());
        event.addSubtype(new Coding(SUBTYPE, write ? "update" : "read", write ? "update" : "read"));
        event.setAction(write ? AuditEvent.AuditEventAction.U : AuditEvent.AuditEventAction.R);
        event.setRecorded(Date.from(e.at()));
        event.setOutcome(e.outcome() == AuditEntry.Outcome.DENIED ? AuditEvent.AuditEventOutcome._4
                : AuditEvent.AuditEventOutcome._0);
        event.setOutcomeDesc(e.outcome().name() + (e.detail() == null ? "" : ": " + e.detail()));
        CodeableConcept purpose = Purpose.parse(e.purpose()).map(p -> new CodeableConcept(new Coding(
                Purpose.ACT_REASON, p.actReason(), p.code()))).orElse(null);
        if (purpose != null) {
            event.addPurposeOfEvent(purpose);
        }
        AuditEvent.AuditEventAgentComponent user = event.addAgent();
        user.setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/extra-security-role-type",
                "humanuser", "human user")));
        user.setWho(new Reference().setIdentifier(new Identifier().setSystem(USER_SYSTEM).setValue(e.user()))
                .setDisplay(e.user() + " (" + e.roles() + ")"));
        user.setRequestor(true);
        if (purpose != null) {
            user.addPurposeOfUse(purpose);
        }
        if (e.clientAddress() != null) {
            user.getNetwork().setAddress(e.clientAddress()).setType(AuditEvent.AuditEventAgentNetworkType._2);
        }
        if (e.organisation() != null) {
            AuditEvent.AuditEventAgentComponent organisation = event.addAgent();
            organisation.setType(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "PRF", "performer")));
            organisation.setWho(new Reference().setType("Organization").setIdentifier(new Identifier()
                    .setSystem(e.organisation().matches("[A-Z0-9]{3,5}") ? FhirSystems.ODS_CODE
                            : ConsentMapper.ORGANISATION).setValue(e.organisation())));
            organisation.setRequestor(false);
        }
        event.getSource().setObserver(new Reference().setDisplay("JoinedUp hub"))
                .setSite("JoinedUp").addType(new Coding("http://terminology.hl7.org/CodeSystem/security-source-type",
                        "4", "Application Server"));
        if (e.personId() != null) {
            event.addEntity().setWhat(new Reference("Patient/" + e.personId()))
                    .setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person"))
                    .setRole(new Coding("http://terminology.hl7.org/CodeSystem/object-role", "1", "Patient"));
        }
        AuditEvent.AuditEventEntityComponent what = event.addEntity();
        what.setWhat(new Reference().setDisplay(e.resources())).setName(e.endpoint())
                .setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object"))
                .setRole(new Coding("http://terminology.hl7.org/CodeSystem/object-role", "4", "Domain Resource"));
        if (!e.categories().isEmpty()) {
            for (String category : e.categories().split(",")) {
                what.addSecurityLabel(new Coding(Category.SYSTEM, category, null));
            }
        }
        return event;
    }
}
