package org.joinedup.model;

import java.time.LocalDate;
import java.util.Map;

/**
 * How long each kind of text an agency sends may be, and what numbers and dates are plausible: one place, read by
 * every reader before the database sees a value. Each length is the column the value is kept in (or the shortest,
 * where it is kept in several); {@code FieldLimitsTest} checks them against the database.
 */
public final class Limits {

    /** An agency's id for a message ({@code eventId}, a FHIR transaction's id): {@code inbound_message.agency_message_id}. */
    public static final int MESSAGE_ID = 200;
    /** An agency's id for a record (client, allocation, service, payment): {@code person_identifier.value}. */
    public static final int RECORD_ID = 100;
    /** A forename or surname: {@code source_record.given_name}, {@code family_name}. */
    public static final int NAME = 200;
    /** A postcode as written, spaces included: {@code source_record.postcode} holds it without them. */
    public static final int POSTCODE = 10;
    /** A provider, payee or organisation's name: {@code care_service.provider}, {@code council_payment.payee}. */
    public static final int ORGANISATION_NAME = 300;
    /** A payment's category: {@code council_payment.category}. */
    public static final int CATEGORY = 100;
    /** How one household member is related to another: {@code household_link.relationship}. */
    public static final int RELATIONSHIP = 40;
    /** The system of an agency's identifier for a record (a trust's budget id system): {@code source_record.source_system}. */
    public static final int IDENTIFIER_SYSTEM = 200;
    /** The value of an agency's identifier for a budget: {@code contribution.source_value}. */
    public static final int IDENTIFIER_VALUE = 200;
    /** The title of the care plan a budget pays for: {@code contribution.care_plan_title}. */
    public static final int CARE_PLAN_TITLE = 500;
    /** An agency's office (Oldham Jobcentre): kept after "employment services " in {@code contribution_revision.changed_by} (200). */
    public static final int OFFICE = 100;
    /** A one-line address: {@code tenancy.address}. */
    public static final int ADDRESS = 500;
    /** An assessed need written as a sentence (a home adaptation): {@code tenancy.adaptation_need}. */
    public static final int ADAPTATION_NEED = 500;
    /** Any other text (an address, a note): long enough for anything a person writes, never a megabyte. */
    public static final int TEXT = 2_000;

    /** The most pence any one amount may be (£100 million): far above any budget, far below overflowing a sum. */
    public static final long MAX_PENCE = 10_000_000_000L;

    /** No date an agency sends about a living person or a budget is before this. */
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1900, 1, 1);
    /** ... nor after this. */
    public static final LocalDate LATEST_DATE = LocalDate.of(2199, 12, 31);
    /** How far ahead of the hub's clock an event may say it happened (clocks differ a little, never by a day). */
    public static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofHours(1);

    /** The columns each length comes from, for the test that holds them equal: {@code table.column} to length. */
    public static final Map<String, Integer> COLUMNS = Map.ofEntries(
            Map.entry("inbound_message.agency_message_id", MESSAGE_ID),
            Map.entry("person_identifier.value", RECORD_ID),
            Map.entry("council_payment.payment_id", RECORD_ID),
            Map.entry("council_payment.allocation_id", RECORD_ID),
            Map.entry("source_record.given_name", NAME),
            Map.entry("source_record.family_name", NAME),
            Map.entry("source_record.postcode", POSTCODE),
            Map.entry("care_service.provider", ORGANISATION_NAME),
            Map.entry("council_payment.payee", ORGANISATION_NAME),
            Map.entry("council_payment.category", CATEGORY),
            Map.entry("household_link.relationship", RELATIONSHIP),
            Map.entry("source_record.source_system", IDENTIFIER_SYSTEM),
            Map.entry("contribution.source_value", IDENTIFIER_VALUE),
            Map.entry("organisation.name", ORGANISATION_NAME),
            Map.entry("contribution.care_plan_title", CARE_PLAN_TITLE),
            Map.entry("tenancy.tenancy_ref", RECORD_ID),
            Map.entry("tenancy_member.person_ref", RECORD_ID),
            Map.entry("tenancy.address", ADDRESS),
            Map.entry("tenancy.postcode", POSTCODE),
            Map.entry("tenancy.adaptation_need", ADAPTATION_NEED));

    private Limits() {
    }

    /** Why the text cannot be taken (longer than {@code limit}, or a control character other than tab or newline), or null. */
    public static String problemWithText(String text, int limit) {
        if (text.length() > limit) {
            return "is " + text.length() + " characters long; at most " + limit + " are allowed";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                return "contains the control character U+" + String.format("%04X", (int) c) + " at character " + (i + 1);
            }
        }
        return null;
    }

    /** Why the date is not plausible for anything an agency sends, or null when it is. */
    public static String implausible(LocalDate date) {
        if (date.isBefore(EARLIEST_DATE) || date.isAfter(LATEST_DATE)) {
            return date + " is not a plausible date (between " + EARLIEST_DATE + " and " + LATEST_DATE + ")";
        }
        return null;
    }
}
