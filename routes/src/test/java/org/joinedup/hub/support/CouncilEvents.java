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
        given().auth().oauth2(DemoTokens.of("council")).contentType(ContentType.JSON).body("""
                {"eventId": "%s", "type": "ALLOCATION_CONFIRMED", "occurredAt": "2026-11-20T09:00:00Z",
                 "council": "E08000004", "client": {"clientId": "C-%s", "nhsNumber": "%s", "forename": "%s",
                 "surname": "Hughes", "dateOfBirth": "%s"},
                 "allocation": {"allocationId": "A-%s", "department": "ADULT_SOCIAL_CARE", "annualAmountPence": %d,
                   "periodStart": "2026-04-01", "periodEnd": "2027-03-31", "management": "DIRECT_PAYMENT"}}"""
                .formatted(UUID.randomUUID(), nhs, nhs, forename, TestPeople.birthDateOf(nhs), nhs, annualPence))
                .post("/api/inbound/social-care/events").then().statusCode(202);
    }
}
