package org.joinedup.model;

/** The kinds of agency the hub joins up. */
public enum AgencyKind {
    SOCIAL_CARE,
    NHS,
    HOUSING,
    BENEFITS,
    EMPLOYMENT
}
