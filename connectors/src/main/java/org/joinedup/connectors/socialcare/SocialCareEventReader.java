package org.joinedup.connectors.socialcare;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.Limits;
import org.joinedup.model.NhsNumber;
import org.joinedup.model.NiNumber;
import org.joinedup.model.Pence;
import org.joinedup.model.SocialCareEvent;
import org.joinedup.model.SocialCareEvent.Allocation;
import org.joinedup.model.SocialCareEvent.Client;
import org.joinedup.model.SocialCareEvent.HouseholdMember;
import org.joinedup.model.SocialCareEvent.Payment;
import org.joinedup.model.SocialCareEvent.Service;
import org.joinedup.model.SocialCareEvent.Type;
import org.joinedup.model.ValidationIssue;

/**
 * Reads one council event (JSON) and checks it against the council social care interface. Every problem is
 * reported with the field's path ({@code allocation.annualAmountPence}) and the reason; amounts must be whole
 * numbers of pence written as JSON integers. An NHS or NI number that fails its check does not make the event
 * invalid: it is left out of linking and the reason kept with the record.
 */
public class SocialCareEventReader {

    /** Text after the JSON value (two events stuck together, say) makes the whole body invalid. */
    private static final ObjectMapper JSON = org.joinedup.connectors.StrictJson.MAPPER;
    private static final Set<String> SERVICE_KINDS = Set.of("HOME_CARE", "DAY_CARE", "RESIDENTIAL", "RESPITE",
            "MEALS", "OTHER");
    private static final Set<String> DEPARTMENTS = Set.of("ADULT_SOCIAL_CARE", "CHILDRENS_SERVICES", "PUBLIC_HEALTH",
            "HOUSING_SUPPORT");
    private static final Set<String> MANAGEMENT = Set.of("DIRECT_PAYMENT", "MANAGED", "INDIVIDUAL_SERVICE_FUND",
            "MIXED");

    /** Parses text first: text that is not JSON is an invalid event too. */
    public SocialCareEvent read(String json) {
        return read(parse(json));
    }

    /**
     * The body as JSON (one event, or a batch), refusing anything that is not exactly one JSON value, a key given
     * twice, or a NUL character in any text.
     */
    public static JsonNode parse(String json) {
        return org.joinedup.connectors.StrictJson.parse(json);
    }

    public SocialCareEvent read(JsonNode event) {
        Fields f = new Fields(event);
        if (!event.isObject()) {
            throw new InvalidMessageException("$", "an event is a JSON object");
        }
        String eventId = f.text("eventId", true, Limits.MESSAGE_ID);
        Type type = f.oneOf("type", Arrays.stream(Type.values()).map(Enum::name).collect(Collectors.toSet()), true)
                .map(Type::valueOf).orElse(null);
        Instant occurredAt = f.instant("occurredAt");
        String council = f.text("council", true, Limits.RECORD_ID);
        if (council != null && !council.matches("[EWSN]\\d{8}")) {
            f.problem("council", "'" + council + "' is not a 9-character GSS code such as E08000004");
        }
        Client client = client(f);
        List<HouseholdMember> household = household(f);
        Service service = null;
        Allocation allocation = null;
        Payment payment = null;
        if (type == Type.SERVICE_STARTED || type == Type.SERVICE_ENDED) {
            service = service(f.child("service"), type);
        } else if (type == Type.ALLOCATION_CONFIRMED) {
            allocation = allocation(f.child("allocation"));
        } else if (type == Type.PAYMENT_MADE) {
            payment = payment(f.child("payment"));
        }
        f.throwIfAny();
        return new SocialCareEvent(eventId, type, occurredAt, council, client, household, service, allocation,
                payment);
    }

    private static Client client(Fields event) {
        Fields f = event.child("client");
        if (f == null) {
            return null;
        }
        List<ValidationIssue> identifierProblems = new ArrayList<>();
        NhsNumber nhs = null;
        String nhsText = f.text("nhsNumber", false, 20);
        if (nhsText != null) {
            Optional<String> problem = NhsNumber.problemWith(nhsText);
            if (problem.isPresent()) {
                identifierProblems.add(new ValidationIssue("client.nhsNumber", problem.get()
                        + "; not used to link records"));
            } else {
                nhs = NhsNumber.parse(nhsText);
            }
        }
        NiNumber ni = null;
        String niText = f.text("niNumber", false, 20);
        if (niText != null) {
            Optional<String> problem = NiNumber.problemWith(niText);
            if (problem.isPresent()) {
                identifierProblems.add(new ValidationIssue("client.niNumber", problem.get()
                        + "; not used to link records"));
            } else {
                ni = NiNumber.parse(niText);
            }
        }
        LocalDate born = f.date("dateOfBirth", false);
        if (born != null && born.isAfter(LocalDate.now(java.time.ZoneId.of("Europe/London")))) {
            f.problem("dateOfBirth", born + " is in the future");
            born = null;
        }
        return new Client(f.text("clientId", true, Limits.RECORD_ID), nhs, ni, f.text("forename", false, Limits.NAME),
                f.text("surname", false, Limits.NAME), born, f.text("postcode", false, Limits.POSTCODE),
                f.text("address", false, Limits.TEXT), List.copyOf(identifierProblems));
    }

