package org.joinedup.hub.plan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
import org.joinedup.hub.alerts.PersonAlert;
import org.joinedup.hub.budget.LedgerBatch;
import org.joinedup.hub.budget.PooledBudgetLedger;
import org.joinedup.hub.identity.SourceLink;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.Pence;
import org.joinedup.model.ValidationIssue;

/**
 * A payment run: many payments against approved plan lines at once, as a council's or provider's finance system sends
 * its weekly or monthly run. Each payment is checked exactly as a single one (the line is approved, on the current
 * plan, not paid past its yearly cost, the money's rules allow it; once per line and reference) and is paid or
 * refused on its own, with its reason and a {@code PAYMENT_REFUSED} alert on the case; the run's lines are locked
 * together and its postings written set-based ({@link LedgerBatch}).
 */
@ApplicationScoped
public class PaymentRun {

    /** The most payments one run may carry. */
    public static final int MAX_PAYMENTS = 10_000;

    @Inject
    EntityManager em;

    @Inject
    LedgerBatch ledger;

    /** One payment of the run. */
    public record Order(UUID planId, Integer line, String reference, long amountPence, LocalDate paidOn) {
    }

    /** What became of it: PAID, REPEAT (paid before with this reference) or REFUSED with the reason. */
    public record Result(UUID planId, Integer line, String reference, String status, String reason, Long postingId) {
    }

    /** Why the caller may not pay this person's plan from this funder's money (null when it may). */
    @FunctionalInterface
    public interface Payer {
        String refusal(UUID personId, UUID planId, int line, String funderCode);
    }

    @Transactional
    public List<Result> pay(List<Order> orders, String by, Payer payer) {
        check(orders);
        Set<UUID> plans = new HashSet<>();
        orders.forEach(o -> plans.add(o.planId()));
        PlanLine.lockLinesOf(plans);
        Map<String, PlanLine> lines = new HashMap<>();
        // one query for the lines with everything the checks read (not one per line and association)
        for (PlanLine line : PlanLine.<PlanLine>list("from PlanLine l join fetch l.plan p join fetch p.person"
                + " left join fetch p.supersededBy join fetch l.contribution c join fetch c.fundingBody"
                + " left join fetch l.previousLine where p.id in ?1", plans)) {
            lines.put(line.plan.id + "/" + line.lineNumber, line);
        }
        Map<UUID, Paid> paid = paid(lines.values(), orders, lines);

        Result[] results = new Result[orders.size()];
        List<LedgerBatch.Movement> movements = new ArrayList<>();
        List<Integer> moving = new ArrayList<>();
        Map<String, Integer> firstInRun = new HashMap<>();
        for (int i = 0; i < orders.size(); i++) {
            Order order = orders.get(i);
            PlanLine line = lines.get(order.planId() + "/" + order.line());
            if (line == null) {
                results[i] = refused(order, "no plan " + order.planId() + " with a line " + order.line());
                continue;
            }
            String notYours = payer.refusal(line.plan.person.id, line.plan.id, line.lineNumber,
                    line.contribution.fundingBody.code);
            if (notYours != null) {
                results[i] = refused(order, notYours);
                continue;
            }
            Paid before = paid.get(line.id);
            Long known = before.references().get(order.reference());
            if (known != null) {
                results[i] = new Result(order.planId(), order.line(), order.reference(), "REPEAT", null, known);
                continue;
            }
            String key = line.id + ":" + order.reference();
            if (firstInRun.containsKey(key)) {
                results[i] = new Result(order.planId(), order.line(), order.reference(), "REPEAT", "twice in this run",
                        null);
                continue;
            }
            String refusal = line.paymentRefusal(order.paidOn(), order.amountPence(), before.pence[0]);
            if (refusal != null) {
                results[i] = refused(order, refusal);
                alert(line, order, refusal);
                continue;
            }
            before.pence[0] += order.amountPence();
            firstInRun.put(key, i);
            moving.add(i);
            movements.add(LedgerBatch.Movement.payment(line.contribution.id, order.amountPence(), line.category, true,
                    "line:" + key, new PooledBudgetLedger.Cause(by, "payment " + order.reference() + " to "
                            + line.payee + " for plan line " + line.lineNumber + " (" + line.description + ")", null)
                            .on(order.paidOn())));
        }
        List<LedgerBatch.Outcome> outcomes = ledger.post(movements);
        List<Object[]> payments = new ArrayList<>();
        for (int m = 0; m < outcomes.size(); m++) {
            int i = moving.get(m);
            Order order = orders.get(i);
            LedgerBatch.Outcome outcome = outcomes.get(m);
            PlanLine line = lines.get(order.planId() + "/" + order.line());
            if (!outcome.posted()) {
                results[i] = refused(order, outcome.refusal());
                alert(line, order, outcome.refusal());
            } else {
                results[i] = new Result(order.planId(), order.line(), order.reference(), outcome.repeat() ? "REPEAT"
                        : "PAID", null, outcome.postingId());
                if (!outcome.repeat()) {
                    payments.add(new Object[] { line.id, order.reference(), order.amountPence(), order.paidOn(),
                        outcome.postingId(), line.moneyYear });
                }
            }
        }
        for (int i = 0; i < results.length; i++) {
            if (results[i].postingId() == null && "REPEAT".equals(results[i].status())) {
                Order order = orders.get(i);
                Result first = results[firstInRun.get(lines.get(order.planId() + "/" + order.line()).id + ":"
                        + order.reference())];
                results[i] = new Result(order.planId(), order.line(), order.reference(), first.status().equals("PAID")
                        ? "REPEAT" : first.status(), first.reason(), first.postingId());
            }
        }
        em.unwrap(Session.class).doWork(connection -> record(connection, payments, by));
        return List.of(results);
    }

