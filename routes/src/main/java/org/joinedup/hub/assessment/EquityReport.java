package org.joinedup.hub.assessment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * How a council's budgets relate to assessed need: for each person the council knows (as a social care client or by
 * a contribution it confirmed) who has an assessment, the points of their current assessment against their confirmed
 * annual budget (all active contributions, in pence), the least-squares line through them, and the people far from
 * it (more than twice the typical distance). Councils found "no consistent relationship" between need and money
 * under the old system; this shows whether there is one now. Money stays in whole pence; only the fitted line is a
 * statistic.
 */
@ApplicationScoped
public class EquityReport {

    @Inject
    EntityManager em;

    public record Report(String council, int people, Line line, List<Point> points, List<Point> farFromLine) {
    }

    /** budget = penceAtZeroPoints + pencePerPoint x points; rSquared says how well need explains money (0 to 1). */
    public record Line(long penceAtZeroPoints, long pencePerPoint, double rSquared, long typicalDistancePence,
            @com.fasterxml.jackson.annotation.JsonIgnore double intercept,
            @com.fasterxml.jackson.annotation.JsonIgnore double slope) {

        /** What the line expects for this many points, to the nearest penny (from the fit, not its rounded parts). */
        public long expectedAt(int points) {
            return Math.round(intercept + slope * points);
        }
    }

    public record Point(String personId, int points, long annualBudgetPence, Long expectedPence,
            Long distancePence, boolean farFromLine) {
    }

    /**
     * The council's report: an aggregate for planning, so it names no one and leaves out people who registered the
     * national data opt-out.
     */
    @Transactional
    public Report of(String council) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select cast(p.id as varchar), a.total_points,
                       coalesce((select sum(c.amount_pence) from contribution c
                                 where c.person_id = p.id and c.status = 'ACTIVE'), 0)
                from assessment a join person p on p.id = a.person_id
                where a.version = (select max(b.version) from assessment b where b.person_id = a.person_id)
                  and p.merged_into is null
                  and not p.national_opt_out
                  and (exists (select 1 from source_record s where s.person_id = p.id
                                 and s.agency = 'SOCIAL_CARE' and s.holder = ?1)
                       or exists (select 1 from contribution c join organisation o on o.id = c.funding_body_id
                                  where c.person_id = p.id and o.code = ?1))
                order by a.total_points, p.id""").setParameter(1, council).getResultList();
        int n = rows.size();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = ((Number) rows.get(i)[1]).doubleValue();
            y[i] = ((Number) rows.get(i)[2]).doubleValue();
        }
        Line line = fit(x, y);
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Object[] row = rows.get(i);
            int p = ((Number) row[1]).intValue();
            long budget = org.joinedup.model.Pence.exactly((Number) row[2]);
            Long expected = line == null ? null : line.expectedAt(p);
            Long distance = expected == null ? null : budget - expected;
            boolean far = line != null && n >= 3 && line.typicalDistancePence() > 0
                    && Math.abs(distance) > 2 * line.typicalDistancePence();
            points.add(new Point(UUID.fromString((String) row[0]).toString(), p, budget, expected, distance, far));
        }
        List<Point> far = points.stream().filter(Point::farFromLine)
                .sorted(Comparator.comparingLong((Point q) -> -Math.abs(q.distancePence()))).toList();
        return new Report(council, n, line, points, far);
    }

    /** Least squares; null when there are fewer than two people or they all have the same points. */
    static Line fit(double[] x, double[] y) {
        int n = x.length;
        if (n < 2) {
            return null;
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i] / n;
            my += y[i] / n;
        }
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
            syy += (y[i] - my) * (y[i] - my);
        }
        if (sxx == 0) {
            return null;
        }
        double slope = sxy / sxx;
        double intercept = my - slope * mx;
        double residuals = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - (intercept + slope * x[i]);
            residuals += r * r;
        }
        double rSquared = syy == 0 ? 1.0 : 1 - residuals / syy;
        long typical = Math.round(Math.sqrt(residuals / n));
        return new Line(Math.round(intercept), Math.round(slope), Math.round(rSquared * 1000) / 1000.0, typical,
                intercept, slope);
    }
}
