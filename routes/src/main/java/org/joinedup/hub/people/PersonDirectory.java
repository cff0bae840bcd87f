package org.joinedup.hub.people;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.joinedup.fhirmapping.FhirSystems;
import org.joinedup.model.IdentifierRecord;
import org.joinedup.model.PersonDetails;
import org.joinedup.model.PersonRecord;

/**
 * Finds the hub person an agency's record is about, by an identifier the hub already holds (NHS number, a
 * council's client id, NI number), or creates them. (Probabilistic matching on names, dates of birth and addresses
 * comes with the identity work; only identifiers that passed their checks link records here.)
 */
@ApplicationScoped
public class PersonDirectory {

    /** An NHS body's record: the person is found by NHS number or created. */
    @Transactional(TxType.MANDATORY)
    public Person findOrCreate(PersonDetails details) {
        return findOrCreate(
                List.of(new IdentifierRecord(FhirSystems.NHS_NUMBER, details.nhsNumber().value(),
                        details.nhsNumberVerified())),
                new Demographics(details.givenName(), details.familyName(), details.birthDate(), details.postcode(),
                        details.uprn()));
    }

    /**
     * Finds the person any of the identifiers (in the order given) already belongs to, or creates one, and records
     * the identifiers that are new. An identifier that already belongs to another person is not moved: deciding
     * between two people is the identity review's job, never a side effect.
     */
    @Transactional(TxType.MANDATORY)
    public Person findOrCreate(List<IdentifierRecord> identifiers, Demographics demographics) {
        Person person = identifiers.stream()
                .map(id -> findByIdentifier(id.system(), id.value()))
                .flatMap(Optional::stream)
                .findFirst().orElse(null);
        boolean created = person == null;
        if (created) {
            person = new Person();
            person.id = UUID.randomUUID();
            person.createdAt = Instant.now();
            person.updatedAt = person.createdAt;
        }
        fillGaps(person, demographics);
        for (IdentifierRecord id : identifiers) {
            Optional<PersonIdentifier> held = person.identifiers.stream()
                    .filter(i -> i.system.equals(id.system()) && i.value.equals(id.value())).findFirst();
            if (held.isPresent()) {
                held.get().verified |= id.verified();
            } else if (findByIdentifier(id.system(), id.value()).isPresent()) {
                if (created) {
                    // none of the identifiers had a person a moment ago; another transaction has just given this
                    // one to a person: reading again (the error policy retries) links this record to them
                    throw new RecordChangedMeanwhileException(id.system() + "|" + id.value()
                            + " was given to a person while this record was being linked");
                }
            } else {
                PersonIdentifier identifier = new PersonIdentifier();
                identifier.person = person;
                identifier.system = id.system();
                identifier.value = id.value();
                identifier.verified = id.verified();
                person.identifiers.add(identifier);
            }
        }
        person.persistAndFlush();
        return person;
    }

    /** What an agency's record says about who the person is, besides identifiers; any part may be missing. */
    public record Demographics(String givenName, String familyName, LocalDate birthDate, String postcode,
            String uprn) {
    }

    public Optional<Person> findByIdentifier(String system, String value) {
        return PersonIdentifier.<PersonIdentifier>find("system = ?1 and value = ?2", system, value)
                .firstResultOptional()
                .map(identifier -> identifier.person);
    }

    private static void fillGaps(Person person, Demographics details) {
        boolean changed = false;
        if (person.givenName == null && details.givenName() != null) {
            person.givenName = details.givenName();
            changed = true;
        }
        if (person.familyName == null && details.familyName() != null) {
            person.familyName = details.familyName();
            changed = true;
        }
        if (person.birthDate == null && details.birthDate() != null) {
            person.birthDate = details.birthDate();
            changed = true;
        }
        if (person.postcode == null && details.postcode() != null) {
            person.postcode = details.postcode();
            changed = true;
        }
        if (person.uprn == null && details.uprn() != null) {
            person.uprn = details.uprn();
            changed = true;
        }
        if (changed) {
            person.updatedAt = Instant.now();
        }
    }

    public static PersonRecord toRecord(Person person) {
        return new PersonRecord(person.id.toString(), person.givenName, person.familyName, person.birthDate,
                person.postcode, person.uprn,
                person.identifiers.stream().map(i -> new IdentifierRecord(i.system, i.value, i.verified)).toList());
    }
}
