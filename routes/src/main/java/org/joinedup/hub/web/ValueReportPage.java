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
import org.joinedup.model.value.ValueReport;

/**
 * {@code /app/reports/value}: what the money achieved for the council's own people, costs before and after personal
 * budgets per council and over everyone, and how the difference per person is spread (the API's report, in pounds).
 */
@Path(ValueReportPage.PATH)
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({ Caller.COUNCIL, Caller.COORDINATOR, Caller.OPERATOR })
public class ValueReportPage {

    public static final String PATH = "/app/reports/value";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance value(Chrome chrome, ValueReport.Report report, String chart,
                java.util.List<org.joinedup.hub.value.OutcomeReviews.AspectSummary> outcomes, int reviewed);
    }

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
        return Templates.value(pages.chrome("Value report", PATH), report, chart, outcomes, reviewed);
    }

    private static String band(ValueReport.Band band) {
        return PageFormats.pounds(band.fromPence()) + " to " + PageFormats.pounds(band.toPence());
    }

    private static String people(long n) {
        return n == 1 ? "1 person" : n + " people";
    }
}
