package org.joinedup.hub.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import org.joinedup.hub.plan.PlansResource;
import org.joinedup.hub.plan.ApprovalsResource;
import org.joinedup.hub.plan.ApprovalsResource.AwaitingDecision;
import org.joinedup.hub.plan.ApprovalsResource.Bought;
import org.joinedup.hub.security.Caller;

/**
 * {@code /app/approvals}: for a funder (council, trust, housing, employment), the plan lines waiting for their
 * organisation's decision, approve or refuse with a reason, and what their money bought, as a chart and a table.
 */
@Path("/app/approvals")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({ Caller.COUNCIL, Caller.TRUST, Caller.FUNDER })
public class ApprovalsPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance approvals(Chrome chrome, String organisation, List<AwaitingDecision> waiting,
                List<Bought> bought, String chart, long boughtAnnualPence, long boughtPaidPence, String done,
                String problem, String refuseError);
    }

    @Inject
    PlansResource plans;

    @Inject
    ApprovalsResource approvals;

    @Inject
    Caller caller;

    @Inject
    Pages pages;

    @Inject
    org.joinedup.hub.access.Organisations organisations;

    @GET
    public TemplateInstance approvals(@QueryParam("done") String done, @QueryParam("refuseError") String refuseError) {
        return page(done, null, refuseError);
    }

    private TemplateInstance page(String done, String problem, String refuseError) {
        List<AwaitingDecision> waiting = approvals.awaitingDecision();
        List<Bought> bought = approvals.bought();
        String organisation = organisations.find(caller.agency()).map(o -> o.name()).orElse(caller.agency());
        String chart = StackedBars.svg("bought-chart", "What " + organisation + "'s money bought",
                bought.isEmpty() ? "Nothing approved yet." : bought.size() + " kinds of support approved: "
                        + String.join("; ", bought.stream().map(b -> PageFormats.label(b.category()) + " "
                                + PageFormats.pounds(b.annualPence()) + " a year, " + PageFormats.pounds(
                                        b.paidPence()) + " paid").toList()) + ".",
                List.of(new StackedBars.Key("Paid", StackedBars.BLUE),
                        new StackedBars.Key("Not yet paid", StackedBars.PURPLE)),
                bought.stream().map(b -> new StackedBars.Bar(PageFormats.label(b.category()), List.of(b.paidPence(),
                        Math.max(0, b.annualPence() - b.paidPence())))).toList());
        return Templates.approvals(pages.chrome("Approvals", Pages.APPROVALS), organisation, waiting, bought, chart,
                bought.stream().mapToLong(Bought::annualPence).reduce(0L, Math::addExact), bought.stream().mapToLong(Bought::paidPence)
                        .reduce(0L, Math::addExact), done, problem, refuseError);
    }

    @POST
    @Path("/{plan}/lines/{line}/approve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response approve(@PathParam("plan") UUID plan, @PathParam("line") int line,
            @FormParam("reason") String reason) {
        return after(plans.approve(plan, line, new PlansResource.Decision(blankToNull(reason))), "approved");
    }

    @POST
    @Path("/{plan}/lines/{line}/refuse")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response refuse(@PathParam("plan") UUID plan, @PathParam("line") int line,
            @FormParam("reason") String reason) {
        if (reason == null || reason.isBlank()) {
            return Pages.html(400, page(null, null, plan + "-" + line));
        }
        return after(plans.refuse(plan, line, new PlansResource.Decision(reason.strip())), "refused");
    }

    /** After a decision: back to the list, or the list again with the API's reason when it was refused. */
    private Response after(Response answer, String done) {
        if (answer.getStatus() == 200) {
            return Response.seeOther(URI.create(Pages.APPROVALS + "?done=" + done)).build();
        }
        Object error = answer.getEntity() instanceof Map<?, ?> map ? map.get("error") : null;
        return Pages.html(answer.getStatus() == 403 ? 403 : 409, page(null, error == null
                ? "The decision could not be recorded." : error.toString(), null));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
