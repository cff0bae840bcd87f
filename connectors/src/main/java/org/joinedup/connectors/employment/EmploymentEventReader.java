package org.joinedup.connectors.employment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;


import com.fasterxml.jackson.databind.JsonNode;
import org.joinedup.model.EmploymentEvent;
import org.joinedup.model.EmploymentEvent.Award;
import org.joinedup.model.EmploymentEvent.Claimant;
import org.joinedup.model.EmploymentEvent.Employment;
import org.joinedup.model.EmploymentEvent.Type;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.Limits;
import org.joinedup.model.NiNumber;
import org.joinedup.model.Pence;
import org.joinedup.model.ValidationIssue;

/**
 * Reads one employment services event (JSON) and checks it; every problem comes back with its field path. A
 * malformed NI number does not make the event invalid: it is kept out of linking and the reason recorded.
 */
public class EmploymentEventReader {

    private static final Set<String> PURPOSES = Set.of("TRAINING", "TRAVEL", "CLOTHING", "EQUIPMENT", "CHILDCARE",
            "OTHER");

    public EmploymentEvent read(String json) {
        JsonNode node = org.joinedup.connectors.StrictJson.parse(json);
        if (node == null || !node.isObject()) {
            throw new InvalidMessageException("$", "an event is a JSON object");
        }
        List<ValidationIssue> problems = new ArrayList<>();
        String messageId = text(node, "messageId", "", true, Limits.MESSAGE_ID, problems);
        String typeText = text(node, "type", "", true, 40, problems);
        Type type = null;
        if (typeText != null) {
            try {
                type = Type.valueOf(typeText);
            } catch (IllegalArgumentException unknown) {
                problems.add(new ValidationIssue("type", "'" + typeText + "' is not one of "
                        + Arrays.toString(Type.values())));
            }
        }
        Instant occurredAt = null;
        String occurred = text(node, "occurredAt", "", true, 40, problems);
        if (occurred != null) {
            try {
                occurredAt = Instant.parse(occurred);
                String implausible = Limits.implausible(occurredAt.atZone(java.time.ZoneOffset.UTC).toLocalDate());
                if (implausible != null || occurredAt.isAfter(Instant.now().plus(Limits.CLOCK_SKEW))) {
                    problems.add(new ValidationIssue("occurredAt", implausible != null ? implausible : occurred
                            + " is in the future (more than " + Limits.CLOCK_SKEW.toMinutes() + " minutes ahead of"
                            + " the hub's clock)"));
                    occurredAt = null;
                }
            } catch (DateTimeParseException e) {
                problems.add(new ValidationIssue("occurredAt", "'" + occurred + "' is not an ISO-8601 instant"));
            }
        }
        Claimant claimant = claimant(node.get("person"), problems);
        Award award = null;
        Employment employment = null;
        if (type == Type.SUPPORT_AWARDED || type == Type.SUPPORT_WITHDRAWN) {
            award = award(object(node, "award", problems), type, problems);
        } else if (type == Type.EMPLOYMENT_STARTED || type == Type.EMPLOYMENT_ENDED) {
            employment = employment(object(node, "employment", problems), type, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidMessageException(problems);
        }
        String office = text(node, "office", "", false, Limits.OFFICE, problems);
        if (!problems.isEmpty()) {
            throw new InvalidMessageException(problems);
        }
        return new EmploymentEvent(messageId, type, occurredAt, office, claimant, award, employment);
    }

    private static Claimant claimant(JsonNode person, List<ValidationIssue> problems) {
        if (person == null || !person.isObject()) {
            problems.add(new ValidationIssue("person", "is required: the person the event is about"));
            return null;
        }
        List<ValidationIssue> identifierProblems = new ArrayList<>();
        NiNumber nino = null;
        String ninoText = text(person, "nino", "person.", false, 20, problems);
        if (ninoText != null) {
            Optional<String> problem = NiNumber.problemWith(ninoText);
            if (problem.isPresent()) {
                identifierProblems.add(new ValidationIssue("person.nino", problem.get() + "; not used to link records"));
            } else {
                nino = NiNumber.parse(ninoText);
            }
        }
        LocalDate born = date(person, "dateOfBirth", "person.", false, problems);
        if (born != null && born.isAfter(LocalDate.now(java.time.ZoneId.of("Europe/London")))) {
            problems.add(new ValidationIssue("person.dateOfBirth", born + " is in the future"));
            born = null;
        }
        return new Claimant(nino, text(person, "forename", "person.", false, Limits.NAME, problems),
                text(person, "surname", "person.", false, Limits.NAME, problems), born,
                text(person, "postcode", "person.", false, Limits.POSTCODE, problems),
                List.copyOf(identifierProblems));
    }

    private static Award award(JsonNode award, Type type, List<ValidationIssue> problems) {
        if (award == null) {
            return null;
        }
        String awardId = text(award, "awardId", "award.", true, Limits.RECORD_ID, problems);
        if (type == Type.SUPPORT_WITHDRAWN) {
            return new Award(awardId, null, null, null, null);
        }
        String purpose = text(award, "purpose", "award.", true, 40, problems);
        if (purpose != null && !PURPOSES.contains(purpose)) {
            problems.add(new ValidationIssue("award.purpose", "'" + purpose + "' is not one of "
                    + String.join(", ", PURPOSES.stream().sorted().toList())));
        }
        Pence amount = null;
        JsonNode pence = award.get("amountPence");
        if (pence == null || !pence.isIntegralNumber() || !pence.canConvertToLong() || pence.asLong() <= 0) {
            problems.add(new ValidationIssue("award.amountPence", "must be a whole, positive number of pence written"
                    + " as an integer, got " + pence));
        } else if (pence.asLong() > Limits.MAX_PENCE) {
            problems.add(new ValidationIssue("award.amountPence", "is more than any amount the hub takes ("
                    + new Pence(Limits.MAX_PENCE) + "), got " + pence.asLong()));
        } else {
            amount = new Pence(pence.asLong());
        }
        LocalDate from = date(award, "validFrom", "award.", true, problems);
        LocalDate to = date(award, "validTo", "award.", true, problems);
        if (from != null && to != null && to.isBefore(from)) {
            problems.add(new ValidationIssue("award.validTo", "ends (" + to + ") before validFrom (" + from + ")"));
        }
        return new Award(awardId, purpose, amount, from, to);
    }

    private static Employment employment(JsonNode employment, Type type, List<ValidationIssue> problems) {
        if (employment == null) {
            return null;
        }
        JsonNode hours = employment.get("hoursPerWeek");
        Integer hoursPerWeek = hours != null && hours.isNumber() ? hours.asInt() : null;
        return new Employment(text(employment, "employer", "employment.", true, Limits.ORGANISATION_NAME, problems),
                hoursPerWeek,
                date(employment, "startDate", "employment.", type == Type.EMPLOYMENT_STARTED, problems),
                date(employment, "endDate", "employment.", type == Type.EMPLOYMENT_ENDED, problems));
    }

    private static JsonNode object(JsonNode node, String field, List<ValidationIssue> problems) {
        JsonNode child = node.get(field);
        if (child == null || !child.isObject()) {
            problems.add(new ValidationIssue(field, "is required for this type of event"));
            return null;
        }
        return child;
    }

    /** Text of at most {@code limit} characters, without control characters. */
    private static String text(JsonNode node, String field, String path, boolean required, int limit,
            List<ValidationIssue> problems) {
        String text = text(node, field, path, required, problems);
        String problem = text == null ? null : Limits.problemWithText(text, limit);
        if (problem != null) {
            problems.add(new ValidationIssue(path + field, problem));
            return null;
        }
        return text;
    }

    private static String text(JsonNode node, String field, String path, boolean required,
            List<ValidationIssue> problems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isTextual() && value.asText().isBlank()) {
            if (required) {
                problems.add(new ValidationIssue(path + field, "is required"));
            }
            return null;
        }
        if (!value.isTextual()) {
            problems.add(new ValidationIssue(path + field, "must be text"));
            return null;
        }
        return value.asText().trim();
    }

    private static LocalDate date(JsonNode node, String field, String path, boolean required,
            List<ValidationIssue> problems) {
        String value = text(node, field, path, required, 10, problems);
        if (value == null) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(value);
            String implausible = Limits.implausible(date);
            if (implausible != null) {
                problems.add(new ValidationIssue(path + field, implausible));
                return null;
            }
            return date;
        } catch (DateTimeParseException e) {
            problems.add(new ValidationIssue(path + field, "'" + value + "' is not a date (yyyy-MM-dd)"));
            return null;
        }
    }
}
