package org.joinedup.hub.value;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.joinedup.hub.platform.Today;
import org.joinedup.model.FinancialYear;
import org.joinedup.model.Pence;
import org.joinedup.model.value.LocalAuthorities;
import org.joinedup.model.value.ValueReport;

/**
 * The hub's own people for the value report, each once, under a council that knows them as a social care client:
 * before, their traditional package (the councils' services for them with a weekly cost, x 52: what was arranged
 * before a personal budget); after, their personal budget for this financial year from the ledger (what is committed and
 * paid on their contributions for the year). An aggregate for planning: people who registered the national data
 * opt-out, and merged ids, are left out; a figure nobody has is missing, never zero.
 */
@ApplicationScoped
public class ValueOfPeople {

    @Inject
    EntityManager em;

    @Inject
    Today today;

    /** The people of one council ({@code council} a GSS code), or of every council when it is null. */
    @Transactional
    public List<ValueReport.Person> of(String council, LocalAuthorities register) {
        FinancialYear year = today.financialYear();
        // one row per person: a person several councils know is counted once, under the council of the report or,
        // for every council, the one whose services for them cost most (then by code); before is all their
        // councils' services, after all their contributions, so no figure is counted twice
        List<?> rows = em.createNativeQuery("""
                select distinct on (p.id) s.holder,
                       (select sum(cs.weekly_cost_pence) * 52 from care_service cs
                         where cs.person_id = p.id and cs.weekly_cost_pence is not null),
                       (select sum(b.balance_after) from contribution c
                            cross join (values ('COMMITTED'), ('PAID')) as a (account)
                            cross join lateral (select e.balance_after from ledger_entry e
                                                where e.contribution_id = c.id and e.account = a.account
                                                order by e.id desc limit 1) b
                         where c.person_id = p.id and c.period_start <= ?2 and c.period_end >= ?1)
                from person p
                join (select distinct person_id, holder from source_record where agency = 'SOCIAL_CARE') s
                  on s.person_id = p.id
                where p.merged_into is null and not p.national_opt_out and (cast(?3 as varchar) is null
                      or s.holder = ?3)
                order by p.id, (select coalesce(sum(cs.weekly_cost_pence), 0) from care_service cs
                                join organisation o on o.id = cs.council_id
                                where cs.person_id = p.id and o.code = s.holder) desc, s.holder""").setParameter(1, year.start()).setParameter(2, year.end())
                .setParameter(3, council).getResultList();
        return rows.stream().map(row -> (Object[]) row).map(r -> {
            String holder = (String) r[0];
            String name = register.find(holder).map(LocalAuthorities.Council::name).orElse(holder);
            Long before = r[1] == null ? null : Pence.exactly((Number) r[1]);
            Long after = r[2] == null ? null : Pence.exactly((Number) r[2]);
            return new ValueReport.Person(holder, name, register.find(holder).isPresent(), before,
                    after != null && after == 0 ? null : after);
        }).toList();
    }
}
