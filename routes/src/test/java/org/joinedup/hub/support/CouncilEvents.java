package org.joinedup.hub.support;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.http.ContentType;

/** Oldham council's events, posted as the demo user 'council' through the real REST endpoint. */
public final class CouncilEvents {

    private CouncilEvents() {
    }

    /**
     * {@code ALLOCATION_CONFIRMED} for the year 2026-27 (adult social care, direct payment) for the client with this
     * NHS number (client and allocation ids made from it), born on {@link TestPeople#birthDateOf}; expects 202.
     */
    public static void allocationConfirmed(String nhs, String forename, long annualPence) {
        allocationConfirmed(nhs, forename, "A-" + nhs, annualPence, java.time.LocalDate.of(2026, 4, 1),
                java.time.LocalDate.of(2027, 3, 31), java.time.LocalDate.of(2026, 11, 20));
    }

    /** {@code ALLOCATION_CONFIRMED} of this allocation for this period, sent on {@code sentOn}. */
    public static void allocationConfirmed(String nhs, String forename, String allocationId, long annualPence,
            java.time.LocalDate periodStart, java.time.LocalDate periodEnd, java.time.LocalDate sentOn) {
        given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON).body("""
                {"eventId": "%s", "type": "ALLOCATION_CONFIRMED", "occurredAt": "%sT09:00:00Z",
                 "council": "E08000004", "client": {"clientId": "C-%s", "nhsNumber": "%s", "forename": "%s",
                 "surname": "Hughes", "dateOfBirth": "%s"},
                 "allocation": {"allocationId": "%s", "department": "ADULT_SOCIAL_CARE", "annualAmountPence": %d,
                   "periodStart": "%s", "periodEnd": "%s", "management": "DIRECT_PAYMENT"}}"""
                .formatted(UUID.randomUUID(), sentOn, nhs, nhs, forename,
                        TestPeople.birthDateOf(nhs), allocationId, annualPence, periodStart, periodEnd))
                .post("/api/inbound/social-care/events").then().statusCode(202);
    }
}
