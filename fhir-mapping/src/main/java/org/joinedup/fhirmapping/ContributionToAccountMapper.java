package org.joinedup.fhirmapping;

import java.util.Date;

import org.hl7.fhir.r4.model.Account;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.joinedup.model.AgencyKind;
import org.joinedup.model.ContributionRecord;

/** A funding body's contribution as the FHIR Account the body pushed (or would have pushed). */
public final class ContributionToAccountMapper {

    public Account map(ContributionRecord contribution) {
        Account account = new Account();
        account.setId(contribution.id());
        account.getMeta().setVersionId(Integer.toString(contribution.version()));
        if (contribution.updatedAt() != null) {
            account.getMeta().setLastUpdated(Date.from(contribution.updatedAt()));
        }
        account.addIdentifier().setSystem(contribution.sourceSystem()).setValue(contribution.sourceValue());
        account.setStatus(switch (contribution.status()) {
            case ACTIVE -> Account.AccountStatus.ACTIVE;
            case ENDED -> Account.AccountStatus.INACTIVE;
            case WITHDRAWN -> Account.AccountStatus.ENTEREDINERROR;
        });
        account.setType(new CodeableConcept(new Coding(FhirSystems.BUDGET_TYPE, contribution.type(), null)));
        account.addSubject(new Reference("Patient/" + contribution.personId()));
        account.setPartOf(new Reference("Account/" + PooledBudgetToAccountMapper.idFor(contribution.personId())));
        String ownerSystem = contribution.agency() == AgencyKind.NHS ? FhirSystems.ODS_CODE : FhirSystems.GSS_CODE;
        account.setOwner(new Reference()
                .setIdentifier(new Identifier().setSystem(ownerSystem).setValue(contribution.fundingBodyCode()))
                .setDisplay(contribution.fundingBodyName()));
        Period period = new Period();
        period.getStartElement().setValueAsString(contribution.periodStart().toString());
        period.getEndElement().setValueAsString(contribution.periodEnd().toString());
        account.setServicePeriod(period);
        Money amount = new Money().setCurrency(FhirSystems.GBP).setValue(contribution.amount().toPounds());
        account.addExtension(FhirSystems.BUDGET_AMOUNT_EXTENSION, amount);
        return account;
    }
}
