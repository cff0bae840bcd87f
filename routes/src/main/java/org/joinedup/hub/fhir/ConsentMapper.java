package org.joinedup.hub.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;
import org.joinedup.hub.access.ConsentDecision;
import org.joinedup.hub.access.ConsentDirective;
import org.joinedup.model.access.Category;
import org.joinedup.model.access.Purpose;
import org.joinedup.model.access.RecipientKind;
import org.joinedup.fhirmapping.FhirSystems;

import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.ValidationIssue;




/**
 * FHIR R4 {@code Consent} to and from the family's decisions. A decision is a {@code patient-privacy} Consent whose
 * one {@code provision} says {@code permit} or {@code deny}, for a {@code period}, naming recipients as
 * {@code actor}s (an {@code Organization} by its ODS, GSS or provider code; or a kind of agency by
 * {@value #AGENCY_KIND}), {@code purpose}s from HL7 v3 ActReason ({@code TREAT}, {@code HPAYMT}, {@code HOPERAT},
 * {@code HRESCH}) and categories as {@code class} or {@code code} from {@value Category#SYSTEM}. Who decided is the
 * {@code performer}: the Patient, or a contained RelatedPerson whose {@code relationship} is their authority from
 * {@value #PROXY_AUTHORITY} (PARENT, APPOINTEE, ATTORNEY, DEPUTY).
 */
final class ConsentMapper {

    static final String AGENCY_KIND = FhirSystems.HUB_BASE + "/Id/agency-kind";
    static final String PROXY_AUTHORITY = FhirSystems.HUB_BASE + "/fhir/CodeSystem/proxy-authority";
    static final String ORGANISATION = FhirSystems.HUB_BASE + "/Id/organisation";
    static final String SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope";
    static final String POLICY = FhirSystems.HUB_BASE + "/sharing-agreement";

    /** Where each field of a decision is in a Consent, to name it in an OperationOutcome. */
    private static final Map<String, String> PATHS = Map.of("provision", "Consent.provision.type",
            "organisations", "Consent.provision.actor", "recipients", "Consent.provision.actor",
            "purposes", "Consent.provision.purpose", "categories", "Consent.provision.class",
            "period", "Consent.provision.period", "decidedBy", "Consent.performer", "$", "Consent");

    private ConsentMapper() {
    }

