package org.joinedup.fhirmapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.hl7.fhir.r4.model.Bundle;
import org.joinedup.model.BudgetTransaction;
import org.joinedup.model.BudgetTransaction.Entry;
import org.joinedup.model.BudgetTransaction.EntryKind;
import org.joinedup.model.BudgetTransactionOutcome;
import org.joinedup.model.BudgetTransactionOutcome.AccountOutcome;
import org.junit.jupiter.api.Test;

class BudgetTransactionOutcomeToResponseBundleMapperTest {

    private static final String REVISED = "https://rr8.nhs.uk/Id/phb|PHB-2026-00417";
    private static final String NEW = "https://rr8.nhs.uk/Id/phb|PHB-2026-00502";

    @Test
    void answersEachRequestEntryInOrderWith201ForANewBudgetAnd200ForARevisedOne() {
        // the revised budget comes first in the request, the new one second: the answer follows the request,
        // whatever order the hub applied them in
        BudgetTransaction request = new BudgetTransaction(List.of(
                new Entry(EntryKind.PATIENT, "9434765919"),
                new Entry(EntryKind.ORGANIZATION, "RR8"),
                new Entry(EntryKind.ACCOUNT, REVISED),
                new Entry(EntryKind.ACCOUNT, NEW),
                new Entry(EntryKind.CARE_PLAN, "9434765919")), List.of());
        BudgetTransactionOutcome outcome = new BudgetTransactionOutcome(
                Map.of("9434765919", "5d0f7a8e-3c21-4b6a-9e4f-1a2b3c4d5e6f"),
                Map.of("RR8", "b1f2e3d4-6a7b-4c5b-8a49-3f2e1d0c9a88"),
                Map.of(NEW, new AccountOutcome("7b9e1c3a-5d2f-4e6a-8b0c-9d8e7f6a5b4c", true, 1),
                        REVISED, new AccountOutcome("0e6b2f4a-9c8d-4a1b-8f3e-7d6c5b4a3921", false, 4)));

        Bundle response = new BudgetTransactionOutcomeToResponseBundleMapper().map(request, outcome);

        assertEquals(Bundle.BundleType.TRANSACTIONRESPONSE, response.getType());
        List<String> answers = response.getEntry().stream()
                .map(e -> e.getResponse().getStatus() + " "
                        + (e.getResponse().hasLocation() ? e.getResponse().getLocation() : "(no location)"))
                .toList();
        assertEquals(List.of(
                "200 OK Patient/5d0f7a8e-3c21-4b6a-9e4f-1a2b3c4d5e6f",
                "200 OK Organization/b1f2e3d4-6a7b-4c5b-8a49-3f2e1d0c9a88",
                "200 OK Account/0e6b2f4a-9c8d-4a1b-8f3e-7d6c5b4a3921/_history/4",
                "201 Created Account/7b9e1c3a-5d2f-4e6a-8b0c-9d8e7f6a5b4c/_history/1",
                "200 OK (no location)"), answers);
        assertEquals("W/\"4\"", response.getEntry().get(2).getResponse().getEtag());
        assertEquals("W/\"1\"", response.getEntry().get(3).getResponse().getEtag());
    }
}
