package org.joinedup.hub.web;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import org.joinedup.hub.cases.CasesResource;
import org.joinedup.hub.cases.CasesResource.CaseSummary;
import org.joinedup.hub.security.Caller;

/** {@code /app/caseload}: the coordinator's families, with what needs attention first, and a search box. */
@Path("/app/caseload")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Caller.COORDINATOR)
public class CaseloadPage {

    /** A family on the caseload as the page shows it: the case and its open alerts counted by severity. */
    public record Row(CaseSummary family, long high, long medium, long low) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance caseload(Chrome chrome, List<Row> rows, String q);
    }

    @Inject
    CasesResource cases;

    @Inject
    Caller caller;

    @Inject
    Pages pages;

    @GET
    public TemplateInstance caseload(@QueryParam("q") String q) {
        String search = q == null || q.isBlank() ? null : q.strip();
        List<Row> rows = cases.caseload(caller.name(), search).stream().map(c -> new Row(c,
                count(c, "HIGH"), count(c, "MEDIUM"), count(c, "LOW"))).toList();
        return Templates.caseload(pages.chrome("Your caseload", Pages.CASELOAD), rows, search);
    }

    private static long count(CaseSummary family, String severity) {
        return family.alerts().stream().filter(a -> a.severity().equals(severity)).count();
    }
}
