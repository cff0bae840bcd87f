package org.joinedup.hub.fhir;

import java.util.List;
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
import org.joinedup.fhirmapping.PaymentToChargeItemMapper;
import org.joinedup.hub.security.Caller;

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
    Caller caller;

    private final PaymentToChargeItemMapper mapper = new PaymentToChargeItemMapper();

    @Override
    public Class<ChargeItem> getResourceType() {
        return ChargeItem.class;
    }

    @Read
    public ChargeItem read(@IdParam IdType id) {
        return visible(payments.byId(id.getIdPart())).stream().findFirst()
                .orElseThrow(() -> new ResourceNotFoundException(id));
    }

    @Search
    public List<ChargeItem> byAccount(@RequiredParam(name = ChargeItem.SP_ACCOUNT) ReferenceParam account) {
        return visible(payments.ofContribution(account.getIdPart()));
    }

    @Search
    public List<ChargeItem> byPatient(@RequiredParam(name = ChargeItem.SP_PATIENT) ReferenceParam patient) {
        try {
            return visible(payments.ofPerson(UUID.fromString(patient.getIdPart())));
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    List<ChargeItem> visible(List<PaymentReads.FundedPayment> found) {
        return found.stream().filter(p -> !caller.seesOnlyOwnBudgets() || p.funder().equalsIgnoreCase(caller.agency()))
                .map(p -> mapper.map(p.payment())).toList();
    }
}
