package org.joinedup.model;

/** One identifier the hub holds for a person: system URI, value, and whether it is verified. */
public record IdentifierRecord(String system, String value, boolean verified) {
}
