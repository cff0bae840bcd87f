package org.joinedup.hub.identity;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Source records as the JSON API shows them, with the stored match explanation as JSON. */
@ApplicationScoped
public class SourceRecordViews {

    @Inject
    ObjectMapper json;

    /** A source record as people see it. */
    public record SourceRecordView(String id, String personId, String agency, String holder, String system,
            String value, String givenName, String familyName, LocalDate birthDate, String postcode, String uprn,
            String nhsNumber, boolean nhsVerified, String niNumber, String linkMethod, Double matchWeight,
            String linkReason, JsonNode explanation, Instant linkedAt, String identifierProblems) {
    }

    public SourceRecordView view(SourceRecord r) {
        return new SourceRecordView(r.id.toString(), r.person.id.toString(), r.agency.name(), r.holder,
                r.sourceSystem, r.sourceValue, r.givenName, r.familyName, r.birthDate, r.postcode, r.uprn,
                r.nhsNumber, r.nhsVerified, r.niNumber, r.linkMethod.name(), r.matchWeight, r.linkReason,
                parse(r.matchExplanation), r.updatedAt, r.identifierProblems);
    }

    public JsonNode parse(String explanation) {
        if (explanation == null) {
            return null;
        }
        try {
            return json.readTree(explanation);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored match explanation is not JSON", e);
        }
    }
}
