package org.joinedup.hub.alerts;

import static org.joinedup.hub.alerts.AlertSeverity.HIGH;
import static org.joinedup.hub.alerts.AlertSeverity.LOW;
import static org.joinedup.hub.alerts.AlertSeverity.MEDIUM;

/** What an alert on a person is about, and how soon their coordinator should look at it. */
public enum AlertKind {
    /** A record was opened in an emergency (break-glass). */
    BREAK_GLASS(HIGH),
    /** A payment was refused (the money was not there, or its rules do not allow it). */
    PAYMENT_REFUSED(HIGH),
    TEMPORARY_ACCOMMODATION(HIGH),
    RENT_ARREARS(HIGH),
    /** Money a plan relies on was withdrawn or cut, and nothing else can pay for it. */
    REPLAN_NEEDED(HIGH),
    OVERSPEND(MEDIUM),
    /** The plan's review with the person is past its date. */
    REVIEW_OVERDUE(MEDIUM),
    UNDERSPEND(MEDIUM),
    /** A benefit active the month before was suspended or terminated. */
    INCOME_CHANGED(MEDIUM),
    LEFT_WORK(MEDIUM),
    /** A commitment moved to other money after a withdrawal. */
    COMMITMENT_MOVED(MEDIUM),
    /** A plan line pays a connected person. */
    CONNECTED_PERSON_PAYEE(MEDIUM),
    /** Household links would make a family too large to be one case: nothing was merged. */
    LARGE_HOUSEHOLD(MEDIUM),
    STARTED_WORK(LOW);

    private final AlertSeverity severity;

    AlertKind(AlertSeverity severity) {
        this.severity = severity;
    }

    public AlertSeverity severity() {
        return severity;
    }
}
