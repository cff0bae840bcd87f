package org.joinedup.hub.identity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.hibernate.Session;
import org.joinedup.fhirmapping.FhirSystems;
import org.joinedup.hub.people.PersonDirectory.Demographics;
import org.joinedup.model.IdentifierRecord;
import org.joinedup.model.identity.BlockingRule;
import org.joinedup.model.identity.LinkDecider.Candidate;
import org.joinedup.model.identity.LinkDecision;
import org.joinedup.model.identity.MatchRecord;
import org.joinedup.model.identity.Names;

/**
 * Links many records the hub has never seen, as {@link IdentityLinker#link} would one after another, in a few
 * statements: each is compared by the same model with what blocking finds for it, in the hub and among the records
 * before it in the list; one that matches nobody closely enough to be linked or reviewed becomes a new person, made
 * as {@code link} makes one (its record with the evidence, its blocks, its identifiers, the audit entry), and gets the
 * record's details. Any other (a record whose key or identifiers the hub holds already, a link, a review) is left
 * for {@code link} to decide with everything in front of it. A file of new claimants is mostly the first kind. A
 * record of the list whose key the hub holds is left for {@code link}, which may change its details first; so is
 * every new record sharing a blocking key with it, which {@code link} then compares with that record as it is by
 * then (as one by one would). Only the keys of the records that may be made are locked.
 */
@ApplicationScoped
public class BulkLinker {

    /** A record for {@link #linkAlone}: its key, the identifiers it carries (checked), and its details. */
    public record NewRecord(SourceKey key, List<IdentifierRecord> identifiers, Demographics details) {
    }

    @Inject
    EntityManager em;

    @Inject
    IdentityLinker linker;

    @Inject
    IdentityModel identity;

    @Inject
    NameFrequencies frequencies;

    /**
     * @return for each record, in order, the id of the person made for it, or null when it is left for
     *         {@link IdentityLinker#link}
     */
    @Transactional(TxType.MANDATORY)
    public List<UUID> linkAlone(List<NewRecord> records) {
        return linkAlone(records, List.of());
    }

