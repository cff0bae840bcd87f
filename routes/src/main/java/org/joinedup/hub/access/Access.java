package org.joinedup.hub.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.joinedup.hub.platform.HubConfig;
import org.joinedup.hub.security.Caller;
import org.joinedup.model.access.AccessRules;
import org.joinedup.model.access.Category;
import org.joinedup.model.access.Purpose;
import org.joinedup.model.access.Recipient;
import org.joinedup.model.access.RecipientKind;
import org.joinedup.model.access.Relationship;
import org.joinedup.model.access.SharingAgreement;

/**
 * The one access decision. Every endpoint asks it before it reads or writes: for one person ({@link #read},
 * {@link #write}), for the people a search found ({@link #readAll}), or for a request that reads no one person's
 * record ({@link #operation}). It takes the caller (organisation, roles), the purpose, the person and the action,
 * answers what is permitted (or that the person does not exist for the caller), and records the audit entry before
 * anything is answered.
 */
@ApplicationScoped
public class Access {

    /** The kinds of action the audit tells apart. */
    public enum Action {
        READ, WRITE
    }

    @Inject
    Caller caller;

    @Inject
    AccessTrail trail;

    @Inject
    Relationships relationships;

    @Inject
    Consents consents;

    @Inject
    Organisations organisations;

    @Inject
    BreakGlass breakGlass;

    @Inject
    AuditLog audit;

    @Inject
    HubConfig config;

    private AccessRules rules;

