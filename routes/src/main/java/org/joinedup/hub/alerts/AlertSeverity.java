package org.joinedup.hub.alerts;

import java.util.Map;

/**
 * How soon a coordinator should look at an alert. High: someone may be without support, money or a safe home, or a
 * record was opened in an emergency; medium: the plan or the money needs looking at; low: news.
 */
public enum AlertSeverity {
    HIGH, MEDIUM, LOW;

    private static final Map<String, AlertSeverity> BY_KIND = Map.ofEntries(
            Map.entry("BREAK_GLASS", HIGH),
            Map.entry("PAYMENT_REFUSED", HIGH),
            Map.entry("TEMPORARY_ACCOMMODATION", HIGH),
            Map.entry("RENT_ARREARS", HIGH),
            Map.entry("REPLAN_NEEDED", HIGH),
            Map.entry("OVERSPEND", MEDIUM),
            Map.entry("UNDERSPEND", MEDIUM),
            Map.entry("INCOME_CHANGED", MEDIUM),
            Map.entry("LEFT_WORK", MEDIUM),
            Map.entry("COMMITMENT_MOVED", MEDIUM),
            Map.entry("CONNECTED_PERSON_PAYEE", MEDIUM),
            Map.entry("LARGE_HOUSEHOLD", MEDIUM),
            Map.entry("STARTED_WORK", LOW));

    /** The severity of an alert kind; a kind not listed is medium. */
    public static AlertSeverity of(String kind) {
        return BY_KIND.getOrDefault(kind, MEDIUM);
    }
}
