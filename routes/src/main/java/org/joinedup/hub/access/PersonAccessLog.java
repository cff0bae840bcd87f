package org.joinedup.hub.access;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who looked at a person's record: from the audit, every read and write by any organisation, when, by whom, for what
 * purpose and what it saw; over the whole history (a GP record viewer shows twelve months and only outside
 * organisations). Denied attempts are for the guardians' report, not here.
 */
@ApplicationScoped
public class PersonAccessLog {

    @Inject
    AuditLog audit;

    @Inject
    Organisations organisations;

    /** One access as the family is shown it. */
    public record Access(Instant at, String organisation, String organisationName, String user, String roles,
            String purpose, String action, String what, List<String> categories, String outcome, String detail) {
    }

    public List<Access> of(UUID personId) {
        return audit.ofPerson(personId).stream().map(AuditLog.StoredEntry::entry)
                .filter(e -> e.outcome() != AuditEntry.Outcome.DENIED)
                .map(e -> new Access(e.at(), e.organisation(), e.organisation() == null ? null
                        : organisations.find(e.organisation()).map(Organisations.Organisation::name)
                                .orElse(e.organisation()), e.user(), e.roles(), e.purpose(), e.action(),
                        e.resources(), e.categories().isEmpty() ? List.of() : List.of(e.categories().split(",")),
                        e.outcome().name(), e.outcome() == AuditEntry.Outcome.BREAK_GLASS ? e.detail() : null))
                .toList();
    }
}
