package org.joinedup.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pooled budget ledger through its real entry point: finance systems' payment runs ({@code POST
 * /api/plans/payment-runs}) against approved plan lines, each payment a ledger posting with every rule checked.
 * Set-up, through the hub's APIs: {@code --people} people each with an Oldham council allocation (the council's REST
 * events), a plan with one weekly line drafted by the coordinator and approved by the council. Then {@code
 * --concurrency} clients post runs of {@code --batch} payments of £1.00 (new references, random lines) for {@code
 * --duration} seconds. It prints payments posted per second, run latency, refusals, and checks afterwards that the
 * council's own statement shows exactly the pence paid. Target: at least 5,000 postings/s.
 *
 * <pre>
 * HUB_DATA_DIR=/tmp/bench-ledger java -Dquarkus.profile=demo -Dhub.demo.load-data=false \
 *     -jar routes/target/quarkus-app/quarkus-run.jar &amp;
 * ./mvnw -B -q -pl benchmarks compile exec:java -Dexec.mainClass=org.joinedup.benchmarks.PaymentRunBenchmark \
 *     -Dexec.args="--people=200 --duration=30 --concurrency=4 --batch=200"
 * </pre>
 */
public final class PaymentRunBenchmark implements Args.Benchmark {

    static final String USAGE = """
            usage: ./mvnw -B -q -pl benchmarks -am compile exec:java \\
                     -Dexec.mainClass=org.joinedup.benchmarks.PaymentRunBenchmark -Dexec.args="[options]"
              --url=http://localhost:8080  --people=200  --batch=200  --concurrency=4  --duration=30 (s)
              --warmup=5 (s)  --target=5000""";

    private static final String YEAR = "from=2026-04-01&to=2027-03-31";

    private final String url;
    private final int people;
    private final int batch;
    private final int concurrency;
    private final int durationSeconds;
    private final int warmupSeconds;
    private final double target;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private PaymentRunBenchmark(Args args) {
        url = args.string("url", "http://localhost:8080");
        people = args.intValue("people", 200, 1);
        batch = args.intValue("batch", 200, 1);
        concurrency = args.intValue("concurrency", 4, 1);
        durationSeconds = args.intValue("duration", 30, 1);
        warmupSeconds = args.intValue("warmup", 5, 0);
        target = args.doubleValue("target", 5_000);
        args.finish();
    }

    public static void main(String[] argv) throws Exception {
        Args.launch(argv, USAGE, PaymentRunBenchmark::new);
    }