    static ConsentDecision decision(Consent consent) {
        List<ValidationIssue> issues = new ArrayList<>();
        if (consent.getStatus() != Consent.ConsentState.ACTIVE) {
            issues.add(new ValidationIssue("Consent.status", "a decision is recorded active (withdraw it later by"
                    + " setting status to inactive), got '" + (consent.getStatus() == null ? null
                    : consent.getStatus().toCode()) + "'"));
        }
        Consent.ProvisionComponent provision = consent.getProvision();
        List<String> organisations = new ArrayList<>();
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < provision.getActor().size(); i++) {
            Identifier id = provision.getActor().get(i).getReference().getIdentifier();
            if (id == null || !id.hasValue()) {
                issues.add(new ValidationIssue("Consent.provision.actor[" + i + "].reference.identifier",
                        "name the organisation by its identifier (" + FhirSystems.ODS_CODE + ", or " + AGENCY_KIND
                                + " for a kind of agency)"));
            } else if (AGENCY_KIND.equals(id.getSystem())) {
                recipients.add(id.getValue());
            } else {
                organisations.add(id.getValue());
            }
        }
        List<String> purposes = provision.getPurpose().stream().map(Coding::getCode).toList();
        List<String> categories = new ArrayList<>();
        provision.getClass_().forEach(c -> categories.add(c.getCode()));
        for (CodeableConcept code : provision.getCode()) {
            code.getCoding().forEach(c -> categories.add(c.getCode()));
        }
        Period period = provision.getPeriod();
        String decidedBy = ConsentDecision.SELF;
        String authority = null;
        if (consent.hasPerformer()) {
            Reference performer = consent.getPerformerFirstRep();
            Resource proxy = performer.getResource() instanceof Resource r ? r : contained(consent, performer);
            if (proxy instanceof RelatedPerson related) {
                decidedBy = related.hasName() ? related.getNameFirstRep().getNameAsSingleString() : "a proxy";
                authority = related.getRelationship().stream().flatMap(r -> r.getCoding().stream())
                        .filter(c -> PROXY_AUTHORITY.equals(c.getSystem())).map(Coding::getCode).findFirst()
                        .orElse(null);
            }
        }
        if (!issues.isEmpty()) {
            throw new InvalidMessageException(issues);
        }
        return new ConsentDecision(provision.hasType() ? provision.getType().toCode() : null, organisations,
                recipients, purposes, categories, period.hasStart() ? period.getStart().toInstant() : null,
                period.hasEnd() ? period.getEnd().toInstant() : null, decidedBy, authority);
    }

    private static Resource contained(Consent consent, Reference performer) {
        String ref = performer.getReference();
        if (ref == null || !ref.startsWith("#")) {
            return null;
        }
        return consent.getContained().stream().filter(c -> ref.substring(1).equals(c.getIdPart())
                || ref.equals(c.getId())).findFirst().orElse(null);
    }

    /** A refusal of the decision with each issue at its place in the Consent. */
    static InvalidMessageException inFhirTerms(InvalidMessageException invalid) {
        return new InvalidMessageException(invalid.issues().stream().map(i -> {
            String field = i.expression().replaceAll("[.\\[].*", "");
            String path = PATHS.getOrDefault(field, "Consent");
            String rest = i.expression().substring(field.length());
            return new ValidationIssue(path + rest, i.reason());
        }).toList());
    }

    static Consent consent(ConsentDirective d) {
        Consent consent = new Consent();
        consent.setId(d.id.toString());
        consent.getMeta().setVersionId(Integer.toString(d.version));
        consent.setStatus(ConsentDirective.ACTIVE.equals(d.status) ? Consent.ConsentState.ACTIVE
                : Consent.ConsentState.INACTIVE);
        consent.setScope(new CodeableConcept(new Coding(SCOPE, "patient-privacy", "Privacy Consent")));
        consent.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", "Patient Consent")));
        consent.setPatient(new Reference("Patient/" + d.personId));
        consent.setDateTime(java.util.Date.from(d.recordedAt));
        consent.addPolicy().setUri(POLICY);
        if (d.proxyAuthority == null) {
            consent.addPerformer(new Reference("Patient/" + d.personId));
        } else {
            RelatedPerson proxy = new RelatedPerson();
            proxy.setId("proxy");
            proxy.setPatient(new Reference("Patient/" + d.personId));
            proxy.addName().setText(d.decidedBy);
            proxy.addRelationship(new CodeableConcept(new Coding(PROXY_AUTHORITY, d.proxyAuthority,
                    d.proxyAuthority.toLowerCase(Locale.ROOT))));
            consent.addContained(proxy);
            consent.addPerformer(new Reference("#proxy"));
        }
        Consent.ProvisionComponent provision = consent.getProvision();
        provision.setType("deny".equals(d.provision) ? Consent.ConsentProvisionType.DENY
                : Consent.ConsentProvisionType.PERMIT);
        if (d.periodStart != null || d.periodEnd != null) {
            provision.setPeriod(new Period().setStart(d.periodStart == null ? null : java.util.Date.from(d.periodStart))
                    .setEnd(d.periodEnd == null ? null : java.util.Date.from(d.periodEnd)));
        }
        for (String org : d.organisations) {
            provision.addActor().setRole(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", "information recipient")))
                    .setReference(new Reference().setType("Organization").setIdentifier(new Identifier()
                            .setSystem(org.matches("[A-Z0-9]{3,5}") ? FhirSystems.ODS_CODE : ORGANISATION)
                            .setValue(org)));
        }
        for (String kind : d.recipients) {
            provision.addActor().setRole(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", "information recipient")))
                    .setReference(new Reference().setType("Organization").setIdentifier(new Identifier()
                            .setSystem(AGENCY_KIND).setValue(RecipientKind.parse(kind).orElseThrow().code())));
        }
        for (String purpose : d.purposes) {
            provision.addPurpose(new Coding(Purpose.ACT_REASON, Purpose.parse(purpose).orElseThrow().actReason(),
                    null));
        }
        for (String category : d.categories) {
            provision.addCode(new CodeableConcept(new Coding(Category.SYSTEM, category, null)));
        }
        return consent;
    }
}