    @PostConstruct
    void load() {
        SharingAgreement agreement;
        try (var reader = SharingFiles.open(config.access().sharingAgreement(), "sharing-agreement.properties")) {
            agreement = SharingAgreement.read(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rules = new AccessRules(agreement);
    }

    /** Reads one person's record: what it may see, or {@link NotVisibleException} (404). Audited. */
    public PersonAccess read(UUID personId, String resource) {
        return one(personId, Action.READ, resource, "no person " + personId);
    }

    /** Writes to one person's record: the caller must know them (else 404). Audited. */
    public PersonAccess write(UUID personId, String resource) {
        return one(personId, Action.WRITE, resource, "no person " + personId);
    }

    /**
     * Reads or writes a person's record reached through something of theirs (a plan, an assessment, a
     * contribution, a case): a caller who may not know the person is told only that there is no such thing
     * ({@code hiddenAs}, for example "no plan <id>"), never whose it is.
     */
    public PersonAccess through(UUID personId, Action action, String resource, String hiddenAs) {
        return one(personId, action, resource, hiddenAs);
    }

    /** The people a search found that the caller may know (the others are left out, as if absent). Audited. */
    public List<PersonAccess> readAll(Collection<UUID> people, String resource) {
        return many(people, Action.READ, resource);
    }

    /** A write touching several people's records (a payment run): those the caller may know. Audited. */
    public List<PersonAccess> writeAll(Collection<UUID> people, String resource) {
        return many(people, Action.WRITE, resource);
    }

    private List<PersonAccess> many(Collection<UUID> people, Action action, String resource) {
        Purpose purpose = purpose(Purpose.DIRECT_SUPPORT);
        List<PersonAccess> decided = decide(new LinkedHashSet<>(people), purpose);
        List<PersonAccess> known = decided.stream().filter(a -> a.outcome() != AuditEntry.Outcome.DENIED).toList();
        List<AuditEntry> entries = new ArrayList<>();
        for (PersonAccess a : known) {
            entries.add(entry(purpose, a.personId(), a.categories(), action, resource, a.outcome(), detail(a)));
        }
        if (known.isEmpty()) {
            entries.add(entry(purpose, null, Set.of(), action, resource, AuditEntry.Outcome.PERMITTED,
                    "found no one the caller may see"));
        }
        finish(entries);
        return known;
    }

    /**
     * A request that reads or changes no one person's record (rules, operations, an aggregate report): permitted by
     * the role the endpoint declares; audited with what it touched.
     */
    public void operation(Action action, String resource) {
        finish(List.of(entry(purpose(Purpose.DIRECT_SUPPORT), null, Set.of(), action, resource,
                AuditEntry.Outcome.PERMITTED, null)));
    }

    /**
     * An aggregate report (the purpose defaults to planning): permitted by the role the endpoint declares; the report
     * itself leaves out people with the national data opt-out and names no one. Audited.
     */
    public void report(String resource) {
        finish(List.of(entry(purpose(Purpose.PLANNING), null, Set.of(), Action.READ, resource,
                AuditEntry.Outcome.PERMITTED, "aggregate: people with the national data opt-out left out")));
    }

    /**
     * A sign-in to or sign-out of the web app, in the audit like every request: who (not yet the request's caller,
     * or no longer), their organisation and roles.
     */
    public void session(String user, String organisation, Set<String> roles, String what) {
        finish(List.of(new AuditEntry(AuditLog.now(), user, organisation, String.join(",", new TreeSet<>(roles)),
                Purpose.DIRECT_SUPPORT.code(), null, "", Action.WRITE.name(), trail.endpoint(), "WebSession/" + what,
                AuditEntry.Outcome.PERMITTED, null, trail.clientAddress())));
    }

    /**
     * Break-glass: opens a person's whole record to the caller for {@code hub.access.break-glass-duration}, without
     * consent or relationship, for the reason given; audited as such and alerted to the coordinator and guardians.
     */
    public BreakGlassOpening breakGlass(UUID personId, String reason) {
        Purpose purpose = purpose(Purpose.DIRECT_SUPPORT);
        // the reason is asked for first, so the answer says nothing about whether the person exists
        if (reason == null || reason.isBlank()) {
            finish(List.of(entry(purpose, personId, Set.of(), Action.READ, "Person/" + personId + "/break-glass",
                    AuditEntry.Outcome.DENIED, "break-glass refused: no reason given")));
            throw new org.joinedup.model.InvalidMessageException("reason", "break-glass needs the reason: why the"
                    + " person's safety is at risk and why the record must be opened now");
        }
        if (!relationships.of(Set.of(), List.of(personId)).containsKey(personId)) {
            finish(List.of(entry(purpose, personId, Set.of(), Action.READ, "Person/" + personId + "/break-glass",
                    AuditEntry.Outcome.DENIED, "no such person")));
            throw new NotVisibleException(personId);
        }
        org.joinedup.model.AgencyKind agency = caller.hasRole(Caller.TRUST) ? org.joinedup.model.AgencyKind.NHS
                : org.joinedup.model.AgencyKind.SOCIAL_CARE;
        BreakGlassOpening opened = breakGlass.open(personId, caller.name(), caller.agency(), agency, reason);
        finish(List.of(entry(purpose, personId, EnumSet.allOf(Category.class), Action.READ,
                "Person/" + personId + "/break-glass", AuditEntry.Outcome.BREAK_GLASS, "opened until "
                        + opened.expiresAt + ": " + opened.reason)));
        return opened;
    }

    /**
     * A request answered with a refusal before it reached the decision (its role may not call the endpoint, its
     * input was unreadable): the denied entry to record, so the audit holds every attempt. Built here, written by the
     * caller ({@link AuditLog#append}), which may have to leave the I/O thread to write it.
     */
    public Optional<AuditEntry> refusedBeforeDecision(int status) {
        if (trail.wasDecided() || caller.name().equals("anonymous")) {
            return Optional.empty();
        }
        trail.decided();
        return Optional.of(entry(Purpose.parse(trail.purposeHeader()).orElse(Purpose.DIRECT_SUPPORT), null,
                Set.of(), Action.READ, trail.endpoint(), AuditEntry.Outcome.DENIED, "answered " + status
                        + " before the access decision"));
    }

    /** Who is asking, as the sharing agreement names them. */
    public Recipient recipient() {
        String organisation = caller.agency();
        RecipientKind kind;
        if (caller.hasRole(Caller.COORDINATOR)) {
            kind = RecipientKind.COORDINATOR;
        } else if (caller.hasRole(Caller.COUNCIL) || caller.hasRole(Caller.FINANCE)) {
            kind = RecipientKind.COUNCIL;
        } else if (caller.hasRole(Caller.TRUST)) {
            kind = RecipientKind.NHS;
        } else if (caller.hasRole(Caller.OPERATOR)) {
            kind = RecipientKind.OPERATOR;
        } else {
            kind = organisations.find(organisation).map(Organisations.Organisation::kind)
                    .orElseThrow(() -> new AccessRefusedException("organisation '" + organisation
                            + "' is not in the hub's directory of organisations"));
        }
        return new Recipient(organisation == null ? "" : organisation, kind);
    }

    /** The request's purpose: its {@code X-Purpose} header, else the role's default. */
    public Purpose purpose(Purpose endpointDefault) {
        String header = trail.purposeHeader();
        if (header != null && !header.isBlank()) {
            return Purpose.parse(header).orElseThrow(() -> new PurposeException(header));
        }
        if (endpointDefault != Purpose.DIRECT_SUPPORT) {
            return endpointDefault;
        }
        return caller.hasRole(Caller.FINANCE) && !caller.hasRole(Caller.COUNCIL) ? Purpose.PAYMENT
                : Purpose.DIRECT_SUPPORT;
    }

    private PersonAccess one(UUID personId, Action action, String resource, String hiddenAs) {
        Purpose purpose = purpose(Purpose.DIRECT_SUPPORT);
        PersonAccess decided = decide(Set.of(personId), purpose).get(0);
        finish(List.of(entry(purpose, personId, decided.categories(), action, resource, decided.outcome(),
                detail(decided))));
        if (decided.outcome() == AuditEntry.Outcome.DENIED) {
            throw new NotVisibleException(hiddenAs);
        }
        if (decided.breakGlassUntil() != null) {
            trail.breakGlassUsed("opened in an emergency by " + caller.name() + " until " + decided.breakGlassUntil()
                    + "; this access is reviewed by the organisation's guardian");
        }
        return decided;
    }

    private List<PersonAccess> decide(Set<UUID> people, Purpose purpose) {
        Recipient recipient = recipient();
        if (config.access().benchmarkBypass()) {
            return people.stream().map(p -> new PersonAccess(p, new AccessRules.Visibility(recipient,
                    EnumSet.of(Relationship.HOLDS_CASE), EnumSet.allOf(Category.class)), AuditEntry.Outcome.PERMITTED,
                    null)).toList();
        }
        Map<UUID, Set<Relationship>> found = relationships.of(organisations.holders(recipient.organisation()),
                people);
        Instant now = Instant.now();
        List<PersonAccess> decided = new ArrayList<>(people.size());
        for (UUID person : people) {
            Set<Relationship> known = found.containsKey(person) ? EnumSet.copyOf(withOperator(found.get(person),
                    recipient)) : EnumSet.noneOf(Relationship.class);
            AccessRules.Visibility visibility = found.containsKey(person)
                    ? rules.decide(recipient, purpose, known, consents.rulesOf(person), now)
                    : new AccessRules.Visibility(recipient, Set.of(), Set.of());
            Optional<BreakGlassOpening> opened = found.containsKey(person)
                    ? breakGlass.inForce(person, caller.name(), now) : Optional.empty();
            AuditEntry.Outcome outcome = opened.isPresent() ? AuditEntry.Outcome.BREAK_GLASS
                    : !visibility.known() ? AuditEntry.Outcome.DENIED
                    : visibility.complete() ? AuditEntry.Outcome.PERMITTED : AuditEntry.Outcome.PARTLY;
            decided.add(new PersonAccess(person, visibility, outcome, opened.map(o -> o.expiresAt).orElse(null)));
        }
        return decided;
    }

    private static Set<Relationship> withOperator(Set<Relationship> found, Recipient recipient) {
        if (recipient.kind() != RecipientKind.OPERATOR) {
            return found.isEmpty() ? EnumSet.noneOf(Relationship.class) : found;
        }
        EnumSet<Relationship> with = found.isEmpty() ? EnumSet.noneOf(Relationship.class) : EnumSet.copyOf(found);
        with.add(Relationship.OPERATES_HUB);
        return with;
    }

    private static String detail(PersonAccess decided) {
        if (decided.outcome() == AuditEntry.Outcome.DENIED) {
            return "no legitimate relationship";
        }
        String why = decided.visibility().relationships().stream().map(Enum::name).sorted()
                .collect(Collectors.joining(","));
        return decided.breakGlassUntil() != null ? "break-glass until " + decided.breakGlassUntil() + "; " + why
                : why;
    }

    private AuditEntry entry(Purpose purpose, UUID personId, Set<Category> categories, Action action,
            String resource, AuditEntry.Outcome outcome, String detail) {
        return new AuditEntry(AuditLog.now(), caller.name(), caller.agency(),
                String.join(",", new TreeSet<>(caller.roles())), purpose.code(), personId,
                categories.stream().map(Category::code).sorted().collect(Collectors.joining(",")), action.name(),
                trail.endpoint(), resource, outcome, detail, trail.clientAddress());
    }

    private void finish(List<AuditEntry> entries) {
        if (!config.access().benchmarkBypass()) {
            audit.append(entries);
        }
        trail.decided();
    }
}
