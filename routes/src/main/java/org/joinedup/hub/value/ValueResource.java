package org.joinedup.hub.value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.joinedup.connectors.value.EvaluationCsvReader;
import org.joinedup.hub.access.Access;
import org.joinedup.hub.platform.ApiProblems;
import org.joinedup.hub.security.Caller;
import org.joinedup.model.Pence;
import org.joinedup.model.value.LocalAuthorities;
import org.joinedup.model.value.ValueReport;

/**
 * What the money achieved, per council: {@code POST /api/reports/value/evaluations} takes a council's evaluation
 * data as CSV ({@link EvaluationCsvReader}) and {@code GET /api/reports/value?dataset=<id>} gives the costs before and
 * after personal budgets ({@link ValueReport}), as JSON or, with {@code format=csv}, in pounds as CSV; without a
 * data set, of the hub's own people ({@link ValueOfPeople}).
 */
@Path("/api/reports/value")
public class ValueResource {

    private static final LocalAuthorities REGISTER = LocalAuthorities.england();

    @Inject
    ValueDatasets datasets;

    @Inject
    ValueOfPeople people;

    @Inject
    OutcomeReviews outcomes;

    @Inject
    Caller caller;

    @Inject
    Access access;

    private final EvaluationCsvReader reader = new EvaluationCsvReader(REGISTER);

