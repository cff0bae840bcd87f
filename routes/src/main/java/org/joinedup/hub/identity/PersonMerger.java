package org.joinedup.hub.identity;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.joinedup.hub.cases.Families;
import org.joinedup.hub.people.Person;

/**
 * Joins two hub people into one, or splits records off a person into a new one; everything attached to a person
 * (source records, identifiers, contributions, services, tenancies, benefit awards, alerts, household links, case
 * membership) follows. A merged person is kept with {@code merged_into} pointing at the survivor, so old references
 * still lead somewhere. Every merge and split is audited.
 */
@ApplicationScoped
public class PersonMerger {

    /** Tables whose rows belong to a person and remember the source record that brought them. */
    private static final List<String> ATTACHED = List.of("contribution", "care_service", "tenancy_member",
            "benefit_award", "council_payment");

    /** What follows its source record in a split: the attached rows, alerts and the household links it stated. */
    private static final List<String> SPLIT_WITH_RECORD = List.of("contribution", "care_service", "tenancy_member",
            "benefit_award", "council_payment", "person_alert", "household_link");

    @Inject
    EntityManager em;

    @Inject
    Families families;

    /** Moves everything of {@code from} to {@code into}; {@code from} is kept as a pointer to {@code into}. */
    @Transactional(TxType.MANDATORY)
    public void merge(Person from, Person into, String actor, String reason) {
        if (from.id.equals(into.id)) {
            return;
        }
        em.flush();
        UUID f = from.id;
        UUID t = into.id;
        for (String table : ATTACHED) {
            update("update " + table + " set person_id = ?2 where person_id = ?1", f, t);
        }
        update("update source_record set person_id = ?2 where person_id = ?1", f, t);
        update("delete from person_identifier p where p.person_id = ?1 and exists (select 1 from person_identifier q"
                + " where q.person_id = ?2 and q.system = p.system and q.value = p.value)", f, t);
        update("update person_identifier set person_id = ?2 where person_id = ?1", f, t);
        update("delete from person_alert a where a.person_id = ?1 and exists (select 1 from person_alert b"
                + " where b.person_id = ?2 and b.kind = a.kind and b.source_key = a.source_key)", f, t);
        update("update person_alert set person_id = ?2 where person_id = ?1", f, t);
        moveHouseholdLinks(f, t);
        leaveCase(f, t);
        update("update match_review set status = 'SUPERSEDED', decided_at = now(), decision_note = 'the records came"
                + " to one person by a merge' where status = 'OPEN' and source_record_id in (select id from"
                + " source_record where person_id = ?1) and candidate_record_id in (select id from source_record where"
                + " person_id = ?1)", t);
        em.refresh(from);
        em.refresh(into);
        fillGaps(into, from);
        from.mergedInto = into.id;
        from.updatedAt = Instant.now();
        em.flush();
        families.regroup(into);
        IdentityAudit.log(actor, IdentityAudit.Action.MERGED, t, f, null, reason);
    }

