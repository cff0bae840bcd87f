package org.joinedup.hub.access;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.joinedup.hub.support.AssessmentAnswers;
import org.joinedup.hub.support.DemoFamily;
import org.joinedup.hub.support.DemoFamilyProfile;
import org.joinedup.hub.support.DemoTokens;
import org.joinedup.hub.support.HubTestResource;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint the hub publishes (from its own OpenAPI document and FHIR CapabilityStatement, so a new endpoint
 * cannot be missed) called by every demo user on the demo family: users of Dave's own council, of organisations
 * with a relationship with him, and of one with none. No answer is a 5xx; the organisation with no relationship
 * never gets his record; no answer carries a category the sharing agreement keeps from that organisation; and every
 * request left its audit entry.
 */
@QuarkusTest
@TestProfile(DemoFamilyProfile.class)
@QuarkusTestResource(HubTestResource.class)
class AuthorisationMatrixTest {

    /** Something only a record of this category holds, in the demo family's data. */
    static final Map<String, String> MARKERS = Map.ofEntries(
            Map.entry("PHB-2026-00417", "health (RR8's budget)"), Map.entry("MH-88213", "health (RM3's budget)"),
            Map.entry("ASC-ALLOC-77120", "social care (allocation)"), Map.entry("SVC-20931", "social care (service)"),
            Map.entry("T-100234", "housing (tenancy)"), Map.entry("DFG-2026-0117", "housing (grant)"),
            Map.entry("RENT_ARREARS", "housing (alert)"), Map.entry("weeklyPence", "benefits"),
            Map.entry("FSF-88812", "employment (award)"), Map.entry("Hughes", "demographics"));

    static final Set<String> HEALTH = Set.of("PHB-2026-00417", "MH-88213");
    static final Set<String> SOCIAL_CARE = Set.of("ASC-ALLOC-77120", "SVC-20931");
    static final Set<String> HOUSING = Set.of("T-100234", "DFG-2026-0117", "RENT_ARREARS");

    /** What each demo user must never see of Dave (with no consent of his beyond the agreement). */
    static final Map<String, Set<String>> NEVER = new LinkedHashMap<>();

    static {
        NEVER.put("coordinator", Set.of());
        NEVER.put("council", Set.of("FSF-88812"));
        NEVER.put("panel", Set.of("FSF-88812"));
        NEVER.put("guardian", Set.of("FSF-88812"));
        NEVER.put("trust", union(HOUSING, Set.of("weeklyPence", "FSF-88812")));
        NEVER.put("trust2", union(HOUSING, Set.of("weeklyPence", "FSF-88812")));
        NEVER.put("housing", union(HEALTH, SOCIAL_CARE, Set.of("weeklyPence", "FSF-88812")));
        NEVER.put("employment", union(HEALTH, SOCIAL_CARE, HOUSING));
        NEVER.put("trust3", MARKERS.keySet());
        // operators: demographics for identity stewardship (and the raw message store, which is theirs to run)
        NEVER.put("operator", union(HEALTH, SOCIAL_CARE, HOUSING, Set.of("weeklyPence", "FSF-88812")));
    }

    /** Paths whose answers are the operators' own raw message store, not a person's record. */
    static final Set<String> MESSAGE_STORE = Set.of("/api/inbound/messages", "/api/inbound/messages/{id}",
            "/api/inbound/files");

    @SafeVarargs
    static Set<String> union(Set<String>... sets) {
        Set<String> all = new java.util.TreeSet<>();
        for (Set<String> s : sets) {
            all.addAll(s);
        }
        return all;
    }

    @Inject
    DataSource database;

    /** One call of the matrix. */
    record Call(String method, String path, String template, String body, String contentType) {
    }

