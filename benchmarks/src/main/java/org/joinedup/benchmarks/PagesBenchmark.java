package org.joinedup.benchmarks;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The coordinator's two busiest pages, timed as a browser asks for them: the joined-up case of a family of five with
 * a year of history (52 weekly council payments, a service, an allocation) and a caseload of sixty families. It
 * first sets the families up through the council's real REST endpoint (until the coordinator has {@code --families}),
 * signs in through the sign-in form, then asks for each page {@code --requests} times, one at a time, and prints
 * p50, p95 and max with the limits (case p95 under 300 ms, caseload p95 under 500 ms).
 *
 * <pre>
 * --url=http://localhost:8080  --families=60  --requests=200  --warmup=30
 * </pre>
 */
public final class PagesBenchmark {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern CASE_ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\",\"leadPersonId\"");

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String url;

    private PagesBenchmark(String url) {
        this.url = url;
    }

    public static void main(String[] argv) throws Exception {
        String url = option(argv, "url", "http://localhost:8080");
        int families = Integer.parseInt(option(argv, "families", "60"));
        int requests = Integer.parseInt(option(argv, "requests", "200"));
        int warmup = Integer.parseInt(option(argv, "warmup", "30"));
        new PagesBenchmark(url).run(families, requests, warmup);
    }

    private void run(int families, int requests, int warmup) throws Exception {
        String council = token("council");
        String coordinator = token("coordinator");
        String run = UUID.randomUUID().toString().substring(0, 6);
        String lead = "PB-" + run + "-LEAD";
        council(familyOfFive(run, lead));
        int have = caseIds(coordinator).size();
        List<String> others = new ArrayList<>();
        for (int i = 0; have + i < families; i++) {
            others.add(allocation("PB-" + run + "-" + i, "Person" + i, "Bench", LocalDate.of(1960, 1, 1)
                    .plusDays(i * 97L)));
        }
        for (int from = 0; from < others.size(); from += 500) {
            council("[" + String.join(",", others.subList(from, Math.min(others.size(), from + 500))) + "]");
        }
        String familyCase = awaitFamily(coordinator, lead, families);
        String session = signIn("coordinator");
        System.out.printf("PagesBenchmark: %d families on the caseload; the family of five is case %s%n",
                caseIds(coordinator).size(), familyCase);
        time("case page /app/cases/{id} (family of five, a year of history)", "/app/cases/" + familyCase, session,
                warmup, requests, 300);
        time("caseload /app/caseload (" + families + " families)", "/app/caseload", session, warmup, requests, 500);
    }

    private void time(String what, String path, String session, int warmup, int requests, long limitMillis)
            throws Exception {
        for (int i = 0; i < warmup; i++) {
            page(path, session);
        }
        long[] nanos = new long[requests];
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            page(path, session);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        double p95 = nanos[(int) Math.min(requests - 1, Math.ceil(requests * 0.95) - 1)] / 1e6;
        System.out.printf("%s: %d requests, p50 %.1f ms, p95 %.1f ms, max %.1f ms; limit p95 %d ms: %s (%.2f of"
                + " the limit)%n", what, requests, nanos[requests / 2] / 1e6, p95, nanos[requests - 1] / 1e6,
                limitMillis, p95 < limitMillis ? "MET" : "NOT MET", p95 / limitMillis);
    }

    private void page(String path, String session) throws Exception {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Cookie", "joinedup-session=" + session).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(path + ": HTTP " + answer.statusCode());
        }
    }

    /** A lead with four household members, an allocation, a home care service and a year of weekly payments. */
    private static String familyOfFive(String run, String lead) {
        List<String> events = new ArrayList<>();
        String[] names = { "Ann", "Bob", "Cat", "Dan" };
        StringBuilder household = new StringBuilder();
        for (int m = 0; m < names.length; m++) {
            String member = lead + "-M" + m;
            events.add(client(run + "-m" + m, member, names[m], LocalDate.of(2000 + m * 3, 5, 1), "CLIENT_UPDATED",
                    ""));
            household.append(household.isEmpty() ? "" : ",").append("{\"clientId\":\"").append(member)
                    .append("\",\"relationship\":\"").append(m == 0 ? "PARTNER" : "CHILD").append("\"}");
        }
        events.add(client(run + "-lead", lead, "Lena", LocalDate.of(1975, 3, 3), "CLIENT_UPDATED",
                ",\"household\":[" + household + "]"));
        events.add(allocation(lead, "Lena", "Family", LocalDate.of(1975, 3, 3)));
        events.add(client(run + "-svc", lead, "Lena", LocalDate.of(1975, 3, 3), "SERVICE_STARTED",
                ",\"service\":{\"serviceId\":\"S-" + lead + "\",\"kind\":\"HOME_CARE\",\"provider\":\"Oldham Home"
                        + " Care\",\"weeklyCostPence\":18000,\"startDate\":\"2025-12-01\"}"));
        for (int week = 0; week < 52; week++) {
            LocalDate paid = LocalDate.of(2026, 4, 6).plusWeeks(week % 34);
            events.add(client(run + "-pay" + week, lead, "Lena", LocalDate.of(1975, 3, 3), "PAYMENT_MADE",
                    ",\"payment\":{\"paymentId\":\"P-" + lead + "-" + week + "\",\"allocationId\":\"A-" + lead
                            + "\",\"amountPence\":9000,\"paidOn\":\"" + paid + "\",\"payee\":\"Oldham Home Care\","
                            + "\"category\":\"HOME_CARE\"}"));
        }
        return "[" + String.join(",", events) + "]";
    }

    private static String allocation(String clientId, String forename, String surname, LocalDate born) {
        return client("alloc-" + clientId, clientId, forename, born, "ALLOCATION_CONFIRMED", ",\"allocation\":{"
                + "\"allocationId\":\"A-" + clientId + "\",\"department\":\"ADULT_SOCIAL_CARE\","
                + "\"annualAmountPence\":936000,\"periodStart\":\"2026-04-01\",\"periodEnd\":\"2027-03-31\","
                + "\"management\":\"DIRECT_PAYMENT\"}", surname);
    }

    private static String client(String eventId, String clientId, String forename, LocalDate born, String type,
            String extra) {
        return client(eventId, clientId, forename, born, type, extra, "Family");
    }

    private static String client(String eventId, String clientId, String forename, LocalDate born, String type,
            String extra, String surname) {
        return "{\"eventId\":\"PB-" + eventId + "\",\"type\":\"" + type + "\",\"occurredAt\":\"2026-04-01T09:00:00Z\","
                + "\"council\":\"E08000004\",\"client\":{\"clientId\":\"" + clientId + "\",\"forename\":\"" + forename
                + "\",\"surname\":\"" + surname + "-" + clientId + "\",\"dateOfBirth\":\"" + born + "\"}" + extra + "}";
    }

    private String awaitFamily(String coordinator, String lead, int families) throws Exception {
        long until = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < until) {
            String caseload = get("/api/cases?coordinator=coordinator", coordinator).body();
            int at = caseload.indexOf("Family-" + lead);
            if (at > 0 && caseIds(coordinator).size() >= families) {
                Matcher id = CASE_ID.matcher(caseload.substring(caseload.lastIndexOf("{\"id\":\"", at)));
                if (id.find()) {
                    String found = id.group(1);
                    String view = get("/api/cases/" + found, coordinator).body();
                    if (count(view, "\"paymentId\"") >= 52 && count(view, "\"lead\":") >= 5) {
                        return found;
                    }
                }
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("the families did not arrive within 3 minutes");
    }

    private List<String> caseIds(String coordinator) throws Exception {
        Matcher ids = CASE_ID.matcher(get("/api/cases?coordinator=coordinator", coordinator).body());
        List<String> found = new ArrayList<>();
        while (ids.find()) {
            found.add(ids.group(1));
        }
        return found;
    }

    private String signIn(String user) throws Exception {
        HttpResponse<String> form = client.send(HttpRequest.newBuilder(URI.create(url + "/app/sign-in")).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = CSRF.matcher(form.body());
        if (!token.find()) {
            throw new IllegalStateException("no sign-in form at " + url + "/app/sign-in (demo profile?)");
        }
        String formCookie = cookie(form, "joinedup-sign-in");
        HttpResponse<String> signedIn = client.send(HttpRequest.newBuilder(URI.create(url + "/app/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "joinedup-sign-in="
                        + formCookie)
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + URLEncoder.encode(token.group(1),
                        StandardCharsets.UTF_8) + "&user=" + user)).build(), HttpResponse.BodyHandlers.ofString());
        return cookie(signedIn, "joinedup-session");
    }

    private static String cookie(HttpResponse<?> answer, String name) {
        return answer.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1, c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new IllegalStateException("no cookie " + name));
    }

    private void council(String batch) throws Exception {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(url
                + "/api/inbound/social-care/events:batch")).header("Authorization", "Bearer " + token("council"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(batch)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() >= 300) {
            throw new IllegalStateException("council batch: HTTP " + answer.statusCode() + " " + answer.body());
        }
    }

    private final java.util.Map<String, String> tokens = new java.util.HashMap<>();

    private String token(String user) throws Exception {
        if (!tokens.containsKey(user)) {
            tokens.put(user, client.send(HttpRequest.newBuilder(URI.create(url + "/auth/demo-token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("user=" + user)).build(),
                    HttpResponse.BodyHandlers.ofString()).body().replaceAll(".*\"access_token\":\"([^\"]+)\".*",
                            "$1"));
        }
        return tokens.get(user);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            n++;
        }
        return n;
    }

    private static String option(String[] argv, String name, String otherwise) {
        for (String a : argv) {
            if (a.startsWith("--" + name + "=")) {
                return a.substring(name.length() + 3);
            }
        }
        return otherwise;
    }
}
