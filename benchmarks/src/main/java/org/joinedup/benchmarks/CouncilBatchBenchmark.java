package org.joinedup.benchmarks;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load benchmark of the council social-care REST intake: concurrent council clients each post batches of events
 * ({@code POST /api/inbound/social-care/events:batch}, a JSON array of up to 1,000 events, bearer token of demo user
 * {@code council}, Oldham E08000004) and count the events the hub accepts ({@code 202}-equivalent: the batch answers
 * {@code 200} with {@code "accepted": n}). It prints accepted events/s, latency per batch (p50/p90/p99/max), the
 * rejected events grouped by reason, how many events the hub applied meanwhile, and whether the target was met:
 * <b>at least 5,000 events/s accepted</b> with none rejected.
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks compile exec:java -Dexec.mainClass=org.joinedup.benchmarks.CouncilBatchBenchmark \
 *     -Dexec.args="--duration=30 --concurrency=2 --batch=1000"
 * </pre>
 *
 * Events follow /work/shared/formats/social-care-rest-json.md: for {@code --clients} council clients (each with the
 * council's client id, a valid NHS number, a valid NI number, name, birth date, postcode and address), the
 * client's k-th event is in turn {@code CLIENT_UPDATED} (with a household link to the next client for
 * {@code --household} of them), {@code SERVICE_STARTED}, {@code ALLOCATION_CONFIRMED}, {@code PAYMENT_MADE} from
 * that allocation, {@code SERVICE_ENDED}, and {@code ALLOCATION_CONFIRMED} again (a revision); events go out client
 * after client. Every {@code eventId} is new (unique per run), so every event must be accepted.
 */
public final class CouncilBatchBenchmark implements Args.Benchmark {

    static final String USAGE = """
            usage: ./mvnw -B -q -pl benchmarks -am compile exec:java \\
                     -Dexec.mainClass=org.joinedup.benchmarks.CouncilBatchBenchmark -Dexec.args="[options]"
              --url=http://localhost:8080  --user=council  --token=<bearer> --council=<GSS code>
              --batch=1000  --concurrency=2  --duration=30 | --count=<events>  --warmup=5 (s)  --clients=100000
              --household=20%  --timeout=120 (s)  --target=5000  --seed=<long>
              --db-url=jdbc:postgresql://127.0.0.1:55432/postgres  --db-user=postgres  --data-dir=./data (its password)""";

    private static final String PATH = "/api/inbound/social-care/events:batch";
    private static final String[] TYPES = {"CLIENT_UPDATED", "SERVICE_STARTED", "ALLOCATION_CONFIRMED", "PAYMENT_MADE",
        "SERVICE_ENDED", "ALLOCATION_CONFIRMED"};
    private static final String[] KINDS = {"HOME_CARE", "DAY_CARE", "RESIDENTIAL", "RESPITE", "MEALS", "OTHER"};
    private static final String[] DEPARTMENTS = {"ADULT_SOCIAL_CARE", "CHILDRENS_SERVICES", "PUBLIC_HEALTH",
        "HOUSING_SUPPORT"};
    private static final String[] MANAGEMENT = {"DIRECT_PAYMENT", "MANAGED", "INDIVIDUAL_SERVICE_FUND", "MIXED"};
    private static final String[] PROVIDERS = {"Oldham Care Ltd", "Pennine Home Support", "Werneth Day Centre",
        "Saddleworth Respite"};
    private static final String[] STREETS = {"Union Street", "Yorkshire Street", "Manchester Road", "Lees Road",
        "Shaw Road", "Rochdale Road"};
    private static final Instant BASE = Instant.parse("2026-04-01T08:00:00Z");

    private final String url;
    private final String user;
    private final String tokenOption;
    private final String councilOption;
    private final int batch;
    private final int concurrency;
    private final int durationSeconds;
    private final long count;
    private final int warmupSeconds;
    private final long clients;
    private final double household;
    private final int timeoutSeconds;
    private final double target;
    private final long seed;
    private final People ids;
    private final String runId;

    private String council;
    private byte[] head;

    private final AtomicLong nextEvent = new AtomicLong();
    private final AtomicLong measuredTickets = new AtomicLong();
    private final LongAdder acceptedMeasured = new LongAdder();
    private final LongAdder rejectedMeasured = new LongAdder();
    private final LongAdder failedBatches = new LongAdder();
    private final LongAdder acceptedWarmup = new LongAdder();
    private final Map<String, LongAdder> problems = new ConcurrentHashMap<>();
    private volatile long warmupEndNanos;
    private volatile long endNanos;

    private final CopyLimit copyLimit;

