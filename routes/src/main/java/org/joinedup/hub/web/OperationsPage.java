package org.joinedup.hub.web;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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
import org.joinedup.hub.inbound.InboundFilesResource;
import org.joinedup.hub.inbound.InboundFilesResource.FileView;
import org.joinedup.hub.inbound.InboundMessagesResource;
import org.joinedup.hub.inbound.InboundMessagesResource.MessageDetail;
import org.joinedup.hub.inbound.InboundMessagesResource.MessageSummary;
import org.joinedup.hub.security.Caller;
import org.joinedup.model.AgencyKind;

/**
 * {@code /app/operations/...}: for the hub's operators, the message store filtered by agency, status and day; one
 * message's payload, outcome and reasons with a replay button for a failed one; the files being applied; the
 * dead-letter queue.
 */
@Path("/app/operations")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Caller.OPERATOR)
public class OperationsPage {

    /** A file with its progress: share of rows read so far that are done, and rows a second. */
    public record FileRow(FileView file, int percentDone, long rowsPerSecond) {
    }

    /** The filter as typed, and the problem with a day that is not a date. */
    public record Filter(String agency, String status, String from, String to, String error) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance messages(Chrome chrome, Filter filter, List<MessageSummary> messages,
                List<String> agencies, List<String> statuses, List<FileRow> files);

        static native TemplateInstance message(Chrome chrome, MessageDetail detail, String done, String problem);

        static native TemplateInstance deadLetters(Chrome chrome, org.joinedup.hub.inbound.DeadLetters.Queue queue);
    }

    @Inject
    InboundMessagesResource messages;

    @Inject
    InboundFilesResource files;

    @Inject
    Pages pages;

    @GET
    @Path("/messages")
    public Response messages(@QueryParam("agency") String agency, @QueryParam("status") String status,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        String error = null;
        LocalDate fromDay = null;
        LocalDate toDay = null;
        try {
            fromDay = from == null || from.isBlank() ? null : LocalDate.parse(from.strip());
            toDay = to == null || to.isBlank() ? null : LocalDate.parse(to.strip());
        } catch (DateTimeParseException notADate) {
            error = "Enter the days as year-month-day, for example 2026-12-01";
        }
        String agencyFilter = agency == null || agency.isBlank() ? null : agency;
        String statusFilter = status == null || status.isBlank() ? null : status;
        List<MessageSummary> found = error == null ? messages.list(agencyFilter, statusFilter, fromDay, toDay, 200)
                : List.of();
        List<FileRow> fileRows = files.list(null, 10).stream().map(OperationsPage::progress).toList();
        TemplateInstance page = Templates.messages(pages.chrome("Messages", Pages.MESSAGES),
                new Filter(agencyFilter, statusFilter, from, to, error), found,
                java.util.Arrays.stream(AgencyKind.values()).map(Enum::name).toList(),
                java.util.Arrays.stream(org.joinedup.hub.inbound.MessageStatus.values()).map(Enum::name).toList(),
                fileRows);
        return Pages.html(error == null ? 200 : 400, page);
    }

    @GET
    @Path("/messages/{id}")
    public TemplateInstance message(@PathParam("id") long id, @QueryParam("done") String done) {
        return Templates.message(pages.chrome("Message " + id, Pages.MESSAGES), messages.get(id), done, null);
    }

    @POST
    @Path("/messages/{id}/replay")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response replay(@PathParam("id") long id) {
        Response answer = messages.replay(id);
        if (answer.getStatus() == 200) {
            return Response.seeOther(URI.create(Pages.MESSAGES + "/" + id + "?done=replayed")).build();
        }
        Object error = answer.getEntity() instanceof Map<?, ?> map ? map.get("error") : null;
        return Pages.html(409, Templates.message(pages.chrome("Message " + id, Pages.MESSAGES), messages.get(id), null,
                error == null ? "The message could not be replayed." : error.toString()));
    }

    @GET
    @Path("/dead-letters")
    public TemplateInstance deadLetters() {
        return Templates.deadLetters(pages.chrome("Dead letters", Pages.MESSAGES), messages.deadLetters());
    }

    private static FileRow progress(FileView f) {
        int done = f.rowsApplied() + f.rowsSetAside();
        int percent = f.finishedAt() != null ? 100 : f.rowsRead() == 0 ? 0 : (int) (100L * done / f.rowsRead());
        Instant end = f.finishedAt() == null ? Instant.now() : f.finishedAt();
        long millis = f.startedAt() == null ? 0 : Math.max(1, Duration.between(f.startedAt(), end).toMillis());
        return new FileRow(f, percent, millis == 0 ? 0 : f.rowsRead() * 1000L / millis);
    }
}
