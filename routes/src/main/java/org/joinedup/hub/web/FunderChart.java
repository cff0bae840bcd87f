package org.joinedup.hub.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.joinedup.hub.budget.BudgetStatement;

/**
 * The pooled budget by funder, drawn on the server as SVG: one bar per funder, as long as its confirmed money, split
 * into paid, committed and available. The same figures are in a table beside it for screen readers; the SVG's title
 * and description say what it shows.
 */
public final class FunderChart {

    /** One funder's money in the pooled budget, in pence. */
    public record Funder(String code, String name, long confirmedPence, long committedPence, long paidPence,
            long availablePence) {
    }

    /** A part of the chart: the funders (for the table) and the SVG markup. */
    public record Drawn(List<Funder> funders, Funder total, String svg) {
    }

    private FunderChart() {
    }

    /** The contributions of these statements added up per funding body, in the order they first appear. */
    public static Drawn of(List<BudgetStatement.Statement> statements, Map<String, String> names) {
        Map<String, long[]> sums = new LinkedHashMap<>();
        for (BudgetStatement.Statement statement : statements) {
            for (BudgetStatement.ContributionLine c : statement.contributions()) {
                long[] sum = sums.computeIfAbsent(c.fundingBodyCode(), k -> new long[4]);
                sum[0] += c.confirmedPence();
                sum[1] += c.committedPence();
                sum[2] += c.paidPence();
                sum[3] += c.availablePence();
            }
        }
        List<Funder> funders = new ArrayList<>();
        sums.forEach((code, sum) -> funders.add(new Funder(code, names.get(code) == null ? code : names.get(code),
                sum[0], sum[1], sum[2], sum[3])));
        Funder total = new Funder("", "All funders", funders.stream().mapToLong(Funder::confirmedPence).reduce(0L, Math::addExact),
                funders.stream().mapToLong(Funder::committedPence).reduce(0L, Math::addExact),
                funders.stream().mapToLong(Funder::paidPence).reduce(0L, Math::addExact),
                funders.stream().mapToLong(Funder::availablePence).reduce(0L, Math::addExact));
        return new Drawn(funders, total, svg(funders, total));
    }

    private static String svg(List<Funder> funders, Funder total) {
        return StackedBars.svg("funder-chart", "Pooled budget by funder", describe(funders, total), List.of(
                new StackedBars.Key("Paid", StackedBars.BLUE), new StackedBars.Key("Committed", StackedBars.PURPLE),
                new StackedBars.Key("Available", StackedBars.GREEN)), funders.stream().map(f -> new StackedBars.Bar(
                        f.name(), List.of(f.paidPence(), f.committedPence(), f.availablePence()))).toList());
    }

    private static String describe(List<Funder> funders, Funder total) {
        if (funders.isEmpty()) {
            return "No funder has confirmed money yet.";
        }
        StringBuilder text = new StringBuilder(funders.size() + " funders have confirmed "
                + PageFormats.pounds(total.confirmedPence()) + ". ");
        for (Funder f : funders) {
            text.append(f.name()).append(": ").append(PageFormats.pounds(f.confirmedPence())).append(" confirmed, ")
                    .append(PageFormats.pounds(f.paidPence())).append(" paid, ")
                    .append(PageFormats.pounds(f.committedPence())).append(" committed, ")
                    .append(PageFormats.pounds(f.availablePence())).append(" available. ");
        }
        return text.toString().strip();
    }
}
