package org.joinedup.benchmarks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Load benchmark of the employment services' queue: publishes {@code --count} JSON events (default 20,000) on the
 * hub's Artemis queue {@code agency.employment.in} over the Artemis core protocol (JMS), as employment services do,
 * and follows how fast the hub applies them through its own counter
 * {@code hub_inbound_outcomes_total{agency="EMPLOYMENT",status="APPLIED"}} at {@code /q/metrics}. It prints the
 * events/s sent, the events/s applied (overall, and sustained: between 10 % and 90 % of the events applied), and
 * whether the target was met: <b>at least 2,000 events/s applied, sustained</b>.
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks compile exec:java -Dexec.mainClass=org.joinedup.benchmarks.EmploymentQueueBenchmark \
 *     -Dexec.args="--count=20000"
 * </pre>
 *
 * Events follow /work/shared/formats/employment-queue-json.md: for {@code --people} claimants (valid NI numbers,
 * names, birth dates, postcodes), each claimant's k-th event is, in turn, {@code SUPPORT_AWARDED},
 * {@code EMPLOYMENT_STARTED}, {@code SUPPORT_WITHDRAWN} (of that award), {@code REFERRAL_CREATED}, another
 * {@code SUPPORT_AWARDED}, {@code EMPLOYMENT_ENDED}; events go out claimant after claimant, so one claimant's events
 * are {@code --people} events apart. Every message has its own {@code messageId}, also set as {@code _AMQ_DUPL_ID}.
 * Messages are persistent and sent in JMS transactions of {@code --batch} messages. A warm-up of {@code --warmup}
 * events (other claimants) is sent and awaited first and not counted.
 */
public final class EmploymentQueueBenchmark implements Args.Benchmark {

    static final String USAGE = """
            usage: ./mvnw -B -q -pl benchmarks -am compile exec:java \\
                     -Dexec.mainClass=org.joinedup.benchmarks.EmploymentQueueBenchmark -Dexec.args="[options]"
              --url=http://localhost:8080 (the hub's metrics)  --broker=tcp://localhost:61616  --queue=agency.employment.in
              --broker-user=  --broker-password=  --count=20000  --warmup=1000  --people=<count/4>  --producers=1
              --batch=100 (messages per JMS transaction)  --rate=0 (events/s, 0 = as fast as the broker takes them)
              --poll=500 (ms)  --timeout=120 (s without progress)  --target=2000  --seed=<long>
              --limit-user=hub  --limit-password=<from --data-dir=./data>  (the broker's own rate, for the ratio)""";

    private static final String[] TYPES = {"SUPPORT_AWARDED", "EMPLOYMENT_STARTED", "SUPPORT_WITHDRAWN",
        "REFERRAL_CREATED", "SUPPORT_AWARDED", "EMPLOYMENT_ENDED"};
    private static final String[] PURPOSES = {"TRAINING", "TRAVEL", "CLOTHING", "EQUIPMENT", "CHILDCARE", "OTHER"};
    private static final String[] OFFICES = {"Oldham Jobcentre", "Failsworth Jobcentre", "Royton Jobcentre"};
    private static final String[] EMPLOYERS = {"Oldham Bakery", "Pennine Care", "Royton Logistics",
        "Tommyfield Market", "Chadderton Engineering"};
    private static final Instant BASE = Instant.parse("2026-06-01T09:00:00Z");

    private final String url;
    private final String broker;
    private final String queue;
    private final String brokerUser;
    private final String brokerPassword;
    private final long count;
    private final long warmup;
    private final long people;
    private final int producers;
    private final int batch;
    private final double rate;
    private final int pollMillis;
    private final int timeoutSeconds;
    private final double target;
    private final long seed;
    private final People ids;
    private final String runId;
    private final String limitUser;
    private final String limitPassword;

