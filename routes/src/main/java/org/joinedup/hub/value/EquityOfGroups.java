package org.joinedup.hub.value;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.joinedup.connectors.value.PopulationTableReader;
import org.joinedup.hub.platform.HubConfig;
import org.joinedup.hub.platform.Today;
import org.joinedup.model.value.EquityByGroup;

/**
 * The equity report by group for one council ({@link EquityByGroup}): its people (those it knows as social care
 * clients) supported before personal budgets (a traditional service) and after (a current support plan), by the
 * ethnicity and disability recorded with them and their age band today, against the council's population table
 * ({@code hub.equity.population-directory}/{@code <GSS code>.csv}, or the packaged {@code config/equity}). An
 * aggregate for planning: people with the national data opt-out and merged ids are left out, and no one is named.
 */
@ApplicationScoped
public class EquityOfGroups {

    @Inject
    EntityManager em;

    @Inject
    HubConfig config;

    @Inject
    Today today;

    @Transactional
    public EquityByGroup.Report of(String council) {
        LocalDate on = today.date();
        List<?> rows = em.createNativeQuery("""
                select p.birth_date, eq.ethnicity, eq.disability,
                       exists (select 1 from care_service cs where cs.person_id = p.id),
                       exists (select 1 from support_plan sp where sp.person_id = p.id and sp.superseded_by is null
                               and sp.closed_by_merge is null)
                from person p
                left join lateral (select e.ethnicity, e.disability from person_equality e
                                   where e.person_id = p.id
                                      or e.person_id in (select m.id from person m where m.merged_into = p.id)
                                   order by (e.person_id = p.id) desc, e.recorded_at desc limit 1) eq on true
                where p.merged_into is null and not p.national_opt_out
                  and exists (select 1 from source_record s where s.person_id = p.id and s.agency = 'SOCIAL_CARE'
                              and s.holder = ?1)""").setParameter(1, council).getResultList();
        List<EquityByGroup.Person> people = rows.stream().map(row -> (Object[]) row)
                .filter(r -> Boolean.TRUE.equals(r[3]) || Boolean.TRUE.equals(r[4]))
                .map(r -> new EquityByGroup.Person((String) r[1], EquityByGroup.ageBand(org.joinedup.hub.platform.SqlValues.date(r[0]), on),
                        disability((String) r[2]), Boolean.TRUE.equals(r[3]), Boolean.TRUE.equals(r[4])))
                .toList();
        return EquityByGroup.of(council, population(council).orElse(Map.of()), people);
    }

    /**
     * Every population table is read when the hub starts: a table with a mistake stops it, naming the file, line and
     * column, rather than failing the report when a council asks for it.
     */
    void checkTables(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent started) throws IOException {
        Optional<Path> directory = config.equity().populationDirectory();
        if (directory.isEmpty()) {
            population(PACKAGED);
            return;
        }
        try (var files = Files.list(directory.get())) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList()) {
                String name = file.getFileName().toString();
                population(name.substring(0, name.length() - ".csv".length()));
            }
        }
    }

    /** The population table packaged with the hub (config/equity). */
    static final String PACKAGED = "E08000004";

    /** The council's population table, if the hub has one. */
    public Optional<Map<EquityByGroup.Kind, Map<String, Long>>> population(String council) {
        String name = council + ".csv";
        Optional<Path> directory = config.equity().populationDirectory();
        try {
            if (directory.isPresent()) {
                Path file = directory.get().resolve(name);
                return Files.isRegularFile(file) ? Optional.of(PopulationTableReader.read(file.toString(),
                        Files.readString(file, StandardCharsets.UTF_8))) : Optional.empty();
            }
            try (InputStream in = EquityOfGroups.class.getResourceAsStream("/equity/" + name)) {
                return in == null ? Optional.empty() : Optional.of(PopulationTableReader.read("config/equity/"
                        + name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String disability(String recorded) {
        if ("YES".equals(recorded)) {
            return "Disabled";
        }
        return "NO".equals(recorded) ? "Not disabled" : null;
    }

}
