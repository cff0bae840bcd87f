package org.joinedup.fhirmapping;

import org.hl7.fhir.r4.model.Account;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Reference;
import org.joinedup.model.Pence;

/**
 * A person's pooled personal budget as the FHIR {@code Account} of type {@code pooled-personal-budget}: the sum of
 * the contributions (each its own child Account, {@code partOf} this one), with the ledger's balances in an
 * extension (available, committed, paid).
 */
public final class PooledBudgetToAccountMapper {

    /** The balances shown: what was confirmed, and of it what is available, committed and paid. */
    public record Totals(Pence confirmed, Pence available, Pence committed, Pence paid) {
    }

    /** The pooled budget Account's id for a person: {@code pool-<person id>}. */
    public static String idFor(String personId) {
        return "pool-" + personId;
    }

    public Account map(String personId, Totals totals) {
        Account account = new Account();
        account.setId(idFor(personId));
        account.setStatus(Account.AccountStatus.ACTIVE);
        account.setType(new CodeableConcept(new Coding(FhirSystems.BUDGET_TYPE, FhirSystems.POOLED_PERSONAL_BUDGET,
                "Pooled personal budget")));
        account.setName("Pooled personal budget");
        account.addSubject(new Reference("Patient/" + personId));
        account.addExtension(FhirSystems.BUDGET_AMOUNT_EXTENSION, money(totals.confirmed()));
        Extension balances = account.addExtension().setUrl(FhirSystems.BUDGET_BALANCES_EXTENSION);
        balances.addExtension("available", money(totals.available()));
        balances.addExtension("committed", money(totals.committed()));
        balances.addExtension("paid", money(totals.paid()));
        return account;
    }

    private static Money money(Pence pence) {
        return new Money().setCurrency(FhirSystems.GBP).setValue(pence.toPounds());
    }
}
