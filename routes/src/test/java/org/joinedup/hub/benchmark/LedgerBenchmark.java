package org.joinedup.hub.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.joinedup.hub.budget.PooledBudgetLedger;
import org.joinedup.hub.pool.PoolStatement;
import org.joinedup.hub.pool.PooledFunds;
import org.joinedup.hub.support.HubTestResource;
import org.joinedup.model.ledger.LedgerRefusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Ledger benchmarks on the hub's real code and its embedded PostgreSQL (not run by the normal build; prints figures):
 *
 * <pre>
 * ./mvnw -B -q install -DskipTests &amp;&amp; ./mvnw -B -pl routes test -Dtest=LedgerBenchmark -Dbenchmark=true
 * </pre>
 *
 * <p>1. Postings: {@code -Dbenchmark.contributions} (2,000) contributions of £1,000,000 each; {@code -Dbenchmark.threads}
 * (8) threads for {@code -Dbenchmark.seconds} (30) post commitments and payments of £1.00 through
 * {@link PooledBudgetLedger} ({@code -Dbenchmark.batch} (1) postings per transaction; each posting locks its
 * contribution, derives its balances, checks the rules, writes the posting and its entries; PostgreSQL checks at
 * commit that every posting balances). Then every
 * invariant is checked over the whole ledger: each posting sums to zero; no balance below zero; confirmed = available
 * + committed + paid. Target: >= 5,000 postings/s.
 *
 * <p>2. Pool statement: {@code -Dbenchmark.people} (100,000) people each with a council contribution in a pool,
 * confirmed, one commitment and one payment (made in bulk with SQL), then {@link PoolStatement} for the year, timed
 * (best of 3). Target: <= 2 s.
 *
 * <p>With {@code -Dbenchmark.set-based=true}, each transaction posts its {@code -Dbenchmark.batch} movements through
 * {@link org.joinedup.hub.budget.LedgerBatch} (as a payment run does): the contributions locked in one statement,
 * their balances read in one, the postings and entries written in one each; the same rules and invariants.
 */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class LedgerBenchmark {

    @Inject
    PooledBudgetLedger ledger;

    @Inject
    org.joinedup.hub.budget.LedgerBatch batches;

    @Inject
    PoolStatement statements;

    @Inject
    PooledFunds pools;

    @Inject
    EntityManager em;

    @Test
    void postingsPerSecondWithInvariantsChecked() throws Exception {
        int contributions = Integer.getInteger("benchmark.contributions", 2_000);
        int threads = Integer.getInteger("benchmark.threads", 8);
        int seconds = Integer.getInteger("benchmark.seconds", 30);
        int batch = Integer.getInteger("benchmark.batch", 1);
        boolean setBased = Boolean.getBoolean("benchmark.set-based");
        List<UUID> ids = QuarkusTransaction.requiringNew().call(() -> contributions("BENCH-P", contributions,
                100_000_000L));
        for (UUID id : ids) {
            QuarkusTransaction.requiringNew().run(() -> {
                em.createNativeQuery("insert into ledger_posting (kind, idempotency_key, caused_by, reason)"
                        + " values ('CONTRIBUTION_CONFIRMED', ?1, 'benchmark', 'set-up') ").setParameter(1,
                        "bench-confirm:" + id).executeUpdate();
                em.createNativeQuery("insert into ledger_entry (posting_id, contribution_id, account, pence)"
                        + " select id, ?1, a, case a when 'FUNDER' then -100000000 else 100000000 end"
                        + " from ledger_posting, (values ('FUNDER'), ('AVAILABLE')) v (a)"
                        + " where idempotency_key = ?2").setParameter(1, id).setParameter(2, "bench-confirm:" + id)
                        .executeUpdate();
            });
        }
        AtomicLong postings = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        long started = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers.add(pool.submit(() -> {
                java.util.Random random = new java.util.Random(thread);
                long n = 0;
                while (System.nanoTime() < end) {
                    if (setBased) {
                        List<org.joinedup.hub.budget.LedgerBatch.Movement> movements = new ArrayList<>();
                        for (int b = 0; b < batch; b++) {
                            UUID c = ids.get(random.nextInt(ids.size()));
                            String key = "bench-" + thread + "-" + (n++);
                            movements.add((n & 1) == 0
                                    ? org.joinedup.hub.budget.LedgerBatch.Movement.commitment(c, 100, "PERSONAL_CARE",
                                            key, new PooledBudgetLedger.Cause("benchmark", "commitment", null))
                                    : org.joinedup.hub.budget.LedgerBatch.Movement.payment(c, 100, "PERSONAL_CARE",
                                            false, key, new PooledBudgetLedger.Cause("benchmark", "payment", null)));
                        }
                        List<org.joinedup.hub.budget.LedgerBatch.Outcome> outcomes = QuarkusTransaction.requiringNew()
                                .call(() -> batches.post(movements));
                        outcomes.forEach(o -> (o.posted() ? postings : refused).incrementAndGet());
                        continue;
                    }
                    List<Runnable> work = new ArrayList<>();
                    // a batch locks its contributions in one order, as a batch posting in the hub must, or two
                    // batches can deadlock
                    List<UUID> chosen = new ArrayList<>();
                    for (int b = 0; b < batch; b++) {
                        chosen.add(ids.get(random.nextInt(ids.size())));
                    }
                    chosen.sort(null);
                    for (UUID c : chosen) {
                        String key = "bench-" + thread + "-" + (n++);
                        boolean commit = (n & 1) == 0;
                        work.add(() -> {
                            try {
                                if (commit) {
                                    ledger.commit(c, 100, "PERSONAL_CARE", key, new PooledBudgetLedger.Cause(
                                            "benchmark", "commitment", null));
                                } else {
                                    ledger.pay(c, 100, "PERSONAL_CARE", false, key, new PooledBudgetLedger.Cause(
                                            "benchmark", "payment", null));
                                }
                                postings.incrementAndGet();
                            } catch (LedgerRefusal e) {
                                refused.incrementAndGet();
                            }
                        });
                    }
                    QuarkusTransaction.requiringNew().run(() -> work.forEach(Runnable::run));
                }
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        long unbalanced = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from (select posting_id from ledger_entry group by posting_id having sum(pence) <> 0) x")
                .getSingleResult()).longValue());
        long negative = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from (select contribution_id, account, sum(pence) s from ledger_entry"
                        + " where account <> 'FUNDER' group by contribution_id, account having sum(pence) < 0) x")
                .getSingleResult()).longValue());
        long inconsistent = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from (select contribution_id, sum(pence) s from ledger_entry group by contribution_id"
                        + " having sum(pence) <> 0) x").getSingleResult()).longValue());
        long runningWrong = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from (select contribution_id, account, sum(pence) s,"
                        + " (array_agg(balance_after order by id desc))[1] latest from ledger_entry"
                        + " group by contribution_id, account) x where s <> latest").getSingleResult()).longValue());
        System.out.printf("%nLEDGER POSTINGS (%s): %,d postings in %.1f s = %,.0f postings/s (%d threads, %d per"
                + " transaction,"
                + " %,d contributions,"
                + " %,d refused); invariants over the whole ledger: %d unbalanced postings, %d negative balances,"
                + " %d contributions where confirmed != available + committed + paid, %d running balances that are"
                + " not the sum of their entries; target >= 5,000/s: %s%n%n",
                setBased ? "set-based, LedgerBatch" : "one by one, PooledBudgetLedger", postings.get(), elapsed,
                postings.get() / elapsed, threads, batch, contributions, refused.get(),
                unbalanced,
                negative, inconsistent, runningWrong, postings.get() / elapsed >= 5_000 ? "MET" : "NOT MET");
        assertEquals(0, unbalanced + negative + inconsistent + runningWrong, "the ledger's invariants hold");
    }

    @Test
    void poolStatementOverManyPeople() {
        int people = Integer.getInteger("benchmark.people", 100_000);
        UUID pool = pools.create("Benchmark pool", "E99999999", List.of(new PooledFunds.Partner("E99999999",
                "ADULT_SOCIAL_CARE", "Benchmark council")), "benchmark");
        pools.deposit(pool, "E99999999", "BENCH-" + pool, LocalDate.of(2026, 4, 1), LocalDate.of(2027, 3, 31),
                "REVENUE", people * 1_000_000L, "benchmark");
        long setUp = System.nanoTime();
        QuarkusTransaction.requiringNew().timeout(3600).run(() -> {
            em.createNativeQuery("insert into organisation (id, agency, code, name) values (gen_random_uuid(),"
                    + " 'SOCIAL_CARE', 'E99999999', 'Benchmark council') on conflict do nothing").executeUpdate();
            em.createNativeQuery("create temporary table bench_people as select gen_random_uuid() as person,"
                    + " gen_random_uuid() as contribution, n from generate_series(1, ?1) n").setParameter(1, people)
                    .executeUpdate();
            em.createNativeQuery("insert into person (id, given_name, family_name) select person, 'Bench', 'Person ' || n"
                    + " from bench_people").executeUpdate();
            em.createNativeQuery("insert into contribution (id, person_id, agency, funding_body_id, source_system,"
                    + " source_value, type, status, amount_pence, period_start, period_end, version)"
                    + " select contribution, person, 'SOCIAL_CARE', (select id from organisation where code = 'E99999999'"
                    + " and agency = 'SOCIAL_CARE'), 'bench', 'A-' || n, 'ADULT_SOCIAL_CARE', 'ACTIVE', 1000000,"
                    + " date '2026-04-01', date '2027-03-31', 1 from bench_people").executeUpdate();
            for (String[] kind : new String[][] { { "CONTRIBUTION_CONFIRMED", "FUNDER", "AVAILABLE", "1000000", "" },
                    { "COMMITMENT", "AVAILABLE", "COMMITTED", "600000", "PERSONAL_CARE" },
                    { "PAYMENT", "COMMITTED", "PAID", "25000", "PERSONAL_CARE" } }) {
                em.createNativeQuery("insert into ledger_posting (kind, idempotency_key, caused_by, reason, category)"
                        + " select ?1, 'bench-' || ?1 || '-' || contribution, 'benchmark', 'set-up', nullif(?2, '')"
                        + " from bench_people").setParameter(1, kind[0]).setParameter(2, kind[4]).executeUpdate();
                em.createNativeQuery("insert into ledger_entry (posting_id, contribution_id, account, pence)"
                        + " select p.id, b.contribution, v.account, v.sign * ?4 from bench_people b"
                        + " join ledger_posting p on p.idempotency_key = 'bench-' || ?1 || '-' || b.contribution"
                        + " cross join (values (?2, -1), (?3, 1)) v (account, sign)").setParameter(1, kind[0])
                        .setParameter(2, kind[1]).setParameter(3, kind[2]).setParameter(4, Long.parseLong(kind[3]))
                        .executeUpdate();
            }
            em.createNativeQuery("analyze").executeUpdate();
        });
        System.out.printf("%npool statement set-up: %,d people with a contribution, a commitment and a payment in %.1f s%n",
                people, (System.nanoTime() - setUp) / 1e9);
        double best = Double.MAX_VALUE;
        PoolStatement.Statement statement = null;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            statement = statements.of(pool, LocalDate.of(2026, 4, 1), LocalDate.of(2027, 3, 31)).orElseThrow();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        PoolStatement.PartnerLine partner = statement.partners().get(0);
        System.out.printf("POOL STATEMENT: %,d people, best of 3 %.2f s (paid £%s, committed £%s, left £%s); target <= 2 s:"
                + " %s%n%n", partner.people(), best, new org.joinedup.model.Pence(partner.paidPence()).toPounds(),
                new org.joinedup.model.Pence(partner.committedPence()).toPounds(),
                new org.joinedup.model.Pence(partner.leftPence()).toPounds(), best <= 2.0 ? "MET" : "NOT MET");
        assertEquals(people, partner.people());
        assertEquals(people * 25_000L, partner.paidPence());
    }

    private List<UUID> contributions(String prefix, int count, long pence) {
        em.createNativeQuery("insert into organisation (id, agency, code, name) values (gen_random_uuid(), 'NHS',"
                + " 'BENCH', 'Benchmark trust') on conflict do nothing").executeUpdate();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID person = UUID.randomUUID();
            UUID contribution = UUID.randomUUID();
            em.createNativeQuery("insert into person (id, given_name, family_name) values (?1, 'Bench', ?2)")
                    .setParameter(1, person).setParameter(2, prefix + i).executeUpdate();
            em.createNativeQuery("insert into contribution (id, person_id, agency, funding_body_id, source_system,"
                    + " source_value, type, status, amount_pence, period_start, period_end, version) values (?1, ?2,"
                    + " 'NHS', (select id from organisation where code = 'BENCH' and agency = 'NHS'), 'bench', ?3,"
                    + " 'continuing-care', 'ACTIVE', ?4, date '2026-04-01', date '2027-03-31', 1)")
                    .setParameter(1, contribution).setParameter(2, person).setParameter(3, prefix + i)
                    .setParameter(4, pence).executeUpdate();
            ids.add(contribution);
        }
        return ids;
    }
}
