package org.joinedup.hub.fhir;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.Account;
import org.hl7.fhir.r4.model.IdType;
import org.joinedup.fhirmapping.ContributionToAccountMapper;
import org.joinedup.hub.security.Caller;
import org.joinedup.model.ContributionRecord;

/**
 * Contributions as FHIR Accounts: read by id, search by patient or by the funding body's own identifier. An NHS
 * body sees only the budgets it owns.
 */
@Singleton
public class AccountResourceProvider implements IResourceProvider {

    private final ContributionToAccountMapper mapper = new ContributionToAccountMapper();

    @Inject
    FhirReads reads;

    @Inject
    Caller caller;

    @Override
    public Class<Account> getResourceType() {
        return Account.class;
    }

    @Read
    public Account read(@IdParam IdType id) {
        return reads.contribution(id.getIdPart()).filter(this::visible).map(mapper::map)
                .orElseThrow(() -> new ResourceNotFoundException(id));
    }

    @Search
    public List<Account> byPatient(@RequiredParam(name = Account.SP_PATIENT) ReferenceParam patient) {
        if (patient == null || patient.getIdPart() == null || patient.getIdPart().isBlank()) {
            throw new InvalidRequestException("Account?patient= needs the patient's id, for example Account?patient=<id>");
        }
        return reads.contributionsOf(patient.getIdPart()).stream().filter(this::visible).map(mapper::map).toList();
    }

    @Search
    public List<Account> byIdentifier(@RequiredParam(name = Account.SP_IDENTIFIER) TokenParam identifier) {
        if (identifier == null || identifier.getSystem() == null || identifier.getValue() == null) {
            throw new InvalidRequestException("search by identifier needs system|value");
        }
        return reads.contributionsByIdentifier(identifier.getSystem(), identifier.getValue()).stream()
                .filter(this::visible).map(mapper::map).toList();
    }

    private boolean visible(ContributionRecord contribution) {
        return !caller.seesOnlyOwnBudgets() || contribution.fundingBodyCode().equalsIgnoreCase(caller.agency());
    }
}
