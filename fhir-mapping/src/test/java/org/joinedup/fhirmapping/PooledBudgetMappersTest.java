package org.joinedup.fhirmapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;

import org.hl7.fhir.r4.model.Account;
import org.hl7.fhir.r4.model.ChargeItem;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Money;
import org.joinedup.model.Pence;
import org.junit.jupiter.api.Test;

class PooledBudgetMappersTest {

    private static final String PERSON = "6c2b9e5e-2d57-4c55-b2a4-6a2b0a3f7a10";

    @Test
    void thePooledBudgetIsAnAccountWithItsBalances() {
        Account pool = new PooledBudgetToAccountMapper().map(PERSON, new PooledBudgetToAccountMapper.Totals(
                new Pence(2_761_000), new Pence(1_149_000), new Pence(1_584_000), new Pence(28_000)));
        FhirTestSupport.assertValidFhir("pooled budget", pool);
        assertEquals("pool-" + PERSON, pool.getIdElement().getIdPart());
        assertEquals("pooled-personal-budget", pool.getType().getCodingFirstRep().getCode());
        Extension balances = pool.getExtensionByUrl(FhirSystems.BUDGET_BALANCES_EXTENSION);
        assertEquals("280.00", ((Money) balances.getExtensionByUrl("paid").getValue()).getValue().toPlainString());
        assertEquals("27610.00", ((Money) pool.getExtensionByUrl(FhirSystems.BUDGET_AMOUNT_EXTENSION).getValue())
                .getValue().toPlainString());
    }

    @Test
    void aPaymentIsAChargeItemOnTheContributionItCameFrom() {
        ChargeItem item = new PaymentToChargeItemMapper().map(new PaymentToChargeItemMapper.Payment("p-1", PERSON,
                "c-1", "PA-week-48", new Pence(28_000), LocalDate.of(2026, 11, 30), "Sue Patel",
                "PERSONAL_ASSISTANT"));
        FhirTestSupport.assertValidFhir("payment", item);
        assertEquals("Account/c-1", item.getAccountFirstRep().getReference());
        assertEquals("280.00", item.getPriceOverride().getValue().toPlainString());
        assertEquals("PERSONAL_ASSISTANT", item.getCode().getCodingFirstRep().getCode());
    }
}