    /**
     * As {@link #linkAlone(List)}, where {@code linkedOneByOne} are records of the same batch that {@code link} will
     * take whatever this decides (their details may change first): a record sharing a blocking key with one of them
     * is left for {@code link} too.
     */
    @Transactional(TxType.MANDATORY)
    public List<UUID> linkAlone(List<NewRecord> records, List<NewRecord> linkedOneByOne) {
        List<UUID> made = new ArrayList<>(records.size());
        if (records.isEmpty()) {
            lockAhead(linkedOneByOne);
            return made;
        }
        List<NewRecord> named = new ArrayList<>(records);
        named.addAll(linkedOneByOne);
        Set<String> held = held(named);
        lockNew(named, held); // before anything is read: the batch's later links find their keys held
        int max = identity.model().maxBlockSize();
        List<MatchRecord> incoming = new ArrayList<>(records.size());
        List<List<String>> keysOf = new ArrayList<>(records.size());
        List<Boolean> heldRecord = new ArrayList<>(records.size());
        Set<String> busy = new HashSet<>();
        for (NewRecord record : records) {
            MatchRecord match = matchRecord(UUID.randomUUID(), record);
            List<String> keys = new ArrayList<>(new LinkedHashSet<>(BlockingRule.keys(match,
                    identity.model().blockingRules())));
            incoming.add(match);
            keysOf.add(keys);
            boolean known = Rows.names(record).stream().anyMatch(held::contains);
            heldRecord.add(known);
            if (known) {
                busy.addAll(keys); // link may change that record first: who shares a block with it waits for link too
            }
        }
        for (NewRecord other : linkedOneByOne) {
            busy.addAll(BlockingRule.keys(matchRecord(UUID.randomUUID(), other), identity.model().blockingRules()));
        }
        Set<String> allKeys = new LinkedHashSet<>();
        List<Boolean> leave = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            boolean left = heldRecord.get(i) || keysOf.get(i).stream().anyMatch(busy::contains);
            leave.add(left);
            if (!left) {
                allKeys.addAll(keysOf.get(i));
            }
        }
        if (allKeys.isEmpty()) {
            records.forEach(r -> made.add(null));
            return made;
        }
        Map<String, List<Candidate>> inHub = linker.membersByKey(allKeys);
        Map<String, List<Candidate>> inList = new HashMap<>();
        Rows rows = new Rows();
        for (int i = 0; i < records.size(); i++) {
            NewRecord record = records.get(i);
            if (leave.get(i) || !rows.claim(record, held)) {
                made.add(null);
                continue;
            }
            Map<String, Candidate> candidates = new LinkedHashMap<>();
            for (String key : keysOf.get(i)) {
                List<Candidate> hub = inHub.getOrDefault(key, List.of());
                List<Candidate> list = inList.getOrDefault(key, List.of());
                if (hub.size() + list.size() <= max) { // a looser key tells nobody apart (as for link)
                    hub.forEach(c -> candidates.putIfAbsent(c.record().id(), c));
                    list.forEach(c -> candidates.putIfAbsent(c.record().id(), c));
                }
            }
            MatchRecord match = incoming.get(i);
            LinkDecision decision = identity.decider().decide(match, candidates.values(), frequencies, Set.of());
            if (decision.outcome() != LinkDecision.Outcome.NEW_PERSON || !decision.reviews().isEmpty()) {
                rows.release(record);
                made.add(null);
                continue;
            }
            UUID person = UUID.randomUUID();
            made.add(person);
            rows.add(person, record, match, decision, linker);
            for (String key : keysOf.get(i)) {
                List<Candidate> list = inList.computeIfAbsent(key, k -> new ArrayList<>());
                if (inHub.getOrDefault(key, List.of()).size() + list.size() <= max) { // as insertBlocks
                    rows.block(key, match.id());
                    list.add(new Candidate(person.toString(), match));
                }
            }
        }
        if (!rows.people.isEmpty()) {
            em.flush();
            em.unwrap(Session.class).doWork(rows::insert);
        }
        return made;
    }

    /**
     * Locks, in one order and before anything else, the blocking keys of every one of these records that the hub does
     * not hold yet, as {@code link} would one by one: a batch that linked record after record would take each record's
     * keys in its turn, and two batches doing so can each hold a key the other waits for. Records the hub holds are
     * found by their key and lock nothing (unless their details change). For a batch's first work in its transaction.
     */
    @Transactional(TxType.MANDATORY)
    public void lockAhead(List<NewRecord> records) {
        if (!records.isEmpty()) {
            lockNew(records, held(records));
        }
    }

    private void lockNew(List<NewRecord> records, Set<String> held) {
        Set<String> keys = new LinkedHashSet<>();
        for (NewRecord record : records) {
            if (!held.contains(Rows.names(record).get(0))) {
                keys.addAll(BlockingRule.keys(matchRecord(UUID.randomUUID(), record), identity.model().blockingRules()));
            }
        }
        if (!keys.isEmpty()) {
            linker.lockBlocks(keys); // as link does: records of one person on two consumers meet, one waiting
        }
    }

    /** The keys and identifiers among these records that the hub already holds (their records go to link). */
    private Set<String> held(List<NewRecord> records) {
        List<String> holders = new ArrayList<>();
        List<String> systems = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<String> idSystems = new ArrayList<>();
        List<String> idValues = new ArrayList<>();
        for (NewRecord r : records) {
            holders.add(r.key().holder());
            systems.add(r.key().system());
            values.add(r.key().value());
            for (IdentifierRecord id : identifiers(r)) {
                idSystems.add(id.system());
                idValues.add(id.value());
            }
        }
        Set<String> held = new HashSet<>();
        em.flush();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement keys = connection.prepareStatement("select k.h, k.s, k.v from unnest(?::varchar[],"
                    + " ?::varchar[], ?::varchar[]) as k (h, s, v) where exists (select 1 from source_record r"
                    + " where r.holder = k.h and r.source_system = k.s and r.source_value = k.v)")) {
                keys.setArray(1, connection.createArrayOf("varchar", holders.toArray()));
                keys.setArray(2, connection.createArrayOf("varchar", systems.toArray()));
                keys.setArray(3, connection.createArrayOf("varchar", values.toArray()));
                try (var r = keys.executeQuery()) {
                    while (r.next()) {
                        held.add("key|" + r.getString(1) + "|" + r.getString(2) + "|" + r.getString(3));
                    }
                }
            }
            try (PreparedStatement ids = connection.prepareStatement("select i.system, i.value from"
                    + " person_identifier i join unnest(?::varchar[], ?::varchar[]) as k (s, v)"
                    + " on i.system = k.s and i.value = k.v")) {
                ids.setArray(1, connection.createArrayOf("varchar", idSystems.toArray()));
                ids.setArray(2, connection.createArrayOf("varchar", idValues.toArray()));
                try (var r = ids.executeQuery()) {
                    while (r.next()) {
                        held.add("id|" + r.getString(1) + "|" + r.getString(2));
                    }
                }
            }
        });
        return held;
    }

    /** The identifiers a person made for the record is known by: the record's key (vouched for by its agency), and its own. */
    private static List<IdentifierRecord> identifiers(NewRecord r) {
        List<IdentifierRecord> all = new ArrayList<>();
        if (r.identifiers().stream().noneMatch(i -> i.system().equals(r.key().system())
                && i.value().equals(r.key().value()))) {
            all.add(new IdentifierRecord(r.key().system(), r.key().value(), true));
        }
        all.addAll(r.identifiers());
        return all;
    }

    private static MatchRecord matchRecord(UUID id, NewRecord r) {
        StrongIdentifiers strong = StrongIdentifiers.of(r);
        Demographics d = r.details();
        return MatchRecord.of(id.toString(), d.givenName(), d.familyName(), d.birthDate(), d.postcode(), d.uprn(),
                strong.nhs(), strong.nhsVerified(), strong.ni(), strong.niVerified());
    }

    /** The rows of the people made, inserted together at the end. */
    private static final class Rows {
        final List<UUID> people = new ArrayList<>();
        final List<UUID> recordIds = new ArrayList<>();
        final List<NewRecord> records = new ArrayList<>();
        final List<Double> weights = new ArrayList<>();
        final List<String> explanations = new ArrayList<>();
        final List<String> reasons = new ArrayList<>();
        final List<String> blockKeys = new ArrayList<>();
        final List<UUID> blockRecords = new ArrayList<>();
        final Set<String> claimed = new HashSet<>();

        /** False when the record's key or an identifier is held, or claimed by an earlier record of the list. */
        boolean claim(NewRecord record, Set<String> held) {
            List<String> names = names(record);
            if (names.stream().anyMatch(n -> held.contains(n) || claimed.contains(n))) {
                return false;
            }
            claimed.addAll(names);
            return true;
        }

        void release(NewRecord record) {
            names(record).forEach(claimed::remove);
        }

        private static List<String> names(NewRecord record) {
            List<String> names = new ArrayList<>();
            names.add("key|" + record.key().holder() + "|" + record.key().system() + "|" + record.key().value());
            identifiers(record).forEach(i -> names.add("id|" + i.system() + "|" + i.value()));
            return names;
        }

        void add(UUID person, NewRecord record, MatchRecord match, LinkDecision decision, IdentityLinker linker) {
            people.add(person);
            recordIds.add(UUID.fromString(match.id()));
            records.add(record);
            weights.add(decision.score() == null ? null : decision.score().weight());
            explanations.add(decision.score() == null ? null : linker.toJson(MatchExplanation.of(decision.score())));
            reasons.add(decision.reason());
        }

        void block(String key, String recordId) {
            blockKeys.add(key);
            blockRecords.add(UUID.fromString(recordId));
        }

        void insert(Connection c) throws SQLException {
            int n = people.size();
            Object[] given = new Object[n];
            Object[] family = new Object[n];
            Object[] born = new Object[n];
            Object[] postcode = new Object[n];
            Object[] uprn = new Object[n];
            for (int i = 0; i < n; i++) {
                Demographics d = records.get(i).details();
                given[i] = d.givenName();
                family[i] = d.familyName();
                born[i] = d.birthDate() == null ? null : java.sql.Date.valueOf(d.birthDate());
                postcode[i] = d.postcode();
                uprn[i] = d.uprn();
            }
            // the person, with the record's details (as link's gap filling gives a new person)
            try (PreparedStatement s = c.prepareStatement("insert into person (id, given_name, family_name, birth_date,"
                    + " postcode, uprn, created_at, updated_at) select p.*, now(), now() from unnest(?::uuid[],"
                    + " ?::varchar[], ?::varchar[], ?::date[], ?::varchar[], ?::varchar[]) as p")) {
                s.setArray(1, c.createArrayOf("uuid", people.toArray()));
                s.setArray(2, c.createArrayOf("varchar", given));
                s.setArray(3, c.createArrayOf("varchar", family));
                s.setArray(4, c.createArrayOf("date", born));
                s.setArray(5, c.createArrayOf("varchar", postcode));
                s.setArray(6, c.createArrayOf("varchar", uprn));
                s.executeUpdate();
            }
            insertRecords(c, given, family, born, postcode, uprn);
            try (PreparedStatement s = c.prepareStatement("insert into source_record_block (block_key,"
                    + " source_record_id) select * from unnest(?::varchar[], ?::uuid[])")) {
                s.setArray(1, c.createArrayOf("varchar", blockKeys.toArray()));
                s.setArray(2, c.createArrayOf("uuid", blockRecords.toArray()));
                s.executeUpdate();
            }
            insertIdentifiersAndAudit(c);
        }

        private void insertRecords(Connection c, Object[] given, Object[] family, Object[] born, Object[] postcode,
                Object[] uprn) throws SQLException {
            int n = people.size();
            Object[][] columns = new Object[13][n];
            for (int i = 0; i < n; i++) {
                NewRecord r = records.get(i);
                StrongIdentifiers f = StrongIdentifiers.of(r);
                columns[0][i] = recordIds.get(i);
                columns[1][i] = r.key().agency().name();
                columns[2][i] = r.key().holder();
                columns[3][i] = r.key().system();
                columns[4][i] = r.key().value();
                columns[5][i] = f.nhs;
                columns[6][i] = f.nhsVerified;
                columns[7][i] = f.ni;
                columns[8][i] = Names.givenName((String) given[i]);
                columns[9][i] = Names.familyName((String) family[i]);
                columns[10][i] = weights.get(i);
                columns[11][i] = explanations.get(i);
                columns[12][i] = f.niVerified;
            }
            try (PreparedStatement s = c.prepareStatement("insert into source_record (id, agency, holder, source_system,"
                    + " source_value, person_id, given_name, family_name, birth_date, postcode, uprn, nhs_number,"
                    + " nhs_verified, ni_number, ni_verified, given_key, family_key, link_method, match_weight,"
                    + " match_explanation, link_reason, created_at, updated_at) select r.id, r.agency, r.holder,"
                    + " r.system, r.value, r.person, r.given, r.family, r.born, r.postcode, r.uprn, r.nhs,"
                    + " r.nhs_verified, r.ni, r.ni_verified, r.given_key, r.family_key, 'NEW_PERSON', r.weight,"
                    + " r.explanation, r.reason, now(), now()"
                    + " from unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::uuid[],"
                    + " ?::varchar[], ?::varchar[], ?::date[], ?::varchar[], ?::varchar[], ?::varchar[], ?::boolean[],"
                    + " ?::varchar[], ?::boolean[], ?::varchar[], ?::varchar[], ?::float8[], ?::text[], ?::text[])"
                    + " as r (id, agency, holder, system, value, person, given, family, born, postcode, uprn, nhs,"
                    + " nhs_verified, ni, ni_verified, given_key, family_key, weight, explanation, reason)")) {
                int p = 1;
                s.setArray(p++, c.createArrayOf("uuid", columns[0]));
                s.setArray(p++, c.createArrayOf("varchar", columns[1]));
                s.setArray(p++, c.createArrayOf("varchar", columns[2]));
                s.setArray(p++, c.createArrayOf("varchar", columns[3]));
                s.setArray(p++, c.createArrayOf("varchar", columns[4]));
                s.setArray(p++, c.createArrayOf("uuid", people.toArray()));
                s.setArray(p++, c.createArrayOf("varchar", given));
                s.setArray(p++, c.createArrayOf("varchar", family));
                s.setArray(p++, c.createArrayOf("date", born));
                s.setArray(p++, c.createArrayOf("varchar", postcode));
                s.setArray(p++, c.createArrayOf("varchar", uprn));
                s.setArray(p++, c.createArrayOf("varchar", columns[5]));
                s.setArray(p++, c.createArrayOf("boolean", columns[6]));
                s.setArray(p++, c.createArrayOf("varchar", columns[7]));
                s.setArray(p++, c.createArrayOf("boolean", columns[12]));
                s.setArray(p++, c.createArrayOf("varchar", columns[8]));
                s.setArray(p++, c.createArrayOf("varchar", columns[9]));
                s.setArray(p++, c.createArrayOf("float8", columns[10]));
                s.setArray(p++, c.createArrayOf("text", columns[11]));
                s.setArray(p, c.createArrayOf("text", reasons.toArray()));
                s.executeUpdate();
            }
        }

        private void insertIdentifiersAndAudit(Connection c) throws SQLException {
            List<UUID> owners = new ArrayList<>();
            List<String> systems = new ArrayList<>();
            List<String> values = new ArrayList<>();
            List<Boolean> verified = new ArrayList<>();
            List<String> details = new ArrayList<>();
            for (int i = 0; i < people.size(); i++) {
                NewRecord r = records.get(i);
                for (IdentifierRecord id : identifiers(r)) {
                    owners.add(people.get(i));
                    systems.add(id.system());
                    values.add(id.value());
                    verified.add(id.verified());
                }
                details.add(r.key().agency() + " record " + r.key().system() + "|" + r.key().value() + ": "
                        + reasons.get(i));
            }
            try (PreparedStatement s = c.prepareStatement("insert into person_identifier (person_id, system, value,"
                    + " verified) select * from unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::boolean[])")) {
                s.setArray(1, c.createArrayOf("uuid", owners.toArray()));
                s.setArray(2, c.createArrayOf("varchar", systems.toArray()));
                s.setArray(3, c.createArrayOf("varchar", values.toArray()));
                s.setArray(4, c.createArrayOf("boolean", verified.toArray()));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("insert into identity_audit (at, actor, action, person_id,"
                    + " source_record_id, detail) select now(), ?, ?, a.person, a.record, a.detail from"
                    + " unnest(?::uuid[], ?::uuid[], ?::text[]) as a (person, record, detail)")) {
                s.setString(1, IdentityLinker.MATCHING);
                s.setString(2, IdentityAudit.Action.NEW_PERSON.name());
                s.setArray(3, c.createArrayOf("uuid", people.toArray()));
                s.setArray(4, c.createArrayOf("uuid", recordIds.toArray()));
                s.setArray(5, c.createArrayOf("text", details.toArray()));
                s.executeUpdate();
            }
        }
    }

    /** The strong identifiers a source record keeps in its own columns, as link takes them from the record's. */
    private record StrongIdentifiers(String nhs, boolean nhsVerified, String ni, boolean niVerified) {
        static StrongIdentifiers of(NewRecord r) {
            String nhs = null;
            boolean nhsVerified = false;
            String ni = null;
            boolean niVerified = false;
            for (IdentifierRecord i : r.identifiers()) {
                if (FhirSystems.NHS_NUMBER.equals(i.system())) {
                    nhs = i.value();
                    nhsVerified = i.verified();
                } else if (FhirSystems.NI_NUMBER.equals(i.system())) {
                    ni = i.value();
                    niVerified = i.verified();
                }
            }
            return new StrongIdentifiers(nhs, nhsVerified, ni, niVerified);
        }
    }
}
