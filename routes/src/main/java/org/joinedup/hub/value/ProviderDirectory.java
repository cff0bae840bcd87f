package org.joinedup.hub.value;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.joinedup.connectors.value.CqcRatingsCsvReader;
import org.joinedup.hub.platform.Today;
import org.joinedup.model.ledger.LedgerRefusal;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.value.ProviderRating;

/**
 * The provider directory: every provider, personal assistant and payee named on current plan lines (not family
 * members paid as connected persons), with what people buy from them (per category, a year), the budget holders'
 * ratings and the CQC rating where there is one. No one is named: counts leave out people with the national data
 * opt-out, and what fewer than five people buy or say is not shown.
 */
@ApplicationScoped
public class ProviderDirectory {

    @Inject
    EntityManager em;

    @Inject
    Today today;

    public record Bought(String category, long lines, long annualPence) {
    }

    public record Rating(int stars, String words, String year) {
    }

    public record Cqc(String rating, LocalDate ratedOn, String locationId) {
    }

    /**
     * A provider; {@code people} and {@code bought} are null and empty when fewer than {@link #FEWEST_SHOWN} people
     * buy from them, and {@code said} (the ratings' words) is empty when fewer than that rated them.
     */
    public record Provider(String name, String key, Long people, List<Bought> bought, Integer ratings,
            String averageStars, List<Rating> said, Cqc cqc) {
    }

    /** The fewest people whose purchases, or words, the directory shows. */
    public static final int FEWEST_SHOWN = 5;

    public record Rated(String id, String provider, int stars, String words, String year, String author,
            Instant recordedAt, Instant changedAt, boolean changed) {
    }

    @Transactional
    public List<Provider> all() {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, Long> people = new LinkedHashMap<>();
        Map<String, List<Bought>> bought = new LinkedHashMap<>();
        for (Object row : em.createNativeQuery("""
                select lower(trim(regexp_replace(l.payee, '\\s+', ' ', 'g'))) as k,
                       mode() within group (order by trim(regexp_replace(l.payee, '\\s+', ' ', 'g'))),
                       l.category, count(*), sum(l.annual_pence)
                from plan_line l join support_plan p on p.id = l.plan_id join person x on x.id = p.person_id
                where p.superseded_by is null and p.closed_by_merge is null and x.merged_into is null
                  and not x.national_opt_out and l.status <> 'REFUSED' and not l.connected_person
                group by k, l.category order by k, l.category""").getResultList()) {
            Object[] r = (Object[]) row;
            String key = (String) r[0];
            names.putIfAbsent(key, (String) r[1]);
            bought.computeIfAbsent(key, k -> new ArrayList<>()).add(new Bought((String) r[2],
                    ((Number) r[3]).longValue(), ((Number) r[4]).longValue()));
        }
        for (Object row : em.createNativeQuery("""
                select lower(trim(regexp_replace(l.payee, '\\s+', ' ', 'g'))) as k, count(distinct p.person_id)
                from plan_line l join support_plan p on p.id = l.plan_id join person x on x.id = p.person_id
                where p.superseded_by is null and p.closed_by_merge is null and x.merged_into is null
                  and not x.national_opt_out and l.status <> 'REFUSED' and not l.connected_person
                group by k""").getResultList()) {
            Object[] r = (Object[]) row;
            people.put((String) r[0], ((Number) r[1]).longValue());
        }
        Map<String, List<Rating>> said = new LinkedHashMap<>();
        for (Object row : em.createNativeQuery("""
                select r.provider_key, r.stars, r.words, r.year_start from provider_rating r
                join person x on x.id = r.person_id where not x.national_opt_out and x.merged_into is null
                order by r.provider_key, r.year_start desc, coalesce(r.changed_at, r.recorded_at) desc""")
                .getResultList()) {
            Object[] r = (Object[]) row;
            int year = ((Number) r[3]).intValue();
            said.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add(new Rating(((Number) r[1]).intValue(),
                    (String) r[2], new org.joinedup.model.FinancialYear(year).toString()));
        }
        Map<String, Cqc> cqc = new LinkedHashMap<>();
        // a provider's locations may have several ratings: the latest published
        for (Object row : em.createNativeQuery("select distinct on (provider_key) provider_key, rating, rated_on,"
                + " location_id from provider_cqc_rating order by provider_key, rated_on desc, location_id")
                .getResultList()) {
            Object[] r = (Object[]) row;
            cqc.put((String) r[0], new Cqc((String) r[1], org.joinedup.hub.platform.SqlValues.date(r[2]), (String) r[3]));
        }
        List<Provider> providers = new ArrayList<>();
        names.forEach((key, name) -> {
            List<Rating> ratings = said.getOrDefault(key, List.of());
            long buyers = people.getOrDefault(key, 0L);
            // small numbers are not shown: what fewer than five people buy, or say, could be told back to them
            boolean few = buyers < FEWEST_SHOWN;
            providers.add(new Provider(name, key, few ? null : buyers, few ? List.of() : bought.get(key),
                    ratings.size(), average(ratings), ratings.size() < FEWEST_SHOWN ? List.of() : ratings,
                    cqc.get(key)));
        });
        providers.sort(java.util.Comparator.comparing(Provider::key));
        return providers;
    }

