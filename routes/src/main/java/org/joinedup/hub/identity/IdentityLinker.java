package org.joinedup.hub.identity;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.hibernate.Session;
import org.joinedup.fhirmapping.FhirSystems;
import org.joinedup.hub.people.Person;
import org.joinedup.hub.people.PersonIdentifier;
import org.joinedup.hub.people.RecordChangedMeanwhileException;
import org.joinedup.hub.people.PersonDirectory.Demographics;
import org.joinedup.model.IdentifierRecord;
import org.joinedup.model.identity.BlockingRule;
import org.joinedup.model.identity.LinkDecider.Candidate;
import org.joinedup.model.identity.LinkDecision;
import org.joinedup.model.identity.MatchRecord;
import org.joinedup.model.identity.Names;

/**
 * Links an agency's record to one hub person. The record's own key (the agency's id for it) finds it again when it
 * comes back, and its link stands; a new record is compared with the records blocking finds and linked, proposed for
 * review, or made a new person, by the {@link org.joinedup.model.identity.LinkDecider}. The evidence is stored with
 * the link. A record that was a person on its own and arrives again with new details is matched again (it may have
 * arrived before the records it belongs with), unless a person has decided about it.
 */
@ApplicationScoped
public class IdentityLinker {

    public static final String MATCHING = "identity-matching";

    @Inject
    EntityManager em;

    @Inject
    IdentityModel identity;

    @Inject
    NameFrequencies frequencies;

    @Inject
    PersonMerger merger;

    @Inject
    ObjectMapper json;

    @Transactional(TxType.MANDATORY)
    public SourceLink link(SourceKey key, List<IdentifierRecord> identifiers, Demographics details) {
        return link(key, identifiers, details, List.of());
    }

    /**
     * @param identifierProblems why identifiers the agency sent were left out (invalid ones are never used for
     *                           linking); kept on the source record
     */
    @Transactional(TxType.MANDATORY)
    public SourceLink link(SourceKey key, List<IdentifierRecord> identifiers, Demographics details,
            List<org.joinedup.model.ValidationIssue> identifierProblems) {
        String problems = identifierProblems.isEmpty() ? null : identifierProblems.stream()
                .map(p -> p.expression() + ": " + p.reason()).collect(java.util.stream.Collectors.joining("; "));
        SourceRecord record = SourceRecord.<SourceRecord>find(
                "holder = ?1 and sourceSystem = ?2 and sourceValue = ?3", key.holder(), key.system(), key.value())
                .firstResultOptional().orElse(null);
        if (record != null) {
            if (problems != null || !identifiers.isEmpty() || details.givenName() != null
                    || details.birthDate() != null) {
                record.identifierProblems = problems; // what the agency says now about its own record
            }
            boolean changed = update(record, identifiers, details);
            if (changed) {
                reindex(record);
                rematchIfAlone(record);
            }
            index(record.person, key, identifiers, null);
            return new SourceLink(record.person, record.id);
        }
        record = newRecord(key, identifiers, details);
        record.identifierProblems = problems;
        MatchRecord incoming = record.toMatchRecord();
        List<String> keys = BlockingRule.keys(incoming, identity.model().blockingRules());
        lockBlocks(keys);
        List<Candidate> candidates = candidates(keys, null);
        LinkDecision decision = identity.decider().decide(incoming, candidates, frequencies, Set.of());
        Person person = decision.linked() ? Person.findById(UUID.fromString(decision.personId())) : newPerson();
        record.person = person;
        describe(record, decision);
        record.persist();
        insertBlocks(record.id, keys);
        propose(record, decision);
        IdentityAudit.log(MATCHING, decision.linked() ? IdentityAudit.Action.LINKED : IdentityAudit.Action.NEW_PERSON,
                person.id, null, record.id, key.agency() + " record " + key.system() + "|" + key.value() + ": "
                        + decision.reason());
        Set<String> considered = new HashSet<>();
        candidates.forEach(c -> considered.add(c.personId()));
        index(person, key, identifiers, decision.linked() ? null : considered);
        return new SourceLink(person, record.id);
    }

