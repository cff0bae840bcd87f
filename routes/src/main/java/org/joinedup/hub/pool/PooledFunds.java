package org.joinedup.hub.pool;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.ValidationIssue;

/**
 * Councils' pooled funds (section 75 style): set up with a host and partners, and what each partner puts in by
 * period. Kept in plain tables; the money they pay out is the ledger's.
 */
@ApplicationScoped
public class PooledFunds {

    @Inject
    EntityManager em;

    @Inject
    org.joinedup.hub.budget.PooledBudgetLedger ledger;

    public record Partner(String code, String department, String name) {
    }

    @Transactional
    public UUID create(String name, String hostCode, List<Partner> partners, String by) {
        List<ValidationIssue> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add(new ValidationIssue("name", "a pool needs a name"));
        }
        if (hostCode == null || hostCode.isBlank()) {
            problems.add(new ValidationIssue("hostCode", "a pool needs a host"));
        }
        if (partners == null || partners.isEmpty()) {
            problems.add(new ValidationIssue("partners", "a pool needs its partners"));
        }
        for (int i = 0; partners != null && i < partners.size(); i++) {
            if (partners.get(i).code() == null || partners.get(i).name() == null) {
                problems.add(new ValidationIssue("partners[" + i + "]", "code and name are needed"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidMessageException(problems);
        }
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into pooled_fund (id, name, host_code, created_by, created_at)"
                + " values (?1, ?2, ?3, ?4, ?5)").setParameter(1, id).setParameter(2, name)
                .setParameter(3, hostCode.trim().toUpperCase(Locale.UK)).setParameter(4, by)
                .setParameter(5, Instant.now()).executeUpdate();
        for (Partner partner : partners) {
            em.createNativeQuery("insert into pool_partner (pool_id, partner_code, department, name)"
                    + " values (?1, ?2, ?3, ?4)").setParameter(1, id)
                    .setParameter(2, partner.code().trim().toUpperCase(Locale.UK))
                    .setParameter(3, partner.department()).setParameter(4, partner.name()).executeUpdate();
        }
        return id;
    }

    /** Whether the organisation hosts the pool or is one of its partners. */
    @Transactional
    public boolean involves(UUID poolId, String organisation) {
        return organisation != null && !em.createNativeQuery("select 1 from pooled_fund f where f.id = ?1 and"
                + " (upper(f.host_code) = upper(?2) or exists (select 1 from pool_partner p where p.pool_id = f.id"
                + " and upper(p.partner_code) = upper(?2)))").setParameter(1, poolId).setParameter(2, organisation)
                .getResultList().isEmpty();
    }

    /** The pool's host, if there is such a pool. */
    @Transactional
    public java.util.Optional<String> hostOf(UUID poolId) {
        return em.createNativeQuery("select host_code from pooled_fund where id = ?1").setParameter(1, poolId)
                .getResultList().stream().findFirst().map(Object::toString);
    }

    /** A deposit recorded, or found recorded before under the same partner's reference ({@code repeat}). */
    public record Deposit(UUID id, boolean repeat) {
    }

    /**
     * Records what a partner put in, once per partner's {@code reference}: the same deposit sent again (a retried
     * request) is found, not counted twice; the same reference with other terms is refused.
     */
    @Transactional(dontRollbackOn = org.joinedup.model.ledger.LedgerRefusal.class)
    public Deposit deposit(UUID poolId, String partnerCode, String reference, LocalDate from, LocalDate to,
            String money, long pence, String by) {
        List<ValidationIssue> problems = new ArrayList<>();
        if (reference == null || reference.isBlank() || reference.length() > 100) {
            problems.add(new ValidationIssue("reference", "give the partner's own reference for this deposit (at most"
                    + " 100 characters), so that a deposit sent again is counted once"));
        }
        String partner = partnerCode == null ? null : partnerCode.trim().toUpperCase(Locale.UK);
        if (partner == null || em.createNativeQuery("select 1 from pool_partner where pool_id = ?1 and partner_code"
                + " = ?2").setParameter(1, poolId).setParameter(2, partner).getResultList().isEmpty()) {
            problems.add(new ValidationIssue("partnerCode", "'" + partnerCode + "' is not a partner of pool " + poolId));
        }
        if (from == null || to == null || to.isBefore(from)) {
            problems.add(new ValidationIssue("periodEnd", "give periodStart and a periodEnd not before it"));
        }
        if (pence <= 0) {
            problems.add(new ValidationIssue("amountPence", "must be more than 0"));
        }
        String kind = money == null ? "REVENUE" : money.toUpperCase(Locale.ROOT);
        if (!kind.equals("REVENUE") && !kind.equals("CAPITAL")) {
            problems.add(new ValidationIssue("money", "REVENUE or CAPITAL"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidMessageException(problems);
        }
        UUID id = UUID.randomUUID();
        // two sendings at once: one inserts, the other waits on the unique reference and then finds it
        int inserted = em.createNativeQuery("insert into pool_deposit (id, pool_id, partner_code, reference,"
                + " period_start, period_end, money, amount_pence, recorded_by, recorded_at) values (?1, ?2, ?3, ?4,"
                + " ?5, ?6, ?7, ?8, ?9, ?10) on conflict (pool_id, partner_code, reference) do nothing")
                .setParameter(1, id).setParameter(2, poolId).setParameter(3, partner).setParameter(4, reference)
                .setParameter(5, from).setParameter(6, to).setParameter(7, kind).setParameter(8, pence)
                .setParameter(9, by).setParameter(10, Instant.now()).executeUpdate();
        if (inserted == 1) {
            // the money itself moves in the ledger: partner to pool, who and why, on the day it is recorded
            long posting = ledger.depositIntoPool(poolId, partner, pence, "pool-deposit:" + poolId + ":" + partner
                    + ":" + reference, new org.joinedup.hub.budget.PooledBudgetLedger.Cause(by, partner + " deposit "
                            + reference + " into pool " + poolId + " (" + kind + ", " + from + " to " + to + ")",
                            null)).postingId();
            em.createNativeQuery("update pool_deposit set posting_id = ?2 where id = ?1").setParameter(1, id)
                    .setParameter(2, posting).executeUpdate();
            return new Deposit(id, false);
        }
        Object[] known = (Object[]) em.createNativeQuery("select id, period_start, period_end, money, amount_pence"
                + " from pool_deposit where pool_id = ?1 and partner_code = ?2 and reference = ?3")
                .setParameter(1, poolId).setParameter(2, partner).setParameter(3, reference).getSingleResult();
        LocalDate knownFrom = known[1] instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) known[1];
        LocalDate knownTo = known[2] instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) known[2];
        long knownPence = ((Number) known[4]).longValue();
        if (!knownFrom.equals(from) || !knownTo.equals(to) || !kind.equals(known[3]) || knownPence != pence) {
            throw new org.joinedup.model.ledger.LedgerRefusal(partner + " deposit " + reference + " was recorded"
                    + " already as " + new org.joinedup.model.Pence(knownPence) + " of " + known[3] + " money for "
                    + knownFrom + " to " + knownTo + ": a deposit is not changed; send a new one with its own"
                    + " reference");
        }
        return new Deposit((UUID) known[0], true);
    }

    /** A pool as set up: its host and partners. */
    public record Pool(String id, String name, String hostCode, List<Partner> partners) {
    }

    /** Every pool, oldest first. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Pool> all() {
        List<Pool> pools = new ArrayList<>();
        for (Object[] row : (List<Object[]>) em.createNativeQuery("select cast(id as varchar), name, host_code from"
                + " pooled_fund order by created_at, id").getResultList()) {
            List<Partner> partners = ((List<Object[]>) em.createNativeQuery("select partner_code, department, name"
                    + " from pool_partner where pool_id = cast(?1 as uuid) order by partner_code")
                    .setParameter(1, row[0]).getResultList()).stream()
                    .map(p -> new Partner((String) p[0], (String) p[1], (String) p[2])).toList();
            pools.add(new Pool((String) row[0], (String) row[1], (String) row[2], partners));
        }
        return pools;
    }
}
