package org.joinedup.hub.access;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.joinedup.hub.people.Person;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.ValidationIssue;
import org.joinedup.model.access.Category;
import org.joinedup.model.access.ConsentRule;
import org.joinedup.model.access.Purpose;
import org.joinedup.model.access.RecipientKind;

/**
 * The family's decisions about sharing: recorded (checked field by field), listed, withdrawn. The only writer of
 * {@code consent_directive}; the access decision reads the rules in force on every request, so a decision takes
 * effect on the very next one.
 */
@ApplicationScoped
public class Consents {

    private static final Set<String> AUTHORITIES = Set.of("PARENT", "APPOINTEE", "ATTORNEY", "DEPUTY");

    @Inject
    Organisations organisations;

    /** The person's decisions not withdrawn (in force or not yet / no longer: the rule knows its period). */
    @Transactional
    public List<ConsentRule> rulesOf(UUID personId) {
        return ConsentDirective.<ConsentDirective>list("personId = ?1 and status = ?2", personId,
                ConsentDirective.ACTIVE).stream().map(ConsentDirective::rule).toList();
    }

    @Transactional
    public List<ConsentDirective> of(UUID personId) {
        return ConsentDirective.list("personId = ?1 order by recordedAt", personId);
    }

    @Transactional
    public Optional<ConsentDirective> find(UUID id) {
        return ConsentDirective.findByIdOptional(id);
    }

    /**
     * Refuses a permit that widens the recording organisation's own access unless it holds the family's case: a
     * professional does not record consent for themselves; the family's coordinator records it with the family.
     */
    public void notSelfServing(ConsentDecision decision, PersonAccess recorder) {
        boolean permit = decision.provision() != null && decision.provision().trim().equalsIgnoreCase("permit");
        boolean namesItself = decision.organisations() != null && decision.organisations().stream()
                .anyMatch(o -> o != null && o.trim().equalsIgnoreCase(recorder.organisation()));
        boolean holdsCase = recorder.visibility().relationships()
                .contains(org.joinedup.model.access.Relationship.HOLDS_CASE);
        if (permit && namesItself && !holdsCase) {
            throw new AccessRefusedException("a permit for " + recorder.organisation() + " is recorded by the"
                    + " family's coordinator with the family, not by " + recorder.organisation() + " itself");
        }
    }

    /** Records a decision; refused with an issue per field (unknown organisation, period, proxy, category, purpose). */
    @Transactional
    public ConsentDirective record(UUID personId, ConsentDecision decision, String recordedBy, String recordedByOrg) {
        Person person = Person.findById(personId);
        List<ValidationIssue> issues = new ArrayList<>();
        String provision = decision.provision() == null ? null : decision.provision().trim().toLowerCase(Locale.ROOT);
        if (!"permit".equals(provision) && !"deny".equals(provision)) {
            issues.add(new ValidationIssue("provision", "must be permit or deny, got '" + decision.provision() + "'"));
        }
        List<String> orgs = list(decision.organisations());
        for (int i = 0; i < orgs.size(); i++) {
            if (organisations.find(orgs.get(i)).isEmpty()) {
                issues.add(new ValidationIssue("organisations[" + i + "]", "unknown organisation '" + orgs.get(i)
                        + "': give an ODS, GSS or provider code the hub knows"));
            }
        }
        List<String> recipients = parsed(decision.recipients(), "recipients", issues,
                r -> RecipientKind.parse(r).map(RecipientKind::code), "a kind of agency (council, nhs, housing,"
                        + " benefits, employment, coordinator)");
        List<String> purposes = parsed(decision.purposes(), "purposes", issues, p -> Purpose.parse(p)
                .map(Purpose::code), "a purpose (TREAT, HPAYMT, HOPERAT, HRESCH or direct-support, payment,"
                        + " planning, research)");
        List<String> categories = parsed(decision.categories(), "categories", issues, c -> Category.parse(c)
                .map(Category::code), "a category of " + Category.SYSTEM);
        if (decision.start() != null && decision.end() != null && decision.end().isBefore(decision.start())) {
            issues.add(new ValidationIssue("period.end", "ends (" + decision.end() + ") before it starts ("
                    + decision.start() + ")"));
        }
        String decidedBy = decision.decidedBy() == null || decision.decidedBy().isBlank() ? ConsentDecision.SELF
                : decision.decidedBy().trim();
        String authority = decision.authority() == null || decision.authority().isBlank() ? null
                : decision.authority().trim().toUpperCase(Locale.ROOT);
        checkProxy(person, decidedBy, authority, issues);
        if (!issues.isEmpty()) {
            throw new InvalidMessageException(issues);
        }
        ConsentDirective directive = new ConsentDirective();
        directive.id = UUID.randomUUID();
        directive.personId = personId;
        directive.status = ConsentDirective.ACTIVE;
        directive.provision = provision;
        directive.organisations = orgs.stream().map(o -> o.toUpperCase(Locale.ROOT)).toArray(String[]::new);
        directive.recipients = recipients.toArray(String[]::new);
        directive.purposes = purposes.toArray(String[]::new);
        directive.categories = categories.toArray(String[]::new);
        directive.periodStart = decision.start();
        directive.periodEnd = decision.end();
        directive.decidedBy = decidedBy;
        directive.proxyAuthority = ConsentDecision.SELF.equals(decidedBy) ? null : authority;
        directive.recordedBy = recordedBy;
        directive.recordedByOrg = recordedByOrg == null ? "" : recordedByOrg;
        directive.recordedAt = Instant.now();
        directive.version = 1;
        directive.persist();
        return directive;
    }

