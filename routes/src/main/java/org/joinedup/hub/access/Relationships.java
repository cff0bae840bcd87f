package org.joinedup.hub.access;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.joinedup.hub.platform.HubConfig;
import org.joinedup.model.access.Relationship;

/**
 * An organisation's legitimate relationships with people, found in the data: it sent a record about them (a source
 * record it holds), it funds an active contribution in their budget or a line of their current plan (a family's
 * shared budget), or its coordinators hold their family's case.
 * (A relationship by consent is the consent's to say; see {@link org.joinedup.model.access.AccessRules}.)
 */
@ApplicationScoped
public class Relationships {

    /** One statement for any number of people: three index look-ups each. */
    private static final String SQL = """
            select p.id,
                   exists (select 1 from source_record s where s.person_id = p.id and upper(s.holder) in (:holders)),
                   exists (select 1 from contribution c join organisation o on o.id = c.funding_body_id
                           where c.person_id = p.id and c.status = 'ACTIVE' and upper(o.code) in (:holders))
                   or exists (select 1 from support_plan sp join plan_line pl on pl.plan_id = sp.id
                           join contribution c on c.id = pl.contribution_id
                           join organisation o on o.id = c.funding_body_id
                           where sp.person_id = p.id and sp.superseded_by is null and upper(o.code) in (:holders)),
                   exists (select 1 from case_member m join family_case f on f.id = m.case_id
                           where m.person_id = p.id and upper(coalesce(f.organisation, :defaultOrg)) in (:holders))
            from person p where p.id in (:people)
            """;

    @Inject
    EntityManager em;

    @Inject
    HubConfig config;

    @Transactional
    public Map<UUID, Set<Relationship>> of(Set<String> holders, Collection<UUID> people) {
        Map<UUID, Set<Relationship>> found = new HashMap<>();
        if (people.isEmpty()) {
            return found;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(SQL).setParameter("holders", holders)
                .setParameter("defaultOrg", config.cases().defaultOrganisation())
                .setParameter("people", people).getResultList();
        for (Object[] row : rows) {
            EnumSet<Relationship> relationships = EnumSet.noneOf(Relationship.class);
            if (Boolean.TRUE.equals(row[1])) {
                relationships.add(Relationship.SENT_RECORD);
            }
            if (Boolean.TRUE.equals(row[2])) {
                relationships.add(Relationship.FUNDS);
            }
            if (Boolean.TRUE.equals(row[3])) {
                relationships.add(Relationship.HOLDS_CASE);
            }
            found.put((UUID) row[0], relationships);
        }
        return found;
    }
}
