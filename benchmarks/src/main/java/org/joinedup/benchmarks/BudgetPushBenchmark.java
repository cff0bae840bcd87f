package org.joinedup.benchmarks;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load benchmark of the NHS budget push: many concurrent NHS-trust clients each posting FHIR {@code transaction}
 * Bundles to {@code POST /fhir} of a running hub, every Bundle a NEW continuing-care budget (an {@code Account}
 * with an identifier never used before) for a person with a valid, distinct NHS number. It prints transactions per
 * second, latency p50/p90/p99/max and the non-2xx answers (with their OperationOutcome text), and says whether the
 * target was met: <b>at least 1,000 transactions/s with p99 under 100 ms</b> and no failed transaction.
 *
 * <h2>Running it</h2>
 * Start a hub in the demo profile (demo users and {@code POST /auth/demo-token} are needed), then from the
 * repository root ({@code /work/main}):
 * <pre>
 * ./mvnw -B -q -pl benchmarks compile exec:java -Dexec.args="--duration=30 --concurrency=16"
 * </pre>
 * That one command builds what it needs: the benchmark module depends on nothing but the JDK and the parent POM, so
 * no {@code install} of the other modules is required. A hub to run against, for example:
 * <pre>
 * ./mvnw -B -q install -DskipTests
 * HUB_DATA_DIR=/tmp/bench-data java -Xmx1g -Dquarkus.profile=demo -jar routes/target/quarkus-app/quarkus-run.jar
 * </pre>
 *
 * <h2>Options</h2> ({@code --key=value}, inside {@code -Dexec.args="..."})
 * <ul>
 * <li>{@code --url=http://localhost:8080} the hub; Bundles go to {@code <url>/fhir}</li>
 * <li>{@code --user=trust} demo user whose token is used (must have role trust); its agency is the ODS code of the
 * {@code Organization} that owns every budget ({@code trust} is RR8)</li>
 * <li>{@code --token=...} a bearer token to use instead of asking {@code /auth/demo-token}; then give {@code --ods}</li>
 * <li>{@code --ods=RR8} ODS code of the pushing trust (default: the agency the demo token answer names)</li>
 * <li>{@code --concurrency=16} clients pushing at once (one platform thread each, one keep-alive HTTP/1.1
 * connection each, reopened if the hub closes it)</li>
 * <li>{@code --duration=30} seconds measured, or {@code --count=N} transactions measured (count wins when given)</li>
 * <li>{@code --warmup=5} seconds of pushing first, not counted (JIT, connection and database pools)</li>
 * <li>{@code --revise=0} fraction (0..1, or a percentage like {@code 10%}) of transactions that re-push a budget
 * this run already pushed, with a changed amount (the hub must revise it, not duplicate it)</li>
 * <li>{@code --careplan=true} whether each Bundle carries the optional {@code CarePlan} entry</li>
 * <li>{@code --timeout=30} seconds without a byte of the answer before one request counts as failed</li>
 * <li>{@code --target-tps=1000} and {@code --target-p99=100} (ms): the target reported against</li>
 * <li>{@code --seed=...} seeds the run id and the NHS number range (default random, so repeated runs against the
 * same hub push new people and new budgets)</li>
 * <li>{@code --pool=...} accepted for older command lines and ignored: no Bundle is precomputed any more</li>
 * </ul>
 *
 * <h2>What is measured</h2>
 * On one machine the client's own CPU is taken from the hub, so the client is made cheap: no {@code java.net.http}
 * but {@link HttpConnection}, a minimal HTTP/1.1 client over a plain socket per thread (one {@code write} per
 * request, reused buffers, only the status code and the framing headers parsed, {@code Content-Length} or chunked),
 * and no Bundle objects: each Bundle is written straight into the connection's request buffer from a JSON template
 * that is split, once per run, into constant byte pieces with the few fields that differ per budget written between
 * them (NHS number, name, birth date, address, UPRN, {@code fullUrl} uuids, amount, budget identifier and type), a
 * microsecond or so per Bundle, before the clock of its transaction starts. So the client allocates next to nothing
 * per transaction and needs little heap (it runs inside the Maven JVM; {@code MAVEN_OPTS=-Xmx256m} is plenty).
 * An answer is checked on its bytes (status code, and the Account entry's status in the transaction-response);
 * only a failed one is decoded to text. Latency is from just before the request is written to the last byte of
 * the answer, per transaction, over the successful transactions of the measured
 * window; throughput is the successful transactions that started in the measured window divided by the time from
 * its start to the last of them ending. A transaction fails when the answer is not 2xx, the request errs or times
 * out, or a 2xx answer does not say what the hub must say (a new budget is {@code 201 Created}; a revision is
 * {@code 200 OK} at the next {@code _history} version). On one machine, client and hub share the cores: the
 * client's own cost is part of the figures.
 */
public final class BudgetPushBenchmark {

    static final String USAGE = """
            usage: ./mvnw -B -q -pl benchmarks -am compile exec:java -Dexec.args="[options]"
              --url=http://localhost:8080  --user=trust  --token=<bearer>  --ods=<ODS code>
              --concurrency=16  --duration=30 | --count=N  --warmup=5  --revise=0 (0..1 or N%)
              --careplan=true  --timeout=30  --target-tps=1000  --target-p99=100  --seed=<long>""";

    private static final String FHIR_JSON = "application/fhir+json";
    private static final int MAX_FAILURE_KINDS = 40;

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final Options options;
    private final HttpConnection.Endpoint endpoint;
    private final String fhirBase;

    private BudgetFactory factory;
    private String token;
    /** the constant head of every push: request line, Host, Authorization, Content-Type, Accept, Content-Length */
    private byte[] pushHead;

    /* shared run state */
    private final AtomicLong nextSeq = new AtomicLong();
    private final AtomicLong measuredTickets = new AtomicLong();
    private final LongAdder okMeasured = new LongAdder();
    private final LongAdder failedMeasured = new LongAdder();
    private final LongAdder okWarmup = new LongAdder();
    private final LongAdder failedWarmup = new LongAdder();
    private final Map<String, LongAdder> failureKinds = new ConcurrentHashMap<>();
    private volatile long warmupEndNanos;
    private volatile long endNanos;

    private BudgetPushBenchmark(Options options) {
        this.options = options;
        this.endpoint = HttpConnection.Endpoint.of(options.url);
        this.fhirBase = endpoint + "/fhir";
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
            HttpConnection.Endpoint.of(options.url);
        } catch (IllegalArgumentException e) {
            System.err.println("benchmark: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.println(USAGE);
            return;
        }
        try {
            new BudgetPushBenchmark(options).run();
        } catch (SetupException e) {
            System.err.println();
            System.err.println("benchmark NOT run: " + e.getMessage());
            System.exit(2);
        }
    }

    private void run() throws Exception {
        String ods = authenticate();
        SplittableRandom seeds = new SplittableRandom(options.seed);
        factory = new BudgetFactory(ods, seeds.nextLong(), options.carePlan);

        System.out.printf(Locale.ROOT, "JoinedUp budget push benchmark: POST %s as '%s' (ODS %s)%n", fhirBase,
                options.user, ods);
        System.out.printf(Locale.ROOT,
                "  concurrency %d, warmup %d s, %s, revise %.0f%%, CarePlan %s; %d cores, Java %s%n",
                options.concurrency, options.warmupSeconds,
                options.count > 0 ? "measuring " + options.count + " transactions"
                        : "measuring " + options.durationSeconds + " s",
                options.revise * 100, options.carePlan ? "yes" : "no", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "  run %s: budgets %s|%s, NHS numbers from %s%n", factory.runId,
                factory.accountSystem, factory.accountValue(0), factory.nhsNumber(0));

        pushHead = endpoint.head("POST", "/fhir", token, FHIR_JSON, FHIR_JSON);
        describeBundles();
        preflight();

        Worker[] workers = new Worker[options.concurrency];
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(workers.length);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i, options.seed, start, done);
            Thread t = new Thread(workers[i], "push-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        long begin = System.nanoTime();
        warmupEndNanos = begin + options.warmupSeconds * 1_000_000_000L;
        endNanos = options.count > 0 ? Long.MAX_VALUE : warmupEndNanos + options.durationSeconds * 1_000_000_000L;
        System.out.println(options.warmupSeconds > 0 ? "warming up ..." : "measuring ...");
        start.countDown();
        progress(begin, done);
        for (Thread t : threads) {
            t.join();
        }
        report(workers);
    }

    /** Fetches the demo token (unless one is given) and answers the ODS code of the pushing trust. */
    private String authenticate() throws Exception {
        if (options.token != null) {
            token = options.token;
            if (options.ods == null) {
                throw new SetupException("with --token, give the trust's ODS code too (--ods=RR8)");
            }
            return options.ods;
        }
        int status;
        String body;
        try (HttpConnection connection = new HttpConnection(endpoint, CONNECT_TIMEOUT_MILLIS, 30_000)) {
            connection.begin(endpoint.head("POST", "/auth/demo-token", null, "application/x-www-form-urlencoded",
                    null)).put(("user=" + URLEncoder.encode(options.user, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8));
            status = connection.exchange();
            body = connection.bodyString();
        } catch (ConnectException e) {
            throw new SetupException("no hub answers at " + options.url + " (" + e + "); start one first, e.g. "
                    + "HUB_DATA_DIR=/tmp/bench-data java -Dquarkus.profile=demo "
                    + "-jar routes/target/quarkus-app/quarkus-run.jar");
        }
        if (status == 404) {
            throw new SetupException("the hub at " + options.url + " offers no demo tokens (not the demo, dev or "
                    + "test profile); pass --token=<bearer> --ods=<code>");
        }
        if (status != 200) {
            throw new SetupException("demo token for '" + options.user + "': HTTP " + status + " " + body);
        }
        token = jsonString(body, "access_token");
        if (token == null) {
            throw new SetupException("no access_token in the demo token answer: " + body);
        }
        String agency = jsonString(body, "agency");
        String ods = options.ods != null ? options.ods : agency;
        if (ods == null) {
            throw new SetupException("the demo token answer names no agency; pass --ods=<code>");
        }
        return ods;
    }

    /** Bundles are written per request from the template; says how big one is and what writing one costs. */
    private void describeBundles() {
        ByteSink scratch = new ByteSink(8_192);
        int rounds = 20_000;
        long t0 = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            scratch.pos = 0;
            factory.write(scratch, i, 0);
        }
        long took = System.nanoTime() - t0;
        scratch.pos = 0;
        factory.write(scratch, 0, 0);
        System.out.printf(Locale.ROOT,
                "  Bundles written per request from a template of %d constant pieces (%,d bytes each), %.1f µs each%n",
                factory.pieceCount(), scratch.pos, took / 1e3 / rounds);
    }

    /** One push before anything is timed: a hub that rejects the Bundle stops the run with the reason. */
    private void preflight() throws Exception {
        long seq = nextSeq.getAndIncrement();
        String problem;
        try (HttpConnection connection = new HttpConnection(endpoint, CONNECT_TIMEOUT_MILLIS,
                options.timeoutSeconds * 1_000)) {
            factory.write(connection.begin(pushHead), seq, 0);
            int status = connection.exchange();
            problem = problemWith(status, connection.body(), connection.bodyLength(), 0);
        } catch (IOException e) {
            throw new SetupException("the first push failed: " + e);
        }
        if (problem != null) {
            throw new SetupException("the hub did not accept the first push: " + problem + "\n  Bundle sent: "
                    + new String(factory.bundle(seq, 0), StandardCharsets.UTF_8));
        }
    }

    /**
     * Null when the answer is what the hub must say to this push; otherwise why not, as a short line that groups
     * alike failures (OperationOutcome diagnostics, without the NHS numbers and identifiers that differ per push).
     */
    static String problemWith(int status, byte[] body, int length, int revision) {
        if (status >= 200 && status <= 299 && (revision == 0
                ? ByteSink.indexOf(body, length, CREATED_ACCOUNT, 0) >= 0
                : ByteSink.indexOf(body, length, OK_ACCOUNT, 0) >= 0 && accountVersion(body, length) == revision + 1)) {
            return null; // what the hub must say, checked on the bytes; anything else is looked at as text
        }
        return problemWith(status, new String(body, 0, length, StandardCharsets.UTF_8), revision);
    }

    private static final byte[] CREATED_ACCOUNT = "\"201 Created\",\"location\":\"Account/"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK_ACCOUNT = "\"200 OK\",\"location\":\"Account/".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ACCOUNT_LOCATION = "\"location\":\"Account/".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HISTORY = "/_history/".getBytes(StandardCharsets.US_ASCII);

    /**
     * The version in the first {@code "location":"Account/<id>/_history/<n>"} of the answer, or -1 when the first
     * Account location is not of that form (then {@link #ACCOUNT_VERSION} on the text decides).
     */
    static int accountVersion(byte[] body, int length) {
        int at = ByteSink.indexOf(body, length, ACCOUNT_LOCATION, 0);
        if (at < 0) {
            return -1;
        }
        int i = at + ACCOUNT_LOCATION.length;
        int idStart = i;
        while (i < length && body[i] != '"' && body[i] != '/') {
            i++;
        }
        if (i == idStart || i + HISTORY.length > length) {
            return -1;
        }
        for (int j = 0; j < HISTORY.length; j++) {
            if (body[i + j] != HISTORY[j]) {
                return -1;
            }
        }
        i += HISTORY.length;
        int version = 0;
        int digits = 0;
        while (i < length && body[i] >= '0' && body[i] <= '9' && digits < 9) {
            version = version * 10 + body[i++] - '0';
            digits++;
        }
        return digits > 0 && i < length && body[i] == '"' ? version : -1;
    }

    static String problemWith(int status, String body, int revision) {
        if (status < 200 || status > 299) {
            return "HTTP " + status + " " + outcomeText(body);
        }
        if (revision == 0) {
            if (!body.contains("\"201 Created\",\"location\":\"Account/")) {
                return "HTTP " + status + " but the new budget's Account is not '201 Created': " + abbreviate(body);
            }
        } else if (!body.contains("\"200 OK\",\"location\":\"Account/")
                || !ACCOUNT_VERSION.matcher(body).find()) {
            return "HTTP " + status + " but the revised budget's Account is not '200 OK' at a new version: "
                    + abbreviate(body);
        } else {
            Matcher m = ACCOUNT_VERSION.matcher(body);
            m.find();
            if (Integer.parseInt(m.group(1)) != revision + 1) {
                return "HTTP " + status + " but revision " + revision + " answered Account version " + m.group(1)
                        + " instead of " + (revision + 1);
            }
        }
        return null;
    }

    private static final Pattern ACCOUNT_VERSION = Pattern.compile("\"location\":\"Account/[^\"/]+/_history/(\\d+)\"");
    private static final Pattern DIAGNOSTICS = Pattern.compile("\"diagnostics\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern EXPRESSION = Pattern.compile("\"expression\"\\s*:\\s*\\[\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    static String outcomeText(String body) {
        Matcher d = DIAGNOSTICS.matcher(body);
        Matcher e = EXPRESSION.matcher(body);
        List<String> issues = new ArrayList<>();
        int from = 0;
        while (d.find(from)) {
            String issue = d.group(1);
            if (e.find(d.end())) {
                issue += " @ " + e.group(1);
            }
            issues.add(issue);
            from = d.end();
        }
        String text = issues.isEmpty() ? abbreviate(body) : String.join(" | ", issues);
        return text.replaceAll("\\d{10}", "<nhs>").replaceAll("PHB-BENCH-[\\w-]+", "<budget>")
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>");
    }

    private static String abbreviate(String s) {
        String flat = s.replaceAll("\\s+", " ");
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "...";
    }

    private void recordFailure(String kind) {
        if (failureKinds.size() >= MAX_FAILURE_KINDS && !failureKinds.containsKey(kind)) {
            kind = "(other failures, not told apart)";
        }
        failureKinds.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    /** Prints a line every 5 s until the workers are done. */
    private void progress(long begin, CountDownLatch done) throws InterruptedException {
        long lastOk = 0;
        long lastAt = begin;
        boolean announcedMeasuring = options.warmupSeconds == 0;
        while (!done.await(options.warmupSeconds > 0 && !announcedMeasuring
                ? Math.max(1, Math.min(5_000, (warmupEndNanos - System.nanoTime()) / 1_000_000)) : 5_000,
                java.util.concurrent.TimeUnit.MILLISECONDS)) {
            long now = System.nanoTime();
            if (!announcedMeasuring) {
                if (now >= warmupEndNanos) {
                    announcedMeasuring = true;
                    System.out.printf(Locale.ROOT, "  warmup done: %,d ok, %,d failed; measuring ...%n",
                            okWarmup.sum(), failedWarmup.sum());
                    lastOk = okMeasured.sum();
                    lastAt = now;
                }
                continue;
            }
            long ok = okMeasured.sum();
            System.out.printf(Locale.ROOT, "  [%5.1f s] %,d ok, %,d failed; last %.1f s: %.0f tx/s%n",
                    (now - warmupEndNanos) / 1e9, ok, failedMeasured.sum(), (now - lastAt) / 1e9,
                    (ok - lastOk) / ((now - lastAt) / 1e9));
            lastOk = ok;
            lastAt = now;
        }
    }

    private void report(Worker[] workers) {
        Samples all = new Samples();
        Samples created = new Samples();
        Samples revised = new Samples();
        long lastEnd = warmupEndNanos;
        for (Worker w : workers) {
            created.addAll(w.createdLatencies);
            revised.addAll(w.revisedLatencies);
            lastEnd = Math.max(lastEnd, w.lastMeasuredEnd);
        }
        all.addAll(created);
        all.addAll(revised);
        all.sort();
        created.sort();
        revised.sort();
        long ok = okMeasured.sum();
        long failed = failedMeasured.sum();
        double seconds = Math.max(1e-9, (lastEnd - warmupEndNanos) / 1e9);
        double tps = ok / seconds;

        System.out.println();
        System.out.println("======================= JoinedUp budget push: results =======================");
        System.out.printf(Locale.ROOT, "hub:          POST %s as '%s', concurrency %d%n", fhirBase, options.user,
                options.concurrency);
        System.out.printf(Locale.ROOT, "window:       %.1f s measured (after %d s warmup: %,d ok, %,d failed, "
                + "not counted)%n", seconds, options.warmupSeconds, okWarmup.sum(), failedWarmup.sum());
        System.out.printf(Locale.ROOT, "transactions: %,d ok, %,d failed (%,d new budgets, %,d revisions ok)%n",
                ok, failed, created.size(), revised.size());
        System.out.printf(Locale.ROOT, "throughput:   %.1f tx/s%n", tps);
        System.out.println("latency ms:   " + all.summary());
        if (revised.size() > 0) {
            System.out.println("  new budgets " + created.summary());
            System.out.println("  revisions   " + revised.summary());
        }
        if (failed + failedWarmup.sum() > 0) {
            System.out.println("failures (warmup and measured; OperationOutcome text, per kind):");
            failureKinds.entrySet().stream()
                    .sorted(Comparator.comparingLong((Map.Entry<String, LongAdder> e) -> e.getValue().sum()).reversed())
                    .forEach(e -> System.out.printf(Locale.ROOT, "  %,8d x %s%n", e.getValue().sum(), e.getKey()));
        }
        boolean tpsMet = tps >= options.targetTps;
        boolean p99Met = all.size() > 0 && all.percentileMillis(99) < options.targetP99Millis;
        boolean met = tpsMet && p99Met && failed == 0;
        System.out.printf(Locale.ROOT, "target:       >= %,.0f tx/s with p99 < %.0f ms and no failures: %s%n",
                options.targetTps, options.targetP99Millis, met ? "MET" : "NOT MET ("
                        + String.join(", ", reasons(tpsMet, p99Met, failed, tps, all)) + ")");
        System.out.println("=============================================================================");
    }

    private List<String> reasons(boolean tpsMet, boolean p99Met, long failed, double tps, Samples all) {
        List<String> reasons = new ArrayList<>();
        if (!tpsMet) {
            reasons.add(String.format(Locale.ROOT, "%.1f tx/s", tps));
        }
        if (!p99Met) {
            reasons.add(all.size() == 0 ? "no successful transaction"
                    : String.format(Locale.ROOT, "p99 %.1f ms", all.percentileMillis(99)));
        }
        if (failed > 0) {
            reasons.add(failed + " failed");
        }
        return reasons;
    }

    /** One simulated trust client: pushes, one at a time, until the window or the count is done. */
    private final class Worker implements Runnable {
        final Samples createdLatencies = new Samples();
        final Samples revisedLatencies = new Samples();
        long lastMeasuredEnd;

        private final SplittableRandom random;
        private final CountDownLatch start;
        private final CountDownLatch done;
        /* budgets this client pushed successfully, and how often each was revised since */
        private long[] pushed = new long[1024];
        private int[] revisions = new int[1024];
        private int pushedCount;

        Worker(int id, long seed, CountDownLatch start, CountDownLatch done) {
            this.random = new SplittableRandom(seed * 31 + id);
            this.start = start;
            this.done = done;
        }

        @Override
        public void run() {
            try (HttpConnection connection = new HttpConnection(endpoint, CONNECT_TIMEOUT_MILLIS,
                    options.timeoutSeconds * 1_000)) {
                start.await();
                loop(connection);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                done.countDown();
            }
        }

        private void loop(HttpConnection connection) {
            while (true) {
                long now = System.nanoTime();
                boolean measured = now >= warmupEndNanos;
                if (measured && (now >= endNanos
                        || options.count > 0 && measuredTickets.getAndIncrement() >= options.count)) {
                    return;
                }
                boolean revise = options.revise > 0 && pushedCount > 0 && random.nextDouble() < options.revise;
                int slot = -1;
                long seq;
                int revision = 0;
                if (revise) {
                    slot = random.nextInt(pushedCount);
                    seq = pushed[slot];
                    revision = revisions[slot] + 1;
                } else {
                    seq = nextSeq.getAndIncrement();
                }
                factory.write(connection.begin(pushHead), seq, revision);
                String problem;
                long t0 = System.nanoTime();
                long t1;
                try {
                    int status = connection.exchange();
                    t1 = System.nanoTime();
                    problem = problemWith(status, connection.body(), connection.bodyLength(), revision);
                } catch (SocketTimeoutException e) {
                    t1 = System.nanoTime();
                    problem = "timed out after " + options.timeoutSeconds + " s";
                } catch (IOException e) {
                    t1 = System.nanoTime();
                    problem = "request failed: " + e;
                }
                if (problem == null) {
                    if (revise) {
                        revisions[slot] = revision;
                    } else {
                        remember(seq);
                    }
                } else {
                    recordFailure((measured ? "" : "[warmup] ") + problem);
                }
                if (measured) {
                    lastMeasuredEnd = Math.max(lastMeasuredEnd, t1);
                    if (problem == null) {
                        (revise ? revisedLatencies : createdLatencies).add(t1 - t0);
                        okMeasured.increment();
                    } else {
                        failedMeasured.increment();
                    }
                } else if (problem == null) {
                    okWarmup.increment();
                } else {
                    failedWarmup.increment();
                }
            }
        }

        private void remember(long seq) {
            if (pushedCount == pushed.length) {
                pushed = Arrays.copyOf(pushed, pushedCount * 2);
                revisions = Arrays.copyOf(revisions, pushedCount * 2);
            }
            pushed[pushedCount] = seq;
            revisions[pushedCount] = 0;
            pushedCount++;
        }
    }

    /** Latencies in nanoseconds; percentiles by nearest rank. */
    static final class Samples {
        private long[] values = new long[4096];
        private int size;

        void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        void addAll(Samples other) {
            for (int i = 0; i < other.size; i++) {
                add(other.values[i]);
            }
        }

        void sort() {
            Arrays.sort(values, 0, size);
        }

        int size() {
            return size;
        }

        /** On sorted samples. */
        double percentileMillis(double p) {
            if (size == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p / 100.0 * size);
            return values[Math.min(size, Math.max(1, rank)) - 1] / 1e6;
        }

        String summary() {
            if (size == 0) {
                return "no successful transaction";
            }
            double mean = 0;
            for (int i = 0; i < size; i++) {
                mean += values[i];
            }
            mean /= size;
            return String.format(Locale.ROOT, "p50 %.1f  p90 %.1f  p99 %.1f  max %.1f  (mean %.1f, min %.1f, n %,d)",
                    percentileMillis(50), percentileMillis(90), percentileMillis(99), values[size - 1] / 1e6,
                    mean / 1e6, values[0] / 1e6, size);
        }
    }

    /**
     * The transaction Bundles of a run, as JSON built from a template: budget {@code seq} is a new Account
     * {@code PHB-BENCH-<run>-<seq>} for a person of their own NHS number; {@code revision} n > 0 is the same budget
     * pushed again with its amount raised by n x £1.25.
     */
    static final class BudgetFactory {
        private static final String[] FAMILY = {"Hughes", "Khan", "Patel", "Smith", "Jones", "Williams", "Taylor",
            "Brown", "Davies", "Evans", "Wilson", "Thomas", "Roberts", "Ahmed", "Walker", "Wright", "Robinson",
            "Thompson", "White", "Hall", "Begum", "Green", "Lewis", "Clarke", "Jackson", "Hussain", "Wood"};
        private static final String[] GIVEN = {"David", "Amina", "Ravi", "Margaret", "John", "Susan", "Peter",
            "Fatima", "Joan", "Michael", "Elizabeth", "Imran", "Patricia", "George", "Mary", "Stephen", "Aisha",
            "Brian", "Christine", "Mohammed", "Helen", "Keith", "Barbara"};
        private static final String[][] ADDRESS = {
            {"Union Street", "Oldham", "OL1 1XX"}, {"Chapel Allerton Road", "Leeds", "LS7 3NB"},
            {"Roundhay Road", "Leeds", "LS8 5AN"}, {"Yorkshire Street", "Oldham", "OL1 3SA"},
            {"Kirkstall Lane", "Leeds", "LS6 3DT"}, {"Manchester Road", "Oldham", "OL8 4LY"},
            {"Harehills Lane", "Leeds", "LS9 6NL"}, {"Lees Road", "Oldham", "OL4 1JN"},
            {"Otley Road", "Leeds", "LS16 5JT"}, {"Shaw Road", "Oldham", "OL1 4AW"}};
        private static final String[] TYPE = {"phb-notional", "phb-third-party", "phb-direct-payment"};
        private static final Map<String, String> TRUSTS = Map.of(
                "RR8", "Leeds Teaching Hospitals NHS Trust",
                "RM3", "Northern Care Alliance NHS Foundation Trust");

        final String runId;
        final String accountSystem;
        private final String ods;
        private final String trustName;
        private final long nhsBase;
        private final String uuidPrefix;
        private final boolean carePlan;
        /* the template: pieces[i] is written, then field fields[i]; the last piece ends the Bundle */
        private final byte[][] pieces;
        private final int[] fields;

        BudgetFactory(String ods, long seed, boolean carePlan) {
            SplittableRandom random = new SplittableRandom(seed);
            this.ods = ods;
            this.trustName = TRUSTS.getOrDefault(ods, "NHS body " + ods);
            this.accountSystem = "https://" + ods.toLowerCase(Locale.ROOT) + ".nhs.uk/Id/phb";
            this.runId = Long.toString(random.nextLong(36L * 36 * 36 * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36 * 36 * 36),
                    36).toUpperCase(Locale.ROOT);
            // even 9-digit start: for budget seq the prefixes base+2*seq and base+2*seq+1 differ in the last digit
            // only, so their weighted sums differ by 2 (mod 11) and at most one of them has the invalid check 10
            this.nhsBase = random.nextLong(100_000_000L, 800_000_000L) & ~1L;
            this.uuidPrefix = String.format(Locale.ROOT, "%08x-%04x-4%03x-8%03x-", random.nextInt() & 0xffffffffL,
                    random.nextInt(0x10000), random.nextInt(0x1000), random.nextInt(0x1000));
            this.carePlan = carePlan;

            String template = template();
            List<byte[]> pieceList = new ArrayList<>();
            List<Integer> fieldList = new ArrayList<>();
            int from = 0;
            for (int at = template.indexOf(MARK); at >= 0; at = template.indexOf(MARK, from)) {
                pieceList.add(template.substring(from, at).getBytes(StandardCharsets.UTF_8));
                fieldList.add(template.charAt(at + 1) - 'A');
                from = at + 2;
            }
            pieceList.add(template.substring(from).getBytes(StandardCharsets.UTF_8));
            this.pieces = pieceList.toArray(new byte[0][]);
            this.fields = fieldList.stream().mapToInt(Integer::intValue).toArray();
        }

        String accountValue(long seq) {
            return "PHB-BENCH-" + runId + "-" + seq;
        }

        /** A valid NHS number of its own for budget {@code seq} (distinct for seq below 100 million). */
        String nhsNumber(long seq) {
            return Long.toString(nhsNumberValue(seq));
        }

        private long nhsNumberValue(long seq) {
            long prefix = nhsBase + 2 * seq;
            int check = checkDigit(prefix);
            if (check == 10) {
                prefix++;
                check = checkDigit(prefix);
            }
            return prefix * 10 + check;
        }

        /** The modulus-11 check digit of a 9-digit prefix, 10 meaning no valid number has this prefix. */
        static int checkDigit(long prefix) {
            int sum = 0;
            long rest = prefix;
            for (int weight = 2; weight <= 10; weight++) {
                sum += (int) (rest % 10) * weight;
                rest /= 10;
            }
            int check = 11 - sum % 11;
            return check == 11 ? 0 : check;
        }

        static boolean isValidNhsNumber(String n) {
            return n.matches("\\d{10}") && checkDigit(Long.parseLong(n.substring(0, 9))) == n.charAt(9) - '0';
        }

        /** The Bundle of budget {@code seq} at {@code revision}, as bytes (for messages; pushes use write). */
        byte[] bundle(long seq, int revision) {
            ByteSink sink = new ByteSink(4_096);
            write(sink, seq, revision);
            return Arrays.copyOf(sink.buf, sink.pos);
        }

        int pieceCount() {
            return pieces.length;
        }

        /* the fields of the template that differ per budget (or revision) */
        private static final char MARK = '\u0001';
        private static final int F_PATIENT_URN = 0;
        private static final int F_ORGANIZATION_URN = 1;
        private static final int F_ACCOUNT_URN = 2;
        private static final int F_CAREPLAN_URN = 3;
        private static final int F_NHS = 4;
        private static final int F_FAMILY = 5;
        private static final int F_GIVEN = 6;
        private static final int F_BIRTH_DATE = 7;
        private static final int F_HOUSE = 8;
        private static final int F_STREET = 9;
        private static final int F_CITY = 10;
        private static final int F_POSTCODE = 11;
        private static final int F_UPRN = 12;
        private static final int F_AMOUNT = 13;
        private static final int F_SEQ = 14;
        private static final int F_TYPE = 15;

        private static final byte[][] FAMILY_BYTES = utf8(FAMILY);
        private static final byte[][] GIVEN_BYTES = utf8(GIVEN);
        private static final byte[][] STREET_BYTES = utf8(column(0));
        private static final byte[][] CITY_BYTES = utf8(column(1));
        private static final byte[][] POSTCODE_BYTES = utf8(column(2));
        private static final byte[][] TYPE_BYTES = utf8(TYPE);
        private static final int BIRTH_DAYS = 25_000; // birth dates 1935 .. 2003
        /** yyyy-MM-dd of day d after 1935-01-01 at [10 d, 10 d + 10) */
        private static final byte[] BIRTH_DATES = birthDates();

        private static String mark(int field) {
            return "" + MARK + (char) ('A' + field);
        }

        /**
         * Writes the Bundle of budget {@code seq} at {@code revision}: the constant pieces of the template with the
         * fields of this budget in between, straight into {@code out}, without allocating.
         */
        void write(ByteSink out, long seq, int revision) {
            long urnBase = seq << 3;
            long pence = 500_000 + seq * 7_919 % 3_000_000 + revision * 125L;
            int address = (int) (seq % ADDRESS.length);
            int day = (int) (seq * 7_919 % BIRTH_DAYS);
            int[] fields = this.fields;
            byte[][] pieces = this.pieces;
            for (int i = 0; i < fields.length; i++) {
                out.put(pieces[i]);
                switch (fields[i]) {
                    case F_PATIENT_URN -> out.putHex(urnBase | 1, 12);
                    case F_ORGANIZATION_URN -> out.putHex(urnBase | 2, 12);
                    case F_ACCOUNT_URN -> out.putHex(urnBase | 3, 12);
                    case F_CAREPLAN_URN -> out.putHex(urnBase | 4, 12);
                    case F_NHS -> out.putLong(nhsNumberValue(seq));
                    case F_FAMILY -> out.put(FAMILY_BYTES[(int) (seq % FAMILY.length)]);
                    case F_GIVEN -> out.put(GIVEN_BYTES[(int) (seq / FAMILY.length % GIVEN.length)]);
                    case F_BIRTH_DATE -> out.put(BIRTH_DATES, day * 10, 10);
                    case F_HOUSE -> out.putLong(1 + seq % 200);
                    case F_STREET -> out.put(STREET_BYTES[address]);
                    case F_CITY -> out.put(CITY_BYTES[address]);
                    case F_POSTCODE -> out.put(POSTCODE_BYTES[address]);
                    case F_UPRN -> out.putLong(nhsBase * 100 + seq);
                    case F_AMOUNT -> {
                        out.putLong(pence / 100);
                        out.put((byte) '.');
                        out.put((byte) ('0' + pence % 100 / 10));
                        out.put((byte) ('0' + pence % 10));
                    }
                    case F_SEQ -> out.putLong(seq);
                    case F_TYPE -> out.put(TYPE_BYTES[(int) (seq % TYPE.length)]);
                    default -> throw new IllegalStateException("field " + fields[i]);
                }
            }
            out.put(pieces[fields.length]);
        }

        /** The Bundle as JSON with a mark where each field of a budget goes; the rest is fixed for the run. */
        private String template() {
            String urn = "urn:uuid:" + uuidPrefix;
            String patientUrn = urn + mark(F_PATIENT_URN);
            String orgUrn = urn + mark(F_ORGANIZATION_URN);
            String nhs = mark(F_NHS);
            String account = "PHB-BENCH-" + runId + "-" + mark(F_SEQ);
            StringBuilder b = new StringBuilder(2_400);
            b.append("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[")
                    // Patient (UK Core): verified NHS number, name, birth date, address with postcode and UPRN
                    .append("{\"fullUrl\":\"").append(patientUrn).append("\",\"resource\":{\"resourceType\":\"Patient\",")
                    .append("\"identifier\":[{\"system\":\"https://fhir.nhs.uk/Id/nhs-number\",\"value\":\"").append(nhs)
                    .append("\",\"extension\":[{\"url\":\"https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-")
                    .append("NHSNumberVerificationStatus\",\"valueCodeableConcept\":{\"coding\":[{\"system\":")
                    .append("\"https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland\",")
                    .append("\"code\":\"01\",\"display\":\"Number present and verified\"}]}}]}],")
                    .append("\"name\":[{\"use\":\"official\",\"family\":\"").append(mark(F_FAMILY))
                    .append("\",\"given\":[\"").append(mark(F_GIVEN)).append("\"]}],")
                    .append("\"birthDate\":\"").append(mark(F_BIRTH_DATE)).append("\",")
                    .append("\"address\":[{\"use\":\"home\",\"line\":[\"").append(mark(F_HOUSE)).append(' ')
                    .append(mark(F_STREET)).append("\"],\"city\":\"").append(mark(F_CITY)).append("\",\"postalCode\":\"")
                    .append(mark(F_POSTCODE)).append("\",\"extension\":[{\"url\":\"https://fhir.hl7.org.uk/")
                    .append("StructureDefinition/Extension-UKCore-AddressKey\",\"extension\":[{\"url\":\"type\",")
                    .append("\"valueCoding\":{\"system\":\"https://fhir.hl7.org.uk/CodeSystem/UKCore-AddressKeyType\",")
                    .append("\"code\":\"UPRN\"}},{\"url\":\"value\",\"valueString\":\"").append(mark(F_UPRN))
                    .append("\"}]}]}]},\"request\":{\"method\":\"PUT\",\"url\":")
                    .append("\"Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|").append(nhs).append("\"}},")
                    // Organization: the trust, by ODS code
                    .append("{\"fullUrl\":\"").append(orgUrn).append("\",\"resource\":{\"resourceType\":\"Organization\",")
                    .append("\"identifier\":[{\"system\":\"https://fhir.nhs.uk/Id/ods-organization-code\",\"value\":\"")
                    .append(ods).append("\"}],\"name\":\"").append(trustName).append("\"},\"request\":{\"method\":\"PUT\",")
                    .append("\"url\":\"Organization?identifier=https://fhir.nhs.uk/Id/ods-organization-code|").append(ods)
                    .append("\"}},")
                    // Account: the budget, new (or revised) by its identifier
                    .append("{\"fullUrl\":\"").append(urn).append(mark(F_ACCOUNT_URN))
                    .append("\",\"resource\":{\"resourceType\":\"Account\",")
                    .append("\"extension\":[{\"url\":\"https://joinedup.org.uk/fhir/StructureDefinition/budget-amount\",")
                    .append("\"valueMoney\":{\"value\":").append(mark(F_AMOUNT)).append(",\"currency\":\"GBP\"}}],")
                    .append("\"identifier\":[{\"system\":\"").append(accountSystem).append("\",\"value\":\"")
                    .append(account).append("\"}],\"status\":\"active\",\"type\":{\"coding\":[{\"system\":")
                    .append("\"https://joinedup.org.uk/fhir/CodeSystem/budget-type\",\"code\":\"")
                    .append(mark(F_TYPE)).append("\"}]},")
                    .append("\"subject\":[{\"reference\":\"").append(patientUrn).append("\"}],")
                    .append("\"servicePeriod\":{\"start\":\"2026-04-01\",\"end\":\"2027-03-31\"},")
                    .append("\"owner\":{\"reference\":\"").append(orgUrn).append("\"}},")
                    .append("\"request\":{\"method\":\"PUT\",\"url\":\"Account?identifier=").append(accountSystem)
                    .append('|').append(account).append("\"}}");
            if (carePlan) {
                b.append(",{\"fullUrl\":\"").append(urn).append(mark(F_CAREPLAN_URN))
                        .append("\",\"resource\":{\"resourceType\":\"CarePlan\",")
                        .append("\"status\":\"active\",\"intent\":\"plan\",\"title\":\"Continuing healthcare: personal ")
                        .append("care and health support at home\",\"subject\":{\"reference\":\"").append(patientUrn)
                        .append("\"}},\"request\":{\"method\":\"POST\",\"url\":\"CarePlan\"}}");
            }
            b.append("]}");
            if ((ods + trustName + accountSystem).indexOf(MARK) >= 0) {
                throw new IllegalArgumentException("the ODS code contains a control character");
            }
            return b.toString();
        }

        private static String[] column(int i) {
            return Arrays.stream(ADDRESS).map(a -> a[i]).toArray(String[]::new);
        }

        private static byte[][] utf8(String[] values) {
            return Arrays.stream(values).map(v -> v.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        }

        private static byte[] birthDates() {
            byte[] dates = new byte[BIRTH_DAYS * 10];
            LocalDate first = LocalDate.of(1935, 1, 1);
            for (int d = 0; d < BIRTH_DAYS; d++) {
                byte[] date = first.plusDays(d).toString().getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(date, 0, dates, d * 10, 10);
            }
            return dates;
        }
    }

    static final class Options {
        String url = "http://localhost:8080";
        String user = "trust";
        String token;
        String ods;
        int concurrency = 16;
        int durationSeconds = 30;
        long count;
        int warmupSeconds = 5;
        double revise;
        boolean carePlan = true;
        int timeoutSeconds = 30;
        double targetTps = 1_000;
        double targetP99Millis = 100;
        long seed = ThreadLocalRandom.current().nextLong();
        boolean help;

        static Options parse(String[] args) {
            Options o = new Options();
            Map<String, String> values = new LinkedHashMap<>();
            for (String arg : args) {
                for (String part : arg.trim().split("\\s+")) {
                    if (part.isEmpty()) {
                        continue;
                    }
                    if (part.equals("--help") || part.equals("-h")) {
                        o.help = true;
                        continue;
                    }
                    if (!part.startsWith("--") || !part.contains("=")) {
                        throw new IllegalArgumentException("options are --key=value, got '" + part + "'");
                    }
                    int eq = part.indexOf('=');
                    values.put(part.substring(2, eq), part.substring(eq + 1));
                }
            }
            for (Map.Entry<String, String> e : values.entrySet()) {
                String v = e.getValue();
                switch (e.getKey()) {
                    case "url" -> o.url = v;
                    case "user" -> o.user = v;
                    case "token" -> o.token = v;
                    case "ods" -> o.ods = v;
                    case "concurrency" -> o.concurrency = positive(e.getKey(), v);
                    case "duration" -> o.durationSeconds = positive(e.getKey(), v);
                    case "count" -> o.count = positive(e.getKey(), v);
                    case "warmup" -> o.warmupSeconds = atLeastZero(e.getKey(), v);
                    case "revise" -> o.revise = fraction(v);
                    case "careplan" -> o.carePlan = Boolean.parseBoolean(v);
                    case "timeout" -> o.timeoutSeconds = positive(e.getKey(), v);
                    case "target-tps" -> o.targetTps = Double.parseDouble(v);
                    case "target-p99" -> o.targetP99Millis = Double.parseDouble(v);
                    case "seed" -> o.seed = Long.parseLong(v);
                    case "pool" -> atLeastZero(e.getKey(), v); // nothing is precomputed any more; accepted, ignored
                    default -> throw new IllegalArgumentException("unknown option --" + e.getKey());
                }
            }
            return o;
        }

        private static int positive(String key, String v) {
            int n = atLeastZero(key, v);
            if (n == 0) {
                throw new IllegalArgumentException("--" + key + " must be at least 1");
            }
            return n;
        }

        private static int atLeastZero(String key, String v) {
            try {
                int n = Integer.parseInt(v);
                if (n < 0) {
                    throw new IllegalArgumentException("--" + key + " must not be negative");
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + key + " takes a whole number, got '" + v + "'");
            }
        }

        private static double fraction(String v) {
            double f = v.endsWith("%") ? Double.parseDouble(v.substring(0, v.length() - 1)) / 100
                    : Double.parseDouble(v);
            if (f < 0 || f > 1) {
                throw new IllegalArgumentException("--revise is a fraction 0..1 or a percentage, got '" + v + "'");
            }
            return f;
        }
    }

    /** A string member of a flat JSON object, or null. */
    static String jsonString(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    static final class SetupException extends Exception {
        SetupException(String message) {
            super(message);
        }
    }
}
