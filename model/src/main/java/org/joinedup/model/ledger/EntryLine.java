package org.joinedup.model.ledger;

/** One line of a posting: pence into (positive) or out of (negative) one account of one contribution. */
public record EntryLine(String contributionId, LedgerAccount account, long pence) {
}
