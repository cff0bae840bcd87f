package org.joinedup.hub.fhir;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.Account;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.joinedup.hub.nhs.NhsBudgetGateway;
import org.joinedup.fhirmapping.ContributionToAccountMapper;
import org.joinedup.fhirmapping.PooledBudgetToAccountMapper;
import org.joinedup.hub.access.Access;
import org.joinedup.hub.access.PersonAccess;
import org.joinedup.model.ContributionRecord;
import org.joinedup.model.Pence;

/**
 * Contributions as FHIR Accounts: read by id, search by patient or by the funding body's own identifier, and an NHS
 * body's budget sent on its own by conditional create or update. An NHS body sees only the budgets it owns.
 */
@Singleton
public class AccountResourceProvider implements IResourceProvider {

    private final ContributionToAccountMapper mapper = new ContributionToAccountMapper();

    @Inject
    FhirReads reads;


    @Inject
    org.joinedup.hub.budget.BudgetStatement budgets;

    private final PooledBudgetToAccountMapper pools = new PooledBudgetToAccountMapper();

    @Inject
    NhsBudgetGateway gateway;

    @Inject
    StandaloneAccountToTransaction standalone;

    @Inject
    FhirAccess access;

    /** {@code PUT /fhir/Account?identifier=system|value}: create the budget, or revise it if it exists. */
    @Update
    public MethodOutcome conditionalUpdate(@ResourceParam Account account, @IdParam IdType id,
            @ConditionalUrlParam String conditionalUrl, RequestDetails request) {
        if (conditionalUrl == null) {
            throw new InvalidRequestException("a budget is updated by its identifier: PUT Account?identifier=system|value"
                    + " (the trust's own budget id), not by the hub's id");
        }
        return push(account, Bundle.HTTPVerb.PUT, conditionalUrl, request);
    }

    /** {@code POST /fhir/Account}, with {@code If-None-Exist: identifier=system|value} to make a retry harmless. */
    @Create
    public MethodOutcome create(@ResourceParam Account account, @ConditionalUrlParam String ifNoneExist,
            RequestDetails request) {
        return push(account, Bundle.HTTPVerb.POST, ifNoneExist, request);
    }

    private MethodOutcome push(Account account, Bundle.HTTPVerb method, String conditionalUrl, RequestDetails request) {
        access.access().operation(Access.Action.WRITE, "Account (budget push)");
        Bundle.BundleEntryResponseComponent answer = gateway.push(
                        () -> standalone.toTransaction(account, method, conditionalUrl), request, null)
                .getEntry().get(2).getResponse();
        IdType location = new IdType(answer.getLocation());
        MethodOutcome outcome = new MethodOutcome(location);
        outcome.setCreated(answer.getStatus().startsWith("201"));
        outcome.setResource(read(location.toUnqualifiedVersionless()));
        return outcome;
    }

    @Override
    public Class<Account> getResourceType() {
        return Account.class;
    }

    /**
     * The person's pooled personal budget ({@code Account/pool-<person id>}, type {@code pooled-personal-budget}),
     * its balances from the ledger: over every contribution, or for an NHS body over its own.
     */
    public Account pool(String personId, PersonAccess seen) {
        java.util.UUID person;
        try {
            person = java.util.UUID.fromString(personId);
        } catch (IllegalArgumentException e) {
            throw new ResourceNotFoundException(new IdType("Account", PooledBudgetToAccountMapper.idFor(personId)));
        }
        org.joinedup.hub.budget.BudgetStatement.Statement statement = budgets.of(person, seen::seesMoney);
        if (statement.contributions().isEmpty() || reads.person(personId).isEmpty()) {
            throw new ResourceNotFoundException(new IdType("Account", PooledBudgetToAccountMapper.idFor(personId)));
        }
        long confirmed = 0;
        long available = 0;
        long committed = 0;
        long paid = 0;
        for (var c : statement.contributions()) {
            confirmed += c.confirmedPence();
            available += c.availablePence();
            committed += c.committedPence();
            paid += c.paidPence();
        }
        return pools.map(personId, new PooledBudgetToAccountMapper.Totals(new Pence(confirmed), new Pence(available),
                new Pence(committed), new Pence(paid)));
    }

    @Read
    public Account read(@IdParam IdType id) {
        if (id.getIdPart().startsWith("pool-")) {
            String person = id.getIdPart().substring("pool-".length());
            return pool(person, access.read(person, new IdType("Account", id.getIdPart())));
        }
        ContributionRecord contribution = reads.contribution(id.getIdPart())
                .orElseThrow(() -> {
                    access.access().operation(Access.Action.READ, "Account/" + id.getIdPart());
                    return new ResourceNotFoundException(id);
                });
        PersonAccess seen = access.read(contribution.personId(),
                new IdType("Account", id.getIdPart()));
        if (!seen.seesMoney(contribution.agency(), contribution.fundingBodyCode())) {
            throw new ResourceNotFoundException(id);
        }
        return mapper.map(contribution);
    }

    @Search
    public ca.uhn.fhir.rest.api.server.IBundleProvider byPatient(@RequiredParam(name = Account.SP_PATIENT) ReferenceParam patient, @ca.uhn.fhir.rest.annotation.Offset Integer offset,
            @ca.uhn.fhir.rest.annotation.Count Integer count) {
        if (patient == null || patient.getIdPart() == null || patient.getIdPart().isBlank()) {
            throw new InvalidRequestException("Account?patient= needs the patient's id, for example Account?patient=<id>");
        }
        return SearchPages.of(access.readIfKnown(patient.getIdPart(), "Account?patient=" + patient.getIdPart())
                .map(seen -> reads.contributionsOf(patient.getIdPart()).stream()
                        .filter(c -> seen.seesMoney(c.agency(), c.fundingBodyCode())).map(mapper::map).toList())
                .orElse(List.of()), offset, count);
    }

    /**
     * {@code Account?identifier=system|value}, several comma-separated meaning any of them, paged by {@code _count}
     * and {@code _offset}: only the money the caller may see.
     */
    @Search
    public ca.uhn.fhir.rest.api.server.IBundleProvider byIdentifier(
            @RequiredParam(name = Account.SP_IDENTIFIER) ca.uhn.fhir.rest.param.TokenOrListParam identifiers,
            @ca.uhn.fhir.rest.annotation.Offset Integer offset, @ca.uhn.fhir.rest.annotation.Count Integer count) {
        java.util.Map<String, ContributionRecord> found = new java.util.TreeMap<>();
        for (TokenParam identifier : identifiers.getValuesAsQueryTokens()) {
            if (identifier.getSystem() == null || identifier.getSystem().isBlank() || identifier.getValue() == null
                    || identifier.getValue().isBlank()) {
                throw new InvalidRequestException("search by identifier needs system|value (several, comma-separated,"
                        + " mean any of them)");
            }
            reads.contributionsByIdentifier(identifier.getSystem(), identifier.getValue())
                    .forEach(c -> found.put(c.id(), c));
        }
        java.util.Map<java.util.UUID, PersonAccess> seen = new java.util.HashMap<>();
        access.access().readAll(found.values().stream().map(c -> java.util.UUID.fromString(c.personId()))
                .toList(), "Account?identifier").forEach(a -> seen.put(a.personId(), a));
        return SearchPages.of(found.values().stream().filter(c -> {
            PersonAccess a = seen.get(java.util.UUID.fromString(c.personId()));
            return a != null && a.seesMoney(c.agency(), c.fundingBodyCode());
        }).map(mapper::map).toList(), offset, count);
    }
}
