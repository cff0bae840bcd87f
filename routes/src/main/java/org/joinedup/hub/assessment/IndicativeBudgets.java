package org.joinedup.hub.assessment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jboss.logging.Logger;
import org.joinedup.hub.platform.HubStartup.HubReady;
import org.joinedup.model.assessment.AssessmentScores;
import org.joinedup.model.assessment.IndicativeBudget;
import org.joinedup.model.assessment.ResourceAllocation;

/**
 * Keeps every person's indicative budget up to date: computed when an assessment arrives, and again for every
 * current assessment when the RAS rules change (at start-up after a file was edited, or on reload). The earlier
 * results stay, each with the RAS version that produced it.
 */
@ApplicationScoped
public class IndicativeBudgets {

    private static final Logger LOG = Logger.getLogger(IndicativeBudgets.class);

    @Inject
    RasRulesInUse ras;

    @Inject
    ObjectMapper json;

    /** Computes the indicative budget of a new assessment with the rules in use, and makes it the current one. */
    @Transactional(TxType.MANDATORY)
    public IndicativeBudgetResult compute(Assessment assessment) {
        ResourceAllocation rules = ras.rules();
        IndicativeBudgetResult existing = IndicativeBudgetResult.<IndicativeBudgetResult>find(
                "assessment = ?1 and rasVersion = ?2", assessment, rules.version()).firstResult();
        if (existing != null && existing.current) {
            return existing;
        }
        IndicativeBudgetResult.update("current = false where person = ?1 and current = true", assessment.person);
        if (existing != null) {
            existing.current = true;
            return existing;
        }
        IndicativeBudget budget = rules.indicate(read(assessment.scores, AssessmentScores.class));
        IndicativeBudgetResult result = new IndicativeBudgetResult();
        result.id = UUID.randomUUID();
        result.person = assessment.person;
        result.assessment = assessment;
        result.rasVersion = budget.rasVersion();
        result.computedAt = Instant.now();
        result.totalPence = budget.totalPence();
        result.result = write(budget);
        result.current = true;
        result.persist();
        return result;
    }

    /** Recomputes the budgets of every current assessment whose current result came from other rules. */
    @Transactional
    public int recomputeStale() {
        String version = ras.rules().version();
        List<Assessment> stale = Assessment.find("select a from Assessment a where a.version ="
                + " (select max(b.version) from Assessment b where b.person = a.person) and not exists"
                + " (select 1 from IndicativeBudgetResult r where r.assessment = a and r.current = true"
                + " and r.rasVersion = ?1)", version).list();
        stale.forEach(this::compute);
        return stale.size();
    }

    void onStart(@Observes HubReady ready) {
        int recomputed = recomputeStale();
        if (recomputed > 0) {
            LOG.infof("indicative budgets recomputed with RAS %s for %d people", ras.rules().version(), recomputed);
        }
    }

    public IndicativeBudget read(IndicativeBudgetResult result) {
        return read(result.result, IndicativeBudget.class);
    }

    <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is not readable", e);
        }
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }
}
