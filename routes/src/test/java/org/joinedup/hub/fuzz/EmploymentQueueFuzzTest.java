package org.joinedup.hub.fuzz;


import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.joinedup.hub.inbound.HubHeaders;
import org.joinedup.hub.employment.EmploymentQueueRoute;
import org.joinedup.hub.support.HubTestResource;
import org.junit.jupiter.api.Test;

/**
 * Employment services' events on the queue {@code agency.employment.in}, fuzzed from two valid events, sent as
 * bytes: every mutation is applied, or stored as it arrived, rejected with reasons naming the field, and put on
 * the dead-letter queue carrying the reason ({@code JoinedUpRejection}); none fails; nothing changes for a
 * rejected one.
 */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class EmploymentQueueFuzzTest extends InterfaceFuzz {

    private static final String QUEUE = "jms:queue:agency.employment.in";
    /** The header a rejected queue message carries to the dead-letter queue. */
    private static final String REJECTION = EmploymentQueueRoute.REJECTION_HEADER;
    private static final AtomicLong NEXT = new AtomicLong(System.nanoTime() % 1_000_000);

    @Inject
    ProducerTemplate camel;

    @Inject
    ConsumerTemplate consumer;

    @Test
    void everyMutationIsAppliedOrRejectedWithItsReasonOnTheDeadLetterQueue() {
        List<JsonMutations.Mutation> corpus = new ArrayList<>();
        for (String event : List.of("support-awarded", "employment-started", "support-withdrawn", "employment-ended",
                "support-awarded-equipment")) {
            corpus.addAll(Corpus.share(JsonMutations.of(fixture("employment/" + event + ".json")), 25));
        }
        try {
            FuzzRun run = run("employment queue", corpus, this::fill);
            run.assertClean(200);
        } finally {
            try {
                consumer.cleanUp();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private String fill(String name) {
        long n = NEXT.incrementAndGet();
        return switch (name) {
            case "id" -> UUID.randomUUID().toString();
            case "nino" -> "AB" + String.format("%06d", n % 1_000_000) + "C";
            case "award" -> "FSF-FZ-" + n;
            default -> null;
        };
    }

    /**
     * Sends the bytes and waits for the hub's outcome: applied is {@code 202}, rejected {@code 400} with the stored
     * reasons and the dead letter's reason header, failed or never stored {@code 500}.
     */
    @Override
    protected Answer send(byte[] body) {
        long last = lastStoredId();
        camel.sendBody(QUEUE, body);
        long until = System.currentTimeMillis() + 15_000;
        long repeatAfter = System.currentTimeMillis() + 3_000;
        while (System.currentTimeMillis() < until) {
            List<Stored> stored = storedAfter(last);
            if (stored.isEmpty() && System.currentTimeMillis() > repeatAfter) {
                // the same bytes as an earlier message (the JSON literal null from each fixture): a repeat of it,
                // answered as it was, without another dead letter
                Stored earlier = sameContent(body);
                if (earlier != null && !earlier.status().equals("RECEIVED")) {
                    return earlier.status().equals("APPLIED") ? new Answer(202, "")
                            : earlier.status().equals("REJECTED") ? new Answer(400, earlier.reasons() + "\n"
                                    + REJECTION + ": (a repeat: dead-lettered the first time)")
                            : new Answer(500, earlier.status() + " " + earlier.reasons());
                }
            }
            if (!stored.isEmpty() && !stored.get(0).status().equals("RECEIVED")) {
                Stored message = stored.get(0);
                return switch (message.status()) {
                    case "APPLIED" -> new Answer(202, "");
                    case "REJECTED" -> new Answer(400, message.reasons() + "\n" + REJECTION + ": "
                            + deadLetterReason(message.id()));
                    default -> new Answer(500, message.status() + " " + message.reasons());
                };
            }
            pause();
        }
        return new Answer(500, "no outcome in the message store within 15 s");
    }

    private Stored sameContent(byte[] body) {
        String hash;
        try {
            hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<Object[]> rows = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("select id, status, reasons from inbound_message where agency = ?1"
                        + " and content_hash = ?2 order by id limit 1", Object[].class)
                .setParameter(1, agency()).setParameter(2, hash).getResultList());
        return rows.isEmpty() ? null : new Stored(((Number) rows.get(0)[0]).longValue(), (String) rows.get(0)[1],
                (String) rows.get(0)[2], body);
    }

    /** The reason header of the dead letter for the stored message, or null when there is none. */
    private String deadLetterReason(long messageId) {
        long until = System.currentTimeMillis() + 4_000;
        while (System.currentTimeMillis() < until) {
            Exchange dead = consumer.receive("jms:queue:DLQ", 1_000);
            if (dead != null && Long.valueOf(messageId).equals(dead.getMessage().getHeader(HubHeaders.MESSAGE_ID,
                    Long.class))) {
                return dead.getMessage().getHeader(REJECTION, String.class);
            }
        }
        return null;
    }

    @Override
    protected String agency() {
        return "EMPLOYMENT";
    }

    /** The stored rejection names the field (or the place), and the dead letter carries the reason. */
    @Override
    protected boolean namesTheProblem(JsonMutations.Mutation mutation, Answer answer) {
        String[] parts = answer.body().split("\n" + REJECTION + ": ", 2);
        if (parts.length < 2 || parts[1].isBlank() || parts[1].equals("null") || parts[0].isBlank()) {
            return false;
        }
        return namesTheField(mutation, List.of(parts[0]));
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
