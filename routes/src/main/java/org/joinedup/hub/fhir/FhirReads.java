package org.joinedup.hub.fhir;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.joinedup.hub.budget.Contribution;
import org.joinedup.hub.people.Person;
import org.joinedup.hub.people.PersonDirectory;
import org.joinedup.model.ContributionRecord;
import org.joinedup.model.PersonRecord;

/** The reads the FHIR endpoint serves, each in its own read-only transaction. */
@ApplicationScoped
public class FhirReads {

    @Transactional
    public Optional<java.util.UUID> survivorOf(String id) {
        return Person.survivorOf(id);
    }

    @Transactional
    public Optional<PersonRecord> person(String id) {
        return parse(id).flatMap(uuid -> Person.<Person>findByIdOptional(uuid)).map(PersonDirectory::toRecord);
    }

    @Transactional
    public List<PersonRecord> peopleByIdentifier(String system, String value) {
        return Person.<Person>find("select distinct p from Person p join p.identifiers i"
                        + " where i.system = ?1 and i.value = ?2", system, value)
                .stream().map(PersonDirectory::toRecord).toList();
    }

    @Transactional
    public Optional<ContributionRecord> contribution(String id) {
        return parse(id).flatMap(uuid -> Contribution.<Contribution>findByIdOptional(uuid))
                .map(Contribution::toRecord);
    }

    @Transactional
    public List<ContributionRecord> contributionsOf(String personId) {
        return parse(personId).map(uuid -> Contribution.<Contribution>list(
                        "person.id = ?1 order by createdAt", uuid).stream().map(Contribution::toRecord).toList())
                .orElse(List.of());
    }

    @Transactional
    public List<ContributionRecord> contributionsByIdentifier(String system, String value) {
        return Contribution.<Contribution>list("sourceSystem = ?1 and sourceValue = ?2 order by createdAt",
                system, value).stream().map(Contribution::toRecord).toList();
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException | NullPointerException notAnId) {
            return Optional.empty();
        }
    }
}