    private static void check(List<Order> orders) {
        if (orders == null || orders.isEmpty()) {
            throw new InvalidMessageException("payments", "a payment run needs at least one payment");
        }
        if (orders.size() > MAX_PAYMENTS) {
            throw new InvalidMessageException("payments", "at most " + MAX_PAYMENTS + " payments in one run, not "
                    + orders.size());
        }
        List<ValidationIssue> problems = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            Order o = orders.get(i);
            String where = "payments[" + (i + 1) + "]";
            if (o == null || o.planId() == null || o.line() == null || o.reference() == null || o.paidOn() == null) {
                problems.add(new ValidationIssue(where, "planId, line, reference, amountPence and paidOn are all"
                        + " needed"));
            } else if (o.amountPence() <= 0) {
                problems.add(new ValidationIssue(where + ".amountPence", "must be more than 0"));
            } else if (o.reference().length() > 100) {
                problems.add(new ValidationIssue(where + ".reference", "at most 100 characters"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidMessageException(problems);
        }
    }

    private static Result refused(Order order, String reason) {
        return new Result(order.planId(), order.line(), order.reference(), "REFUSED", reason, null);
    }

    private static void alert(PlanLine line, Order order, String reason) {
        PersonAlert.raise(new SourceLink(line.plan.person, line.contribution.sourceRecordId), line.contribution.agency,
                org.joinedup.hub.alerts.AlertKind.PAYMENT_REFUSED, "line:" + line.id + ":" + order.reference(), "payment " + order.reference() + " of "
                        + new Pence(order.amountPence()) + " to " + line.payee + " refused: " + reason, null);
    }

    /** A line's payments in one money year. */
    private record Counted(UUID line, int year) {
    }

    /** What a line (with the lines it replaced) has paid, and under which references. */
    private record Paid(long[] pence, Map<String, Long> references) {
    }

    /**
     * What each line (with the lines it replaced) has paid in the line's money year, and which of the
     * run's references it (or a line it replaced) has paid before, looked up by the unique index. Each line is
     * reckoned over its own chain, so a run naming both a line and the line it replaced keeps them apart.
     */
    private Map<UUID, Paid> paid(java.util.Collection<PlanLine> lines, List<Order> orders,
            Map<String, PlanLine> byKey) {
        Map<UUID, List<UUID>> chains = new HashMap<>();
        Set<UUID> members = new HashSet<>();
        Set<Counted> counted = new HashSet<>(); // each chain's lines, in the money year of the line it leads to
        for (PlanLine line : lines) {
            List<UUID> chain = new ArrayList<>();
            for (PlanLine l = line; l != null; l = l.previousLine) {
                chain.add(l.id);
            }
            chains.put(line.id, chain);
            members.addAll(chain);
            chain.forEach(member -> counted.add(new Counted(member, line.moneyYear)));
        }
        List<UUID> askedLines = new ArrayList<>();
        List<String> askedReferences = new ArrayList<>();
        for (Order order : orders) {
            PlanLine line = byKey.get(order.planId() + "/" + order.line());
            for (UUID member : line == null ? List.<UUID>of() : chains.get(line.id)) {
                askedLines.add(member);
                askedReferences.add(order.reference());
            }
        }
        Map<Counted, Long> totals = new HashMap<>();
        List<Counted> asked = List.copyOf(counted);
        Map<String, Long> known = new HashMap<>();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement read = connection.prepareStatement("select l.id, l.y, (select coalesce(sum("
                    + "p.amount_pence), 0) from plan_payment p where p.line_id = l.id and p.money_year = l.y) from"
                    + " unnest(?::uuid[], ?::int[]) as l (id, y)")) {
                read.setArray(1, connection.createArrayOf("uuid", asked.stream().map(Counted::line).toArray()));
                read.setArray(2, connection.createArrayOf("integer", asked.stream().map(Counted::year).toArray()));
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        totals.put(new Counted(rows.getObject(1, UUID.class), rows.getInt(2)), rows.getLong(3));
                    }
                }
            }
            try (PreparedStatement read = connection.prepareStatement("select p.line_id, p.reference, p.posting_id"
                    + " from plan_payment p join unnest(?::uuid[], ?::varchar[]) as r (line_id, reference)"
                    + " on p.line_id = r.line_id and p.reference = r.reference where p.kind = 'PAYMENT'")) {
                read.setArray(1, connection.createArrayOf("uuid", askedLines.toArray()));
                read.setArray(2, connection.createArrayOf("varchar", askedReferences.toArray()));
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        known.put(rows.getObject(1, UUID.class) + "/" + rows.getString(2), rows.getLong(3));
                    }
                }
            }
        });
        Map<UUID, Paid> paid = new HashMap<>();
        for (PlanLine line : lines) {
            long pence = chains.get(line.id).stream().mapToLong(m -> totals.getOrDefault(new Counted(m,
                    line.moneyYear), 0L)).reduce(0L, Math::addExact);
            paid.put(line.id, new Paid(new long[] { pence }, new HashMap<>()));
        }
        for (Order order : orders) {
            PlanLine line = byKey.get(order.planId() + "/" + order.line());
            if (line != null) {
                chains.get(line.id).stream().map(m -> known.get(m + "/" + order.reference())).filter(
                        java.util.Objects::nonNull).findFirst().ifPresent(posting -> paid.get(line.id).references()
                                .put(order.reference(), posting));
            }
        }
        return paid;
    }

    private static void record(Connection connection, List<Object[]> payments, String by) throws SQLException {
        if (payments.isEmpty()) {
            return;
        }
        int n = payments.size();
        UUID[] ids = new UUID[n];
        UUID[] lines = new UUID[n];
        String[] references = new String[n];
        Long[] pence = new Long[n];
        java.sql.Date[] paidOn = new java.sql.Date[n];
        Long[] postings = new Long[n];
        Integer[] years = new Integer[n];
        for (int i = 0; i < n; i++) {
            Object[] p = payments.get(i);
            ids[i] = UUID.randomUUID();
            lines[i] = (UUID) p[0];
            references[i] = (String) p[1];
            pence[i] = (Long) p[2];
            paidOn[i] = java.sql.Date.valueOf((LocalDate) p[3]);
            postings[i] = (Long) p[4];
            years[i] = (Integer) p[5];
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into plan_payment (id, line_id, reference,"
                + " amount_pence, paid_on, posting_id, money_year, paid_by) select u.*, ? from unnest(?::uuid[],"
                + " ?::uuid[], ?::varchar[], ?::bigint[], ?::date[], ?::bigint[], ?::int[]) u")) {
            insert.setString(1, by);
            insert.setArray(2, connection.createArrayOf("uuid", ids));
            insert.setArray(3, connection.createArrayOf("uuid", lines));
            insert.setArray(4, connection.createArrayOf("varchar", references));
            insert.setArray(5, connection.createArrayOf("bigint", pence));
            insert.setArray(6, connection.createArrayOf("date", paidOn));
            insert.setArray(7, connection.createArrayOf("bigint", postings));
            insert.setArray(8, connection.createArrayOf("integer", years));
            insert.executeUpdate();
        }
    }
}
