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
 * Joins two hub people into one, or splits records off a person; everything that belongs to a person (source records,
 * identifiers, contributions, services, tenancies, benefit awards, council payments, alerts, household links, case
 * membership, support plans, assessments, indicative budgets, one-off payments, consents, assessment drafts) follows.
 * A merged person is kept with {@code merged_into} pointing at the survivor, so old references still lead somewhere,
 * and the merge remembers what it moved ({@code person_merge}): a split of exactly the records a merge brought undoes
 * it, bringing the merged person back with all of that and clearing the redirect. Every merge and split is audited.
 */
@ApplicationScoped
public class PersonMerger {

    /** Tables whose rows belong to a person and remember the source record that brought them. */
    private static final List<String> ATTACHED = List.of("contribution", "care_service", "tenancy_member",
            "benefit_award", "council_payment");

    /**
     * What belongs to the person without coming from an agency's record (the hub made it): moved by a merge, and
     * moved back when the merge is undone.
     */
    private static final List<String> MADE_IN_HUB = List.of("support_plan", "assessment", "indicative_budget",
            "one_off_payment", "consent_directive", "outcome_review", "provider_rating");

    /** The tables whose rows count versions per person, and the time each was made by. */
    private static final String[][] VERSIONED = { { "support_plan", "created_at" }, { "assessment", "submitted_at" } };

    /** What follows its source record in a split: the attached rows, alerts and the household links it stated. */
    private static final List<String> SPLIT_WITH_RECORD = List.of("contribution", "care_service", "tenancy_member",
            "benefit_award", "council_payment", "person_alert", "household_link");

    @Inject
    EntityManager em;

    @Inject
    Families families;

    @Inject
    org.joinedup.hub.plan.PlanBook plans;

