package org.joinedup.hub.identity;

import org.joinedup.model.AgencyKind;

/**
 * How an agency identifies its own record about a person: the agency, the organisation holding the record (a trust's
 * ODS code, a council's code, a housing provider), and the identifier it keeps it under. One source record per key.
 */
public record SourceKey(AgencyKind agency, String holder, String system, String value) {
}