    /**
     * Makes a new person of the given source records of {@code person}, with everything those records brought; both
     * people are then put in their family cases again.
     */
    @Transactional(TxType.MANDATORY)
    public Person split(Person person, Collection<SourceRecord> records, String actor, String reason) {
        em.flush();
        Person apart = new Person();
        apart.id = UUID.randomUUID();
        apart.createdAt = Instant.now();
        apart.updatedAt = apart.createdAt;
        SourceRecord first = records.iterator().next();
        apart.givenName = first.givenName;
        apart.familyName = first.familyName;
        apart.birthDate = first.birthDate;
        apart.postcode = first.postcode;
        apart.uprn = first.uprn;
        em.persist(apart);
        em.flush();
        List<UUID> ids = records.stream().map(r -> r.id).toList();
        // what the split records brought goes with them
        for (String table : SPLIT_WITH_RECORD) {
            em.createNativeQuery("update " + table + " set person_id = ?1 where person_id = ?2 and source_record_id in"
                    + " (?3)").setParameter(1, apart.id).setParameter(2, person.id).setParameter(3, ids)
                    .executeUpdate();
        }
        em.createNativeQuery("update source_record set person_id = ?1, link_method = 'MANUAL', updated_at = now()"
                + " where id in (?2)").setParameter(1, apart.id).setParameter(2, ids).executeUpdate();
        // identifiers are re-derived from each person's records: each goes with the record that carries it
        em.createNativeQuery("delete from person_identifier where person_id = ?1").setParameter(1, person.id)
                .executeUpdate();
        reindexIdentifiers(person.id);
        reindexIdentifiers(apart.id);
        em.createNativeQuery("delete from case_member where person_id = ?1").setParameter(1, apart.id)
                .executeUpdate();
        em.flush();
        em.clear();
        Person kept = Person.findById(person.id);
        Person made = Person.findById(apart.id);
        families.ensureCase(kept);
        families.ensureCase(made);
        IdentityAudit.log(actor, IdentityAudit.Action.SPLIT, person.id, apart.id, null,
                "records " + ids + " split off: " + reason);
        return made;
    }

    private void reindexIdentifiers(UUID personId) {
        em.createNativeQuery("insert into person_identifier (person_id, system, value, verified)"
                + " select distinct on (system, value) ?1, system, value, verified from ("
                // as the linker indexes them: an agency's own record id is verified; an NHS or NI number as its
                // agency says
                + "   select source_system as system, source_value as value, true as verified from source_record"
                + "     where person_id = ?1 and source_system not in (?2, ?3)"
                + "   union all select ?2, nhs_number, nhs_verified from source_record"
                + "     where person_id = ?1 and nhs_number is not null"
                + "   union all select ?3, ni_number, ni_verified from source_record"
                + "     where person_id = ?1 and ni_number is not null"
                + " ) ids order by system, value, verified desc"
                + " on conflict (system, value) do nothing")
                .setParameter(1, personId)
                .setParameter(2, org.joinedup.fhirmapping.FhirSystems.NHS_NUMBER)
                .setParameter(3, org.joinedup.fhirmapping.FhirSystems.NI_NUMBER)
                .executeUpdate();
    }

    private void moveHouseholdLinks(UUID f, UUID t) {
        update("delete from household_link a where a.person_id = ?1 and exists (select 1 from household_link b"
                + " where b.person_id = ?2 and b.related_person_id = a.related_person_id and b.source = a.source)", f, t);
        update("update household_link set person_id = ?2 where person_id = ?1", f, t);
        update("delete from household_link a where a.related_person_id = ?1 and exists (select 1 from household_link b"
                + " where b.related_person_id = ?2 and b.person_id = a.person_id and b.source = a.source)", f, t);
        update("update household_link set related_person_id = ?2 where related_person_id = ?1", f, t);
        update("delete from household_link where person_id = related_person_id and person_id = ?1", t);
    }

    /** The merged person leaves their case; a case left empty goes, a case they led gets another lead. */
    private void leaveCase(UUID f, UUID t) {
        update("delete from case_member where person_id = ?1", f);
        update("update family_case c set lead_person_id = coalesce((select m.person_id from case_member m"
                + " where m.case_id = c.id order by m.person_id limit 1), ?2) where c.lead_person_id = ?1", f, t);
        update("delete from family_case c where c.lead_person_id = ?1 and not exists (select 1 from case_member m"
                + " where m.case_id = c.id)", t);
    }

    private void update(String sql, Object... parameters) {
        jakarta.persistence.Query query = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        query.executeUpdate();
    }

    private static void fillGaps(Person into, Person from) {
        if (into.givenName == null) {
            into.givenName = from.givenName;
        }
        if (into.familyName == null) {
            into.familyName = from.familyName;
        }
        if (into.birthDate == null) {
            into.birthDate = from.birthDate;
        }
        if (into.postcode == null) {
            into.postcode = from.postcode;
        }
        if (into.uprn == null) {
            into.uprn = from.uprn;
        }
    }
}
