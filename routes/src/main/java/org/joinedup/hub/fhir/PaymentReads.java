package org.joinedup.hub.fhir;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.joinedup.fhirmapping.PaymentToChargeItemMapper.Payment;
import org.joinedup.model.Pence;

/**
 * Payments posted to the ledger, as FHIR shows them: those a council reported and those made against plan lines,
 * each with the contribution it was drawn from and that contribution's funding body (an NHS body sees its own only).
 */
@ApplicationScoped
public class PaymentReads {

    private static final String PAYMENTS = """
            select * from (
              select cast(cp.id as varchar) as id, cast(cp.person_id as varchar) as person_id,
                     cast(cp.contribution_id as varchar) as contribution_id, cp.payment_id as reference,
                     cp.amount_pence, cp.paid_on, cp.payee, cp.category, o.code as funder, c.agency
              from council_payment cp join contribution c on c.id = cp.contribution_id
              join organisation o on o.id = c.funding_body_id where cp.status = 'POSTED'
              union all
              select cast(pp.id as varchar), cast(sp.person_id as varchar), cast(pl.contribution_id as varchar),
                     pp.reference, pp.amount_pence, pp.paid_on, pl.payee, pl.category, o.code, c.agency
              from plan_payment pp join plan_line pl on pl.id = pp.line_id join support_plan sp on sp.id = pl.plan_id
              join contribution c on c.id = pl.contribution_id join organisation o on o.id = c.funding_body_id
            ) payments""";

    @Inject
    EntityManager em;

    /** A payment and the code of the funding body whose money paid it. */
    public record FundedPayment(Payment payment, String funder, org.joinedup.model.AgencyKind agency) {
    }

    @Transactional
    public List<FundedPayment> ofPerson(UUID personId) {
        return read(" where person_id = ?1 order by paid_on, id", personId.toString());
    }

    @Transactional
    public List<FundedPayment> ofContribution(String contributionId) {
        return read(" where contribution_id = ?1 order by paid_on, id", contributionId);
    }

    @Transactional
    public List<FundedPayment> byId(String id) {
        return read(" where id = ?1", id);
    }

    private List<FundedPayment> read(String where, String value) {
        List<FundedPayment> found = new ArrayList<>();
        for (Object row : em.createNativeQuery(PAYMENTS + where).setParameter(1, value).getResultList()) {
            Object[] r = (Object[]) row;
            found.add(new FundedPayment(new Payment((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                    new Pence(((Number) r[4]).longValue()), toDate(r[5]), (String) r[6], (String) r[7]),
                    (String) r[8], org.joinedup.model.AgencyKind.valueOf((String) r[9])));
        }
        return found;
    }

    private static LocalDate toDate(Object value) {
        return value instanceof LocalDate date ? date : ((java.sql.Date) value).toLocalDate();
    }
}
