package org.joinedup.hub.pool;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

import org.joinedup.hub.access.Access;
import org.joinedup.hub.access.AccessRefusedException;
import org.joinedup.hub.access.NotVisibleException;
import org.joinedup.hub.security.Caller;
import org.joinedup.model.InvalidMessageException;

/**
 * Pooled funds: {@code GET /api/pools} (every pool, its host and partners), {@code POST /api/pools} (set one up), {@code POST /api/pools/{id}/deposits} (what a partner puts in
 * for a period), {@code GET /api/pools/{id}/statement?from=&to=} (JSON, or CSV with {@code format=csv}).
 */
@Path("/api/pools")
@Produces(MediaType.APPLICATION_JSON)
public class PoolsResource {

    @Inject
    Access access;


    @Inject
    PooledFunds pools;

    @Inject
    PoolStatement statements;

    @Inject
    Caller caller;

    public record PoolRequest(String name, String hostCode, List<PooledFunds.Partner> partners) {
    }

    public record DepositRequest(String partnerCode, String reference, LocalDate periodStart, LocalDate periodEnd,
            String money, long amountPence) {
    }

    @GET
    @RolesAllowed({ Caller.COUNCIL, Caller.TRUST, Caller.COORDINATOR, Caller.OPERATOR })
    public List<PooledFunds.Pool> pools() {
        access.operation(Access.Action.READ, "Pool");
        return pools.all();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.COUNCIL)
    public Response create(PoolRequest request) {
        access.operation(Access.Action.WRITE, "Pool");
        if (request != null && request.hostCode() != null && !request.hostCode().trim().equalsIgnoreCase(
                caller.agency())) {
            throw new AccessRefusedException("a council sets up pools it hosts; you are "
                    + caller.agency() + ", not " + request.hostCode());
        }
        try {
            UUID id = pools.create(request == null ? null : request.name(), request == null ? null
                    : request.hostCode(), request == null ? null : request.partners(), caller.name());
            return Response.status(201).entity(Map.of("id", id.toString())).build();
        } catch (InvalidMessageException invalid) {
            return refused(invalid);
        }
    }

    @POST
    @Path("/{id}/deposits")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Caller.COUNCIL, Caller.FINANCE, Caller.TRUST, Caller.FUNDER })
    public Response deposit(@PathParam("id") UUID id, DepositRequest request) {
        access.operation(Access.Action.WRITE, "Pool/" + id + "/deposits");
        String host = pools.hostOf(id).orElseThrow(() -> new NotVisibleException(
                "no pool " + id));
        String own = caller.agency() == null ? "" : caller.agency();
        if (request != null && !own.equalsIgnoreCase(host) && !own.equalsIgnoreCase(request.partnerCode())) {
            throw new AccessRefusedException("a pool takes deposits only from its host ("
                    + host + ") and from each partner for itself; you are " + own);
        }
        if (request == null) {
            return Response.status(400).entity(Map.of("error", "give partnerCode, reference, periodStart, periodEnd,"
                    + " money, amountPence")).build();
        }
        try {
            PooledFunds.Deposit deposit = pools.deposit(id, request.partnerCode(), request.reference(),
                    request.periodStart(), request.periodEnd(), request.money(), request.amountPence(),
                    caller.name());
            // sent again: the deposit recorded the first time, counted once
            return Response.status(deposit.repeat() ? 200 : 201).entity(Map.of("id", deposit.id().toString(),
                    "repeat", deposit.repeat())).build();
        } catch (InvalidMessageException invalid) {
            return refused(invalid);
        }
    }

    @GET
    @Path("/{id}/statement")
    @Produces({ MediaType.APPLICATION_JSON, "text/csv" })
    @RolesAllowed({ Caller.COUNCIL, Caller.TRUST, Caller.COORDINATOR, Caller.OPERATOR })
    public Response statement(@PathParam("id") UUID id, @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to, @QueryParam("format") String format) {
        access.report("Pool/" + id + "/statement");
        if (!caller.hasRole(Caller.OPERATOR) && !pools.involves(id, caller.agency())) {
            throw new NotVisibleException("no pool " + id);
        }
        if (from == null || to == null || to.isBefore(from)) {
            return Response.status(400).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", "give from and to (dates, to not before from)")).build();
        }
        return statements.of(id, from, to)
                .map(s -> "csv".equalsIgnoreCase(format)
                        ? Response.ok(PoolStatement.csv(s), "text/csv").build()
                        : Response.ok(s, MediaType.APPLICATION_JSON).build())
                .orElseGet(() -> Response.status(404).type(MediaType.APPLICATION_JSON)
                        .entity(Map.of("error", "no pool " + id)).build());
    }

    private static Response refused(InvalidMessageException invalid) {
        return org.joinedup.hub.platform.ApiProblems.problems(422, "REFUSED", invalid);
    }
}
