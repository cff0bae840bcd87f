package org.joinedup.hub.cases;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.joinedup.hub.alerts.AlertKind;
import org.joinedup.hub.alerts.PersonAlert;
import org.joinedup.hub.identity.SourceLink;
import org.joinedup.hub.people.Person;
import org.joinedup.hub.platform.HubConfig;
import org.joinedup.model.AgencyKind;

/**
 * Forms families from what agencies say about who lives together: people on the same current tenancy, and people a
 * council lists in one household. Everyone belongs to one case; when a link joins two cases, the older case takes in
 * the other's members. (Splitting a family is a person's decision, made in the review work, never automatic.)
 */
@ApplicationScoped
public class Families {

    /** The alert on a person whose links would make a family too large to be one case. */
    private static final AlertKind LARGE_HOUSEHOLD = AlertKind.LARGE_HOUSEHOLD;

    @Inject
    EntityManager em;

    @Inject
    HubConfig config;

    /**
     * For records that say nothing about who lives with whom (an NHS budget, an employment event): makes sure the
     * person is in a case, without re-forming families on every message.
     */
    @Transactional(TxType.MANDATORY)
    public UUID ensureCase(Person person) {
        CaseMember member = em.find(CaseMember.class, person.id);
        if (member != null) {
            return member.caseId;
        }
        boolean linked = !em.createQuery("select 1 from HouseholdLink l where l.person.id = ?1 or l.related.id = ?1")
                .setParameter(1, person.id).setMaxResults(1).getResultList().isEmpty()
                || !em.createQuery("select 1 from TenancyMember m where m.person.id = ?1")
                .setParameter(1, person.id).setMaxResults(1).getResultList().isEmpty();
        return linked ? regroup(person) : newCase(person).id;
    }

    /**
     * A case of their own for each of these people, made just now by linking and linked to nobody (no household
     * link, no tenancy: what {@link #ensureCase} would give each), in two statements.
     */
    @Transactional(TxType.MANDATORY)
    public void newCasesForNewPeople(List<UUID> people) {
        if (people.isEmpty()) {
            return;
        }
        UUID[] cases = new UUID[people.size()];
        for (int i = 0; i < cases.length; i++) {
            cases[i] = UUID.randomUUID();
        }
        em.flush();
        em.unwrap(org.hibernate.Session.class).doWork(connection -> {
            try (java.sql.PreparedStatement insert = connection.prepareStatement("insert into family_case (id,"
                    + " lead_person_id, coordinator, created_at) select c.id, c.lead, ?, now() from"
                    + " unnest(?::uuid[], ?::uuid[]) as c (id, lead)")) {
                insert.setString(1, config.cases().defaultCoordinator());
                insert.setArray(2, connection.createArrayOf("uuid", cases));
                insert.setArray(3, connection.createArrayOf("uuid", people.toArray()));
                insert.executeUpdate();
            }
            try (java.sql.PreparedStatement insert = connection.prepareStatement("insert into case_member (person_id,"
                    + " case_id) select * from unnest(?::uuid[], ?::uuid[])")) {
                insert.setArray(1, connection.createArrayOf("uuid", people.toArray()));
                insert.setArray(2, connection.createArrayOf("uuid", cases));
                insert.executeUpdate();
            }
        });
    }

    private FamilyCase newCase(Person lead) {
        FamilyCase familyCase = new FamilyCase();
        familyCase.id = UUID.randomUUID();
        familyCase.lead = lead;
        familyCase.coordinator = config.cases().defaultCoordinator();
        familyCase.createdAt = Instant.now();
        em.persist(familyCase);
        CaseMember membership = new CaseMember();
        membership.personId = lead.id;
        membership.caseId = familyCase.id;
        em.persist(membership);
        return familyCase;
    }

