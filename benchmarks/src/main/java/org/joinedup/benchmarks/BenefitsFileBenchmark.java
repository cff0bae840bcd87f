package org.joinedup.benchmarks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load benchmark of the benefits agency's monthly fixed-width award file: writes a valid file of {@code --count}
 * detail records (default 1,000,000) to the hub's benefits inbox, the way the agency's transfer must (written under
 * a {@code .part} name the inbox ignores, then renamed in one step to {@code BEN_<gss>_<yyyymm>_<seq>.DAT}), and
 * follows it through {@code GET /api/inbound/files?agency=BENEFITS} (demo user {@code operator}) until the hub has
 * parsed, linked and stored every detail, printing rows/s as it goes. Meanwhile it watches the hub's heap
 * ({@link HeapWatch}). It prints the seconds from the drop to done and the heap, and whether the target was met:
 * <b>1,000,000 details in at most 60 s end to end, the hub's heap under 512 MB throughout</b>.
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks compile exec:java -Dexec.mainClass=org.joinedup.benchmarks.BenefitsFileBenchmark \
 *     -Dexec.args="--data-dir=/tmp/bench-data --count=1000000"
 * </pre>
 *
 * The file follows /work/shared/formats/benefits-monthly-fixed-width.md to the byte: 150-character records, LF
 * endings, header with a file id unique per run, details with valid NI numbers (DWP's rules), names, birth dates,
 * postcodes, benefit codes of the format, status (mostly {@code A}, some {@code S} and {@code T}, which make the hub
 * look for last month's award), weekly amounts and award dates, and a trailer with the count and the hash total.
 * {@code --per-person} details share one NI number (a claimant on UC and PIP, say). {@code --invalid} makes a
 * fraction of details break the NI number rules, to be set aside by the hub.
 */
public final class BenefitsFileBenchmark implements Args.Benchmark {

    static final String USAGE = """
            usage: ./mvnw -B -q -pl benchmarks -am compile exec:java \\
                     -Dexec.mainClass=org.joinedup.benchmarks.BenefitsFileBenchmark -Dexec.args="[options]"
              --url=http://localhost:8080  --data-dir=./data | --inbox=<data dir>/inbox/benefits
              --count=1000000  --per-person=1.25  --suspended=2%  --terminated=1%  --invalid=0
              --gss=E08000004  --month=<yyyymm, default random per run>  --seq=1  --keep=false
              --hub-pid=<pid, default: the quarkus-run.jar process>  --poll=1000 (ms)  --timeout=900 (s)
              --target-seconds=60  --target-heap-mb=512  --token=<operator bearer>  --seed=<long>
              --db-url=jdbc:postgresql://127.0.0.1:55432/postgres  --db-user=postgres  --db-password=<from data dir>
            The same --seed with another --month writes next month's file for the same claimants.""";

    static final int RECORD = 150;
    private static final String[] BENEFITS = {"UC", "PIP", "ESA", "JSA", "HB", "CTR", "CA", "AA", "DLA"};
    /** typical weekly amounts in pence, per benefit above */
    private static final int[] WEEKLY = {9_000, 10_590, 9_020, 9_015, 7_500, 2_200, 8_155, 10_840, 7_270};

    private final Args args;
    private final String url;
    private final Path inbox;
    private final long count;
    private final double perPerson;
    private final double suspended;
    private final double terminated;
    private final double invalid;
    private final String gss;
    private final YearMonth month;
    private final int seq;
    private final boolean keep;
    private final long hubPid;
    private final int pollMillis;
    private final int timeoutSeconds;
    private final double targetSeconds;
    private final long targetHeapMb;
    private final String tokenOption;
    private final long seed;
    private final CopyLimit copyLimit;

    private BenefitsFileBenchmark(Args a) {
        this.args = a;
        url = a.string("url", "http://localhost:8080");
        String dataDir = a.string("data-dir", "./data");
        inbox = Path.of(a.string("inbox", Path.of(dataDir, "inbox", "benefits").toString()));
        count = a.longValue("count", 1_000_000, 1);
        perPerson = a.doubleValue("per-person", 1.25);
        suspended = a.fraction("suspended", 0.02);
        terminated = a.fraction("terminated", 0.01);
        invalid = a.fraction("invalid", 0);
        gss = a.string("gss", "E08000004");
        seed = a.longValue("seed", ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 0);
        String m = a.string("month", null);
        month = m != null ? YearMonth.parse(m, DateTimeFormatter.ofPattern("yyyyMM"))
                : YearMonth.of(2030 + (int) (seed % 70), 1 + (int) (seed / 70 % 12)); // a month no earlier run used
        seq = a.intValue("seq", 1, 1);
        keep = a.bool("keep", false);
        hubPid = a.longValue("hub-pid", 0, 0);
        pollMillis = a.intValue("poll", 1_000, 100);
        timeoutSeconds = a.intValue("timeout", 900, 1);
        targetSeconds = a.doubleValue("target-seconds", 60);
        targetHeapMb = a.longValue("target-heap-mb", 512, 1);
        tokenOption = a.string("token", null);
        copyLimit = CopyLimit.from(a, dataDir);
        a.finish();
        if (perPerson < 1) {
            throw new IllegalArgumentException("--per-person must be at least 1");
        }
        if (seq > 99 || !gss.matches("[A-Z]\\d{8}")) {
            throw new IllegalArgumentException("--seq is 1..99 and --gss a letter and 8 digits");
        }
        if (count > 999_999_999L) {
            throw new IllegalArgumentException("--count: a trailer holds at most 999,999,999 details");
        }
    }

    public static void main(String[] argv) throws Exception {
        Args.launch(argv, USAGE, BenefitsFileBenchmark::new);
    }

    @Override
    public void run() throws Exception {
        if (!Files.isDirectory(inbox)) {
            throw new HubApi.SetupException("no benefits inbox at " + inbox.toAbsolutePath() + " (give --data-dir "
                    + "of the hub, or --inbox)");
        }
        String runId = Long.toString(seed % 78_364_164_096L, 36).toUpperCase(Locale.ROOT); // up to 7 characters
        String fileName = String.format(Locale.ROOT, "BEN_%s_%04d%02d_%02d.DAT", gss, month.getYear(),
                month.getMonthValue(), seq);
        String fileId = String.format(Locale.ROOT, "BEN%04d%02d%-7s%s", month.getYear(), month.getMonthValue(),
                runId, gss.substring(5)).replace(' ', '0');
        try (HubApi hub = new HubApi(url)) {
            String token = tokenOption != null ? tokenOption : hub.demoToken("operator").bearer();
            HubApi.Answer before = hub.get("/api/inbound/files?agency=BENEFITS&limit=500", token);
            if (before.status() != 200) {
                throw new HubApi.SetupException("GET /api/inbound/files: HTTP " + before.status() + " "
                        + before.body());
            }
            System.out.printf(Locale.ROOT, "JoinedUp benefits file benchmark: %,d details into %s%n", count,
                    inbox.toAbsolutePath());
            System.out.printf(Locale.ROOT, "  %s, file id %s, %.2f details per person, %.1f%% suspended, %.1f%% "
                    + "terminated, %.1f%% invalid NI; %d cores, Java %s%n", fileName, fileId, perPerson,
                    suspended * 100, terminated * 100, invalid * 100, Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));
            People people = new People(seed);
            System.out.println("  " + People.describe(people));

            Path part = inbox.resolve(fileName + ".part");
            Path target = inbox.resolve(fileName);
            if (Files.exists(target) || Files.exists(inbox.resolve("done").resolve(fileName))) {
                throw new HubApi.SetupException(fileName + " is already in the inbox (or done/): pass another "
                        + "--month or --seq");
            }
            long t0 = System.nanoTime();
            Written written = write(part, people, fileId);
            double genSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "  written %s: %,d bytes, %,d details (%,d people, %,d suspended, %,d "
                    + "terminated, %,d invalid), hash total %,d p, in %.1f s%n", part.getFileName(),
                    Files.size(part), count, written.people, written.suspended, written.terminated, written.invalid,
                    written.hashTotal, genSeconds);

            Optional<Double> limit = copyLimit.seconds("create temporary table benefit_limit (line integer, nino"
                    + " varchar(9), surname varchar(100), forenames varchar(100), birth_date date, postcode varchar(10),"
                    + " benefit varchar(4), status char(1), weekly_pence bigint, award_start date, award_end date)",
                    "copy benefit_limit from stdin", new DetailRows(part));
            Optional<HeapWatch> heap = HeapWatch.start(hubPid, url, 250);
            heap.ifPresent(h -> System.out.printf(Locale.ROOT, "  watching the heap of hub process %d: used %s, "
                    + "max %s%n", h.pid, HeapWatch.mb(h.lastUsed()), HeapWatch.mb(h.maxHeap)));
            heap.ifPresent(HeapWatch::reset);
            try {
                move(part, target);
                long dropNanos = System.nanoTime();
                Instant dropAt = Instant.now();
                System.out.println("  dropped " + fileName + " (renamed from .part) at " + dropAt + "; following "
                        + "GET /api/inbound/files?agency=BENEFITS ...");
                FileState done = follow(hub, token, fileName, dropNanos, heap);
                report(fileName, done, dropAt, dropNanos, written, heap, limit);
            } finally {
                heap.ifPresent(HeapWatch::close);
                if (!keep) {
                    Files.deleteIfExists(part);
                }
            }
        }
    }

    record Written(long people, long suspended, long terminated, long invalid, long hashTotal) {
    }

    /** Streams the file to disk: header, {@code count} details, trailer; one record buffer, nothing per row. */
    Written write(Path file, People people, String fileId) throws IOException {
        byte[] rec = new byte[RECORD + 1];
        rec[RECORD] = '\n';
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        long hash = 0;
        long persons = 0;
        long nSuspended = 0;
        long nTerminated = 0;
        long nInvalid = 0;
        LocalDate monthStart = month.atDay(1);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            blank(rec);
            rec[0] = 'H';
            put(rec, 1, 20, fileId);
            put(rec, 21, 9, gss);
            put(rec, 30, 6, String.format(Locale.ROOT, "%04d%02d", month.getYear(), month.getMonthValue()));
            put(rec, 36, 14, LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss")));
            out.write(rec);

            long person = -1;
            int benefitOfPerson = 0;
            String ni = null;
            double owed = 0; // details still to give the current person, as a running fraction
            for (long i = 0; i < count; i++) {
                if (owed < 1) {
                    person++;
                    persons++;
                    benefitOfPerson = (int) (person % BENEFITS.length);
                    ni = people.ni(person);
                    owed += perPerson;
                } else {
                    benefitOfPerson = (benefitOfPerson + 4) % BENEFITS.length; // another benefit, not the same one
                }
                owed -= 1;
                blank(rec);
                rec[0] = 'D';
                boolean bad = invalid > 0 && random.nextDouble() < invalid;
                if (bad) {
                    nInvalid++;
                    put(rec, 1, 9, "QQ" + ni.substring(2)); // Q is never a first letter
                } else {
                    put(rec, 1, 9, ni);
                }
                put(rec, 10, 35, People.surname(person));
                put(rec, 45, 35, People.forename(person));
                putDate(rec, 80, People.birthDate(person));
                put(rec, 88, 8, People.postcode(person).replace(" ", (person & 1) == 0 ? " " : ""));
                put(rec, 96, 4, BENEFITS[benefitOfPerson]);
                double s = random.nextDouble();
                char status = s < suspended ? 'S' : s < suspended + terminated ? 'T' : 'A';
                rec[100] = (byte) status;
                nSuspended += status == 'S' ? 1 : 0;
                nTerminated += status == 'T' ? 1 : 0;
                long weekly = WEEKLY[benefitOfPerson] + person * 37 % 2_000;
                putDigits(rec, 101, 9, weekly);
                hash += weekly;
                LocalDate start = monthStart.minusDays(30 + person * 13 % 2_000);
                putDate(rec, 110, start);
                if (status == 'T') {
                    putDate(rec, 118, monthStart.plusDays(person % 28));
                }
                out.write(rec);
            }
            blank(rec);
            rec[0] = 'T';
            putDigits(rec, 1, 9, count);
            putDigits(rec, 10, 15, hash);
            out.write(rec);
        }
        return new Written(persons, nSuspended, nTerminated, nInvalid, hash);
    }

    private static void blank(byte[] rec) {
        Arrays.fill(rec, 0, RECORD, (byte) ' ');
    }

    /** Left-aligned text, space-padded (the record is blank already), cut at the field's width. */
    private static void put(byte[] rec, int at, int width, String text) {
        int n = Math.min(width, text.length());
        for (int i = 0; i < n; i++) {
            rec[at + i] = (byte) text.charAt(i);
        }
    }

    /** Right-aligned, zero-padded number. */
    private static void putDigits(byte[] rec, int at, int width, long v) {
        for (int i = at + width - 1; i >= at; i--) {
            rec[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        if (v != 0) {
            throw new IllegalStateException("number too wide for " + width + " digits");
        }
    }

    private static void putDate(byte[] rec, int at, LocalDate d) {
        putDigits(rec, at, 4, d.getYear());
        putDigits(rec, at + 4, 2, d.getMonthValue());
        putDigits(rec, at + 6, 2, d.getDayOfMonth());
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the inbox does not support an atomic rename: " + e.getMessage(), e);
        }
    }

    /**
     * The file's details as COPY's text rows, converted as they are read: line number, NI number, surname,
     * forenames, birth date, postcode, benefit, status, weekly pence, award start and end (blank is null).
     */
    static final class DetailRows extends CopyLimit.Rows {
        private static final int[][] FIELDS = {{1, 10}, {10, 45}, {45, 80}, {80, 88}, {88, 96}, {96, 100}, {100, 101},
            {101, 110}, {110, 118}, {118, 126}};
        private final java.io.BufferedReader lines;
        private int lineNumber;

        DetailRows(Path file) throws IOException {
            lines = Files.newBufferedReader(file, java.nio.charset.StandardCharsets.ISO_8859_1);
        }

        @Override
        boolean next(StringBuilder row) throws IOException {
            String line = lines.readLine();
            if (line == null) {
                return false;
            }
            lineNumber++;
            if (line.startsWith("D")) {
                row.append(lineNumber);
                for (int[] f : FIELDS) {
                    String value = line.substring(f[0], f[1]).trim();
                    row.append('\t').append(value.isEmpty() ? "\\N" : value);
                }
                row.append('\n');
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            lines.close();
        }
    }

    /** What the hub says about the file. */
    record FileState(String status, long read, long applied, long setAside, String reason, Instant startedAt,
            Instant finishedAt) {

        boolean finished() {
            return !status.equals("RUNNING");
        }
    }

    private static final Pattern FILE_ENTRY = Pattern.compile("\\{\"messageId\":[^{}]*?\"fileName\":\"([^\"]*)\""
            + "[^{}]*?\"status\":\"([A-Z]+)\"[^{}]*?\"rowsRead\":(\\d+),\"rowsApplied\":(\\d+),\"rowsSetAside\":(\\d+),"
            + "\"reason\":(null|\"(?:[^\"\\\\]|\\\\.)*\"),\"startedAt\":(null|\"[^\"]*\"),\"finishedAt\":(null|\"[^\"]*\")");

    static Optional<FileState> find(String json, String fileName) {
        Matcher m = FILE_ENTRY.matcher(json);
        while (m.find()) {
            if (m.group(1).equals(fileName)) {
                return Optional.of(new FileState(m.group(2), Long.parseLong(m.group(3)), Long.parseLong(m.group(4)),
                        Long.parseLong(m.group(5)), unquote(m.group(6)), instant(m.group(7)), instant(m.group(8))));
            }
        }
        return Optional.empty();
    }

    private static String unquote(String s) {
        return s.equals("null") ? null : s.substring(1, s.length() - 1).replace("\\\"", "\"").replace("\\n", " ");
    }

    private static Instant instant(String s) {
        return s.equals("null") ? null : Instant.parse(s.substring(1, s.length() - 1));
    }

    private FileState follow(HubApi hub, String token, String fileName, long dropNanos, Optional<HeapWatch> heap)
            throws Exception {
        long lastRead = 0;
        long lastAt = dropNanos;
        long lastPrint = 0;
        boolean seen = false;
        long deadline = dropNanos + timeoutSeconds * 1_000_000_000L;
        while (true) {
            Thread.sleep(pollMillis);
            long now = System.nanoTime();
            HubApi.Answer a = hub.get("/api/inbound/files?agency=BENEFITS&limit=5", token);
            if (a.status() != 200) {
                throw new IOException("GET /api/inbound/files: HTTP " + a.status() + " " + a.body());
            }
            Optional<FileState> state = find(a.body(), fileName);
            boolean inDone = Files.exists(inbox.resolve("done").resolve(fileName))
                    || Files.exists(inbox.resolve("rejected").resolve(fileName));
            if (state.isPresent() && state.get().finished() && (inDone || now > deadline)) {
                return state.get();
            }
            if (now > deadline) {
                throw new IOException("timed out after " + timeoutSeconds + " s; the hub says: "
                        + state.map(Object::toString).orElse("nothing about " + fileName));
            }
            if (now - lastPrint >= 5_000_000_000L || !seen && state.isPresent()) {
                String heapNow = heap.map(h -> ", heap used " + HeapWatch.mb(h.lastUsed()) + " (after last GC "
                        + HeapWatch.mb(h.lastAfterGc()) + ")").orElse("");
                if (state.isEmpty()) {
                    System.out.printf(Locale.ROOT, "  [%5.1f s] not taken yet (the inbox waits until the file is 1 s "
                            + "old; then the hub hashes and copies it)%s%n", (now - dropNanos) / 1e9, heapNow);
                } else {
                    FileState s = state.get();
                    System.out.printf(Locale.ROOT, "  [%5.1f s] %s: %,d read, %,d applied, %,d set aside; last %.1f s:"
                            + " %,.0f applied/s%s%n", (now - dropNanos) / 1e9, s.status(), s.read(), s.applied(),
                            s.setAside(), (now - lastAt) / 1e9, (s.applied() - lastRead) / ((now - lastAt) / 1e9),
                            s.read() == 0 ? " (first pass: hash total check)" + heapNow : heapNow);
                    lastRead = s.applied();
                    lastAt = now;
                    seen = true;
                }
                lastPrint = now;
            }
        }
    }

    private void report(String fileName, FileState s, Instant dropAt, long dropNanos, Written written,
            Optional<HeapWatch> heap, Optional<Double> limit) {
        double observed = (System.nanoTime() - dropNanos) / 1e9;
        double endToEnd = s.finishedAt() != null ? (s.finishedAt().toEpochMilli() - dropAt.toEpochMilli()) / 1e3
                : observed;
        double pickup = s.startedAt() != null ? (s.startedAt().toEpochMilli() - dropAt.toEpochMilli()) / 1e3 : 0;
        double applying = endToEnd - pickup;
        long expectedApplied = count - written.invalid;
        boolean complete = s.status().equals("DONE") && s.applied() == expectedApplied
                && s.setAside() == written.invalid;

        System.out.println();
        System.out.println("===================== JoinedUp benefits monthly file: results =====================");
        System.out.printf(Locale.ROOT, "file:         %s, %,d details (%,d people), %,d bytes%n", fileName, count,
                written.people, (count + 2) * (RECORD + 1));
        System.out.printf(Locale.ROOT, "hub says:     %s, %,d read, %,d applied, %,d set aside%s%n", s.status(),
                s.read(), s.applied(), s.setAside(), s.reason() == null ? "" : " (" + s.reason() + ")");
        System.out.printf(Locale.ROOT, "time:         %.1f s from drop to done (%.1f s until the hub took it: inbox "
                + "read lock, SHA-256 and copy; %.1f s checking and applying)%n", endToEnd, pickup, applying);
        System.out.printf(Locale.ROOT, "throughput:   %,.0f details/s end to end, %,.0f details/s once taken%n",
                s.read() / endToEnd, s.read() / Math.max(1e-9, applying));
        boolean heapMet = false;
        if (heap.isPresent()) {
            HeapWatch h = heap.get();
            System.out.printf(Locale.ROOT, "hub heap:     %s%n", h.summary());
            System.out.printf(Locale.ROOT, "hub CPU:      %.1f s while the file ran (%.0f%% of one core; PostgreSQL "
                    + "not included)%n", h.cpu().toMillis() / 1e3, h.cpu().toMillis() / 10.0 / observed);
            heapMet = h.peakUsed() < targetHeapMb * 1024 * 1024 && h.maxHeap > 0;
        } else {
            System.out.println("hub heap:     not watched");
        }
        limit.ifPresent(seconds -> System.out.printf(Locale.ROOT, "limit:        PostgreSQL COPY of the same %,d rows"
                + " in %.2f s (%,.0f rows/s) in this run: the hub took %.1f times as long%n", count, seconds,
                count / seconds, endToEnd / seconds));
        boolean timeMet = endToEnd <= targetSeconds * count / 1_000_000.0;
        boolean met = complete && timeMet && heapMet;
        System.out.printf(Locale.ROOT, "target:       1,000,000 details in <= %.0f s (%.1f s for %,d) with the hub's "
                + "heap under %d MB throughout: %s%n", targetSeconds, targetSeconds * count / 1_000_000.0, count,
                targetHeapMb, met ? "MET" : "NOT MET (" + String.join(", ", reasons(complete, timeMet, heapMet,
                        endToEnd, s, heap)) + ")");
        if (count != 1_000_000) {
            System.out.printf(Locale.ROOT, "              (%,d details: at this rate 1,000,000 would take about %.0f s)"
                    + "%n", count, pickup + 1_000_000 / (s.read() / Math.max(1e-9, applying)));
        }
        System.out.println("===================================================================================");
    }

    private java.util.List<String> reasons(boolean complete, boolean timeMet, boolean heapMet, double seconds,
            FileState s, Optional<HeapWatch> heap) {
        java.util.List<String> reasons = new java.util.ArrayList<>();
        if (!complete) {
            reasons.add("file " + s.status() + " with " + s.applied() + " applied");
        }
        if (!timeMet) {
            reasons.add(String.format(Locale.ROOT, "%.1f s", seconds));
        }
        if (!heapMet) {
            reasons.add(heap.map(h -> "heap peak " + HeapWatch.mb(h.peakUsed())).orElse("heap not watched"));
        }
        return reasons;
    }
}
