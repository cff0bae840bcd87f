package org.joinedup.model.ledger;

/** A movement the ledger will not make, and why (not enough money available, an amount that is not positive...). */
public class LedgerRefusal extends RuntimeException {

    public LedgerRefusal(String reason) {
        super(reason);
    }
}
