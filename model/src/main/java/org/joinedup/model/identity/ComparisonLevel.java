package org.joinedup.model.identity;

/** How closely two records agree on one comparison, strongest first within each comparison. */
public enum ComparisonLevel {
    EXACT,
    NICKNAME,
    SIMILAR,
    PHONETIC,
    DAY_MONTH_SWAPPED,
    ONE_FIELD_OFF,
    SAME_UPRN,
    SAME_POSTCODE,
    SAME_SECTOR,
    SAME_DISTRICT,
    DIFFERENT,
    /** One side has no value: no evidence either way, weight 0. */
    MISSING;

    /** The kebab-case name used in the weights file: {@code day-month-swapped}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
