package org.joinedup.hub.alerts;

/**
 * How soon a coordinator should look at an alert ({@link AlertKind#severity()}). High: someone may be without
 * support, money or a safe home, or a record was opened in an emergency; medium: the plan or the money needs looking
 * at; low: news.
 */
public enum AlertSeverity {
    HIGH, MEDIUM, LOW
}
