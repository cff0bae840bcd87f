package org.joinedup.hub.pool;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * A pool statement per partner for a period, reproduced exactly from the ledger: what the partner put in (deposits
 * for the period), what its money confirmed to personal budgets, committed to approved plan lines and paid (net
 * movements posted in the period), on which categories, for how many people, and what is left of what it put in.
 * A partner's money is its contributions: funding body code, and department when the partner names one.
 */
@ApplicationScoped
public class PoolStatement {

    @Inject
    EntityManager em;

    public record Statement(String poolId, String name, String host, LocalDate from, LocalDate to,
            List<PartnerLine> partners) {
    }

    public record PartnerLine(String code, String department, String name, long putInPence, long confirmedPence,
            long committedPence, long paidPence, long leftPence, long people, List<CategoryLine> categories) {
    }

    public record CategoryLine(String category, long committedPence, long paidPence) {
    }

    @Transactional
    public Optional<Statement> of(UUID poolId, LocalDate from, LocalDate to) {
        List<?> pool = em.createNativeQuery("select name, host_code from pooled_fund where id = ?1")
                .setParameter(1, poolId).getResultList();
        if (pool.isEmpty()) {
            return Optional.empty();
        }
        Object[] p = (Object[]) pool.get(0);
        List<PartnerLine> partners = new ArrayList<>();
        for (Object row : em.createNativeQuery("select partner_code, department, name from pool_partner"
                + " where pool_id = ?1 order by partner_code").setParameter(1, poolId).getResultList()) {
            Object[] partner = (Object[]) row;
            String code = (String) partner[0];
            String department = (String) partner[1];
            // what the partner put in, from the ledger: the deposits whose period meets the statement's
            long putIn = number(em.createNativeQuery("select coalesce(sum(e.pence), 0) from ledger_entry e join"
                    + " pool_deposit d on d.posting_id = e.posting_id where e.pool_id = ?1 and e.pool_partner = ?2"
                    + " and e.account = 'POOL_HELD' and d.period_start <= ?4 and d.period_end >= ?3")
                    .setParameter(1, poolId).setParameter(2, code).setParameter(3, from).setParameter(4, to)
                    .getSingleResult());
            String money = " from ledger_entry e join ledger_posting lp on lp.id = e.posting_id"
                    + " join contribution c on c.id = e.contribution_id join organisation o on o.id = c.funding_body_id"
                    + " where o.code = ?1 and (cast(?2 as varchar) is null or c.type = ?2)"
                    + " and lp.value_date between ?3 and ?4"; // the day the money moved, in UK time
            Object[] sums = (Object[]) em.createNativeQuery("select"
                    + " coalesce(sum(case when e.account = 'FUNDER' then -e.pence else 0 end), 0),"
                    + " coalesce(sum(case when e.account = 'COMMITTED' then e.pence else 0 end), 0),"
                    + " coalesce(sum(case when e.account = 'PAID' then e.pence else 0 end), 0),"
                    + " count(distinct case when lp.kind in ('COMMITMENT', 'PAYMENT') then c.person_id end)" + money)
                    .setParameter(1, code).setParameter(2, department).setParameter(3, from).setParameter(4, to)
                    .getSingleResult();
            List<CategoryLine> categories = new ArrayList<>();
            for (Object c : em.createNativeQuery("select lp.category,"
                    + " coalesce(sum(case when e.account = 'COMMITTED' then e.pence else 0 end), 0), coalesce(sum(case when e.account = 'PAID' then e.pence else 0 end), 0)" + money
                    + " and lp.category is not null group by lp.category order by lp.category")
                    .setParameter(1, code).setParameter(2, department).setParameter(3, from).setParameter(4, to)
                    .getResultList()) {
                Object[] cat = (Object[]) c;
                categories.add(new CategoryLine((String) cat[0], number(cat[1]), number(cat[2])));
            }
            long committed = number(sums[1]);
            long paid = number(sums[2]);
            partners.add(new PartnerLine(code, department, (String) partner[2], putIn, number(sums[0]), committed, paid,
                    putIn - committed - paid, number(sums[3]), categories));
        }
        return Optional.of(new Statement(poolId.toString(), (String) p[0], (String) p[1], from, to, partners));
    }

    /** The statement as CSV: one row per partner and category (and one per partner for its totals). */
    public static String csv(Statement s) {
        StringBuilder out = new StringBuilder("pool,partner,department,category,put_in_pence,confirmed_pence,"
                + "committed_pence,paid_pence,left_pence,people\n");
        for (PartnerLine p : s.partners()) {
            out.append(String.join(",", s.poolId(), p.code(), nullToEmpty(p.department()), "ALL",
                    Long.toString(p.putInPence()), Long.toString(p.confirmedPence()), Long.toString(p.committedPence()),
                    Long.toString(p.paidPence()), Long.toString(p.leftPence()), Long.toString(p.people()))).append('\n');
            for (CategoryLine c : p.categories()) {
                out.append(String.join(",", s.poolId(), p.code(), nullToEmpty(p.department()), c.category(), "", "",
                        Long.toString(c.committedPence()), Long.toString(c.paidPence()), "", "")).append('\n');
            }
        }
        return out.toString();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static long number(Object value) {
        return org.joinedup.model.Pence.exactly((Number) value);
    }
}
