package org.joinedup.hub.value;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.joinedup.connectors.value.EvaluationCsvReader;
import org.joinedup.model.value.ValueReport;

/** Councils' evaluation data sets, as imported: who imported each, and its rows (missing figures kept as null). */
@ApplicationScoped
public class ValueDatasets {

    /** A data set as imported: the organisation that imported it and who. */
    public record Dataset(UUID id, String organisation, String importedBy, int rows) {
    }

    @Inject
    EntityManager em;

    @Transactional
    public UUID store(String organisation, String importedBy, List<EvaluationCsvReader.Row> rows, int problems) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into value_dataset (id, organisation, imported_by, imported_at, row_count,"
                + " problem_count) values (?1, ?2, ?3, now(), ?4, ?5)").setParameter(1, id)
                .setParameter(2, organisation).setParameter(3, importedBy).setParameter(4, rows.size())
                .setParameter(5, problems).executeUpdate();
        // every row in one statement, however many
        em.unwrap(org.hibernate.Session.class).doWork(c -> {
            try (java.sql.PreparedStatement insert = c.prepareStatement("insert into value_evaluation (dataset_id,"
                    + " line, council, council_name, council_known, person_ref, traditional_pence,"
                    + " personal_budget_pence) select ?, r.* from unnest(?::int[], ?::varchar[], ?::varchar[],"
                    + " ?::boolean[], ?::varchar[], ?::bigint[], ?::bigint[]) as r")) {
                insert.setObject(1, id);
                insert.setArray(2, c.createArrayOf("int", rows.stream().map(EvaluationCsvReader.Row::line).toArray()));
                insert.setArray(3, c.createArrayOf("varchar", rows.stream().map(EvaluationCsvReader.Row::council)
                        .toArray()));
                insert.setArray(4, c.createArrayOf("varchar", rows.stream().map(EvaluationCsvReader.Row::councilName)
                        .toArray()));
                insert.setArray(5, c.createArrayOf("boolean", rows.stream().map(EvaluationCsvReader.Row::known)
                        .toArray()));
                insert.setArray(6, c.createArrayOf("varchar", rows.stream().map(EvaluationCsvReader.Row::personRef)
                        .toArray()));
                insert.setArray(7, c.createArrayOf("bigint", rows.stream()
                        .map(EvaluationCsvReader.Row::traditionalPence).toArray()));
                insert.setArray(8, c.createArrayOf("bigint", rows.stream()
                        .map(EvaluationCsvReader.Row::personalBudgetPence).toArray()));
                insert.executeUpdate();
            }
        });
        return id;
    }

    @Transactional
    public Optional<Dataset> find(UUID id) {
        List<?> found = em.createNativeQuery("select cast(id as text), organisation, imported_by, row_count from"
                + " value_dataset where id = ?1").setParameter(1, id).getResultList();
        return found.stream().map(row -> (Object[]) row).findFirst().map(r -> new Dataset(UUID.fromString((String) r[0]),
                (String) r[1], (String) r[2], ((Number) r[3]).intValue()));
    }

    /** The people of a data set, with their figures, for {@link ValueReport}. */
    @Transactional
    public List<ValueReport.Person> people(UUID dataset) {
        return ((List<?>) em.createNativeQuery("select council, council_name, council_known, traditional_pence,"
                + " personal_budget_pence from value_evaluation where dataset_id = ?1 order by line")
                .setParameter(1, dataset).getResultList()).stream().map(row -> (Object[]) row)
                .map(r -> new ValueReport.Person((String) r[0], (String) r[1], (Boolean) r[2], pence(r[3]),
                        pence(r[4]))).toList();
    }

    private static Long pence(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
