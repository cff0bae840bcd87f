package org.joinedup.hub.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.joinedup.model.identity.Comparison;
import org.joinedup.model.identity.TermFrequencies;

/**
 * How common a given or family name is among the hub's source records, for the model's term-frequency adjustment.
 * Counted in PostgreSQL (indexed) and kept for ten minutes: a name's share moves slowly. Until the hub holds 1,000
 * records no adjustment is made (a share of a handful of records says nothing).
 */
@ApplicationScoped
public class NameFrequencies implements TermFrequencies {

    private static final Duration KEEP = Duration.ofMinutes(10);
    private static final int MINIMUM_RECORDS = 1000;
    private static final int MOST_NAMES_KEPT = 200_000;

    @Inject
    EntityManager em;

    private record Share(double share, Instant until) {
    }

    private final Map<String, Share> shares = new ConcurrentHashMap<>();
    private volatile Share total = new Share(0, Instant.EPOCH);

    @Override
    public double share(Comparison comparison, String value) {
        if (value == null || (comparison != Comparison.GIVEN_NAME && comparison != Comparison.FAMILY_NAME)) {
            return 0.0;
        }
        double records = totalRecords();
        if (records < MINIMUM_RECORDS) {
            return 0.0;
        }
        String key = comparison.name() + "|" + value;
        Share known = shares.get(key);
        if (known != null && known.until().isAfter(Instant.now())) {
            return known.share();
        }
        String column = comparison == Comparison.GIVEN_NAME ? "given_key" : "family_key";
        long count = ((Number) em.createNativeQuery("select count(*) from source_record where " + column + " = ?1")
                .setParameter(1, value).getSingleResult()).longValue();
        double share = count / records;
        if (shares.size() > MOST_NAMES_KEPT) {
            shares.clear();
        }
        shares.put(key, new Share(share, Instant.now().plus(KEEP)));
        return share;
    }

    private double totalRecords() {
        Share known = total;
        if (known.until().isAfter(Instant.now())) {
            return known.share();
        }
        long count = ((Number) em.createNativeQuery("select count(*) from source_record").getSingleResult())
                .longValue();
        // a young hub grows fast: count again soon; an established one, every ten minutes
        total = new Share(count, Instant.now().plus(count < MINIMUM_RECORDS ? Duration.ofSeconds(5) : KEEP));
        return count;
    }
}
