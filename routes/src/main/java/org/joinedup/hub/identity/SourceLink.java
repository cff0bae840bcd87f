package org.joinedup.hub.identity;

import java.util.UUID;

import org.joinedup.hub.people.Person;

/**
 * The person an agency's record is linked to, and the source record itself: what the record brings (a contribution,
 * a tenancy, an alert) is attached to the person and remembers the source record, so it follows the record if the
 * person is ever split.
 */
public record SourceLink(Person person, UUID sourceRecordId) {
}
