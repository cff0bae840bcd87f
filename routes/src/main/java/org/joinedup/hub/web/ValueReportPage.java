package org.joinedup.hub.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import org.joinedup.hub.security.Caller;
import org.joinedup.hub.value.ValueResource;
import org.joinedup.model.value.EquityByGroup;
import org.joinedup.model.value.ValueReport;

/**
 * {@code /app/reports/value}: what the money achieved for the council's own people, costs before and after personal
 * budgets per council and over everyone, and how the difference per person is spread (the API's report, in pounds);
 * the outcomes at review; and, for a council, who is supported by group before and after personal budgets against
 * its population.
 */
@Path(ValueReportPage.PATH)
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({ Caller.COUNCIL, Caller.COORDINATOR, Caller.OPERATOR })
public class ValueReportPage {

    public static final String PATH = "/app/reports/value";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance value(Chrome chrome, ValueReport.Report report, String chart,
                java.util.List<org.joinedup.hub.value.OutcomeReviews.AspectSummary> outcomes, int reviewed,
                java.util.List<EquitySection> equity);
    }

    /** One kind of group of the equity report, as a table: its groups, and how many had none recorded. */
    public record EquitySection(String id, String title, java.util.List<EquityByGroup.Row> rows,
            EquityByGroup.NotRecorded notRecorded) {
    }

    @Inject
    org.joinedup.hub.assessment.ReportsResource reports;

    @Inject
    ValueResource value;

    @Inject
    Pages pages;

    @GET
    public TemplateInstance page() {
        ValueReport.Report report = value.ownPeople();
        // like the Demos report's Figure 2: how many people's budgets cost how much less or more than their package
        java.util.List<ValueReport.Band> bands = report.all().distribution();
        String chart = StackedBars.svg("distribution-chart", "The difference per person, after less before",
                bands.stream().map(b -> band(b) + ": " + people(b.people())).collect(java.util.stream.Collectors
                        .joining("; ", "", ".")),
                java.util.List.of(new StackedBars.Key("People", StackedBars.BLUE)),
                bands.stream().map(b -> new StackedBars.Bar(band(b), java.util.List.of((long) b.people()))).toList(),
                ValueReportPage::people);
        var outcomes = value.ownOutcomes();
        int reviewed = outcomes.isEmpty() ? 0 : outcomes.get(0).better() + outcomes.get(0).same()
                + outcomes.get(0).worse();
        // who is supported by group, for a council's own people (an operator reads any council's through the API)
        String council = value.ownCouncil();
        java.util.List<EquitySection> equity = council == null ? java.util.List.of() : sections(reports.groups(council));
        return Templates.value(pages.chrome("Value report", PATH), report, chart, outcomes, reviewed, equity);
    }

    private static java.util.List<EquitySection> sections(EquityByGroup.Report report) {
        java.util.List<EquitySection> sections = new java.util.ArrayList<>();
        for (EquityByGroup.Kind kind : EquityByGroup.Kind.values()) {
            sections.add(new EquitySection("equity-" + kind.code(), switch (kind) {
                case ETHNICITY -> "By ethnicity, as the council records it";
                case AGE_BAND -> "By age";
                case DISABILITY -> "By disability";
            }, report.groups().stream().filter(r -> r.kind().equals(kind.code())).toList(),
                    report.notRecorded().stream().filter(n -> n.kind().equals(kind.code())).findFirst()
                            .orElse(new EquityByGroup.NotRecorded(kind.code(), 0, 0))));
        }
        return sections;
    }

    private static String band(ValueReport.Band band) {
        return PageFormats.pounds(band.fromPence()) + " to " + PageFormats.pounds(band.toPence());
    }

    private static String people(long n) {
        return n == 1 ? "1 person" : n + " people";
    }
}
