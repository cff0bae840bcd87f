package org.joinedup.hub.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The checks a fuzz run makes of every file dropped into an agency's real inbox, whatever the file's format: the
 * file is applied or refused whole, never {@code FAILED} (a file's {@code 500}); it is in the message store byte for
 * byte; a refusal, whole or of the mutated row, is in the report beside the file and names the field; a refused
 * file changes nothing, a row set aside changes nothing of its own and the good row beside it is applied; bad text
 * is never taken.
 * <p>
 * Each file comes from a sender of its own (a provider or council code the test configuration allows), so files
 * dropped together in a batch are told apart by what the hub holds for their sender.
 */
public abstract class InboxFuzz {

    /** Kinds of mutation no row may be applied with. */
    static final Set<String> NEVER_TAKEN = Set.of("nul", "non-utf8", "control");
    /** Kinds of a whole file that must be refused whole. */
    static final Set<String> REFUSED_WHOLE = Set.of("nul", "non-utf8", "empty", "duplicate-key");
    /** Kinds that are valid files written another way: they must be applied. */
    static final Set<String> VALID = Set.of("bom", "valid");

    private static final int BATCH = 40;

    /** One mutation and the line of the row it broke (0: the file as a whole, or its header). */
    public record FileMutation(JsonMutations.Mutation mutation, int line) {
    }

    /** What the hub holds from one sender's file: its good row applied, its mutated row applied, money recorded. */
    public record Held(boolean controlApplied, boolean targetApplied, long contributions) {
    }

    @Inject
    protected EntityManager em;

    private final String agency;
    private final String inboxKey;

    /** For the agency's files ({@code inbound_message.agency}), dropped into the inbox its key configures. */
    protected InboxFuzz(String agency, String inboxKey) {
        this.agency = agency;
        this.inboxKey = inboxKey;
    }

    /** Read when the test runs, inside the started hub, whose configuration it is. */
    private Path inbox() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue(inboxKey, Path.class);
    }

    private String agency() {
        return agency;
    }

    /** The file's name for the {@code n}th sender. */
    protected abstract String fileName(long n);

    /** The placeholder values for the {@code n}th sender's file. */
    protected abstract Function<String, String> placeholders(long n);

    /** What the hub holds from the {@code n}th sender. */
    protected abstract Held held(long n);

    public FuzzRun run(FuzzRun run, List<FileMutation> mutations, long firstSender) {
        for (int from = 0; from < mutations.size(); from += BATCH) {
            List<FileMutation> batch = mutations.subList(from, Math.min(mutations.size(), from + BATCH));
            List<byte[]> bodies = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                long n = firstSender + from + i;
                byte[] body = batch.get(i).mutation().fresh(placeholders(n));
                bodies.add(body);
                drop(fileName(n), body);
            }
            for (int i = 0; i < batch.size(); i++) {
                long n = firstSender + from + i;
                check(run, batch.get(i), n, bodies.get(i));
            }
        }
        return run;
    }

    private void check(FuzzRun run, FileMutation file, long n, byte[] body) {
        JsonMutations.Mutation mutation = file.mutation();
        run.tried(mutation);
        String name = fileName(n);
        Outcome outcome = outcome(name);
        if (outcome == null) {
            run.shortfall("5xx", mutation, "no outcome within 60 s (neither done/ nor rejected/)");
            return;
        }
        byte[] kept = kept(body);
        if (kept == null) {
            run.shortfall("not stored", mutation, "no message in the store holds these bytes");
        }
        Held held = held(n);
        if (outcome.status().equals("FAILED")) {
            run.shortfall("5xx", mutation, "FAILED: " + outcome.text());
            return;
        }
        if (FuzzRun.leaks(outcome.text())) {
            run.shortfall("unclear error", mutation, outcome.text());
        }
        if (outcome.status().equals("REJECTED")) {
            run.refused();
            if (VALID.contains(mutation.kind())) {
                run.shortfall("refused valid input", mutation, outcome.text());
            }
            if (!InterfaceFuzz.namesTheField(mutation, List.of(outcome.text()))) {
                run.shortfall("unclear error", mutation, outcome.text());
            }
            if (held.contributions() > 0) {
                run.shortfall("money changed", mutation, "refused whole, yet " + held.contributions()
                        + " contribution(s) recorded");
            } else if (held.controlApplied() || held.targetApplied()) {
                run.shortfall("partial write", mutation, "refused whole, yet rows applied: " + held);
            }
            return;
        }
        if (file.line() == 0 && REFUSED_WHOLE.contains(mutation.kind())) {
            run.shortfall("accepted what it must refuse", mutation, outcome.text());
        }
        String aside = file.line() == 0 ? null : outcome.setAside(file.line());
        if (!held.controlApplied() && (file.line() > 0 || VALID.contains(mutation.kind()))) {
            run.shortfall("refused valid input", mutation, "the good row beside it was not applied: "
                    + outcome.text());
        }
        if (aside == null) {
            run.accepted();
            if (file.line() > 0 && NEVER_TAKEN.contains(mutation.kind())) {
                run.shortfall("accepted what it must refuse", mutation, "the row was applied: " + outcome.text());
            }
            return;
        }
        run.refused();
        if (!InterfaceFuzz.namesTheField(mutation, List.of(aside)) || FuzzRun.leaks(aside)) {
            run.shortfall("unclear error", mutation, aside);
        }
        if (held.targetApplied()) {
            run.shortfall("partial write", mutation, "set aside (" + aside + "), yet applied");
        } else if (held.contributions() > 0) {
            run.shortfall("money changed", mutation, "set aside (" + aside + "), yet a contribution recorded");
        }
    }

    /** The file's end: {@code DONE} with its report, {@code REJECTED} or {@code FAILED} with its reason. */
    record Outcome(String status, String text) {

        /** The report's reason for the row on {@code line}, or null when it was not set aside. */
        String setAside(int line) {
            String prefix = "line " + line + ": ";
            return text.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                    .orElse(null);
        }
    }

    private Outcome outcome(String name) {
        Path report = inbox().resolve("done").resolve(name + ".report.txt");
        Path reason = inbox().resolve("rejected").resolve(name + ".reason.txt");
        long until = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < until) {
            try {
                if (Files.exists(report) && Files.exists(inbox().resolve("done").resolve(name))) {
                    return new Outcome("DONE", Files.readString(report));
                }
                if (Files.exists(reason) && Files.exists(inbox().resolve("rejected").resolve(name))) {
                    String text = Files.readString(reason);
                    return new Outcome(text.startsWith("Failed") ? "FAILED" : "REJECTED", text);
                }
                Thread.sleep(50);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** The bytes the message store kept for a file with these bytes, or null when there is none. */
    private byte[] kept(byte[] body) {
        String hash;
        try {
            hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<String> copies = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select payload_file from inbound_message where agency = ?1 and content_hash = ?2 order by id",
                String.class).setParameter(1, agency()).setParameter(2, hash).getResultList());
        for (String copy : copies) {
            try {
                byte[] bytes = Files.readAllBytes(Path.of(copy));
                if (java.util.Arrays.equals(bytes, body)) {
                    return bytes;
                }
            } catch (IOException e) {
                // not this one
            }
        }
        return null;
    }

    /** Written beside the inbox and moved in whole, as agencies are told to (the inbox ignores .part files). */
    private void drop(String name, byte[] body) {
        try {
            Files.createDirectories(inbox());
            Path part = inbox().resolve(name + ".part");
            Files.write(part, body);
            Files.move(part, inbox().resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A given name of exactly {@code width} letters made from {@code n}: every file's people are their own, so no
     * run makes one block of thousands of namesakes for identity matching to score.
     */
    protected static String letters(long n, int width) {
        StringBuilder name = new StringBuilder("Q");
        for (long rest = Math.abs(n); name.length() < width; rest /= 26) {
            name.append((char) ('a' + rest % 26));
        }
        return name.toString();
    }

    /** A birth date between 1940 and 2008 made from {@code n}. */
    protected static java.time.LocalDate birthDate(long n) {
        return java.time.LocalDate.of(1940, 1, 1).plusDays(Math.floorMod(n * 7919, 25_000));
    }

    protected long count(String sql, Object... parameters) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = em.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return ((Number) query.getSingleResult()).longValue();
        });
    }
}