    /**
     * Records the identifiers the person is known by (for look-ups by identifier). One that already belongs to
     * another person is not moved: deciding between two people is the identity review's job. For a person just made,
     * an identifier held by someone matching did not consider means another transaction linked it meanwhile: reading
     * again (the error policy retries) decides with full knowledge; and two made at once collide on the identifier's
     * unique index, with the same effect.
     *
     * @param considered the people matching compared a new person's record with, or null when no person was made
     */
    private void index(Person person, SourceKey key, List<IdentifierRecord> identifiers, Set<String> considered) {
        List<IdentifierRecord> all = new ArrayList<>();
        // the agency's own id for its record is its to vouch for; a record keyed by an NHS or NI number is not
        // thereby verified: that number is as verified as the agency says it is (an unverified one stays so)
        if (identifiers.stream().noneMatch(i -> i.system().equals(key.system()) && i.value().equals(key.value()))) {
            all.add(new IdentifierRecord(key.system(), key.value(), true));
        }
        all.addAll(identifiers);
        for (IdentifierRecord id : all) {
            java.util.Optional<PersonIdentifier> held = person.identifiers.stream()
                    .filter(i -> i.system.equals(id.system()) && i.value.equals(id.value())).findFirst();
            if (held.isPresent()) {
                held.get().verified |= id.verified();
                continue;
            }
            java.util.Optional<PersonIdentifier> elsewhere = PersonIdentifier.<PersonIdentifier>find(
                    "system = ?1 and value = ?2", id.system(), id.value()).firstResultOptional();
            if (elsewhere.isEmpty()) {
                PersonIdentifier identifier = new PersonIdentifier();
                identifier.person = person;
                identifier.system = id.system();
                identifier.value = id.value();
                identifier.verified = id.verified();
                person.identifiers.add(identifier);
            } else if (considered != null && !considered.contains(elsewhere.get().person.id.toString())) {
                throw new RecordChangedMeanwhileException(id.system() + "|" + id.value()
                        + " was given to a person while this record was being linked");
            }
        }
        person.persistAndFlush();
    }

    /**
     * Source records blocking finds for these keys, with their people; those of the given person left out. Read as
     * values, not entities: a file applier links thousands of records in one persistence context, and every
     * candidate kept there would be dirty-checked at every flush.
     */
    List<Candidate> candidates(List<String> keys, UUID excludePerson) {
        int max = identity.model().maxBlockSize();
        // a key with more than the model's blocking.max-block-size records is too loose to tell people apart
        java.util.Map<String, Candidate> unique = new java.util.LinkedHashMap<>();
        membersByKey(keys).values().stream().filter(members -> members.size() <= max).flatMap(List::stream)
                .filter(c -> !c.personId().equals(String.valueOf(excludePerson)))
                .forEach(c -> unique.putIfAbsent(c.record().id(), c));
        return new ArrayList<>(unique.values());
    }