    @Override
    public void run() throws Exception {
        String council;
        String coordinator;
        try (HubApi api = new HubApi(url)) {
            council = api.demoToken("council").bearer();
            coordinator = api.demoToken("coordinator").bearer();
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        People population = new People(System.nanoTime());
        long setUp = System.nanoTime();
        List<String> plans = new ArrayList<>();
        for (int p = 0; p < people; p++) {
            String nhs = population.nhs(p);
            post("/api/inbound/social-care/events", council, """
                    {"eventId": "bench-%1$s-%2$d", "type": "ALLOCATION_CONFIRMED", "occurredAt": "2026-11-20T09:00:00Z",
                     "council": "E08000004", "client": {"clientId": "BENCH-%1$s-%2$d", "nhsNumber": "%3$s",
                     "forename": "%4$s", "surname": "%5$s", "dateOfBirth": "%6$s"},
                     "allocation": {"allocationId": "BENCH-A-%1$s-%2$d", "department": "ADULT_SOCIAL_CARE",
                       "annualAmountPence": 936000, "periodStart": "2026-04-01", "periodEnd": "2027-03-31",
                       "management": "DIRECT_PAYMENT"}}""".formatted(run, p, nhs,
                    People.titleCase(People.forename(p)), People.titleCase(People.surname(p)),
                    People.birthDate(p)), 202);
        }
        for (int p = 0; p < people; p++) {
            String personId = awaitPersonWithMoney(population.nhs(p), coordinator);
            String plan = BudgetPushBenchmark.jsonString(post("/api/plans", coordinator, """
                    {"personId": "%s", "whatMatters": "Out and about", "lines": [{"category": "COMMUNITY_ACTIVITY",
                     "description": "Allotment society", "payee": "Oldham Allotments", "costKind": "WEEKLY",
                     "unitPence": 10000, "units": 0, "management": "DIRECT_PAYMENT"}]}""".formatted(personId), 201),
                    "id");
            post("/api/plans/" + plan + "/lines/1/approve", council, "{}", 200);
            plans.add(plan);
        }
        long paidBefore = councilPaid(council);
        System.out.printf("set-up: %d people with a council allocation and an approved plan line, through the APIs,"
                + " in %.1f s%n", people, (System.nanoTime() - setUp) / 1e9);

        AtomicLong paid = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong counted = new AtomicLong();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        long measureFrom = start + warmupSeconds * 1_000_000_000L;
        long end = measureFrom + durationSeconds * 1_000_000_000L;
        AtomicLong sequence = new AtomicLong();
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            running.add(clients.submit(() -> {
                while (System.nanoTime() < end) {
                    StringBuilder body = new StringBuilder("{\"payments\": [");
                    for (int i = 0; i < batch; i++) {
                        body.append(i == 0 ? "" : ", ").append("{\"planId\": \"")
                                .append(plans.get(ThreadLocalRandom.current().nextInt(plans.size())))
                                .append("\", \"line\": 1, \"reference\": \"run-").append(run).append('-')
                                .append(sequence.incrementAndGet())
                                .append("\", \"amountPence\": 100, \"paidOn\": \"2026-12-04\"}");
                    }
                    long t0 = System.nanoTime();
                    String answer = post("/api/plans/payment-runs", council, body.append("]}").toString(), 200);
                    long t1 = System.nanoTime();
                    long ok = HubApi.jsonLong(answer, "paid").orElse(0L);
                    paid.addAndGet(ok);
                    refused.addAndGet(HubApi.jsonLong(answer, "refused").orElse(0L));
                    if (t0 >= measureFrom && t1 <= end) {
                        counted.addAndGet(ok);
                        latencies.add((t1 - t0) / 1_000_000);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        clients.shutdown();
        long paidAfter = councilPaid(council);
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        double rate = counted.get() / (double) durationSeconds;
        System.out.printf("%nPAYMENT RUNS: %,d payments posted in the %d s measured (%,.0f postings/s; %d clients, %d"
                + " payments per run, %d lines); run latency p50 %d ms, p99 %d ms, max %d ms; refused %d;%n"
                + "council statement: %,d pence paid during the benchmark, %,d payments x 100 = %,d: %s;"
                + " target >= %,.0f postings/s: %s%n%n", counted.get(), durationSeconds, rate, concurrency, batch,
                plans.size(), percentile(sorted, 50), percentile(sorted, 99), sorted.isEmpty() ? 0
                        : sorted.get(sorted.size() - 1), refused.get(), paidAfter - paidBefore, paid.get(),
                paid.get() * 100, paidAfter - paidBefore == paid.get() * 100 ? "EXACT" : "MISMATCH", target,
                rate >= target ? "MET" : "NOT MET");
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }

    private String awaitPersonWithMoney(String nhs, String token) throws Exception {
        for (int attempt = 0; attempt < 600; attempt++) {
            String found = get("/api/people?nhsNumber=" + nhs, token);
            String id = BudgetPushBenchmark.jsonString(found, "id");
            if (id != null && get("/api/people/" + id + "/budget", token).contains("\"availablePence\":936000")) {
                return id;
            }
            Thread.sleep(100);
        }
        throw new HubApi.SetupException("the council's allocation for NHS number " + nhs + " was not applied in 60 s");
    }

    private long councilPaid(String council) throws IOException, InterruptedException {
        return HubApi.jsonLong(get("/api/funders/E08000004/statement?" + YEAR, council), "paidPence").orElse(0L);
    }

    private String get(String path, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private String post(String path, String token, String json, int expected) throws IOException,
            InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != expected) {
            throw new IOException("POST " + path + ": HTTP " + answer.statusCode() + " " + answer.body());
        }
        return answer.body();
    }
}
