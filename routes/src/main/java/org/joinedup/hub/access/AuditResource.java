package org.joinedup.hub.access;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.joinedup.hub.security.Caller;

/**
 * For guardians (and the hub's operators): verify the audit chain, review break-glass uses and see denied attempts.
 * A guardian sees their own organisation's; an operator everyone's.
 */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(AuditResource.class);

    @Inject
    Access access;

    @Inject
    AuditLog audit;

    @Inject
    BreakGlass breakGlass;

    @Inject
    Caller caller;

    /** {@code GET /api/audit/verify}: recomputes every entry's hash and names the first that does not match. */
    @GET
    @Path("/verify")
    @RolesAllowed({ Caller.GUARDIAN, Caller.OPERATOR })
    public AuditLog.Verification verify() {
        access.operation(Access.Action.READ, "Audit/verify");
        AuditLog.Verification verified = audit.verify();
        // the head in the log too, outside the database: a rewound chain shows against an earlier line of the log
        LOG.infof("Audit verified by %s: %s, %d entries%s", caller.name(), verified.intact() ? "intact" : "BROKEN",
                verified.entries(), verified.intact() ? "" : " (" + verified.reason() + ")");
        return verified;
    }

    /** A break-glass use for review. */
    public record Opening(String id, String personId, String user, String organisation, String reason,
            java.time.Instant openedAt, java.time.Instant expiresAt, String reviewedBy, java.time.Instant reviewedAt,
            String reviewNote) {

        static Opening of(BreakGlassOpening o) {
            return new Opening(o.id.toString(), o.personId.toString(), o.userName, o.organisation, o.reason,
                    o.openedAt, o.expiresAt, o.reviewedBy, o.reviewedAt, o.reviewNote);
        }
    }

    @GET
    @Path("/break-glass")
    @RolesAllowed({ Caller.GUARDIAN, Caller.OPERATOR })
    public List<Opening> breakGlassUses() {
        access.operation(Access.Action.READ, "Audit/break-glass");
        return breakGlass.of(ownOrganisation()).stream().map(Opening::of).toList();
    }

    public record Review(String note) {
    }

    @POST
    @Path("/break-glass/{id}/review")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.GUARDIAN)
    public Opening review(@PathParam("id") UUID id, Review review) {
        access.operation(Access.Action.WRITE, "BreakGlass/" + id + "/review");
        return breakGlass.review(id, caller.agency(), caller.name(), review == null ? null : review.note())
                .map(Opening::of).orElseThrow(() -> new NotVisibleException("no break-glass use " + id));
    }

    /** {@code GET /api/audit/denied}: requests the access decision refused, newest first. */
    @GET
    @Path("/denied")
    @RolesAllowed({ Caller.GUARDIAN, Caller.OPERATOR })
    public List<AuditEntry> denied() {
        access.operation(Access.Action.READ, "Audit/denied");
        String own = ownOrganisation();
        return audit.withOutcome(AuditEntry.Outcome.DENIED, 1000).stream().map(AuditLog.StoredEntry::entry)
                .filter(e -> own == null || own.equalsIgnoreCase(e.organisation())).toList();
    }

    private String ownOrganisation() {
        return caller.hasRole(Caller.OPERATOR) ? null : caller.agency();
    }
}
