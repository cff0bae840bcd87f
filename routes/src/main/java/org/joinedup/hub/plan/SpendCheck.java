package org.joinedup.hub.plan;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.joinedup.hub.alerts.PersonAlert;
import org.joinedup.hub.identity.SourceLink;
import org.joinedup.hub.platform.HubConfig;
import org.joinedup.model.Pence;

/**
 * Compares spending with the plan: for every approved line approved at least {@code hub.plans.spend-check-months}
 * months ago, what has been paid against what the plan expected by now (the yearly cost x whole months since
 * approval / 12); more than {@code hub.plans.spend-tolerance-percent} above or below raises an alert on the person
 * (OVERSPEND or UNDERSPEND), and spending back within tolerance closes it.
 */
@ApplicationScoped
public class SpendCheck {

    @Inject
    HubConfig config;

    /** How many lines were checked and how many are far from plan. */
    public record Checked(LocalDate asOf, int lines, int overspent, int underspent) {
    }

    @Transactional
    public Checked run(LocalDate asOf) {
        int months = config.plans().spendCheckMonths();
        int tolerance = config.plans().spendTolerancePercent();
        int lines = 0;
        int over = 0;
        int under = 0;
        for (PlanLine line : PlanLine.<PlanLine>list("status = ?1 and costKind <> ?2"
                + " and plan.supersededBy is null", PlanLine.Status.APPROVED,
                org.joinedup.model.plan.LineCost.Kind.ONE_OFF)) {
            // what is paid counts from the later of the approval and the start of the line's money year
            LocalDate approved = LocalDate.ofInstant(line.decidedAt, org.joinedup.model.FinancialYear.UK);
            if (approved.isBefore(line.moneyYear().start())) {
                approved = line.moneyYear().start();
            }
            long elapsed = ChronoUnit.MONTHS.between(approved, asOf);
            if (elapsed < months) {
                continue;
            }
            lines++;
            long expected = line.annualPence * Math.min(elapsed, 12) / 12;
            long paid = line.paidPence();
            SourceLink person = new SourceLink(line.plan.person, line.contribution.sourceRecordId);
            String key = line.id.toString();
            String detail = "plan line " + line.lineNumber + " (" + line.description + "): " + new Pence(paid)
                    + " paid in " + elapsed + " months against " + new Pence(expected) + " planned";
            if (paid * 100 > expected * (100 + tolerance)) {
                over++;
                PersonAlert.raise(person, line.contribution.agency, org.joinedup.hub.alerts.AlertKind.OVERSPEND, key, detail, null);
                PersonAlert.close(line.plan.person, org.joinedup.hub.alerts.AlertKind.UNDERSPEND, key);
            } else if (paid * 100 < expected * (100 - tolerance)) {
                under++;
                PersonAlert.raise(person, line.contribution.agency, org.joinedup.hub.alerts.AlertKind.UNDERSPEND, key, detail, null);
                PersonAlert.close(line.plan.person, org.joinedup.hub.alerts.AlertKind.OVERSPEND, key);
            } else {
                PersonAlert.close(line.plan.person, org.joinedup.hub.alerts.AlertKind.OVERSPEND, key);
                PersonAlert.close(line.plan.person, org.joinedup.hub.alerts.AlertKind.UNDERSPEND, key);
            }
        }
        return new Checked(asOf, lines, over, under);
    }
}
