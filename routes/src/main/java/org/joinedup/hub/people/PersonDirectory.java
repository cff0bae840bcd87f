package org.joinedup.hub.people;

import java.time.Instant;
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
 * Finds the hub person an agency's record is about, by NHS number, or creates them. (Probabilistic matching on
 * names, dates of birth and addresses comes with the identity work; an NHS number that passed its check digit is
 * the one link made here.)
 */
@ApplicationScoped
public class PersonDirectory {

    @Transactional(TxType.MANDATORY)
    public Person findOrCreate(PersonDetails details) {
        Optional<Person> found = findByIdentifier(FhirSystems.NHS_NUMBER, details.nhsNumber().value());
        if (found.isPresent()) {
            Person person = found.get();
            fillGaps(person, details);
            return person;
        }
        Person person = new Person();
        person.id = UUID.randomUUID();
        person.givenName = details.givenName();
        person.familyName = details.familyName();
        person.birthDate = details.birthDate();
        person.postcode = details.postcode();
        person.uprn = details.uprn();
        person.createdAt = Instant.now();
        person.updatedAt = person.createdAt;
        PersonIdentifier nhs = new PersonIdentifier();
        nhs.person = person;
        nhs.system = FhirSystems.NHS_NUMBER;
        nhs.value = details.nhsNumber().value();
        nhs.verified = details.nhsNumberVerified();
        person.identifiers.add(nhs);
        person.persistAndFlush();
        return person;
    }

    public Optional<Person> findByIdentifier(String system, String value) {
        return PersonIdentifier.<PersonIdentifier>find("system = ?1 and value = ?2", system, value)
                .firstResultOptional()
                .map(identifier -> identifier.person);
    }

    private static void fillGaps(Person person, PersonDetails details) {
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
        for (PersonIdentifier identifier : person.identifiers) {
            if (FhirSystems.NHS_NUMBER.equals(identifier.system) && !identifier.verified
                    && details.nhsNumberVerified()) {
                identifier.verified = true;
                changed = true;
            }
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
