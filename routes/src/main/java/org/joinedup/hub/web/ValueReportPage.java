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
        static native TemplateInstance value(Chrome chrome, ValueReport.Report report);
    }

    @Inject
    ValueResource value;

    @Inject
    Pages pages;

    @GET
    public TemplateInstance page() {
        return Templates.value(pages.chrome("Value report", PATH), value.ownPeople());
    }
}