    @Test
    void everyEndpointForEveryRoleAnswersWithoutLeaksAndLeavesItsAuditEntry() throws Exception {
        String dave = DemoFamily.dave();
        Map<String, String> ids = ids(dave);
        List<Call> calls = new ArrayList<>();
        calls.addAll(jsonApi(ids));
        calls.addAll(fhir(ids));
        assertTrue(calls.size() >= 70, "the matrix covers every endpoint: " + calls.size());

        List<String> failures = new ArrayList<>();
        Map<String, List<String>> answered = new LinkedHashMap<>();
        for (String user : NEVER.keySet()) {
            for (Call call : calls) {
                long before = auditEntries();
                Response answer = send(user, call);
                int status = answer.statusCode();
                String body = answer.asString();
                String what = user + " " + call.method() + " " + call.path() + " -> " + status;
                if (status < 300) {
                    answered.computeIfAbsent(user, u -> new ArrayList<>()).add(call.method() + " " + call.template());
                }
                if (status >= 500) {
                    failures.add(what + ": " + body.substring(0, Math.min(300, body.length())));
                }
                if (status < 300 && !MESSAGE_STORE.contains(call.template())) {
                    for (String marker : NEVER.get(user)) {
                        if (body.contains(marker)) {
                            failures.add(what + " leaks " + MARKERS.get(marker) + " (" + marker + ")");
                        }
                    }
                }
                if (user.equals("trust3") && personScoped(call) && !call.template().contains("?")
                        && !Set.of(400, 403, 404, 405, 415, 422).contains(status)) {
                    // no relationship: his record, and anything of his reached by its own id, does not exist for it
                    // (404), or its role may not call the endpoint at all (403); never an answer, a redirect or a
                    // conflict that could only come from his record
                    failures.add(what + ": an organisation with no relationship got more than a refusal");
                }
                if (auditEntries() <= before) {
                    failures.add(what + " left no audit entry");
                }
            }
        }
        assertEquals(List.of(), failures, failures.size() + " of " + calls.size() * NEVER.size() + " calls");
        // and the matrix is not empty of answers: each organisation involved with Dave reads his record
        for (String user : List.of("coordinator", "trust", "trust2", "housing", "employment")) {
            assertTrue(answered.get(user).containsAll(List.of("GET /api/people/{id}", "GET /fhir/Patient/{id}")),
                    user + " read " + answered.get(user));
        }
        assertFalse(answered.getOrDefault("trust3", List.of()).contains("GET /api/people/{id}"));
    }

    private static boolean personScoped(Call call) {
        return call.template().contains("/people/") || call.template().contains("/cases/")
                || call.template().contains("/plans/") || call.template().contains("Patient");
    }

