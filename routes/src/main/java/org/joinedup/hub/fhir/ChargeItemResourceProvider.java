package org.joinedup.hub.fhir;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.IdType;
import org.joinedup.hub.access.Access;
import org.joinedup.hub.access.PersonAccess;
import org.joinedup.fhirmapping.PaymentToChargeItemMapper;


/**
 * Payments out of pooled budgets as {@code ChargeItem}s on the contribution Account they were drawn from:
 * {@code ChargeItem/<id>}, {@code ChargeItem?account=Account/<contribution>}, {@code ChargeItem?patient=<id>}.
 * An NHS body sees the payments its own money made, and no others.
 */
@Singleton
public class ChargeItemResourceProvider implements IResourceProvider {

    @Inject
    PaymentReads payments;


    @Inject
    FhirAccess access;

    @Inject
    FhirReads reads;

    private final PaymentToChargeItemMapper mapper = new PaymentToChargeItemMapper();

    @Override
    public Class<ChargeItem> getResourceType() {
        return ChargeItem.class;
    }

    @Read
    public ChargeItem read(@IdParam IdType id) {
        List<PaymentReads.FundedPayment> found = payments.byId(id.getIdPart());
        if (found.isEmpty()) {
            access.access().operation(Access.Action.READ, "ChargeItem/" + id.getIdPart());
            throw new ResourceNotFoundException(id);
        }
        PersonAccess seen = access.read(found.get(0).payment().personId(), new IdType("ChargeItem", id.getIdPart()));
        return visible(found, seen).stream().findFirst().orElseThrow(() -> new ResourceNotFoundException(id));
    }

    @Search
    public ca.uhn.fhir.rest.api.server.IBundleProvider byAccount(@RequiredParam(name = ChargeItem.SP_ACCOUNT) ReferenceParam account, @ca.uhn.fhir.rest.annotation.Offset Integer offset,
            @ca.uhn.fhir.rest.annotation.Count Integer count) {
        Optional<String> person = reads.contribution(account.getIdPart()).map(c -> c.personId());
        if (person.isEmpty()) {
            access.access().operation(Access.Action.READ, "ChargeItem?account=" + account.getIdPart());
            return SearchPages.of(List.of(), offset, count);
        }
        return SearchPages.of(access.readIfKnown(person.get(), "ChargeItem?account=" + account.getIdPart())
                .map(seen -> visible(payments.ofContribution(account.getIdPart()), seen)).orElse(List.of()), offset,
                count);
    }

    @Search
    public ca.uhn.fhir.rest.api.server.IBundleProvider byPatient(@RequiredParam(name = ChargeItem.SP_PATIENT) ReferenceParam patient, @ca.uhn.fhir.rest.annotation.Offset Integer offset,
            @ca.uhn.fhir.rest.annotation.Count Integer count) {
        return SearchPages.of(access.readIfKnown(patient.getIdPart(), "ChargeItem?patient=" + patient.getIdPart())
                .map(seen -> ofPerson(seen.personId(), seen)).orElse(List.of()), offset, count);
    }

    /** The person's payments from money the caller may see. */
    List<ChargeItem> ofPerson(UUID personId, PersonAccess seen) {
        return visible(payments.ofPerson(personId), seen);
    }

    private List<ChargeItem> visible(List<PaymentReads.FundedPayment> found, PersonAccess seen) {
        return found.stream().filter(p -> seen.seesMoney(p.agency(), p.funder()))
                .map(p -> mapper.map(p.payment())).toList();
    }
}
