package org.joinedup.hub.fhir;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.hl7.fhir.r4.model.Account;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.joinedup.fhirmapping.FhirSystems;
import org.joinedup.fhirmapping.PersonToPatientMapper;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.PersonRecord;

/**
 * A budget sent on its own ({@code PUT /fhir/Account?identifier=...} or {@code POST /fhir/Account} with
 * {@code If-None-Exist}) is the same push as a transaction whose Patient the hub already knows: this builds that
 * transaction, so that one route reads, checks and applies both. The Account's subject must name a person the hub
 * knows (by id or by NHS number), and its owner the pushing body (by ODS code).
 */
@ApplicationScoped
public class StandaloneAccountToTransaction {

    private static final String PATIENT_URL = "urn:uuid:standalone-account-patient";
    private static final String OWNER_URL = "urn:uuid:standalone-account-owner";

    private final PersonToPatientMapper patients = new PersonToPatientMapper();

    @Inject
    FhirReads reads;

    public Bundle toTransaction(Account account, Bundle.HTTPVerb method, String conditionalUrl) {
        PersonRecord person = subject(account.getSubjectFirstRep());
        String ods = ownerOdsCode(account.getOwner());

        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        bundle.addEntry().setFullUrl(PATIENT_URL).setResource(patients.map(person))
                .getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Patient/" + person.id());
        Organization owner = new Organization();
        owner.addIdentifier().setSystem(FhirSystems.ODS_CODE).setValue(ods);
        owner.setName(account.getOwner().getDisplay());
        bundle.addEntry().setFullUrl(OWNER_URL).setResource(owner)
                .getRequest().setMethod(Bundle.HTTPVerb.PUT)
                .setUrl("Organization?identifier=" + FhirSystems.ODS_CODE + "|" + ods);
        Account copy = account.copy();
        copy.getSubject().clear();
        copy.addSubject(new Reference(PATIENT_URL));
        copy.setOwner(new Reference(OWNER_URL));
        Bundle.BundleEntryRequestComponent request = bundle.addEntry().setFullUrl("urn:uuid:standalone-account")
                .setResource(copy).getRequest().setMethod(method);
        if (method == Bundle.HTTPVerb.PUT) {
            request.setUrl(conditionalUrl.replaceFirst("^/", ""));
        } else {
            request.setUrl("Account");
            if (conditionalUrl != null) {
                request.setIfNoneExist(conditionalUrl.replaceFirst("^/?(Account)?\\?", ""));
            }
        }
        return bundle;
    }

    private PersonRecord subject(Reference subject) {
        String reference = subject.getReference();
        if (reference == null || reference.isBlank()) {
            throw new InvalidMessageException("Account.subject", "a budget sent on its own must name its Patient:"
                    + " Patient/<id> or Patient?identifier=" + FhirSystems.NHS_NUMBER + "|<NHS number>");
        }
        String byNhsNumber = "Patient?identifier=" + FhirSystems.NHS_NUMBER + "|";
        String decoded = URLDecoder.decode(reference, StandardCharsets.UTF_8);
        if (decoded.startsWith(byNhsNumber)) {
            String nhs = decoded.substring(byNhsNumber.length()).replaceAll("[\\s-]", "");
            return reads.peopleByIdentifier(FhirSystems.NHS_NUMBER, nhs).stream().findFirst()
                    .orElseThrow(() -> new InvalidMessageException("Account.subject", "no patient with NHS number "
                            + nhs + " is known to the hub: send the budget in a transaction with its Patient"));
        }
        if (decoded.startsWith("Patient/")) {
            String id = decoded.substring("Patient/".length());
            return reads.person(id).orElseThrow(() -> new InvalidMessageException("Account.subject",
                    "'" + reference + "' is not a patient known to the hub"));
        }
        throw new InvalidMessageException("Account.subject", "'" + reference + "' is not Patient/<id> or "
                + byNhsNumber + "<NHS number>");
    }

    private static String ownerOdsCode(Reference owner) {
        if (owner.hasIdentifier() && FhirSystems.ODS_CODE.equals(owner.getIdentifier().getSystem())
                && owner.getIdentifier().hasValue()) {
            return owner.getIdentifier().getValue();
        }
        String byOds = "Organization?identifier=" + FhirSystems.ODS_CODE + "|";
        String reference = owner.getReference() == null ? "" : URLDecoder.decode(owner.getReference(),
                StandardCharsets.UTF_8);
        if (reference.startsWith(byOds)) {
            return reference.substring(byOds.length());
        }
        throw new InvalidMessageException("Account.owner", "a budget sent on its own must name its owner by ODS code:"
                + " " + byOds + "<code>, or an identifier with system " + FhirSystems.ODS_CODE);
    }
}
