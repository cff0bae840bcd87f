package org.joinedup.model.ledger;

/**
 * A contribution's balances, derived from its entries: what the funder has put in (confirmed), what is available,
 * committed to plan lines and paid. Always confirmed = available + committed + paid.
 */
public record Balances(long confirmed, long available, long committed, long paid) {

    public static final Balances NONE = new Balances(0, 0, 0, 0);

    /** The balances after these entries of one contribution. */
    public Balances plus(Iterable<EntryLine> lines) {
        long c = confirmed;
        long a = available;
        long m = committed;
        long p = paid;
        for (EntryLine line : lines) {
            switch (line.account()) {
                case FUNDER -> c = Math.subtractExact(c, line.pence());
                case AVAILABLE -> a = Math.addExact(a, line.pence());
                case COMMITTED -> m = Math.addExact(m, line.pence());
                case PAID -> p = Math.addExact(p, line.pence());
            }
        }
        return new Balances(c, a, m, p);
    }

    public boolean consistent() {
        return confirmed == available + committed + paid && available >= 0 && committed >= 0 && paid >= 0;
    }
}
