package org.joinedup.hub.budget;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.joinedup.model.ledger.Balances;

/**
 * A person's pooled personal budget as the ledger has it: each contribution with its balances (confirmed,
 * available, committed, paid), the totals, and every posting with who or what caused it, why and the message.
 */
@ApplicationScoped
public class BudgetStatement {

    @Inject
    EntityManager em;

    @Inject
    PooledBudgetLedger ledger;

    public record Statement(String personId, Totals totals, List<ContributionLine> contributions,
            List<PostingLine> postings) {
    }

    public record Totals(long confirmedPence, long availablePence, long committedPence, long paidPence) {
    }

    public record ContributionLine(String contributionId, String agency, String fundingBodyCode, String type,
            String status, long confirmedPence, long availablePence, long committedPence, long paidPence) {
    }

    public record PostingLine(long postingId, String kind, Instant postedAt, java.time.LocalDate valueDate,
            String causedBy, Long messageId, String reason, String contributionId, String account, long pence) {
    }

    /** The whole statement (for the ledger's own checks and benchmarks). */
    @Transactional
    public Statement of(UUID personId) {
        return of(personId, (agency, funder) -> true);
    }

    /** Which contributions a reader may see: by the agency they came from and their funder's code. */
    @FunctionalInterface
    public interface Shown {
        boolean contribution(org.joinedup.model.AgencyKind agency, String funderCode);
    }

    /** The statement of the contributions the reader may see, their totals and postings. */
    @Transactional
    public Statement of(UUID personId, Shown shown) {
        List<ContributionLine> lines = new ArrayList<>();
        long confirmed = 0;
        long available = 0;
        long committed = 0;
        long paid = 0;
        java.util.Set<String> visible = new java.util.HashSet<>();
        for (Contribution c : Contribution.<Contribution>list("person.id = ?1 order by createdAt", personId)) {
            if (!shown.contribution(c.agency, c.fundingBody.code)) {
                continue;
            }
            visible.add(c.id.toString());
            Balances b = ledger.balances(c.id);
            lines.add(new ContributionLine(c.id.toString(), c.agency.name(), c.fundingBody.code, c.type,
                    c.status.name(), b.confirmed(), b.available(), b.committed(), b.paid()));
            confirmed += b.confirmed();
            available += b.available();
            committed += b.committed();
            paid += b.paid();
        }
        List<?> rows = em.createNativeQuery("""
                select p.id, p.kind, p.posted_at, p.caused_by, p.message_id, p.reason, cast(e.contribution_id as varchar),
                       e.account, e.pence, p.value_date
                from ledger_posting p join ledger_entry e on e.posting_id = p.id
                join contribution c on c.id = e.contribution_id
                where c.person_id = ?1 order by p.id, e.id""").setParameter(1, personId).getResultList();
        List<PostingLine> postings = new ArrayList<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            if (!visible.contains((String) r[6])) {
                continue;
            }
            postings.add(new PostingLine(((Number) r[0]).longValue(), (String) r[1], toInstant(r[2]),
                    r[9] instanceof java.sql.Date d ? d.toLocalDate() : (java.time.LocalDate) r[9], (String) r[3],
                    r[4] == null ? null : ((Number) r[4]).longValue(), (String) r[5], (String) r[6], (String) r[7],
                    ((Number) r[8]).longValue()));
        }
        return new Statement(personId.toString(), new Totals(confirmed, available, committed, paid), lines, postings);
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