    /**
     * Imports a data set: {@code 201} with its id, the rows kept and a problem for each row left out. A council
     * imports its own figures only (its GSS code, or a name the register gives that code); an operator any council's.
     */
    @POST
    @Path("/evaluations")
    @Consumes("text/csv")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Caller.COUNCIL, Caller.OPERATOR })
    public Response importEvaluations(String csv) {
        access.operation(Access.Action.WRITE, "ValueDataset");
        EvaluationCsvReader.Result read;
        try {
            read = reader.read(csv);
        } catch (EvaluationCsvReader.UnreadableFile unreadable) {
            return ApiProblems.error(400, unreadable.getMessage());
        }
        List<EvaluationCsvReader.Row> kept = new ArrayList<>();
        List<EvaluationCsvReader.Problem> problems = new ArrayList<>(read.problems());
        boolean operator = caller.hasRole(Caller.OPERATOR);
        String own = caller.agency() == null ? "" : caller.agency().toUpperCase(Locale.UK);
        for (EvaluationCsvReader.Row row : read.rows()) {
            if (operator || row.council().equalsIgnoreCase(own)) {
                kept.add(row);
            } else {
                problems.add(new EvaluationCsvReader.Problem(row.line(), "council", row.councilName()
                        + (row.known() ? " (" + row.council() + ")" : "") + " is not your council (" + own
                        + "): a council imports its own figures; an operator imports any council's"));
            }
        }
        problems.sort(java.util.Comparator.comparingInt(EvaluationCsvReader.Problem::line));
        UUID id = datasets.store(own, caller.name(), kept, problems.size());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("dataset", id.toString());
        answer.put("rows", kept.size());
        answer.put("problems", problems.stream().map(p -> {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("line", p.line());
            problem.put("column", p.column());
            problem.put("reason", p.reason());
            return problem;
        }).toList());
        return Response.status(201).type(MediaType.APPLICATION_JSON).entity(answer).build();
    }

    /** The value report of a data set: read by the organisation that imported it, and by operators. */
    @GET
    @Produces({ MediaType.APPLICATION_JSON, "text/csv" })
    @RolesAllowed({ Caller.COUNCIL, Caller.COORDINATOR, Caller.OPERATOR })
    public Response report(@QueryParam("dataset") String dataset, @QueryParam("format") String format) {
        if (dataset == null || dataset.isBlank()) {
            ValueReport.Report own = ownPeople();
            return answer(null, own, ownOutcomes(), format);
        }
        UUID id;
        try {
            id = UUID.fromString(dataset.strip());
        } catch (IllegalArgumentException notAnId) {
            access.operation(Access.Action.READ, "ValueReport?dataset");
            return ApiProblems.error(400, "dataset: '" + dataset + "' is not a data set's id");
        }
        ValueDatasets.Dataset found = datasets.find(id).orElse(null);
        if (found == null || (!caller.hasRole(Caller.OPERATOR)
                && !found.organisation().equalsIgnoreCase(String.valueOf(caller.agency())))) {
            access.operation(Access.Action.READ, "ValueReport?dataset=" + id);
            return ApiProblems.error(404, "no data set " + id + " of yours");
        }
        access.report("ValueReport?dataset=" + id);
        return answer(id, ValueReport.of(datasets.people(id)), null, format);
    }

    /** The report of the hub's own people: a council's (its officers' and coordinators'), every council's for operators. */
    public ValueReport.Report ownPeople() {
        if (!caller.hasRole(Caller.OPERATOR) && (caller.agency() == null || caller.agency().isBlank())) {
            throw new org.joinedup.hub.access.AccessRefusedException("your sign-in names no organisation: a council's"
                    + " value report is of its own people");
        }
        String council = ownCouncil();
        access.report("ValueReport" + (council == null ? "" : "?council=" + council));
        return ValueReport.of(people.of(council, REGISTER));
    }

    /** The council whose people the caller's report is of: theirs, or every council's (null) for operators. */
    public String ownCouncil() {
        return caller.hasRole(Caller.OPERATOR) ? null : caller.agency();
    }

    /** The outcomes summary per aspect of life for the caller's report (after {@link #ownPeople()}). */
    public List<OutcomeReviews.AspectSummary> ownOutcomes() {
        return outcomes.summary(ownCouncil());
    }

    private static Response answer(UUID id, ValueReport.Report report, List<OutcomeReviews.AspectSummary> outcomes,
            String format) {
        if ("csv".equalsIgnoreCase(format)) {
            return Response.ok(ValueReportCsv.of(report), "text/csv; charset=UTF-8").build();
        }
        if (format != null && !format.isBlank() && !"json".equalsIgnoreCase(format)) {
            return ApiProblems.error(400, "format: '" + format + "' is not json or csv");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("dataset", id == null ? null : id.toString());
        answer.put("councils", report.councils().stream().map(c -> {
            Map<String, Object> council = new LinkedHashMap<>();
            council.put("council", c.council());
            council.put("name", c.name());
            council.put("known", c.known());
            council.putAll(totals(c.totals()));
            return council;
        }).toList());
        answer.put("all", totals(report.all()));
        if (outcomes != null) {
            answer.put("outcomes", outcomes); // the hub's own people's latest reviews; a data set has none
        }
        return Response.ok(answer, MediaType.APPLICATION_JSON).build();
    }

    private static Map<String, Object> totals(ValueReport.Totals t) {
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("people", t.people());
        totals.put("leftOut", t.leftOut());
        totals.put("traditionalAveragePence", t.traditionalAveragePence());
        totals.put("personalBudgetAveragePence", t.personalBudgetAveragePence());
        totals.put("differencePence", t.differencePence());
        totals.put("less", t.less());
        totals.put("more", t.more());
        totals.put("same", t.same());
        totals.put("distribution", t.distribution().stream().map(b -> Map.of("fromPence", b.fromPence(), "toPence",
                b.toPence(), "people", b.people())).toList());
        return totals;
    }

    /** The report in pounds, a row per council and one for everyone, as a spreadsheet opens it. */
    static final class ValueReportCsv {

        private ValueReportCsv() {
        }

        static String of(ValueReport.Report report) {
            StringBuilder csv = new StringBuilder("council,name,known,people,left_out,traditional_average,"
                    + "personal_budget_average,difference,less,more,same\r\n");
            for (ValueReport.CouncilTotals c : report.councils()) {
                row(csv, c.council(), c.name(), String.valueOf(c.known()), c.totals());
            }
            row(csv, "all", "all councils", "", report.all());
            return csv.toString();
        }

        private static void row(StringBuilder csv, String council, String name, String known, ValueReport.Totals t) {
            csv.append(quoted(council)).append(',').append(quoted(name)).append(',').append(known).append(',')
                    .append(t.people()).append(',').append(t.leftOut()).append(',')
                    .append(pounds(t.traditionalAveragePence())).append(',')
                    .append(pounds(t.personalBudgetAveragePence())).append(',').append(pounds(t.differencePence()))
                    .append(',').append(t.less()).append(',').append(t.more()).append(',').append(t.same())
                    .append("\r\n");
        }

        private static String pounds(Long pence) {
            return pence == null ? "" : new Pence(pence).toPounds().toPlainString();
        }

        private static String quoted(String text) {
            String safe = text.matches("^[=+\\-@].*") ? "'" + text : text; // never a formula in a spreadsheet
            return safe.contains(",") || safe.contains("\"") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
        }
    }
}