    /**
     * Puts the person, and everyone linked to them, into one case; returns its id. Links that reach more people than
     * {@code hub.cases.max-family-size} merge nothing: the person keeps their case (or gets one of their own) and
     * an alert asks their coordinator to decide who belongs together.
     */
    @Transactional(TxType.MANDATORY)
    public UUID regroup(Person person) {
        int most = config.cases().maxFamilySize();
        Set<UUID> family = connected(person.id, most + 1);
        if (family.size() > most) {
            PersonAlert.raise(new SourceLink(person, null), linkedBy(person), LARGE_HOUSEHOLD, "household",
                    "household links and shared tenancies would join more than " + most + " people into one family"
                            + " (a hostel, a shared address, or a chain of links): nothing was merged; decide who"
                            + " belongs together", null);
            // every person still belongs to one case: those the links reached who had none get one of their own
            for (UUID other : family) {
                if (!other.equals(person.id) && em.find(CaseMember.class, other) == null) {
                    newCase(em.find(Person.class, other));
                }
            }
            CaseMember member = em.find(CaseMember.class, person.id);
            return member != null ? member.caseId : newCase(person).id;
        }
        PersonAlert.close(person, LARGE_HOUSEHOLD, "household");
        List<FamilyCase> cases = em.createQuery("select c from FamilyCase c where c.id in"
                        + " (select m.caseId from CaseMember m where m.personId in :family)", FamilyCase.class)
                .setParameter("family", family).getResultList();
        FamilyCase familyCase = cases.stream().min(Comparator.comparing((FamilyCase c) -> c.createdAt)
                .thenComparing(c -> c.id)).orElse(null);
        if (familyCase == null) {
            familyCase = newCase(lead(family, person));
        }
        for (UUID member : family) {
            CaseMember membership = em.find(CaseMember.class, member);
            if (membership == null) {
                membership = new CaseMember();
                membership.personId = member;
                membership.caseId = familyCase.id;
                em.persist(membership);
            } else {
                membership.caseId = familyCase.id;
            }
        }
        for (FamilyCase absorbed : cases) {
            if (!absorbed.id.equals(familyCase.id)) {
                em.flush();
                em.remove(absorbed);
            }
        }
        return familyCase.id;
    }

    /** Whose links these are: a housing provider's shared tenancy, or else a council's household list. */
    private AgencyKind linkedBy(Person person) {
        return em.createQuery("select 1 from TenancyMember m where m.person.id = ?1").setParameter(1, person.id)
                .setMaxResults(1).getResultList().isEmpty() ? AgencyKind.SOCIAL_CARE : AgencyKind.HOUSING;
    }

    /**
     * Everyone linked to the person, directly or through others (household links either way, a current tenancy
     * shared), up to {@code limit} people: one recursive statement, however many are reached.
     */
    private Set<UUID> connected(UUID start, int limit) {
        em.flush(); // the links this transaction made are links too
        return em.unwrap(org.hibernate.Session.class).doReturningWork(connection -> {
            try (java.sql.PreparedStatement reach = connection.prepareStatement(CONNECTED)) {
                reach.setObject(1, start);
                reach.setInt(2, limit);
                Set<UUID> seen = new LinkedHashSet<>();
                try (java.sql.ResultSet rows = reach.executeQuery()) {
                    while (rows.next()) {
                        seen.add(rows.getObject(1, UUID.class));
                    }
                }
                return seen;
            }
        });
    }

    private static final String CONNECTED = """
            with recursive reach (p) as (
                select cast(? as uuid)
                union
                select x.other from reach r cross join lateral (
                    select l.related_person_id as other from household_link l where l.person_id = r.p
                    union all
                    select l.person_id from household_link l where l.related_person_id = r.p
                    union all
                    select o.person_id from tenancy_member m
                        join tenancy t on t.id = m.tenancy_id and t.ended_on is null
                        join tenancy_member o on o.tenancy_id = m.tenancy_id
                    where m.person_id = r.p) x)
            select p from reach limit ?""";

    /** The tenancy's lead, or the council client who listed the household, or the person who started it. */
    private Person lead(Set<UUID> family, Person fallback) {
        List<UUID> leads = em.createQuery("select m.person.id from TenancyMember m, Tenancy t where t.id = m.tenancyId"
                        + " and m.role = 'LEAD' and t.endedOn is null and m.person.id in :family", UUID.class)
                .setParameter("family", family).getResultList();
        if (leads.isEmpty()) {
            leads = em.createQuery("select distinct l.person.id from HouseholdLink l where l.person.id in :family",
                    UUID.class).setParameter("family", family).getResultList();
        }
        return leads.isEmpty() ? fallback : em.find(Person.class, leads.get(0));
    }
}
