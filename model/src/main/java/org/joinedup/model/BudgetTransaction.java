package org.joinedup.model;

import java.util.List;

/**
 * A trust's transaction, read and checked: the budgets it carries, and for each entry of the original request
 * what it was about, so that the answer can list one outcome per entry in the same order.
 */
public record BudgetTransaction(List<Entry> entries, List<BudgetPush> budgets) {

    /** Kinds of entry a budget transaction may hold. */
    public enum EntryKind { PATIENT, ORGANIZATION, ACCOUNT, CARE_PLAN }

    /**
     * One request entry: its kind and its key (NHS number for a patient and for the care plan about them, ODS
     * code for an organisation, the account key for an account).
     */
    public record Entry(EntryKind kind, String key) {
    }
}
