package org.joinedup.hub.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.joinedup.hub.support.HubTestResource;
import org.joinedup.model.Limits;
import org.junit.jupiter.api.Test;

/** The readers' length limits are the columns' lengths: a value a reader lets through always fits. */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class FieldLimitsTest {

    @Inject
    EntityManager em;

    @Test
    void everyLimitIsTheLengthOfTheColumnItIsKeptIn() {
        Map<String, Integer> columns = new TreeMap<>();
        for (String column : Limits.COLUMNS.keySet()) {
            String[] tableAndColumn = column.split("\\.");
            Number length = QuarkusTransaction.requiringNew().call(() -> (Number) em.createNativeQuery(
                    "select character_maximum_length from information_schema.columns where table_name = ?1"
                            + " and column_name = ?2").setParameter(1, tableAndColumn[0])
                    .setParameter(2, tableAndColumn[1]).getSingleResult());
            columns.put(column, length.intValue());
        }
        assertEquals(new TreeMap<>(Limits.COLUMNS), columns);
    }
}
