package org.joinedup.hub.identity;

/**
 * Another transaction holds a blocking key this one needs and, having locked keys that sort after it already, this
 * one may not wait for it (two transactions waiting for each other's keys deadlock). A failure that passes when the
 * work is tried again (SQL state {@code 55P03}, lock not available): a batch is tried again whole.
 */
public class LinkingBusyException extends java.sql.SQLTransientException {

    private static final long serialVersionUID = 1L;

    LinkingBusyException(int keys) {
        super("another transaction is linking a record like this one (" + keys + " blocking key"
                + (keys == 1 ? "" : "s") + " taken out of order): tried again", "55P03");
    }
}
