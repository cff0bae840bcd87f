package org.joinedup.hub.access;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.joinedup.hub.security.Caller;
import org.joinedup.model.InvalidMessageException;

/**
 * The family's decisions about sharing as JSON ({@code /api/people/{id}/consents}: list, record, withdraw), the
 * national data opt-out, break-glass, and who looked at the record. The same decisions are FHIR {@code Consent}s.
 */
@Path("/api/people/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class ConsentsResource {

    @Inject
    Access access;

    @Inject
    Consents consents;

    @Inject
    Caller caller;

    @Inject
    PersonAccessLog accessLog;

    /** A decision as the JSON API shows it. */
    public record ConsentView(String id, String personId, String status, String provision, List<String> organisations,
            List<String> recipients, List<String> purposes, List<String> categories, Instant start, Instant end,
            String decidedBy, String authority, String recordedBy, String recordedByOrganisation, Instant recordedAt,
            String withdrawnBy, Instant withdrawnAt) {

        public static ConsentView of(ConsentDirective d) {
            return new ConsentView(d.id.toString(), d.personId.toString(), d.status, d.provision,
                    List.of(d.organisations), List.of(d.recipients), List.of(d.purposes), List.of(d.categories),
                    d.periodStart, d.periodEnd, d.decidedBy, d.proxyAuthority, d.recordedBy, d.recordedByOrg,
                    d.recordedAt, d.withdrawnBy, d.withdrawnAt);
        }
    }

    @GET
    @Path("/consents")
    @RolesAllowed({ Caller.COORDINATOR, Caller.COUNCIL, Caller.TRUST, Caller.FUNDER, Caller.GUARDIAN })
    public List<ConsentView> list(@PathParam("id") UUID personId) {
        access.read(personId, "Person/" + personId + "/consents");
        return consents.of(personId).stream().map(ConsentView::of).toList();
    }

    /** {@code POST /api/people/{id}/consents}: records a decision; 422 with the field named when it cannot be. */
    @POST
    @Path("/consents")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Caller.COORDINATOR, Caller.COUNCIL, Caller.TRUST })
    public Response record(@PathParam("id") UUID personId, ConsentDecision decision) {
        PersonAccess recorder = access.write(personId, "Person/" + personId + "/consents");
        if (decision == null) {
            throw new InvalidMessageException("$", "give provision (permit or deny) and what it covers");
        }
        consents.notSelfServing(decision, recorder);
        ConsentDirective recorded = consents.record(personId, decision, caller.name(), caller.agency());
        return Response.status(201).entity(ConsentView.of(recorded)).build();
    }

    @POST
    @Path("/consents/{consentId}/withdraw")
    @RolesAllowed({ Caller.COORDINATOR, Caller.COUNCIL, Caller.TRUST })
    public ConsentView withdraw(@PathParam("id") UUID personId, @PathParam("consentId") UUID consentId) {
        access.write(personId, "Consent/" + consentId + "/withdraw");
        ConsentDirective directive = consents.find(consentId).filter(d -> d.personId.equals(personId))
                .orElseThrow(() -> new NotVisibleException("no consent " + consentId));
        return ConsentView.of(consents.withdraw(directive.id, caller.name()));
    }

    public record OptOutRequest(Boolean optedOut) {
    }

    /** {@code PUT /api/people/{id}/national-opt-out}: records (or clears) the person's national data opt-out. */
    @PUT
    @Path("/national-opt-out")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Caller.COORDINATOR, Caller.TRUST })
    public Response optOut(@PathParam("id") UUID personId, OptOutRequest request) {
        access.write(personId, "Person/" + personId + "/national-opt-out");
        if (request == null || request.optedOut() == null) {
            throw new InvalidMessageException("optedOut", "give optedOut: true or false");
        }
        consents.nationalOptOut(personId, request.optedOut());
        return Response.ok(java.util.Map.of("personId", personId.toString(), "optedOut", request.optedOut()))
                .build();
    }

    public record BreakGlassRequest(String reason) {
    }

    /**
     * {@code POST /api/people/{id}/break-glass} ({@code {"reason": "..."}}): opens the whole record to the caller for
     * {@code hub.access.break-glass-duration}; the coordinator and guardians are told.
     */
    @POST
    @Path("/break-glass")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Caller.COORDINATOR, Caller.TRUST })
    public Response breakGlass(@PathParam("id") UUID personId, BreakGlassRequest request) {
        BreakGlassOpening opened = access.breakGlass(personId, request == null ? null : request.reason());
        return Response.status(201).entity(java.util.Map.of("id", opened.id.toString(), "personId",
                personId.toString(), "openedBy", opened.userName, "until", opened.expiresAt.toString(), "reason",
                opened.reason)).build();
    }

    /**
     * {@code GET /api/people/{id}/access-log}: who looked at the record: every organisation and user that read or
     * changed it, when and for what purpose, over its whole history; for the family's coordinator and guardians.
     */
    @GET
    @Path("/access-log")
    @RolesAllowed({ Caller.COORDINATOR, Caller.GUARDIAN })
    public List<PersonAccessLog.Access> accessLog(@PathParam("id") UUID personId) {
        PersonAccess seen = access.read(personId, "Person/" + personId + "/access-log");
        if (caller.hasRole(Caller.COORDINATOR) && !caller.hasRole(Caller.GUARDIAN)
                && !seen.visibility().relationships().contains(org.joinedup.model.access.Relationship.HOLDS_CASE)) {
            throw new AccessRefusedException("who looked at a record is shown by the family's own coordinator");
        }
        return accessLog.of(personId);
    }
}
