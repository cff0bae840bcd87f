package org.joinedup.hub.inbound;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import org.joinedup.hub.access.Access;
import org.joinedup.hub.security.Caller;

/**
 * {@code GET /api/inbound/files}: files received through the inboxes, newest first, with their status, rows read,
 * applied and set aside (while they run, too), and the rows set aside with line number and reason.
 */
@Path("/api/inbound/files")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Caller.OPERATOR)
public class InboundFilesResource {

    @Inject
    Access access;


    @GET
    @Transactional
    public List<FileView> list(@QueryParam("agency") String agency, @QueryParam("limit") @DefaultValue("50") int limit) {
        access.operation(Access.Action.READ, "InboundFile?agency=" + agency);
        var query = agency == null ? InboundFile.<InboundFile>findAll(Sort.descending("messageId"))
                : InboundFile.<InboundFile>find("agency", Sort.descending("messageId"), agency);
        return query.page(Page.ofSize(Math.min(Math.max(limit, 1), 500))).stream().map(FileView::of).toList();
    }

    /** One file: what it is, how far it got, and the rows set aside (the first 1,000). */
    public record FileView(long messageId, String agency, String fileName, String status, int rowsRead,
            int rowsApplied, int rowsSetAside, String reason, Instant startedAt, Instant finishedAt,
            List<RowIssue> setAside) {

        static FileView of(InboundFile f) {
            List<RowIssue> issues = InboundFileRowIssue.<InboundFileRowIssue>find("messageId",
                            Sort.ascending("lineNumber"), f.messageId)
                    .page(Page.ofSize(1000)).stream().map(i -> new RowIssue(i.lineNumber, i.reason)).toList();
            return new FileView(f.messageId, f.agency, f.fileName, f.status.name(), f.rowsRead, f.rowsApplied,
                    f.rowsSetAside, f.reason, f.startedAt, f.finishedAt, issues);
        }
    }

    /** A row set aside. */
    public record RowIssue(int lineNumber, String reason) {
    }
}