    private Map<String, String> ids(String dave) {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("dave", dave);
        ids.put("case", given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/people?nhsNumber="
                + DemoFamily.DAVE_NHS).then().extract().jsonPath().getString("[0].caseId"));
        // Dave's plan and assessment, so plan and assessment endpoints have something to show or refuse
        Response plan = given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("personId", dave, "whatMatters", "Being a good dad to Sam and Kayleigh", "lines",
                        List.of(Map.of("category", "ADAPTATION", "description", "Level-access shower", "payee",
                                "Oldham Adaptations Ltd", "costKind", "ONE_OFF", "unitPence", 780_000, "units", 1,
                                "management", "COUNCIL_MANAGED"))))
                .post("/api/plans");
        ids.put("plan", plan.statusCode() == 201 ? plan.jsonPath().getString("id")
                : given().auth().oauth2(DemoTokens.of("coordinator")).get("/api/cases/" + ids.get("case")).then()
                        .extract().jsonPath().getString("members.find { it.lead }.plan.id"));
        ids.put("assessment", given().auth().oauth2(DemoTokens.of("coordinator")).contentType(ContentType.JSON)
                .body(Map.of("answers", AssessmentAnswers.daves(), "identifier", "matrix-assessment"))
                .post("/api/people/" + dave + "/assessments").then().extract().jsonPath().getString("id"));
        List<String> contributions = given().auth().oauth2(DemoTokens.of("coordinator"))
                .get("/api/people/" + dave + "/budget").then().extract().jsonPath()
                .getList("contributions.contributionId");
        ids.put("contribution", contributions.get(0));
        ids.put("pool", given().auth().oauth2(DemoTokens.of("council")).get("/api/pools").then().extract().jsonPath()
                .getString("[0].id"));
        return ids;
    }

    private static String fill(String template, Map<String, String> ids) {
        String path = template;
        if (path.startsWith("/api/cases/")) {
            path = path.replace("{id}", ids.get("case"));
        } else if (path.startsWith("/api/plans/")) {
            path = path.replace("{id}", ids.get("plan"));
        } else if (path.startsWith("/api/assessments/")) {
            path = path.replace("{id}", ids.get("assessment") == null ? UUID.randomUUID().toString()
                    : ids.get("assessment"));
        } else if (path.startsWith("/api/pools/")) {
            path = path.replace("{id}", ids.get("pool"));
        } else if (path.startsWith("/api/inbound/messages/")) {
            // a broker id no dead letter has: an operator is answered 404, anyone else refused
            path = path.replace("{id}", "1").replace("{brokerId}", "ID:00000000-0000-0000-0000-000000000000");
        } else if (path.startsWith("/api/funders/")) {
            path = path.replace("{code}", "RR8").replace("{id}", ids.get("contribution"));
        } else {
            path = path.replace("{id}", ids.get("dave"));
        }
        return path.replace("{line}", "1").replace("{consentId}", UUID.randomUUID().toString())
                .replace("{batch}", "events:batch");
    }

    private static final Map<String, String> QUERY = Map.of("coordinator", "coordinator", "council", "E08000004",
            "from", "2026-04-01", "to", "2027-03-31", "nhsNumber", DemoFamily.DAVE_NHS, "status", "OPEN");

    private List<Call> jsonApi(Map<String, String> ids) throws Exception {
        JsonNode openApi = new ObjectMapper().readTree(given().accept("application/json").get("/q/openapi")
                .then().statusCode(200).extract().asString());
        List<Call> calls = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.get("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> entry = paths.next();
            String template = entry.getKey();
            if (template.startsWith("/test-only") || template.startsWith("/auth/")) {
                continue;
            }
            for (Iterator<String> methods = entry.getValue().fieldNames(); methods.hasNext();) {
                String method = methods.next().toUpperCase(java.util.Locale.ROOT);
                if (!Set.of("GET", "POST", "PUT", "DELETE").contains(method)) {
                    continue;
                }
                StringBuilder query = new StringBuilder();
                JsonNode parameters = entry.getValue().get(method.toLowerCase(java.util.Locale.ROOT))
                        .path("parameters");
                for (JsonNode parameter : parameters) {
                    String name = parameter.path("name").asText();
                    if ("query".equals(parameter.path("in").asText()) && QUERY.containsKey(name)) {
                        query.append(query.isEmpty() ? "?" : "&").append(name).append('=').append(QUERY.get(name));
                    }
                }
                calls.add(new Call(method, fill(template, ids) + query, template,
                        method.equals("GET") ? null : "{}", "application/json"));
            }
        }
        return calls;
    }

    private List<Call> fhir(Map<String, String> ids) throws Exception {
        JsonNode capability = new ObjectMapper().readTree(given().accept("application/fhir+json")
                .get("/fhir/metadata").then().statusCode(200).extract().asString());
        Map<String, String> readIds = Map.of("Patient", ids.get("dave"), "Account", ids.get("contribution"),
                "Questionnaire", "single-assessment", "QuestionnaireResponse", ids.get("assessment") == null
                        ? UUID.randomUUID().toString() : ids.get("assessment"));
        Map<String, String> searchValues = Map.of("patient", "Patient/" + ids.get("dave"), "subject",
                "Patient/" + ids.get("dave"), "identifier", "https://fhir.nhs.uk/Id/nhs-number|" + DemoFamily.DAVE_NHS,
                "url", "https://joinedup.org.uk/fhir/Questionnaire/single-assessment", "account",
                ids.get("contribution"));
        List<Call> calls = new ArrayList<>();
        for (JsonNode resource : capability.path("rest").get(0).path("resource")) {
            String type = resource.path("type").asText();
            String id = readIds.getOrDefault(type, UUID.randomUUID().toString());
            for (JsonNode interaction : resource.path("interaction")) {
                switch (interaction.path("code").asText()) {
                    case "read" -> calls.add(new Call("GET", "/fhir/" + type + "/" + id, "/fhir/" + type + "/{id}",
                            null, null));
                    case "search-type" -> {
                        for (JsonNode parameter : resource.path("searchParam")) {
                            String name = parameter.path("name").asText();
                            if (searchValues.containsKey(name)) {
                                calls.add(new Call("GET", "/fhir/" + type + "?" + name + "=" + searchValues.get(name),
                                        "/fhir/" + type + "?" + name, null, null));
                            }
                        }
                    }
                    case "create" -> calls.add(new Call("POST", "/fhir/" + type, "/fhir/" + type,
                            "{\"resourceType\": \"" + type + "\"}", "application/fhir+json"));
                    case "update" -> calls.add(new Call("PUT", "/fhir/" + type + "/" + id, "/fhir/" + type + "/{id}",
                            "{\"resourceType\": \"" + type + "\", \"id\": \"" + id + "\"}", "application/fhir+json"));
                    default -> {
                    }
                }
            }
            for (JsonNode operation : resource.path("operation")) {
                calls.add(new Call("GET", "/fhir/" + type + "/" + id + "/$" + operation.path("name").asText()
                        .replace("$", ""), "/fhir/" + type + "/{id}/$op", null, null));
            }
        }
        calls.add(new Call("GET", "/fhir/Account/pool-" + ids.get("dave"), "/fhir/Account/{id}", null, null));
        calls.add(new Call("POST", "/fhir", "/fhir", "{\"resourceType\": \"Bundle\", \"type\": \"transaction\"}",
                "application/fhir+json"));
        return calls;
    }

    private static Response send(String user, Call call) {
        RequestSpecification request = given().auth().oauth2(DemoTokens.of(user)).redirects().follow(false);
        if (call.body() != null) {
            request = request.contentType(call.contentType()).body(call.body());
        }
        return request.request(call.method(), call.path());
    }

    private long auditEntries() throws Exception {
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select seq from audit_chain_head")) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void theMatrixFindsALeakWhenThereIsOne() {
        String dave = DemoFamily.dave();
        String coordinatorView = DemoFamily.read("coordinator", dave).asString();
        assertFalse(NEVER.get("trust").stream().noneMatch(coordinatorView::contains),
                "the coordinator's view holds the markers the trusts must never see, so their absence means something");
    }
}
