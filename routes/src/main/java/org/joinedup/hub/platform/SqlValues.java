package org.joinedup.hub.platform;

import java.time.Instant;
import java.time.LocalDate;

/** Columns of a native query's rows as Java time values, whichever JDBC type the driver handed back. */
public final class SqlValues {

    private SqlValues() {
    }

    public static LocalDate date(Object value) {
        return value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
    }

    public static Instant instant(Object value) {
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return (Instant) value;
    }
}