    private EmploymentQueueBenchmark(Args a) {
        url = a.string("url", "http://localhost:8080");
        broker = a.string("broker", "tcp://localhost:61616");
        queue = a.string("queue", "agency.employment.in");
        brokerUser = a.string("broker-user", null);
        brokerPassword = a.string("broker-password", null);
        count = a.longValue("count", 20_000, 1);
        warmup = a.longValue("warmup", 1_000, 0);
        people = a.longValue("people", Math.max(1, count / 4), 1);
        producers = a.intValue("producers", 1, 1);
        batch = a.intValue("batch", 100, 1);
        rate = a.doubleValue("rate", 0);
        pollMillis = a.intValue("poll", 500, 50);
        timeoutSeconds = a.intValue("timeout", 120, 1);
        target = a.doubleValue("target", 2_000);
        seed = a.longValue("seed", ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 0);
        limitUser = a.string("limit-user", "hub");
        String limitPassword = a.string("limit-password", null);
        if (limitPassword == null) {
            java.nio.file.Path secret = java.nio.file.Path.of(a.string("data-dir", "./data"), "secrets",
                    "broker-hub.password");
            try {
                limitPassword = java.nio.file.Files.isReadable(secret) ? java.nio.file.Files.readString(secret).trim()
                        : null;
            } catch (java.io.IOException e) {
                limitPassword = null;
            }
        }
        this.limitPassword = limitPassword;
        a.finish();
        ids = new People(seed);
        runId = Long.toString(seed % 78_364_164_096L, 36).toUpperCase(Locale.ROOT);
    }

    public static void main(String[] argv) throws Exception {
        try {
            Args.launch(argv, USAGE, EmploymentQueueBenchmark::new);
        } finally {
            ActiveMQClient.clearThreadPools();
        }
    }

    /** The hub's counters for employment messages: applied, rejected, failed. */
    record Outcomes(double applied, double rejected, double failed) {
        double all() {
            return applied + rejected + failed;
        }

        Outcomes minus(Outcomes o) {
            return new Outcomes(applied - o.applied, rejected - o.rejected, failed - o.failed);
        }
    }

    private static Outcomes outcomes(HubApi hub) throws java.io.IOException {
        String m = hub.metrics();
        return new Outcomes(HubApi.counter(m, "hub_inbound_outcomes_total", "agency", "EMPLOYMENT", "status", "APPLIED"),
                HubApi.counter(m, "hub_inbound_outcomes_total", "agency", "EMPLOYMENT", "status", "REJECTED"),
                HubApi.counter(m, "hub_inbound_outcomes_total", "agency", "EMPLOYMENT", "status", "FAILED"));
    }

    @Override
    public void run() throws Exception {
        try (HubApi hub = new HubApi(url)) {
            try {
                outcomes(hub);
            } catch (java.net.ConnectException e) {
                throw new HubApi.SetupException("no hub answers at " + url + " (" + e + ")");
            }
            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker);
            try (factory) {
                System.out.printf(Locale.ROOT, "JoinedUp employment queue benchmark: %,d events to %s on %s%n", count,
                        queue, broker);
                System.out.printf(Locale.ROOT, "  %,d claimants, %d producer(s), %d messages per JMS transaction, %s; "
                        + "warm-up %,d events; %d cores, Java %s%n", people, producers, batch,
                        rate > 0 ? String.format(Locale.ROOT, "at most %,.0f events/s", rate) : "as fast as possible",
                        warmup, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
                System.out.println("  run " + runId + ": " + People.describe(ids) + "; hub counters from " + url
                        + "/q/metrics");
                List<Connection> connections = new ArrayList<>();
                try {
                    for (int i = 0; i < producers; i++) {
                        Connection c;
                        try {
                            c = brokerUser == null ? factory.createConnection()
                                    : factory.createConnection(brokerUser, brokerPassword);
                        } catch (JMSException e) {
                            throw new HubApi.SetupException("cannot connect to the broker at " + broker + ": " + e);
                        }
                        connections.add(c);
                    }
                    if (warmup > 0) {
                        System.out.printf(Locale.ROOT, "warming up: %,d events ...%n", warmup);
                        Outcomes before = outcomes(hub);
                        long t0 = System.nanoTime();
                        // warm-up claimants are numbered after the measured ones, so they are other people
                        send(connections, warmup, count + people, Math.max(1, warmup / 4), 0);
                        awaitOutcomes(hub, before, warmup, t0, null);
                    }
                    measure(hub, connections);
                } finally {
                    for (Connection c : connections) {
                        c.close();
                    }
                }
            }
        }
    }

