package org.joinedup.hub.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;

/**
 * The demo council's other people: twelve Oldham clients who had traditional services (home care, day centres) and
 * moved to a personal budget. Each arrives as the council sends it (client, service, allocation through the real
 * REST endpoint), then, as the coordinator and the council would do it through the JSON API, gets a support plan, its
 * approval, their equality monitoring and the plan's review with the person. So the value report shows costs before
 * and after and the outcomes at review in the evaluation's shape, and the equity report its groups. A later start
 * finds each step done (the message store recognises the events; a person with a plan is not planned again; a review
 * carries its reference) and changes nothing.
 */
final class DemoCohort {

    private static final Logger LOG = Logger.getLogger(DemoCohort.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One person: before, their traditional package a week; after, their plan's line a week; their groups; and what
     * they said at review (worse, same for the aspects so marked, better for the rest).
     */
    record Member(String forename, String surname, String born, String postcode, String service, long weeklyBefore,
            String category, String payee, long weeklyAfter, String ethnicity, String disability, String goal,
            List<String> same, List<String> worse, String goalOutcome) {
    }

    static final List<Member> MEMBERS = List.of(
            new Member("Margaret", "Ashworth", "1941-06-02", "OL8 1AB", "RESIDENTIAL", 61_000, "PERSONAL_CARE",
                    "Chadderton Home Support", 47_500, "White British", "YES", "Stay in my own home",
                    List.of(), List.of(), "MET"),
            new Member("Imran", "Hussain", "1968-09-14", "OL9 6QP", "DAY_CARE", 28_000, "COMMUNITY_ACTIVITY",
                    "Glodwick Community Kitchen", 24_000, "Pakistani", "YES", "Cook for my family again",
                    List.of("economic-wellbeing"), List.of(), "PARTLY_MET"),
            new Member("Shirin", "Begum", "1975-03-30", "OL1 3LJ", "HOME_CARE", 21_000, "PERSONAL_ASSISTANT",
                    "Nasreen Akhtar PA", 23_000, "Bangladeshi", "YES", "Go out with my sister",
                    List.of(), List.of(), "MET"),
            new Member("Peter", "Kershaw", "1952-11-08", "OL4 2HT", "HOME_CARE", 35_000, "HOME_CARE",
                    "Pennine Home Care Ltd", 31_000, "White British", "YES", "Get to the bowls club",
                    List.of("health-and-wellbeing"), List.of(), "MET"),
            new Member("Grace", "Okafor", "1983-01-21", "OL8 4DW", "DAY_CARE", 18_500, "DAY_OPPORTUNITIES",
                    "Hathershaw Arts Collective", 19_500, "Black African", "NO", "Start a course",
                    List.of(), List.of(), "PARTLY_MET"),
            new Member("Alan", "Whitehead", "1979-07-12", "OL2 7RS", "RESIDENTIAL", 98_000, "PERSONAL_ASSISTANT",
                    "Royton Supported Living", 72_000, "White British", "YES", "Live near my mum",
                    List.of(), List.of(), "MET"),
            new Member("Susan", "Taylor", "1960-04-03", "OL1 4HX", "HOME_CARE", 14_000, "PERSONAL_CARE",
                    "Susan's neighbour, Jean Platt", 15_000, "White British", "NOT_SAID", "Have a bath when I want",
                    List.of("safe-at-home", "dignity"), List.of(), "MET"),
            new Member("Tariq", "Mahmood", "1990-12-19", "OL9 7BL", "DAY_CARE", 26_000, "TRANSPORT",
                    "Werneth Community Transport", 9_000, "Pakistani", "YES", "Get to work on time",
                    List.of(), List.of(), "MET"),
            new Member("Doreen", "Lees", "1938-02-25", "OL4 5QA", "HOME_CARE", 42_000, "HOME_CARE",
                    "Saddleworth Care Cooperative", 40_000, "White British", "YES", "Keep my garden",
                    List.of("community-life", "time-with-people"), List.of("health-and-wellbeing"), "NOT_MET"),
            new Member("Kelly", "Brennan", "1987-08-09", "OL8 2NE", "DAY_CARE", 22_000, "COMMUNITY_ACTIVITY",
                    "Failsworth Swimming Club", 12_500, "Mixed", "YES", "Swim every week",
                    List.of(), List.of(), "MET"),
            new Member("Harold", "Fitton", "1946-10-17", "OL3 6DB", "HOME_CARE", 30_000, "PERSONAL_ASSISTANT",
                    "Mark Fitton, his nephew", 33_000, "White British", "YES", "See the grandchildren",
                    List.of("economic-wellbeing"), List.of(), "PARTLY_MET"),
            new Member("Nadia", "Rahman", "1998-05-05", "OL1 2PL", "DAY_CARE", 19_000, "DAY_OPPORTUNITIES",
                    "Oldham Youth Theatre", 17_000, "Bangladeshi", "YES", "Perform on stage",
                    List.of(), List.of(), "MET"));

    private static final List<String> ASPECTS = List.of("health-and-wellbeing", "time-with-people",
            "quality-of-life", "community-life", "safe-at-home", "choice-and-control", "dignity",
            "economic-wellbeing");

    private DemoCohort() {
    }

    /** A valid NHS number for the n-th member, in a range the demo family does not use. */
    static String nhsNumber(int n) {
        for (int stem = 945_000_000 + n * 10;; stem++) {
            for (int check = 0; check < 10; check++) {
                if (org.joinedup.model.NhsNumber.isValid(stem + "" + check)) {
                    return stem + "" + check;
                }
            }
        }
    }

    static void load(String base, String council, String coordinator)
            throws IOException, InterruptedException {
        for (int n = 0; n < MEMBERS.size(); n++) {
            Member m = MEMBERS.get(n);
            String client = "OC-9%05d".formatted(n + 1);
            String nhs = nhsNumber(n);
            String who = """
                    "client": {"clientId": "%s", "nhsNumber": "%s", "forename": "%s", "surname": "%s",
                               "dateOfBirth": "%s", "postcode": "%s"}""".formatted(client, nhs, m.forename(),
                    m.surname(), m.born(), m.postcode());
            String answer = post(base, "/api/inbound/social-care/events:batch", council, """
                    [{"eventId": "OLD-CMS-DEMO-%1$s-S", "type": "SERVICE_STARTED", "occurredAt": "2025-10-01T09:00:00Z",
                      "council": "E08000004", %2$s,
                      "service": {"serviceId": "SVC-%1$s", "kind": "%3$s", "provider": "Oldham Council in-house",
                                  "weeklyCostPence": %4$d, "startDate": "2025-10-06"}},
                     {"eventId": "OLD-CMS-DEMO-%1$s-A", "type": "ALLOCATION_CONFIRMED", "occurredAt": "2026-04-01T09:00:00Z",
                      "council": "E08000004", %2$s,
                      "allocation": {"allocationId": "ASC-ALLOC-%1$s", "department": "ADULT_SOCIAL_CARE",
                                     "annualAmountPence": %5$d, "periodStart": "2026-04-01", "periodEnd": "2027-03-31",
                                     "management": "DIRECT_PAYMENT"}}]""".formatted(client, who, m.service(),
                    m.weeklyBefore(), m.weeklyAfter() * 53));
            if (JSON.readTree(answer).path("rejected").asInt() > 0) {
                LOG.errorf("Demo: the council refused events about %s %s: %s", m.forename(), m.surname(), answer);
            }
        }
        int planned = 0;
        for (int n = 0; n < MEMBERS.size(); n++) {
            Member m = MEMBERS.get(n);
            String person = awaitPerson(base, coordinator, nhsNumber(n));
            if (person == null) {
                LOG.warnf("Demo: %s %s's council events were not applied in time; no plan made", m.forename(),
                        m.surname());
                continue;
            }
            String plan = currentPlan(base, coordinator, nhsNumber(n), person);
            if (plan == null) {
                plan = JSON.readTree(post(base, "/api/plans", coordinator, """
                        {"personId": "%s", "whatMatters": "%s", "goals": "%s", "lines": [
                          {"category": "%s", "description": "%s", "payee": "%s", "costKind": "WEEKLY",
                           "unitPence": %d, "units": 1, "management": "DIRECT_PAYMENT"}]}""".formatted(person,
                        m.goal(), m.goal(), m.category(), m.goal(), m.payee(), m.weeklyAfter()))).get("id").asText();
                post(base, "/api/plans/" + plan + "/lines/1/approve", council, "{}");
                planned++;
            }
            put(base, "/api/people/" + person + "/equality", coordinator, """
                    {"ethnicity": "%s", "disability": "%s"}""".formatted(m.ethnicity(), m.disability()));
            StringBuilder aspects = new StringBuilder();
            for (String aspect : ASPECTS) {
                aspects.append(aspects.isEmpty() ? "" : ", ").append('"').append(aspect).append("\": \"")
                        .append(m.worse().contains(aspect) ? "WORSE" : m.same().contains(aspect) ? "SAME" : "BETTER")
                        .append('"');
            }
            post(base, "/api/plans/" + plan + "/reviews", coordinator, """
                    {"reference": "demo-review-%d", "reviewedOn": "%s", "aspects": {%s}, "ownAnswer": true,
                     "goals": [{"goal": "%s", "outcome": "%s"}]}""".formatted(n + 1,
                    java.time.LocalDate.now(java.time.ZoneId.of("Europe/London")), aspects, m.goal(),
                    m.goalOutcome()));
        }
        LOG.infof("Demo: %d of the council's people moved from traditional services to a personal budget (%d plans"
                + " made now), each with its review", MEMBERS.size(), planned);
    }

    private static String awaitPerson(String base, String token, String nhs) throws IOException,
            InterruptedException {
        for (int attempt = 0; attempt < 150; attempt++) {
            JsonNode found = JSON.readTree(get(base, "/api/people?nhsNumber=" + nhs, token));
            if (found.isArray() && found.size() == 1 && !found.get(0).path("id").asText().isEmpty()) {
                String id = found.get(0).path("id").asText();
                JsonNode person = JSON.readTree(get(base, "/api/people/" + id, token));
                if (person.path("contributions").size() > 0) {
                    return id;
                }
            }
            Thread.sleep(200);
        }
        return null;
    }

    /** The person's current plan, as their case shows it to the coordinator; null when they have none. */
    private static String currentPlan(String base, String token, String nhs, String person) throws IOException,
            InterruptedException {
        String caseId = JSON.readTree(get(base, "/api/people?nhsNumber=" + nhs, token)).path(0).path("caseId")
                .asText("");
        if (caseId.isEmpty()) {
            return null;
        }
        for (JsonNode member : JSON.readTree(get(base, "/api/cases/" + caseId, token)).path("members")) {
            String plan = member.path("plan").path("planId").asText("");
            if (person.equals(member.path("personId").asText()) && !plan.isEmpty()) {
                return plan;
            }
        }
        return null;
    }

    private static String get(String base, String path, String token) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String post(String base, String path, String token, String json)
            throws IOException, InterruptedException {
        return send(base, path, token, json, "POST");
    }

    private static String put(String base, String path, String token, String json)
            throws IOException, InterruptedException {
        return send(base, path, token, json, "PUT");
    }

    private static String send(String base, String path, String token, String json, String method)
            throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": HTTP " + answer.statusCode() + " "
                    + answer.body());
        }
        return answer.body();
    }
}