    /**
     * The records each blocking key holds, with their people, in one statement whatever the keys: up to one more
     * than {@code blocking.max-block-size} each (enough to tell that a key is too loose); keys holding none are
     * left out.
     */
    java.util.Map<String, List<Candidate>> membersByKey(java.util.Collection<String> keys) {
        java.util.Map<String, List<Candidate>> byKey = new java.util.HashMap<>();
        if (keys.isEmpty()) {
            return byKey;
        }
        int max = identity.model().maxBlockSize();
        em.flush(); // what this transaction linked so far is a candidate too
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement read = connection.prepareStatement("select k.key, r.person_id, r.id, r.given_name,"
                    + " r.family_name, r.birth_date, r.postcode, r.uprn, r.nhs_number, r.nhs_verified, r.ni_number,"
                    + " r.ni_verified"
                    + " from unnest(?::varchar[]) as k (key) cross join lateral (select source_record_id"
                    + " from source_record_block where block_key = k.key limit ?) b"
                    + " join source_record r on r.id = b.source_record_id")) {
                read.setArray(1, connection.createArrayOf("varchar", keys.toArray()));
                read.setInt(2, max + 1);
                try (java.sql.ResultSet r = read.executeQuery()) {
                    while (r.next()) {
                        byKey.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(new Candidate(
                                r.getObject(2, UUID.class).toString(), MatchRecord.of(r.getObject(3, UUID.class)
                                        .toString(), r.getString(4), r.getString(5), r.getObject(6, LocalDate.class),
                                        r.getString(7), r.getString(8), r.getString(9),
                                        (Boolean) r.getObject(10), r.getString(11), r.getBoolean(12))));
                    }
                }
            }
        });
        return byKey;
    }

    private void describe(SourceRecord record, LinkDecision decision) {
        record.linkMethod = switch (decision.outcome()) {
            case LINKED_BY_IDENTIFIER -> SourceRecord.LinkMethod.IDENTIFIER;
            case LINKED_BY_SCORE -> SourceRecord.LinkMethod.SCORE;
            case NEW_PERSON -> SourceRecord.LinkMethod.NEW_PERSON;
        };
        record.matchWeight = decision.score() == null ? null : decision.score().weight();
        record.matchExplanation = decision.score() == null ? null : toJson(MatchExplanation.of(decision.score()));
        record.linkReason = decision.reason();
        record.updatedAt = Instant.now();
    }

    private void propose(SourceRecord record, LinkDecision decision) {
        for (LinkDecision.Proposal proposal : decision.reviews()) {
            SourceRecord candidate = SourceRecord.findById(UUID.fromString(proposal.candidateRecordId()));
            boolean open = MatchReview.count("record = ?1 and candidate = ?2 and status = ?3", record, candidate,
                    MatchReview.Status.OPEN) > 0;
            if (open) {
                continue;
            }
            MatchReview review = new MatchReview();
            review.id = UUID.randomUUID();
            review.record = record;
            review.candidate = candidate;
            review.matchWeight = proposal.score() == null ? null : proposal.score().weight();
            review.matchExplanation = proposal.score() == null ? null : toJson(MatchExplanation.of(proposal.score()));
            review.reason = proposal.reason();
            review.status = MatchReview.Status.OPEN;
            review.createdAt = Instant.now();
            review.persist();
            IdentityAudit.log(MATCHING, IdentityAudit.Action.PROPOSED, candidate.person.id, record.person.id,
                    record.id, "link proposed for review: " + proposal.reason());
        }
    }

    /**
     * A record that was its own person and now says more about itself may belong with someone the hub already knows:
     * matching runs again, and a link moves it (and what it brought) to that person. Never when a person has decided
     * about the record, never when its person holds other records.
     */
    private void rematchIfAlone(SourceRecord record) {
        if (record.linkMethod != SourceRecord.LinkMethod.NEW_PERSON
                || SourceRecord.count("person", record.person) > 1
                || MatchDecision.count("record = ?1 or other = ?1", record) > 0) {
            return;
        }
        MatchRecord incoming = record.toMatchRecord();
        List<String> keys = BlockingRule.keys(incoming, identity.model().blockingRules());
        lockBlocks(keys);
        LinkDecision decision = identity.decider().decide(incoming, candidates(keys, record.person.id), frequencies,
                Set.of());
        if (decision.linked()) {
            Person into = Person.findById(UUID.fromString(decision.personId()));
            Person alone = record.person;
            describe(record, decision);
            merger.merge(alone, into, MATCHING, "record " + record.sourceSystem + "|" + record.sourceValue
                    + " matched again with new details: " + decision.reason());
        } else {
            propose(record, decision);
        }
    }

    private SourceRecord newRecord(SourceKey key, List<IdentifierRecord> identifiers, Demographics details) {
        SourceRecord record = new SourceRecord();
        record.id = UUID.randomUUID();
        record.agency = key.agency();
        record.holder = key.holder();
        record.sourceSystem = key.system();
        record.sourceValue = key.value();
        record.createdAt = Instant.now();
        update(record, identifiers, details);
        return record;
    }

    /** Takes the agency's latest values (a missing value does not erase a known one); true when any changed. */
    private static boolean update(SourceRecord record, List<IdentifierRecord> identifiers, Demographics details) {
        String before = fingerprint(record);
        record.givenName = firstNonNull(details.givenName(), record.givenName);
        record.familyName = firstNonNull(details.familyName(), record.familyName);
        record.birthDate = firstNonNull(details.birthDate(), record.birthDate);
        record.postcode = firstNonNull(details.postcode(), record.postcode);
        record.uprn = firstNonNull(details.uprn(), record.uprn);
        for (IdentifierRecord id : identifiers) {
            if (FhirSystems.NHS_NUMBER.equals(id.system())) {
                record.nhsNumber = id.value();
                record.nhsVerified = id.verified();
            } else if (FhirSystems.NI_NUMBER.equals(id.system())) {
                record.niNumber = id.value();
                record.niVerified = id.verified();
            }
        }
        record.givenKey = Names.givenName(record.givenName);
        record.familyKey = Names.familyName(record.familyName);
        boolean changed = !before.equals(fingerprint(record));
        if (changed) {
            record.updatedAt = Instant.now();
        }
        return changed;
    }

    private static String fingerprint(SourceRecord r) {
        return Objects.toString(r.givenName) + "|" + r.familyName + "|" + r.birthDate + "|" + r.postcode + "|" + r.uprn
                + "|" + r.nhsNumber + "|" + r.nhsVerified + "|" + r.niNumber + "|" + r.niVerified;
    }

    private void reindex(SourceRecord record) {
        em.flush();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "delete from source_record_block where source_record_id = ?")) {
                delete.setObject(1, record.id);
                delete.executeUpdate();
            }
        });
        insertBlocks(record.id, BlockingRule.keys(record.toMatchRecord(), identity.model().blockingRules()));
    }

    /** The advisory lock every linking transaction holds shared, and a large bulk link holds alone. */
    private static final long LINKING = 0x4A55_4C49_4E4B_0001L;

    /**
     * The most blocking keys one transaction locks one by one; a transaction that would lock more (a file of
     * thousands of claimants) takes {@link #LINKING} alone instead, for the rest of it.
     */
    static final int MOST_KEY_LOCKS = 256;

    /**
     * What this transaction holds: nothing yet (no resource), {@link #ALONE}, or the blocking keys it locked (with
     * {@link #LINKING} shared).
     */
    private static final String LOCKS_HELD = IdentityLinker.class.getName() + ".keyLocks";
    private static final Object ALONE = "linking alone";

    @Inject
    TransactionSynchronizationRegistry transactions;

    /**
     * Holds these blocking keys until the transaction ends (PostgreSQL advisory locks, taken in one order). Two
     * records of one person arriving at once on two consumers share a key, so the second to take it waits for the
     * first to commit and then finds its record among the candidates: one person (or one and a review), never two
     * made side by side, each blind to the other. Taken before candidates are read. Keys that many unrelated people
     * share (a birth date) are left out, as are NHS and NI numbers (the identifier's unique index already stops two
     * people being given one): records of one person that matching can link share a finer key. A first call that
     * would lock more than {@link #MOST_KEY_LOCKS} (a file of thousands of claimants) takes the linking lock alone
     * instead, for the whole transaction, so the lock table never fills; other linking waits for it. A transaction
     * that reaches the limit later takes no more key locks (it never upgrades the linking lock it holds shared: that
     * deadlocks with a consumer waiting for one of its rows).
     * <p>
     * Keys are taken in one order within a call; a later call's keys are in order after the first call's only by
     * chance, so two batches linking record after record can each hold a key the other waits for (a deadlock,
     * measured: two council batches, two employment batches). A batch therefore locks the keys of all its new records
     * first ({@link BulkLinker#lockAhead}), and its later calls find them held; a key a later call needs that sorts
     * before one it holds is only tried, and when another transaction has it the batch is tried again
     * ({@link LinkingBusyException}) instead of waiting into a deadlock.
     */
    @SuppressWarnings("unchecked")
    void lockBlocks(java.util.Collection<String> keys) {
        // counted over the transaction: a file applied in one links thousands of records one after another
        Object state = transactions.getResource(LOCKS_HELD);
        if (state == ALONE) {
            return; // this transaction links alone already
        }
        java.util.SortedSet<String> held = (java.util.SortedSet<String>) state;
        java.util.SortedSet<String> fine = new java.util.TreeSet<>();
        for (String key : keys) {
            if (!key.startsWith(BlockingRule.BIRTH_DATE.ordinal() + ":") && !key.startsWith("nhs:")
                    && !key.startsWith("ni:") && (held == null || !held.contains(key))) {
                fine.add(key);
            }
        }
        if (held != null && held.size() + fine.size() > MOST_KEY_LOCKS) {
            // this transaction holds the linking lock shared, with key locks: taking it alone now would wait for
            // the others while holding what they may wait for (a deadlock, measured on council batches); it links
            // the rest without more key locks (the identifiers' unique index still stops two people being given one)
            return;
        }
        if (held != null && fine.isEmpty()) {
            return;
        }
        boolean alone = held == null && fine.size() > MOST_KEY_LOCKS;
        if (alone) {
            transactions.putResource(LOCKS_HELD, ALONE);
        }
        boolean noKeysYet = held == null || held.isEmpty();
        java.util.SortedSet<String> inOrder = noKeysYet ? fine : fine.tailSet(held.last() + Character.MIN_VALUE);
        java.util.SortedSet<String> outOfOrder = noKeysYet ? java.util.Collections.emptySortedSet()
                : fine.headSet(held.last());
        em.unwrap(Session.class).doWork(connection -> {
            if (held == null) {
                try (PreparedStatement lock = connection.prepareStatement(alone ? "select pg_advisory_xact_lock(?)"
                        : "select pg_advisory_xact_lock_shared(?)")) {
                    lock.setLong(1, LINKING);
                    lock.executeQuery().close();
                }
            }
            if (alone) {
                return;
            }
            if (!outOfOrder.isEmpty()) {
                try (PreparedStatement tryLock = connection.prepareStatement("select bool_and(pg_try_advisory_xact_lock("
                        + "hashtextextended(k, 0))) from unnest(?::text[]) as k")) {
                    tryLock.setArray(1, connection.createArrayOf("text", outOfOrder.toArray()));
                    try (var taken = tryLock.executeQuery()) {
                        if (!taken.next() || !taken.getBoolean(1)) {
                            throw new LinkingBusyException(outOfOrder.size());
                        }
                    }
                }
            }
            if (!inOrder.isEmpty()) {
                try (PreparedStatement lock = connection.prepareStatement("select count(pg_advisory_xact_lock(h)) from"
                        + " (select hashtextextended(k.key, 0) as h from unnest(?::text[]) with ordinality as k (key, n)"
                        + " order by k.n) ordered")) {
                    lock.setArray(1, connection.createArrayOf("text", inOrder.toArray()));
                    lock.executeQuery().close();
                }
            }
        });
        if (!alone) {
            java.util.SortedSet<String> now = held == null ? new java.util.TreeSet<>() : held;
            now.addAll(fine);
            transactions.putResource(LOCKS_HELD, now);
        }
    }

    /**
     * One multi-row insert over plain JDBC: a native query through Hibernate would flush the whole persistence
     * context once per key (a file applier's context holds hundreds of records).
     */
    private void insertBlocks(UUID recordId, List<String> keys) {
        em.flush();
        String[] distinct = new HashSet<>(keys).toArray(String[]::new);
        if (distinct.length == 0) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> {
            // a block already too loose to give candidates is not added to (it would only grow and cost)
            try (PreparedStatement insert = connection.prepareStatement("insert into source_record_block"
                    + " (block_key, source_record_id) select k.key, ? from unnest(?::text[]) as k (key)"
                    + " where (select count(*) from (select 1 from source_record_block b where b.block_key = k.key"
                    + " limit ?) members) <= ?")) {
                int max = identity.model().maxBlockSize();
                insert.setObject(1, recordId);
                insert.setArray(2, connection.createArrayOf("text", distinct));
                insert.setInt(3, max + 1);
                insert.setInt(4, max);
                insert.executeUpdate();
            }
        });
    }

    private static Person newPerson() {
        Person person = new Person();
        person.id = UUID.randomUUID();
        person.createdAt = Instant.now();
        person.updatedAt = person.createdAt;
        person.persist();
        return person;
    }

    String toJson(MatchExplanation explanation) {
        try {
            return json.writeValueAsString(explanation);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a match explanation", e);
        }
    }

    private static <T> T firstNonNull(T news, T known) {
        return news != null ? news : known;
    }
}