    /** Moves everything of {@code from} to {@code into}; {@code from} is kept as a pointer to {@code into}. */
    @Transactional(TxType.MANDATORY)
    public void merge(Person from, Person into, String actor, String reason) {
        if (from.id.equals(into.id)) {
            return;
        }
        em.flush();
        UUID f = from.id;
        UUID t = into.id;
        UUID mergeId = UUID.randomUUID();
        UUID closedPlan = closeOneOfTwoPlans(from, into, actor, reason);
        em.createNativeQuery("insert into person_merge (id, merged_person_id, survivor_id, merged_at, merged_by, reason,"
                + " closed_plan_id) values (?1, ?2, ?3, now(), ?4, ?5, ?6)").setParameter(1, mergeId)
                .setParameter(2, f).setParameter(3, t).setParameter(4, actor).setParameter(5, reason)
                .setParameter(6, closedPlan).executeUpdate();
        if (closedPlan != null) {
            update("update support_plan set closed_by_merge = ?2 where id = ?1", closedPlan, mergeId);
        }
        remember(mergeId, "source_record", f);
        for (String table : MADE_IN_HUB) {
            remember(mergeId, table, f);
        }
        park(f);
        // a reference both people used for a one-off payment: each was paid, so both count; the merged person's
        // keeps its reference with where it came from
        update("update one_off_payment o set reference = left(o.reference, 60) || ' (merged from ' || left(cast(?1"
                + " as varchar), 8) || ')' where o.person_id = ?1 and exists (select 1 from one_off_payment p where"
                + " p.person_id = ?2 and p.reference = o.reference)", f, t);
        update("update one_off_payment set person_id = ?2 where person_id = ?1", f, t);
        // a plan review's reference both people used (a system's identifier sent for each): both were reviews
        update("update outcome_review o set reference = left(o.reference, 240) || ' (merged from ' || left(cast(?1"
                + " as varchar), 8) || ')' where o.person_id = ?1 and exists (select 1 from outcome_review p where"
                + " p.person_id = ?2 and p.reference = o.reference)", f, t);
        // one rating per person per provider a year: where both rated the same one, the survivor's stands
        update("delete from provider_rating r where r.person_id = ?1 and exists (select 1 from provider_rating q"
                + " where q.person_id = ?2 and q.provider_key = r.provider_key and q.year_start = r.year_start)", f, t);
        // equality monitoring: the survivor's own if recorded, else the merged person's
        update("update person_equality set person_id = ?2 where person_id = ?1 and not exists (select 1 from"
                + " person_equality e where e.person_id = ?2)", f, t);
        for (String table : List.of("support_plan", "assessment", "indicative_budget", "consent_directive",
                "outcome_review", "provider_rating")) {
            update("update " + table + " set person_id = ?2 where person_id = ?1", f, t);
        }
        renumber(t);
        keepLatestBudgetCurrent(t);
        update("delete from assessment_draft d where d.person_id = ?1 and exists (select 1 from assessment_draft e"
                + " where e.person_id = ?2 and e.user_name = d.user_name)", f, t);
        update("update assessment_draft set person_id = ?2 where person_id = ?1", f, t);
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
        List<UUID> named = records.stream().map(r -> r.id).sorted().toList();
        for (Object row : em.createNativeQuery("select cast(m.id as text) from person_merge m where m.survivor_id = ?1"
                + " and m.undone_at is null order by m.merged_at desc").setParameter(1, person.id).getResultList()) {
            UUID merge = UUID.fromString((String) row);
            if (named.equals(broughtBy(merge, person.id))) {
                refuseIfPlansStayOnMoneyThatGoes(person.id, named, merge);
                return undo(merge, person, named, actor, reason);
            }
        }
        refuseIfPlansStayOnMoneyThatGoes(person.id, named, null);
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

    /**
     * Undoes a merge: its merged person comes back, with the records it brought (and what they brought), and what
     * the merge moved that is still on the survivor; the redirect is cleared. Plans and assessments made on the
     * survivor since stay with it. A plan the merge closed stays closed (its commitments were released): the person
     * back gets a {@code REPLAN_NEEDED} alert.
     */
    private Person undo(UUID merge, Person survivor, List<UUID> records, String actor, String reason) {
        Object[] m = (Object[]) em.createNativeQuery("select cast(merged_person_id as text), cast(closed_plan_id as"
                + " text) from person_merge where id = ?1 for update").setParameter(1, merge).getSingleResult();
        UUID back = UUID.fromString((String) m[0]);
        for (String table : SPLIT_WITH_RECORD) {
            em.createNativeQuery("update " + table + " set person_id = ?1 where person_id = ?2 and source_record_id in"
                    + " (?3)").setParameter(1, back).setParameter(2, survivor.id).setParameter(3, records)
                    .executeUpdate();
        }
        em.createNativeQuery("update source_record set person_id = ?1, link_method = 'MANUAL', updated_at = now()"
                + " where id in (?2)").setParameter(1, back).setParameter(2, records).executeUpdate();
        park(survivor.id);
        for (String table : MADE_IN_HUB) {
            em.createNativeQuery("update " + table + " set person_id = ?1 where person_id = ?2 and id in (select row_id"
                    + " from person_merge_row where merge_id = ?3 and table_name = ?4)").setParameter(1, back)
                    .setParameter(2, survivor.id).setParameter(3, merge).setParameter(4, table).executeUpdate();
        }
        // indicative budgets worked out since for the assessments going back go with them
        em.createNativeQuery("update indicative_budget b set person_id = ?1 where b.person_id = ?2 and exists (select 1"
                + " from assessment a where a.id = b.assessment_id and a.person_id = ?1)").setParameter(1, back)
                .setParameter(2, survivor.id).executeUpdate();
        renumber(survivor.id);
        renumber(back);
        keepLatestBudgetCurrent(survivor.id);
        keepLatestBudgetCurrent(back);
        em.createNativeQuery("delete from person_identifier where person_id = ?1").setParameter(1, survivor.id)
                .executeUpdate();
        reindexIdentifiers(survivor.id);
        reindexIdentifiers(back);
        em.createNativeQuery("update person set merged_into = null, updated_at = now() where id = ?1")
                .setParameter(1, back).executeUpdate();
        em.createNativeQuery("update person_merge set undone_at = now(), undone_by = ?2 where id = ?1")
                .setParameter(1, merge).setParameter(2, actor).executeUpdate();
        em.createNativeQuery("delete from case_member where person_id = ?1").setParameter(1, back).executeUpdate();
        em.flush();
        em.clear();
        Person kept = Person.findById(survivor.id);
        Person restored = Person.findById(back);
        if (m[1] != null) {
            org.joinedup.hub.plan.SupportPlan closed = org.joinedup.hub.plan.SupportPlan.findById(
                    UUID.fromString((String) m[1]));
            if (!closed.lines.isEmpty()) {
                org.joinedup.hub.budget.Contribution money = closed.lines.get(0).contribution;
                org.joinedup.hub.alerts.PersonAlert.raise(new SourceLink(restored, money.sourceRecordId),
                        money.agency, org.joinedup.hub.alerts.AlertKind.REPLAN_NEEDED, "merge:" + closed.id,
                        "the merge that closed plan version " + closed.version + " was undone: " + reason
                                + "; the person has no current plan until one is drafted", null);
            }
        }
        families.ensureCase(kept);
        families.ensureCase(restored);
        IdentityAudit.log(actor, IdentityAudit.Action.SPLIT, survivor.id, back, null, "merge undone, records "
                + records + " back to person " + back + ", its redirect cleared: " + reason);
        return restored;
    }

    /**
     * A split may not leave the person's current plan paid from money that goes with the split records to someone
     * else (nor their one-off payments): the plan is revised first. Plans the undone merge moves back go with it.
     */
    private void refuseIfPlansStayOnMoneyThatGoes(UUID person, List<UUID> records, UUID undoneMerge) {
        List<?> crossing = em.createNativeQuery("select 'plan version ' || p.version || ' line ' || l.line_number || ' ('"
                + " || l.description || ')' from plan_line l join support_plan p on p.id = l.plan_id join contribution c"
                + " on c.id = l.contribution_id where p.person_id = ?1 and p.superseded_by is null and l.status in"
                + " ('APPROVED', 'PROPOSED') and c.source_record_id in (?2) and not exists (select 1 from"
                + " person_merge_row r where r.merge_id = ?3 and r.table_name = 'support_plan' and r.row_id = p.id)"
                + " union all select 'one-off payment ' || o.reference from one_off_payment o join contribution c on"
                + " c.id = o.contribution_id where o.person_id = ?1 and c.source_record_id in (?2) and not exists"
                + " (select 1 from person_merge_row r where r.merge_id = ?3 and r.table_name = 'one_off_payment' and"
                + " r.row_id = o.id)")
                .setParameter(1, person).setParameter(2, records)
                .setParameter(3, undoneMerge == null ? new UUID(0, 0) : undoneMerge).getResultList();
        if (!crossing.isEmpty()) {
            throw new IdentityReviews.DecisionRefused("sourceRecordIds: the money those records brought pays "
                    + crossing.stream().map(Object::toString).collect(java.util.stream.Collectors.joining(", "))
                    + " of this person's; revise the plan onto their own money first, then split");
        }
    }

    /** The source records the merge brought that are still on the survivor, in id order. */
    private List<UUID> broughtBy(UUID merge, UUID survivor) {
        return ((List<?>) em.createNativeQuery("select cast(r.id as text) from person_merge_row m join source_record r"
                + " on r.id = m.row_id where m.merge_id = ?1 and m.table_name = 'source_record' and r.person_id = ?2"
                + " order by r.id").setParameter(1, merge).setParameter(2, survivor).getResultList()).stream()
                .map(id -> UUID.fromString((String) id)).sorted().toList();
    }

    /**
     * When both people have a current plan, the merged person's is closed in favour of the survivor's (a person
     * has one current plan); returns its id, or null.
     */
    private UUID closeOneOfTwoPlans(Person from, Person into, String actor, String reason) {
        List<?> current = em.createNativeQuery("select cast(person_id as text), cast(id as text) from support_plan"
                + " where person_id in (?1, ?2) and superseded_by is null").setParameter(1, from.id)
                .setParameter(2, into.id).getResultList();
        if (current.size() < 2) {
            return null;
        }
        UUID closed = null;
        UUID kept = null;
        for (Object row : current) {
            Object[] r = (Object[]) row;
            if (from.id.toString().equals(r[0])) {
                closed = UUID.fromString((String) r[1]);
            } else {
                kept = UUID.fromString((String) r[1]);
            }
        }
        plans.closeOnMerge(closed, kept, into, actor, "person " + from.id + " merged into " + into.id + " ("
                + reason + ")");
        em.flush();
        return closed;
    }

    private void remember(UUID merge, String table, UUID person) {
        update("insert into person_merge_row (merge_id, table_name, row_id) select ?1, '" + table + "', id from "
                + table + " where person_id = ?2", merge, person);
    }

    /**
     * Plan and assessment versions count up in the order they were made, whoever's they were: after a merge the
     * two histories are one, after its undoing each has its own again. PostgreSQL checks a unique version row by
     * row, so they go through numbers no version uses: first far below zero, in order, then up to 1, 2, 3...
     */
    private void renumber(UUID person) {
        for (String[] table : VERSIONED) {
            update("update " + table[0] + " t set version = -1000000 - n.v from (select id, row_number() over (order"
                    + " by " + table[1] + ", abs(version), id) as v from " + table[0] + " where person_id = ?1) n"
                    + " where t.id = n.id", person);
            update("update " + table[0] + " set version = -1000000 - version where person_id = ?1", person);
        }
    }

    /** Moves a person's versions out of the way of another's before their rows meet (renumber puts them back). */
    private void park(UUID person) {
        for (String[] table : VERSIONED) {
            update("update " + table[0] + " set version = -2000000 - version where person_id = ?1 and version > 0",
                    person);
        }
    }

    /**
     * One current indicative budget: of those that were current (or of all, when none is), the one for the latest
     * assessment, the latest worked out for it.
     */
    private void keepLatestBudgetCurrent(UUID person) {
        update("update indicative_budget b set is_current = (b.id = (select c.id from indicative_budget c join"
                + " assessment a on a.id = c.assessment_id where c.person_id = ?1 order by c.is_current desc,"
                + " a.submitted_at desc, c.computed_at desc, c.id limit 1)) where b.person_id = ?1", person);
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
