package org.joinedup.fhirmapping;

import java.time.LocalDate;

import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Reference;
import org.joinedup.model.Pence;

/** A payment out of a pooled budget as a FHIR {@code ChargeItem} on the contribution (Account) it was drawn from. */
public final class PaymentToChargeItemMapper {

    /** A payment as the ledger and its source (a council's report, a plan line) hold it. */
    public record Payment(String id, String personId, String contributionId, String reference, Pence amount,
            LocalDate paidOn, String payee, String category) {
    }

    public ChargeItem map(Payment payment) {
        ChargeItem item = new ChargeItem();
        item.setId(payment.id());
        item.addIdentifier().setSystem(FhirSystems.PAYMENT_REFERENCE).setValue(payment.reference());
        item.setStatus(ChargeItem.ChargeItemStatus.BILLED);
        item.setCode(new CodeableConcept(new Coding(FhirSystems.SPENDING_CATEGORY, payment.category(), null)));
        item.setSubject(new Reference("Patient/" + payment.personId()));
        item.addAccount(new Reference("Account/" + payment.contributionId()));
        item.setOccurrence(new DateTimeType(payment.paidOn().toString()));
        item.setPriceOverride(new Money().setCurrency(FhirSystems.GBP).setValue(payment.amount().toPounds()));
        item.addPerformer().setActor(new Reference().setDisplay(payment.payee()));
        return item;
    }
}
