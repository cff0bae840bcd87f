package org.joinedup.model.ledger;

/**
 * The accounts every contribution to a pooled budget has in the double-entry ledger. Money enters from the funder,
 * is available, is committed to approved plan lines, and is paid out; every movement is a posting whose entries sum
 * to zero, and every balance is derived from the entries.
 *
 * <ul>
 * <li>{@link #FUNDER}: the funding body's side; its balance is minus what the funder has put in (and not taken back);</li>
 * <li>{@link #AVAILABLE}: confirmed and not yet committed or paid;</li>
 * <li>{@link #COMMITTED}: promised to approved plan lines, not yet paid;</li>
 * <li>{@link #PAID}: paid out to providers and payees (minus refunds).</li>
 * </ul>
 */
public enum LedgerAccount {
    FUNDER,
    AVAILABLE,
    COMMITTED,
    PAID
}
