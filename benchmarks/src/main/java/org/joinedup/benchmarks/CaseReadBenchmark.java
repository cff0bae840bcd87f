package org.joinedup.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A coordinator's reads of the demo family's joined-up case ({@code GET /api/cases/{id}}, or Dave's record with
 * {@code --what=person}) from many clients at once: reads per second and latency p50/p99. Every read passes the
 * access decision and commits its audit entry before it is answered; run it against a hub started normally and
 * against one started with {@code -Dhub.access.benchmark-bypass=true} (demo profile only) to see what that costs.
 *
 * <pre>
 * --url=http://localhost:8080  --user=coordinator  --what=case|person  --concurrency=8  --duration=20  --warmup=5
 * --rate=200  (open loop instead of closed: a read starts every 1/rate s whether or not the earlier ones have been
 *              answered, and each read's latency counts from when it was due to start, so a hub that falls behind
 *              shows it in p99 instead of slowing the clients down; checked against --target-p99, 50 ms)
 * </pre>
 */
public final class CaseReadBenchmark {

    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final Pattern CASE = Pattern.compile("\"caseId\":\"([^\"]+)\"");

    public static void main(String[] argv) throws Exception {
        String url = option(argv, "url", "http://localhost:8080");
        String user = option(argv, "user", "coordinator");
        String what = option(argv, "what", "case");
        int concurrency = Integer.parseInt(option(argv, "concurrency", "8"));
        int duration = Integer.parseInt(option(argv, "duration", "20"));
        int warmup = Integer.parseInt(option(argv, "warmup", "5"));
        int rate = Integer.parseInt(option(argv, "rate", "0"));
        double targetP99 = Double.parseDouble(option(argv, "target-p99", "50"));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String token = client.send(HttpRequest.newBuilder(URI.create(url + "/auth/demo-token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("user=" + user)).build(),
                HttpResponse.BodyHandlers.ofString()).body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
        String found = get(client, url + "/api/people?nhsNumber=9434765919", token).body();
        Matcher person = ID.matcher(found);
        Matcher familyCase = CASE.matcher(found);
        if (!person.find() || !familyCase.find()) {
            throw new IllegalStateException("the demo family is not on this hub (start it with -Dquarkus.profile=demo): "
                    + found);
        }
        String path = what.equals("person") ? "/api/people/" + person.group(1) : "/api/cases/" + familyCase.group(1);
        if (rate > 0) {
            System.out.printf("CaseReadBenchmark: GET %s as %s, open loop at %d reads/s, %d s (+%d s warm-up)%n",
                    path, user, rate, duration, warmup);
            atRate(client, url + path, token, rate, warmup);
            long[] all = atRate(client, url + path, token, rate, duration);
            double p99 = all[(int) Math.min(all.length - 1, Math.round(all.length * 0.99))] / 1e6;
            System.out.printf("reads: %d in %d s (all answered 200) = %.0f reads/s; p50 %.1f ms, p99 %.1f ms,"
                    + " max %.1f ms%n", all.length, duration, all.length / (double) duration,
                    all[all.length / 2] / 1e6, p99, all[all.length - 1] / 1e6);
            System.out.printf("target: p99 <= %.0f ms at %d reads/s: %s (p99 %.1f ms, %.2f of the limit)%n",
                    targetP99, rate, p99 <= targetP99 ? "met" : "NOT MET",
                    p99, p99 / targetP99);
            return;
        }
        System.out.printf("CaseReadBenchmark: GET %s as %s, %d clients, %d s (+%d s warm-up)%n", path, user,
                concurrency, duration, warmup);
        run(client, url + path, token, concurrency, warmup);
        long[][] latencies = run(client, url + path, token, concurrency, duration);
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf("reads: %d in %d s = %.0f reads/s; p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", all.length,
                duration, all.length / (double) duration, all[all.length / 2] / 1e6,
                all[(int) Math.min(all.length - 1, Math.round(all.length * 0.99))] / 1e6, all[all.length - 1] / 1e6);
    }

    private static long[][] run(HttpClient client, String url, String token, int concurrency, int seconds)
            throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<long[]>> clients = new ArrayList<>();
            for (int c = 0; c < concurrency; c++) {
                clients.add(pool.submit(() -> {
                    long[] took = new long[1024];
                    int n = 0;
                    while (System.nanoTime() < end) {
                        long start = System.nanoTime();
                        HttpResponse<String> answer = get(client, url, token);
                        if (answer.statusCode() != 200) {
                            throw new IllegalStateException(answer.statusCode() + ": " + answer.body());
                        }
                        if (n == took.length) {
                            took = Arrays.copyOf(took, n * 2);
                        }
                        took[n++] = System.nanoTime() - start;
                    }
                    return Arrays.copyOf(took, n);
                }));
            }
            long[][] all = new long[concurrency][];
            for (int c = 0; c < concurrency; c++) {
                all[c] = clients.get(c).get();
            }
            return all;
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Reads started every {@code 1/rate} s for {@code seconds}, each on its own (asynchronously, as many connections
     * as the backlog needs); the answer is each read's time from when it was due to start to its answer, sorted.
     */
    private static long[] atRate(HttpClient client, String url, String token, int rate, int seconds)
            throws Exception {
        int count = rate * seconds;
        long[] took = new long[count];
        java.util.concurrent.CompletableFuture<?>[] reads = new java.util.concurrent.CompletableFuture<?>[count];
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).GET().build();
        long first = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = first + i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            int n = i;
            reads[i] = client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenAccept(answer -> {
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException(answer.statusCode() + ": " + answer.body());
                }
                took[n] = System.nanoTime() - due;
            });
        }
        java.util.concurrent.CompletableFuture.allOf(reads).get();
        Arrays.sort(took);
        return took;
    }

    private static HttpResponse<String> get(HttpClient client, String url, String token) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
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