    /** Withdraws a decision (status inactive); it stays on record. */
    @Transactional
    public ConsentDirective withdraw(UUID id, String by) {
        ConsentDirective directive = ConsentDirective.findById(id);
        if (ConsentDirective.ACTIVE.equals(directive.status)) {
            directive.status = ConsentDirective.INACTIVE;
            directive.withdrawnBy = by;
            directive.withdrawnAt = Instant.now();
            directive.version++;
        }
        return directive;
    }

    private static void checkProxy(Person person, String decidedBy, String authority, List<ValidationIssue> issues) {
        if (ConsentDecision.SELF.equals(decidedBy)) {
            return;
        }
        if (authority == null) {
            issues.add(new ValidationIssue("decidedBy.authority", decidedBy + " decides for the person: give the"
                    + " authority they hold (PARENT, APPOINTEE, ATTORNEY or DEPUTY)"));
        } else if (!AUTHORITIES.contains(authority)) {
            issues.add(new ValidationIssue("decidedBy.authority", "'" + authority + "' is not PARENT, APPOINTEE,"
                    + " ATTORNEY or DEPUTY"));
        } else if ("PARENT".equals(authority) && person != null && person.birthDate != null) {
            int age = Period.between(person.birthDate, LocalDate.now(ZoneOffset.UTC)).getYears();
            if (age >= 16) {
                issues.add(new ValidationIssue("decidedBy.authority", "a parent decides for a child under 16;"
                        + " this person is " + age + ": an adult decides for themselves, or an attorney, deputy"
                        + " or appointee for them"));
            }
        }
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank())
                .map(String::trim).toList();
    }

    private static List<String> parsed(List<String> values, String field, List<ValidationIssue> issues,
            java.util.function.Function<String, Optional<String>> parse, String expected) {
        List<String> codes = new ArrayList<>();
        List<String> given = values == null ? List.of() : values;
        for (int i = 0; i < given.size(); i++) {
            Optional<String> code = parse.apply(given.get(i));
            if (code.isEmpty()) {
                issues.add(new ValidationIssue(field + "[" + i + "]", "unknown: '" + given.get(i) + "' is not "
                        + expected));
            } else {
                codes.add(code.get());
            }
        }
        return codes;
    }

    /** Records or clears the national data opt-out: reports for planning and research leave the person out. */
    @Transactional
    public void nationalOptOut(UUID personId, boolean optedOut) {
        Person person = Person.findById(personId);
        person.nationalOptOut = optedOut;
        person.nationalOptOutAt = optedOut ? Instant.now() : null;
    }
}
