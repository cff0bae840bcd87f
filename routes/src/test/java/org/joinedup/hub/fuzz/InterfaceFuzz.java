package org.joinedup.hub.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The checks every interface's fuzz run makes of every input, whatever the interface's own error form: no
 * {@code 5xx}; a refusal that says what was wrong (the field, or where in the body) without leaking internals;
 * nothing changed by a refusal; the input kept in the message store as received; an accepted input applied or
 * rejected with a reason, never failed.
 */
public abstract class InterfaceFuzz {

    /** Kinds of input no interface may accept. */
    static final Set<String> ALWAYS_REFUSED = Set.of("duplicate-key", "nul", "non-utf8", "truncated");

    /** Kinds where the refusal can say which field it was. */
    static final Set<String> FIELD_KINDS = Set.of("wrong-type", "over-long", "duplicate-key", "huge-number",
            "impossible-date", "identifier", "empty");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A stored message: its id, status and reasons, and its payload as the store keeps it. */
    public record Stored(long id, String status, String reasons, byte[] payload) {
    }

    /** The answer's status and body. */
    public record Answer(int status, String body) {
    }

    @Inject
    protected EntityManager em;

    protected abstract Answer send(byte[] body);

    /** The agency whose messages the interface stores ({@code inbound_message.agency}). */
    protected abstract String agency();

    /** Whether the refusal's body, in the interface's own error form, names the field (or says where). */
    protected abstract boolean namesTheProblem(JsonMutations.Mutation mutation, Answer answer);

    /** Messages stored after the one with this id, oldest first; a settled status; what the hub holds. */
    protected long lastStoredId() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select coalesce(max(id), 0) from inbound_message").getSingleResult()).longValue());
    }

    protected List<Stored> storedAfter(long id) {
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select id, status, reasons, coalesce(raw_payload, convert_to(payload, 'UTF8')) from inbound_message"
                        + " where id > ?1 and agency = ?2"
                        + " order by id", Object[].class).setParameter(1, id).setParameter(2, agency()).getResultList());
        return rows.stream().map(r -> new Stored(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                (byte[]) r[3])).toList();
    }

    protected Stored settled(long id) {
        long until = System.currentTimeMillis() + 15_000;
        while (true) {
            Stored now = storedAfter(id - 1).get(0);
            if (!now.status().equals("RECEIVED") || System.currentTimeMillis() > until) {
                return now;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return now;
            }
        }
    }

    protected List<Long> state() {
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "select (select count(*) from person), (select count(*) from contribution),"
                        + " (select count(*) from care_service), (select count(*) from council_payment),"
                        + " (select count(*) from household_link), (select count(*) from source_record)")
                .getSingleResult());
        List<Long> counts = new ArrayList<>();
        for (Object o : row) {
            counts.add(((Number) o).longValue());
        }
        return counts;
    }

    protected List<Long> money() {
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "select count(*), coalesce(sum(abs(pence)), 0) from ledger_entry").getSingleResult());
        return List.of(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
    }


    public FuzzRun run(String name, List<JsonMutations.Mutation> mutations, java.util.function.Function<String, String>
            placeholders) {
        return run(new FuzzRun(name), mutations, placeholders);
    }

    public FuzzRun run(FuzzRun run, List<JsonMutations.Mutation> mutations, java.util.function.Function<String,
            String> placeholders) {
        Set<String> sent = new java.util.HashSet<>();
        for (JsonMutations.Mutation mutation : mutations) {
            run.tried(mutation);
            byte[] body = mutation.fresh(placeholders);
            // the same bytes again (an empty array from each fixture) are a repeat of the first: stored once
            boolean repeat = !sent.add(java.util.HexFormat.of().formatHex(body.length > 4096
                    ? java.util.Arrays.copyOf(body, 4096) : body) + body.length);
            List<Long> before = state();
            List<Long> moneyBefore = money();
            long last = lastStoredId();
            Answer answer = send(body);
            List<Stored> stored = storedAfter(last);
            if (answer.status() >= 500) {
                run.shortfall("5xx", mutation, answer.status() + " " + answer.body());
            }
            if (stored.isEmpty() && !repeat) {
                run.shortfall("not stored", mutation, "no message in the store for it");
            } else if (!stored.isEmpty() && !asReceived(body, stored.get(0).payload())) {
                run.shortfall("not stored", mutation, "stored as something other than what was sent ("
                        + stored.get(0).payload().length + " bytes for " + body.length + ")");
            }
            if (answer.status() >= 200 && answer.status() < 300) {
                run.accepted();
                if (mutation.kind().equals("bom")) {
                    // fine: allowed and ignored
                } else if (ALWAYS_REFUSED.contains(mutation.kind())) {
                    run.shortfall("accepted what it must refuse", mutation, answer.status() + " " + answer.body());
                }
                for (Stored message : stored) {
                    Stored end = settled(message.id());
                    if (end.status().equals("FAILED") || end.status().equals("RECEIVED")) {
                        run.shortfall("accepted then failed", mutation, end.status() + " " + end.reasons());
                    }
                }
            } else if (answer.status() < 500) {
                run.refused();
                if (mutation.kind().equals("bom")) {
                    run.shortfall("refused valid input", mutation, answer.status() + " " + answer.body());
                }
                if (answer.body() == null || answer.body().isBlank() || FuzzRun.leaks(answer.body())
                        || !namesTheProblem(mutation, answer)) {
                    run.shortfall("unclear error", mutation, answer.status() + " " + answer.body());
                }
                if (!money().equals(moneyBefore)) {
                    run.shortfall("money changed", mutation, moneyBefore + " -> " + money());
                } else if (!state().equals(before)) {
                    run.shortfall("partial write", mutation, before + " -> " + state());
                }
            }
        }
        return run;
    }

    /** The store keeps what arrived: the same bytes, or the same text when they were UTF-8. */
    private static boolean asReceived(byte[] sent, byte[] kept) {
        return java.util.Arrays.equals(sent, kept);
    }

    /**
     * Whether a refusal's texts (its paths and reasons) name the field the mutation broke; a mutation of the body
     * as a whole needs only a reason, which says what (and where) it broke.
     */
    protected static boolean namesTheField(JsonMutations.Mutation mutation, List<String> texts) {
        return mutation.field() == null || !FIELD_KINDS.contains(mutation.kind())
                || texts.stream().anyMatch(text -> text.contains(mutation.field()));
    }

    protected static Answer post(String url, String token, String contentType, byte[] body) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static byte[] fixture(String path) {
        try (InputStream in = InterfaceFuzz.class.getResourceAsStream("/fuzz/" + path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