    private CouncilBatchBenchmark(Args a) {
        url = a.string("url", "http://localhost:8080");
        user = a.string("user", "council");
        tokenOption = a.string("token", null);
        councilOption = a.string("council", null);
        batch = a.intValue("batch", 1_000, 1);
        concurrency = a.intValue("concurrency", 2, 1);
        durationSeconds = a.intValue("duration", 30, 1);
        count = a.longValue("count", 0, 0);
        warmupSeconds = a.intValue("warmup", 5, 0);
        clients = a.longValue("clients", 100_000, 1);
        household = a.fraction("household", 0.2);
        timeoutSeconds = a.intValue("timeout", 120, 1);
        target = a.doubleValue("target", 5_000);
        seed = a.longValue("seed", ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 0);
        copyLimit = CopyLimit.from(a, a.string("data-dir", "./data"));
        a.finish();
        ids = new People(seed);
        runId = Long.toString(seed % 78_364_164_096L, 36).toUpperCase(Locale.ROOT);
    }

    public static void main(String[] argv) throws Exception {
        Args.launch(argv, USAGE, CouncilBatchBenchmark::new);
    }

    @Override
    public void run() throws Exception {
        try (HubApi hub = new HubApi(url)) {
            String token;
            if (tokenOption != null) {
                token = tokenOption;
                council = councilOption;
                if (council == null) {
                    throw new HubApi.SetupException("with --token, give the council's GSS code too (--council=...)");
                }
            } else {
                HubApi.Token t = hub.demoToken(user);
                token = t.bearer();
                council = councilOption != null ? councilOption : t.agency();
            }
            head = hub.endpoint.head("POST", PATH, token, "application/json", "application/json");
            String metricsBefore = hub.metrics();

            System.out.printf(Locale.ROOT, "JoinedUp council batch benchmark: POST %s%s as '%s' (council %s)%n",
                    hub.endpoint, PATH, user, council);
            System.out.printf(Locale.ROOT, "  %,d events per batch, concurrency %d, warmup %d s, %s; %,d clients, "
                    + "%.0f%% with a household link; %d cores, Java %s%n", batch, concurrency, warmupSeconds,
                    count > 0 ? String.format(Locale.ROOT, "measuring %,d events", count)
                            : "measuring " + durationSeconds + " s", clients, household * 100,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            System.out.println("  run " + runId + ": client ids OLD-" + runId + "-<n>, " + People.describe(ids));
            preflight();

            Worker[] workers = new Worker[concurrency];
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                workers[i] = new Worker(start);
                Thread t = new Thread(workers[i], "council-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
            long begin = System.nanoTime();
            warmupEndNanos = begin + warmupSeconds * 1_000_000_000L;
            endNanos = count > 0 ? Long.MAX_VALUE : warmupEndNanos + durationSeconds * 1_000_000_000L;
            System.out.println(warmupSeconds > 0 ? "warming up ..." : "measuring ...");
            String[] metricsAtMeasure = {metricsBefore};
            start.countDown();
            long lastAccepted = 0;
            long lastAt = begin;
            boolean measuring = warmupSeconds == 0;
            while (threads.stream().anyMatch(Thread::isAlive)) {
                Thread.sleep(measuring ? 5_000 : Math.max(1, Math.min(5_000,
                        (warmupEndNanos - System.nanoTime()) / 1_000_000)));
                long now = System.nanoTime();
                if (!measuring) {
                    if (now >= warmupEndNanos) {
                        measuring = true;
                        metricsAtMeasure[0] = hub.metrics();
                        System.out.printf(Locale.ROOT, "  warmup done: %,d events accepted; measuring ...%n",
                                acceptedWarmup.sum());
                        lastAccepted = acceptedMeasured.sum();
                        lastAt = now;
                    }
                    continue;
                }
                long accepted = acceptedMeasured.sum();
                System.out.printf(Locale.ROOT, "  [%5.1f s] %,d accepted, %,d rejected, %,d batches failed; last %.1f"
                        + " s: %,.0f events/s%n", (now - warmupEndNanos) / 1e9, accepted, rejectedMeasured.sum(),
                        failedBatches.sum(), (now - lastAt) / 1e9, (accepted - lastAccepted) / ((now - lastAt) / 1e9));
                lastAccepted = accepted;
                lastAt = now;
            }
            String metricsAfter = hub.metrics();
            report(workers, metricsAtMeasure[0], metricsAfter);
        }
    }

    /** One small batch before anything is timed: a hub that refuses the events stops the run with the reason. */
    private void preflight() throws Exception {
        try (HttpConnection c = new HttpConnection(HttpConnection.Endpoint.of(url), 10_000, timeoutSeconds * 1_000)) {
            StringBuilder json = new StringBuilder();
            long first = nextEvent.getAndAdd(TYPES.length);
            writeBatch(json, first, TYPES.length);
            c.begin(head).put(json.toString().getBytes(StandardCharsets.UTF_8));
            int status = c.exchange();
            String body = c.bodyString();
            if (status != 200 || accepted(c.body(), c.bodyLength()) != TYPES.length) {
                throw new HubApi.SetupException("the hub did not accept a first batch of " + TYPES.length
                        + " events: HTTP " + status + " " + abbreviate(body) + "\n  batch sent: " + json);
            }
        }
    }

    private final class Worker implements Runnable {
        final BudgetPushBenchmark.Samples latencies = new BudgetPushBenchmark.Samples();
        long lastMeasuredEnd;
        private final CountDownLatch start;

        Worker(CountDownLatch start) {
            this.start = start;
        }

        @Override
        public void run() {
            StringBuilder json = new StringBuilder(batch * 600);
            try (HttpConnection c = new HttpConnection(HttpConnection.Endpoint.of(url), 10_000,
                    timeoutSeconds * 1_000)) {
                start.await();
                while (true) {
                    long now = System.nanoTime();
                    boolean measured = now >= warmupEndNanos;
                    int n = batch;
                    if (measured) {
                        if (now >= endNanos) {
                            return;
                        }
                        if (count > 0) {
                            long ticket = measuredTickets.getAndAdd(batch);
                            if (ticket >= count) {
                                return;
                            }
                            n = (int) Math.min(batch, count - ticket);
                        }
                    }
                    long first = nextEvent.getAndAdd(n);
                    json.setLength(0);
                    writeBatch(json, first, n);
                    ByteSink body = c.begin(head);
                    body.ensure(json.length());
                    for (int i = 0; i < json.length(); i++) { // ASCII only
                        body.buf[body.pos++] = (byte) json.charAt(i);
                    }
                    long t0 = System.nanoTime();
                    long accepted;
                    String problem = null;
                    try {
                        int status = c.exchange();
                        accepted = status == 200 ? accepted(c.body(), c.bodyLength()) : -1;
                        if (accepted < 0) {
                            problem = "HTTP " + status + " " + abbreviate(c.bodyString());
                        } else if (accepted < n) {
                            rejections(c.bodyString());
                        }
                    } catch (SocketTimeoutException e) {
                        accepted = -1;
                        problem = "timed out after " + timeoutSeconds + " s";
                    } catch (IOException e) {
                        accepted = -1;
                        problem = "request failed: " + e;
                    }
                    long t1 = System.nanoTime();
                    if (problem != null) {
                        problems.computeIfAbsent("batch: " + problem, k -> new LongAdder()).increment();
                    }
                    if (measured) {
                        lastMeasuredEnd = Math.max(lastMeasuredEnd, t1);
                        if (accepted < 0) {
                            failedBatches.increment();
                            rejectedMeasured.add(n);
                        } else {
                            latencies.add(t1 - t0);
                            acceptedMeasured.add(accepted);
                            rejectedMeasured.add(n - accepted);
                        }
                    } else if (accepted > 0) {
                        acceptedWarmup.add(accepted);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final byte[] ACCEPTED = "\"accepted\":".getBytes(StandardCharsets.US_ASCII);

    /** The {@code "accepted": n} of a batch answer, read on the bytes; -1 when there is none. */
    static long accepted(byte[] body, int length) {
        int at = ByteSink.indexOf(body, length, ACCEPTED, 0);
        if (at < 0) {
            return -1;
        }
        int i = at + ACCEPTED.length;
        while (i < length && body[i] == ' ') {
            i++;
        }
        long n = 0;
        int digits = 0;
        while (i < length && body[i] >= '0' && body[i] <= '9') {
            n = n * 10 + body[i++] - '0';
            digits++;
        }
        return digits == 0 ? -1 : n;
    }

    private static final Pattern PROBLEM = Pattern.compile("\"path\":\"([^\"]*)\",\"reason\":\"((?:[^\"\\\\]|\\\\.)*)\""
            + "|\"reason\":\"((?:[^\"\\\\]|\\\\.)*)\",\"path\":\"([^\"]*)\"");

    /** Groups the problems of the rejected events in an answer by path and reason (numbers masked). */
    private void rejections(String answer) {
        Matcher m = PROBLEM.matcher(answer);
        while (m.find()) {
            String path = m.group(1) != null ? m.group(1) : m.group(4);
            String reason = m.group(2) != null ? m.group(2) : m.group(3);
            String kind = (path + ": " + reason).replaceAll("\\d+", "<n>");
            if (problems.size() < 40 || problems.containsKey(kind)) {
                problems.computeIfAbsent(kind, k -> new LongAdder()).increment();
            }
        }
    }

    /** Events {@code 0 .. n - 1} as COPY's text rows: the event number and its JSON. */
    final class EventRows extends CopyLimit.Rows {
        private final long n;
        private long next;

        EventRows(long n) {
            this.n = n;
        }

        @Override
        boolean next(StringBuilder row) {
            if (next == n) {
                return false;
            }
            row.append(next).append('\t');
            int start = row.length();
            writeEvent(row, next++);
            for (int i = row.length() - 1; i >= start; i--) { // COPY's text format escapes its backslashes
                if (row.charAt(i) == '\\') {
                    row.insert(i, '\\');
                }
            }
            row.append('\n');
            return true;
        }
    }

    /** Writes a JSON array of events {@code first .. first + n - 1} of this run. */
    void writeBatch(StringBuilder json, long first, int n) {
        json.append('[');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                json.append(',');
            }
            writeEvent(json, first + i);
        }
        json.append(']');
    }

    /** Event {@code e}: client {@code e % clients}, that client's event number {@code e / clients}. */
    void writeEvent(StringBuilder json, long e) {
        long c = e % clients;
        long k = e / clients;
        int kind = (int) (k % TYPES.length);
        String type = TYPES[kind];
        long round = k / TYPES.length; // every six events a client starts another service and allocation
        Instant occurred = BASE.plusSeconds(k * 3_600 + c % 3_000);
        LocalDate day = LocalDate.ofInstant(occurred, java.time.ZoneOffset.UTC);
        String clientId = "OLD-" + runId + "-" + c;
        json.append("{\"eventId\":\"EV-").append(runId).append('-').append(e).append("\",\"type\":\"").append(type)
                .append("\",\"occurredAt\":\"").append(occurred).append("\",\"council\":\"").append(council)
                .append("\",\"client\":{\"clientId\":\"").append(clientId).append("\",\"nhsNumber\":\"")
                .append(ids.nhs(c)).append("\",\"niNumber\":\"").append(ids.ni(c)).append("\",\"forename\":\"")
                .append(People.titleCase(People.forename(c))).append("\",\"surname\":\"")
                .append(People.titleCase(People.surname(c)).replace("'", "\\u0027")).append("\",\"dateOfBirth\":\"")
                .append(People.birthDate(c)).append("\",\"postcode\":\"").append(People.postcode(c))
                .append("\",\"address\":\"").append(1 + c % 180).append(' ').append(STREETS[(int) (c % STREETS.length)])
                .append(", Oldham\"}");
        String allocationId = "ALLOC-" + runId + "-" + c + "-" + round;
        String serviceId = "SVC-" + runId + "-" + c + "-" + round;
        switch (kind) {
            case 0 -> {
                if (c + 1 < clients && c % 1_000 < household * 1_000) {
                    json.append(",\"household\":[{\"clientId\":\"OLD-").append(runId).append('-').append(c + 1)
                            .append("\",\"relationship\":\"").append(c % 2 == 0 ? "PARTNER" : "CHILD").append("\"}]");
                }
            }
            case 1 -> json.append(",\"service\":{\"serviceId\":\"").append(serviceId).append("\",\"kind\":\"")
                    .append(KINDS[(int) (c % KINDS.length)]).append("\",\"provider\":\"")
                    .append(PROVIDERS[(int) (c % PROVIDERS.length)]).append("\",\"weeklyCostPence\":")
                    .append(10_000 + c * 37 % 50_000).append(",\"startDate\":\"").append(day).append("\"}");
            case 2, 5 -> json.append(",\"allocation\":{\"allocationId\":\"").append(allocationId)
                    .append("\",\"department\":\"").append(DEPARTMENTS[(int) (c % DEPARTMENTS.length)])
                    .append("\",\"annualAmountPence\":").append(500_000 + c * 101 % 2_000_000 + (kind == 5 ? 25_000 : 0))
                    .append(",\"periodStart\":\"").append(day).append("\",\"periodEnd\":\"")
                    .append(day.plusYears(1).minusDays(1)).append("\",\"management\":\"")
                    .append(MANAGEMENT[(int) (c % MANAGEMENT.length)]).append("\"}");
            case 3 -> json.append(",\"payment\":{\"paymentId\":\"PAY-").append(runId).append('-').append(c).append('-')
                    .append(round).append("\",\"allocationId\":\"").append(allocationId).append("\",\"amountPence\":")
                    .append(1_000 + c * 13 % 40_000).append(",\"paidOn\":\"").append(day).append("\",\"payee\":\"")
                    .append(PROVIDERS[(int) (c % PROVIDERS.length)]).append("\",\"category\":\"care\"}");
            case 4 -> json.append(",\"service\":{\"serviceId\":\"").append(serviceId).append("\",\"endDate\":\"")
                    .append(day).append("\"}");
            default -> throw new IllegalStateException("kind " + kind);
        }
        json.append('}');
    }

    private static String abbreviate(String s) {
        String flat = s.replaceAll("\\s+", " ");
        return flat.length() <= 400 ? flat : flat.substring(0, 400) + "...";
    }

    private void report(Worker[] workers, String metricsAtMeasure, String metricsAfter) {
        BudgetPushBenchmark.Samples all = new BudgetPushBenchmark.Samples();
        long lastEnd = warmupEndNanos;
        for (Worker w : workers) {
            all.addAll(w.latencies);
            lastEnd = Math.max(lastEnd, w.lastMeasuredEnd);
        }
        all.sort();
        double seconds = Math.max(1e-9, (lastEnd - warmupEndNanos) / 1e9);
        long accepted = acceptedMeasured.sum();
        long rejected = rejectedMeasured.sum();
        double eps = accepted / seconds;
        double applied = HubApi.counter(metricsAfter, "hub_inbound_outcomes_total", "agency", "SOCIAL_CARE", "status",
                "APPLIED") - HubApi.counter(metricsAtMeasure, "hub_inbound_outcomes_total", "agency", "SOCIAL_CARE",
                "status", "APPLIED");

        System.out.println();
        System.out.println("===================== JoinedUp council social-care batches: results =====================");
        System.out.printf(Locale.ROOT, "window:       %.1f s measured (after %d s warmup: %,d events accepted, not "
                + "counted)%n", seconds, warmupSeconds, acceptedWarmup.sum());
        System.out.printf(Locale.ROOT, "events:       %,d accepted, %,d rejected or lost in %,d failed batches; %,d "
                + "batches of %,d%n", accepted, rejected, failedBatches.sum(), all.size(), batch);
        System.out.printf(Locale.ROOT, "throughput:   %,.0f events/s accepted (%.2f batches/s)%n", eps,
                all.size() / seconds);
        System.out.println("batch ms:     " + all.summary().replace("transaction", "batch"));
        if (all.size() > 0) {
            System.out.printf(Locale.ROOT, "per event:    %.2f ms of a batch's latency%n",
                    all.percentileMillis(50) / batch);
        }
        System.out.printf(Locale.ROOT, "applied:      %,.0f council events applied by the hub during the window "
                + "(%,.0f/s; the rest wait on its apply queue)%n", applied, applied / seconds);
        if (!problems.isEmpty()) {
            System.out.println("problems (warmup and measured, per kind):");
            problems.entrySet().stream()
                    .sorted(Comparator.comparingLong((Map.Entry<String, LongAdder> e) -> e.getValue().sum()).reversed())
                    .forEach(e -> System.out.printf(Locale.ROOT, "  %,8d x %s%n", e.getValue().sum(), e.getKey()));
        }
        // the limit, measured now that the hub is done with the window: the same events copied into PostgreSQL
        copyLimit.seconds("create temporary table council_limit (event_id bigint, payload jsonb)",
                "copy council_limit from stdin", new EventRows(accepted)).ifPresent(copied -> System.out.printf(
                        Locale.ROOT, "limit:        PostgreSQL COPY of the same %,d events in %.2f s (%,.0f events/s)"
                                + " in this run: accepted at %.3f of it, applied at %.4f%n", accepted, copied,
                        accepted / copied, eps / (accepted / copied), applied / seconds / (accepted / copied)));
        boolean accepting = eps >= target && rejected == 0;
        System.out.printf(Locale.ROOT, "target:       >= %,.0f events/s accepted, none rejected: %s%n", target,
                accepting ? "MET" : String.format(Locale.ROOT, "NOT MET (%,.0f events/s%s)", eps,
                        rejected > 0 ? ", " + rejected + " rejected" : ""));
        System.out.printf(Locale.ROOT, "target:       >= %,.0f events/s applied: %s%n", target,
                applied / seconds >= target ? "MET" : String.format(Locale.ROOT, "NOT MET (%,.0f events/s applied)",
                        applied / seconds));
        System.out.println("=========================================================================================");
    }
}