    private static List<HouseholdMember> household(Fields event) {
        JsonNode list = event.node.get("household");
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            event.problem("household", "must be a list of {clientId, relationship}");
            return List.of();
        }
        List<HouseholdMember> members = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Fields member = new Fields(list.get(i), "household[" + i + "]", event.problems);
            members.add(new HouseholdMember(member.text("clientId", true, Limits.RECORD_ID),
                    member.text("relationship", true, Limits.RELATIONSHIP)));
        }
        return members;
    }

    private static Service service(Fields f, Type type) {
        if (f == null) {
            return null;
        }
        if (type == Type.SERVICE_STARTED) {
            return new Service(f.text("serviceId", true, Limits.RECORD_ID), f.oneOf("kind", SERVICE_KINDS, true)
                    .orElse(null), f.text("provider", true, Limits.ORGANISATION_NAME), f.pence("weeklyCostPence")
                    .map(Pence::value).orElse(null), f.date("startDate", true), null);
        }
        return new Service(f.text("serviceId", true, Limits.RECORD_ID), null, null, null, null,
                f.date("endDate", true));
    }

    private static Allocation allocation(Fields f) {
        if (f == null) {
            return null;
        }
        Allocation allocation = new Allocation(f.text("allocationId", true, Limits.RECORD_ID),
                f.oneOf("department", DEPARTMENTS, true).orElse(null), f.pence("annualAmountPence").orElse(null),
                f.date("periodStart", true), f.date("periodEnd", true),
                f.oneOf("management", MANAGEMENT, true).orElse(null));
        if (allocation.periodStart() != null && allocation.periodEnd() != null
                && allocation.periodEnd().isBefore(allocation.periodStart())) {
            f.problem("periodEnd", "ends (" + allocation.periodEnd() + ") before periodStart ("
                    + allocation.periodStart() + ")");
        }
        return allocation;
    }

    private static Payment payment(Fields f) {
        if (f == null) {
            return null;
        }
        Payment payment = new Payment(f.text("paymentId", true, Limits.RECORD_ID), f.text("allocationId", true,
                Limits.RECORD_ID), f.pence("amountPence").orElse(null), f.date("paidOn", true), f.text("payee", true,
                Limits.ORGANISATION_NAME), f.text("category", true, Limits.CATEGORY));
        if (payment.amount() != null && payment.amount().value() == 0) {
            f.problem("amountPence", "a payment must be more than 0");
        }
        return payment;
    }

    /** Typed access to an object's fields that records a problem, with its path, for each field that is wrong. */
    private static final class Fields {
        final JsonNode node;
        final String path;
        final List<ValidationIssue> problems;

        Fields(JsonNode node) {
            this(node, "", new ArrayList<>());
        }

        Fields(JsonNode node, String path, List<ValidationIssue> problems) {
            this.node = node;
            this.path = path;
            this.problems = problems;
        }

        Fields child(String name) {
            JsonNode child = node.get(name);
            if (child == null || !child.isObject()) {
                problem(name, child == null || child.isNull() ? "is required for this type of event"
                        : "must be an object");
                return null;
            }
            return new Fields(child, at(name), problems);
        }

        void problem(String field, String reason) {
            problems.add(new ValidationIssue(at(field), reason));
        }

        private String at(String field) {
            return path.isEmpty() ? field : path + "." + field;
        }

        /** Text of at most {@code limit} characters, without control characters. */
        String text(String field, boolean required, int limit) {
            String text = text(field, required);
            if (text == null) {
                return null;
            }
            String problem = Limits.problemWithText(text, limit);
            if (problem != null) {
                problem(field, problem);
                return null;
            }
            return text;
        }

        private String text(String field, boolean required) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull() || value.isTextual() && value.asText().isBlank()) {
                if (required) {
                    problem(field, "is required");
                }
                return null;
            }
            if (!value.isTextual()) {
                problem(field, "must be text");
                return null;
            }
            return value.asText().trim();
        }

        Optional<String> oneOf(String field, Set<String> allowed, boolean required) {
            String value = text(field, required, 100);
            if (value != null && !allowed.contains(value)) {
                problem(field, "'" + value + "' is not one of " + String.join(", ", allowed.stream().sorted().toList()));
                return Optional.empty();
            }
            return Optional.ofNullable(value);
        }

        LocalDate date(String field, boolean required) {
            String value = text(field, required, 10);
            if (value == null) {
                return null;
            }
            try {
                LocalDate date = LocalDate.parse(value);
                String implausible = Limits.implausible(date);
                if (implausible != null) {
                    problem(field, implausible);
                    return null;
                }
                return date;
            } catch (DateTimeParseException e) {
                problem(field, "'" + value + "' is not a date (yyyy-MM-dd)");
                return null;
            }
        }

        Instant instant(String field) {
            String value = text(field, true, 40);
            if (value == null) {
                return null;
            }
            try {
                Instant instant = Instant.parse(value);
                String implausible = Limits.implausible(instant.atZone(java.time.ZoneOffset.UTC).toLocalDate());
                if (implausible != null) {
                    problem(field, implausible);
                    return null;
                }
                if (instant.isAfter(Instant.now().plus(Limits.CLOCK_SKEW))) {
                    problem(field, value + " is in the future (more than " + Limits.CLOCK_SKEW.toMinutes()
                            + " minutes ahead of the hub's clock)");
                    return null;
                }
                return instant;
            } catch (DateTimeParseException e) {
                problem(field, "'" + value + "' is not an ISO-8601 instant such as 2026-11-20T09:41:07Z");
                return null;
            }
        }

        Optional<Pence> pence(String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                problem(field, "is required");
            } else if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                problem(field, "must be a whole number of pence written as an integer, got " + value);
            } else if (value.asLong() < 0) {
                problem(field, "must not be negative, got " + value.asLong());
            } else if (value.asLong() > Limits.MAX_PENCE) {
                problem(field, "is more than any amount the hub takes (" + new Pence(Limits.MAX_PENCE) + "), got "
                        + value.asLong());
            } else {
                return Optional.of(new Pence(value.asLong()));
            }
            return Optional.empty();
        }

        void throwIfAny() {
            if (!problems.isEmpty()) {
                throw new InvalidMessageException(problems);
            }
        }
    }
}
