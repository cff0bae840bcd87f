package org.joinedup.hub.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * One audited read or write of personal data: who (user, organisation, roles), why (purpose), whose record, which
 * categories were shared, what (action, endpoint, resources), when, the outcome and where from.
 */
public record AuditEntry(Instant at, String user, String organisation, String roles, String purpose,
        UUID personId, String categories, String action, String endpoint, String resources, Outcome outcome,
        String detail, String clientAddress) {

    /** The entry as stored: every text cut to its column's size, so an over-long request is still audited. */
    public AuditEntry fitted() {
        return new AuditEntry(at, cut(user, 200), cut(organisation, 50), cut(roles, 200), purpose, personId,
                cut(categories, 300), action, cut(endpoint, 500), resources, outcome, detail, cut(clientAddress, 100));
    }

    private static String cut(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length - 1) + "…";
    }

    /** What the access decision answered. */
    public enum Outcome {
        PERMITTED, PARTLY, DENIED, BREAK_GLASS
    }

    /** This entry's hash in the chain: SHA-256 over the previous hash, its position and every field. */
    public String hash(long seq, String previousHash) {
        String canonical = String.join("\u001f", previousHash, Long.toString(seq), at.toString(), text(user),
                text(organisation), text(roles), text(purpose), personId == null ? "" : personId.toString(),
                text(categories), text(action), text(endpoint), text(resources), outcome.name(), text(detail),
                text(clientAddress));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
