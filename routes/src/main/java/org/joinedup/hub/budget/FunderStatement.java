package org.joinedup.hub.budget;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * What a funding body's money did, for its own contributions only: for each contribution to a person's pooled
 * budget, what was confirmed, committed and paid in a period and on which spending categories, from the ledger.
 */
@ApplicationScoped
public class FunderStatement {

    @Inject
    EntityManager em;

    public record Statement(String funder, LocalDate from, LocalDate to, long confirmedPence, long committedPence,
            long paidPence, List<ContributionLine> contributions) {
    }

    public record ContributionLine(String contributionId, String personId, String agency, String type, String status,
            long confirmedPence, long committedPence, long paidPence, Map<String, Long> paidByCategory) {
    }

    @Transactional
    public Statement of(String funder, LocalDate from, LocalDate to) {
        // by the day the money moved in UK time (a payment's paid-on day), not when the posting was written
        Map<String, ContributionLine> lines = new LinkedHashMap<>();
        for (Object row : em.createNativeQuery("""
                select cast(c.id as varchar), cast(c.person_id as varchar), c.agency, c.type, c.status,
                       coalesce(sum(case when e.account = 'FUNDER' then -e.pence else 0 end), 0),
                       coalesce(sum(case when e.account = 'COMMITTED' then e.pence else 0 end), 0),
                       coalesce(sum(case when e.account = 'PAID' then e.pence else 0 end), 0)
                from contribution c join organisation o on o.id = c.funding_body_id
                join ledger_entry e on e.contribution_id = c.id join ledger_posting p on p.id = e.posting_id
                where o.code = ?1 and p.value_date between ?2 and ?3
                group by c.id, c.person_id, c.agency, c.type, c.status order by c.id""")
                .setParameter(1, funder).setParameter(2, from).setParameter(3, to).getResultList()) {
            Object[] r = (Object[]) row;
            lines.put((String) r[0], new ContributionLine((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                    (String) r[4], number(r[5]), number(r[6]), number(r[7]), new LinkedHashMap<>()));
        }
        for (Object row : em.createNativeQuery("""
                select cast(c.id as varchar), p.category, sum(e.pence)
                from contribution c join organisation o on o.id = c.funding_body_id
                join ledger_entry e on e.contribution_id = c.id join ledger_posting p on p.id = e.posting_id
                where o.code = ?1 and p.value_date between ?2 and ?3 and e.account = 'PAID'
                  and p.category is not null
                group by c.id, p.category order by c.id, p.category""")
                .setParameter(1, funder).setParameter(2, from).setParameter(3, to).getResultList()) {
            Object[] r = (Object[]) row;
            ContributionLine line = lines.get((String) r[0]);
            if (line != null) {
                line.paidByCategory().put((String) r[1], number(r[2]));
            }
        }
        List<ContributionLine> all = new ArrayList<>(lines.values());
        return new Statement(funder, from, to, all.stream().mapToLong(ContributionLine::confirmedPence).reduce(0L, Math::addExact),
                all.stream().mapToLong(ContributionLine::committedPence).reduce(0L, Math::addExact),
                all.stream().mapToLong(ContributionLine::paidPence).reduce(0L, Math::addExact), all);
    }

    private static long number(Object value) {
        return org.joinedup.model.Pence.exactly((Number) value);
    }
}