    /** The average stars to one decimal place, half up ("4.5"); null with no ratings. */
    static String average(List<Rating> ratings) {
        if (ratings.isEmpty()) {
            return null;
        }
        long sum = ratings.stream().mapToLong(Rating::stars).sum();
        return java.math.BigDecimal.valueOf(sum).divide(java.math.BigDecimal.valueOf(ratings.size()), 1,
                java.math.RoundingMode.HALF_UP).toPlainString();
    }

    /**
     * The person's rating of a provider named on their current plan, for this financial year: made, or changed by
     * its author ({@link LedgerRefusal}, 409, for anyone else).
     */
    @Transactional
    public Rated rate(UUID personId, ProviderRating rating, String by) {
        String key = ProviderRating.key(rating.provider());
        List<?> named = em.createNativeQuery("""
                select mode() within group (order by trim(regexp_replace(l.payee, '\\s+', ' ', 'g'))) from plan_line l
                join support_plan p on p.id = l.plan_id
                where p.person_id = ?1 and p.superseded_by is null
                  and lower(trim(regexp_replace(l.payee, '\\s+', ' ', 'g'))) = ?2""").setParameter(1, personId)
                .setParameter(2, key).getResultList();
        if (named.isEmpty() || named.get(0) == null) {
            throw new InvalidMessageException("provider", "'" + rating.provider() + "' is not named on the person's"
                    + " current support plan: a person rates whom they buy from");
        }
        int year = today.financialYear().startYear();
        Instant now = Instant.now();
        // one statement: two ratings sent at once make one, and a rating made meanwhile by someone else is kept
        List<?> done = em.createNativeQuery("""
                insert into provider_rating (id, provider_key, provider_name, person_id, year_start, stars, words,
                                             author, recorded_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                on conflict (provider_key, person_id, year_start) do update
                    set stars = excluded.stars, words = excluded.words, changed_at = excluded.recorded_at
                    where provider_rating.author = excluded.author
                returning id, recorded_at, changed_at""").setParameter(1, UUID.randomUUID()).setParameter(2, key)
                .setParameter(3, named.get(0)).setParameter(4, personId).setParameter(5, year)
                .setParameter(6, rating.stars()).setParameter(7, rating.words()).setParameter(8, by)
                .setParameter(9, now).getResultList();
        if (done.isEmpty()) {
            throw new LedgerRefusal("the person's rating of " + named.get(0) + " for "
                    + today.financialYear() + " was made by someone else: only its author may change it");
        }
        Object[] r = (Object[]) done.get(0);
        return new Rated(r[0].toString(), (String) named.get(0), rating.stars(), rating.words(),
                today.financialYear().toString(), by, org.joinedup.hub.platform.SqlValues.instant(r[1]), r[2] == null ? null : org.joinedup.hub.platform.SqlValues.instant(r[2]),
                r[2] != null);
    }

    /**
     * Keeps the CQC ratings read from a council's file, per location (a location's rating published later replaces
     * the one before; an older one does not).
     */
    @Transactional
    public int importCqc(List<CqcRatingsCsvReader.Row> rows, String by) {
        Instant now = Instant.now();
        int kept = 0;
        for (CqcRatingsCsvReader.Row row : rows) {
            kept += em.createNativeQuery("""
                    insert into provider_cqc_rating (provider_key, name, location_id, rating, rated_on, imported_by,
                                                     imported_at)
                    values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                    on conflict (location_id) do update set provider_key = excluded.provider_key,
                        name = excluded.name, rating = excluded.rating, rated_on = excluded.rated_on,
                        imported_by = excluded.imported_by, imported_at = excluded.imported_at
                    where provider_cqc_rating.rated_on <= excluded.rated_on""")
                    .setParameter(1, ProviderRating.key(row.name())).setParameter(2, row.name())
                    .setParameter(3, row.locationId()).setParameter(4, row.rating()).setParameter(5, row.ratedOn())
                    .setParameter(6, by).setParameter(7, now).executeUpdate();
        }
        return kept;
    }


}