    private void measure(HubApi hub, List<Connection> connections) throws Exception {
        Outcomes before = outcomes(hub);
        System.out.printf(Locale.ROOT, "measuring: %,d events ...%n", count);
        long t0 = System.nanoTime();
        AtomicLong sendEnd = new AtomicLong();
        AtomicReference<Exception> sendFailure = new AtomicReference<>();
        Thread sender = new Thread(() -> {
            try {
                send(connections, count, 0, people, rate);
            } catch (Exception e) {
                sendFailure.set(e);
            } finally {
                sendEnd.set(System.nanoTime());
            }
        }, "send");
        sender.setDaemon(true);
        sender.start();
        List<long[]> samples = awaitOutcomes(hub, before, count, t0, sendEnd);
        sender.join();
        if (sendFailure.get() != null) {
            throw sendFailure.get();
        }
        Outcomes done = outcomes(hub).minus(before);
        report(samples, done, t0, sendEnd.get(), brokerLimit());
    }

    /**
     * The limit, in the same run once the hub is done: the broker's own rate for the same events, sent as the
     * benchmark sends them (persistent, {@code --batch} per transaction) to a scratch queue while one consumer
     * takes them off in transactions of the same size, until all have been received. Needs an account that may
     * create a queue and consume ({@code --limit-user}, default the embedded broker's {@code hub}, and
     * {@code --limit-password}, default from {@code <data dir>/secrets/broker-hub.password}).
     */
    private java.util.Optional<Double> brokerLimit() {
        String scratch = "joinedup.benchmark.limit";
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker);
                Connection sending = factory.createConnection(limitUser, limitPassword);
                Connection receiving = factory.createConnection(limitUser, limitPassword)) {
            receiving.start();
            AtomicReference<Exception> failure = new AtomicReference<>();
            long t0 = System.nanoTime();
            Thread sender = new Thread(() -> {
                try (Session session = sending.createSession(true, Session.SESSION_TRANSACTED);
                        MessageProducer producer = session.createProducer(session.createQueue(scratch))) {
                    producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                    StringBuilder json = new StringBuilder(700);
                    for (long i = 0; i < count; i++) {
                        json.setLength(0);
                        event(json, 0, people, i);
                        producer.send(session.createTextMessage(json.toString()));
                        if ((i + 1) % batch == 0 || i == count - 1) {
                            session.commit();
                        }
                    }
                } catch (Exception e) {
                    failure.set(e);
                }
            }, "limit-send");
            sender.start();
            long received = 0;
            try (Session session = receiving.createSession(true, Session.SESSION_TRANSACTED);
                    jakarta.jms.MessageConsumer consumer = session.createConsumer(session.createQueue(scratch))) {
                while (received < count && failure.get() == null) {
                    if (consumer.receive(10_000) == null) {
                        break;
                    }
                    if (++received % batch == 0 || received == count) {
                        session.commit();
                    }
                }
                session.commit();
            }
            sender.join();
            if (failure.get() != null || received < count) {
                System.out.println("  limit not measured: " + (failure.get() != null ? failure.get()
                        : "only " + received + " of " + count + " came back"));
                return java.util.Optional.empty();
            }
            double perSecond = count / ((System.nanoTime() - t0) / 1e9);
            return java.util.Optional.of(perSecond);
        } catch (Exception e) {
            System.out.println("  limit not measured: " + e.getMessage() + " (give --limit-user, --limit-password)");
            return java.util.Optional.empty();
        }
    }

    private final AtomicLong sentCounter = new AtomicLong();

    /** Sends {@code n} events, events {@code first ..} of {@code persons} claimants, from every connection. */
    private void send(List<Connection> connections, long n, long first, long persons, double perSecond)
            throws Exception {
        AtomicLong next = new AtomicLong();
        sentCounter.set(0);
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        for (Connection connection : connections) {
            Thread t = new Thread(() -> {
                try (Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                        MessageProducer producer = session.createProducer(session.createQueue(queue))) {
                    producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                    int inTx = 0;
                    StringBuilder json = new StringBuilder(700);
                    while (true) {
                        long i = next.getAndIncrement();
                        if (i >= n) {
                            break;
                        }
                        if (perSecond > 0) { // paced: event i is due at start + i / rate
                            long due = start + (long) (i * 1e9 / perSecond);
                            long wait = due - System.nanoTime();
                            if (wait > 1_000_000) {
                                if (inTx > 0) { // do not hold sent events back while waiting
                                    session.commit();
                                    inTx = 0;
                                }
                                Thread.sleep(wait / 1_000_000);
                            }
                        }
                        json.setLength(0);
                        String messageId = event(json, first, persons, i);
                        TextMessage m = session.createTextMessage(json.toString());
                        m.setStringProperty("_AMQ_DUPL_ID", messageId);
                        producer.send(m);
                        sentCounter.incrementAndGet();
                        if (++inTx == batch) {
                            session.commit();
                            inTx = 0;
                        }
                    }
                    if (inTx > 0) {
                        session.commit();
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }, "producer");
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /**
     * Writes event {@code i} of this run into {@code json} and answers its messageId: claimant
     * {@code first + i % persons}, that claimant's event number {@code i / persons}.
     */
    String event(StringBuilder json, long first, long persons, long i) {
        long p = first + i % persons;
        long k = i / persons;
        int kind = (int) (k % TYPES.length);
        String type = TYPES[kind];
        String messageId = String.format(Locale.ROOT, "%08x-%04x-4%03x-a%03x-%012x", seed & 0xffffffffL,
                (seed >>> 32) & 0xffff, (seed >>> 48) & 0xfff, (first > 0 ? 1 : 0), i);
        Instant occurred = BASE.plusSeconds(k * 3_600 + p % 3_000);
        LocalDate day = LocalDate.ofInstant(occurred, ZoneOffset.UTC);
        long award = k / TYPES.length * 2 + (kind >= 4 ? 1 : 0);
        String awardId = "FSF-" + runId + "-" + p + "-" + award;
        json.append("{\"messageId\":\"").append(messageId).append("\",\"type\":\"").append(type)
                .append("\",\"occurredAt\":\"").append(occurred).append("\",\"office\":\"")
                .append(OFFICES[(int) (p % OFFICES.length)]).append("\",\"person\":{\"nino\":\"").append(ids.ni(p))
                .append("\",\"forename\":\"").append(People.titleCase(People.forename(p)))
                .append("\",\"surname\":\"").append(People.titleCase(People.surname(p)))
                .append("\",\"dateOfBirth\":\"").append(People.birthDate(p)).append("\",\"postcode\":\"")
                .append(People.postcode(p)).append("\"}");
        switch (type) {
            case "SUPPORT_AWARDED" -> json.append(",\"award\":{\"awardId\":\"").append(awardId)
                    .append("\",\"purpose\":\"").append(PURPOSES[(int) ((p + award) % PURPOSES.length)])
                    .append("\",\"amountPence\":").append(5_000 + (p * 7 + award * 13) % 90 * 500)
                    .append(",\"validFrom\":\"").append(day).append("\",\"validTo\":\"").append(day.plusMonths(6))
                    .append("\"}");
            case "SUPPORT_WITHDRAWN" -> json.append(",\"award\":{\"awardId\":\"").append(awardId).append("\"}");
            case "EMPLOYMENT_STARTED" -> json.append(",\"employment\":{\"employer\":\"")
                    .append(EMPLOYERS[(int) ((p + k) % EMPLOYERS.length)]).append("\",\"hoursPerWeek\":")
                    .append(8 + (p + k) % 30).append(",\"startDate\":\"").append(day).append("\"}");
            case "EMPLOYMENT_ENDED" -> json.append(",\"employment\":{\"employer\":\"")
                    .append(EMPLOYERS[(int) ((p + k - 4) % EMPLOYERS.length)]).append("\",\"endDate\":\"")
                    .append(day).append("\"}");
            case "REFERRAL_CREATED" -> json.append(",\"referral\":{\"referralId\":\"REF-").append(runId).append('-')
                    .append(p).append('-').append(k).append("\",\"programme\":\"Restart\",\"adviser\":\"")
                    .append(People.titleCase(People.forename(p + 7))).append(" (work coach)\"}");
            default -> throw new IllegalStateException(type);
        }
        json.append('}');
        return messageId;
    }

    /**
     * Polls the hub's counters until {@code n} more employment messages have an outcome; prints progress every 5 s.
     * Answers the samples {@code [nanos since t0, applied]}.
     */
    private List<long[]> awaitOutcomes(HubApi hub, Outcomes before, long n, long t0, AtomicLong sendEnd)
            throws Exception {
        List<long[]> samples = new ArrayList<>();
        samples.add(new long[] {0, 0});
        double lastAll = 0;
        long lastProgress = System.nanoTime();
        long lastPrint = t0;
        long lastPrintApplied = 0;
        while (true) {
            Thread.sleep(pollMillis);
            long now = System.nanoTime();
            Outcomes o = outcomes(hub).minus(before);
            samples.add(new long[] {now - t0, (long) o.applied()});
            if (o.all() >= n) {
                if (sendEnd == null) {
                    System.out.printf(Locale.ROOT, "  warm-up done in %.1f s: %,.0f applied, %,.0f rejected, %,.0f "
                            + "failed%n", (now - t0) / 1e9, o.applied(), o.rejected(), o.failed());
                }
                return samples;
            }
            if (o.all() > lastAll) {
                lastAll = o.all();
                lastProgress = now;
            } else if (now - lastProgress > timeoutSeconds * 1_000_000_000L) {
                throw new java.io.IOException("no progress for " + timeoutSeconds + " s: " + o + " of " + n
                        + " (is the hub consuming " + queue + "? see its log and the DLQ)");
            }
            if (sendEnd != null && now - lastPrint >= 5_000_000_000L) {
                long sent = sentCounter.get();
                System.out.printf(Locale.ROOT, "  [%5.1f s] sent %,d, applied %,.0f (rejected %,.0f, failed %,.0f); "
                        + "last %.1f s: %,.0f applied/s; backlog %,.0f%n", (now - t0) / 1e9, sent, o.applied(),
                        o.rejected(), o.failed(), (now - lastPrint) / 1e9,
                        (o.applied() - lastPrintApplied) / ((now - lastPrint) / 1e9), sent - o.all());
                lastPrint = now;
                lastPrintApplied = (long) o.applied();
            }
        }
    }

    /** When {@code level} events were applied, by linear interpolation between samples (nanos since t0). */
    private static double timeAt(List<long[]> samples, double level) {
        for (int i = 1; i < samples.size(); i++) {
            long[] a = samples.get(i - 1);
            long[] b = samples.get(i);
            if (b[1] >= level) {
                double f = b[1] == a[1] ? 1 : (level - a[1]) / (double) (b[1] - a[1]);
                return a[0] + f * (b[0] - a[0]);
            }
        }
        return samples.get(samples.size() - 1)[0];
    }

    private void report(List<long[]> samples, Outcomes done, long t0, long sendEndNanos,
            java.util.Optional<Double> limit) {
        double sendSeconds = (sendEndNanos - t0) / 1e9;
        long[] last = samples.get(samples.size() - 1);
        double allSeconds = last[0] / 1e9;
        double from = timeAt(samples, 0.1 * count);
        double to = timeAt(samples, 0.9 * count);
        double sustained = to > from ? 0.8 * count / ((to - from) / 1e9) : Double.NaN;
        double best = 0; // best 5-second window
        for (int i = 0, j = 0; i < samples.size(); i++) {
            while (j < samples.size() && samples.get(j)[0] - samples.get(i)[0] < 5_000_000_000L) {
                j++;
            }
            if (j < samples.size()) {
                best = Math.max(best, (samples.get(j)[1] - samples.get(i)[1]) / ((samples.get(j)[0] - samples.get(i)[0])
                        / 1e9));
            }
        }
        System.out.println();
        System.out.println("===================== JoinedUp employment queue: results =====================");
        System.out.printf(Locale.ROOT, "events:       %,d sent (%,d claimants), %,.0f applied, %,.0f rejected, %,.0f "
                + "failed%n", count, people, done.applied(), done.rejected(), done.failed());
        System.out.printf(Locale.ROOT, "sent:         %.1f s, %,.0f events/s (persistent, %d per JMS transaction, %d "
                + "producer(s))%n", sendSeconds, count / sendSeconds, batch, producers);
        System.out.printf(Locale.ROOT, "applied:      all within %.1f s of the first send: %,.0f events/s overall%n",
                allSeconds, done.all() / allSeconds);
        System.out.printf(Locale.ROOT, "sustained:    %,.0f events/s applied (from 10%% to 90%% applied); best 5 s "
                + "window %,.0f events/s%n", sustained, best);
        limit.ifPresent(perSecond -> System.out.printf(Locale.ROOT, "limit:        the broker's own send and receive of"
                + " the same %,d events: %,.0f events/s in this run: applied at %.3f of it%n", count, perSecond,
                sustained / perSecond));
        boolean met = sustained >= target && done.rejected() == 0 && done.failed() == 0;
        System.out.printf(Locale.ROOT, "target:       >= %,.0f events/s applied, sustained, none rejected or failed: "
                + "%s%n", target, met ? "MET" : String.format(Locale.ROOT, "NOT MET (%,.0f events/s%s)", sustained,
                        done.rejected() + done.failed() > 0 ? ", " + (long) (done.rejected() + done.failed())
                                + " rejected or failed" : ""));
        System.out.println("==============================================================================");
    }
}
