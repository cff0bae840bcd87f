package org.joinedup.hub.people;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import jakarta.inject.Inject;

import org.joinedup.fhirmapping.FhirSystems;
import org.joinedup.hub.identity.IdentityLinker;
import org.joinedup.hub.identity.SourceKey;
import org.joinedup.hub.identity.SourceLink;
import org.joinedup.model.AgencyKind;
import org.joinedup.model.IdentifierRecord;
import org.joinedup.model.PersonDetails;
import org.joinedup.model.PersonRecord;

/**
 * Finds the hub person an agency's record is about: the record becomes (or updates) a source record that identity
 * matching links to one person (see {@link IdentityLinker}); the person's identifiers are kept for look-ups by
 * identifier (FHIR {@code Patient?identifier}, {@code /api/people?nhsNumber=}).
 */
@ApplicationScoped
public class PersonDirectory {

    @Inject
    IdentityLinker linker;

    /**
     * An NHS body's record: its key is the NHS number as that body holds it (a verified number links to the person
     * holding it; an unverified one is evidence for matching).
     */
    @Transactional(TxType.MANDATORY)
    public SourceLink link(String odsCode, PersonDetails details) {
        IdentifierRecord nhs = new IdentifierRecord(FhirSystems.NHS_NUMBER, details.nhsNumber().value(),
                details.nhsNumberVerified());
        return link(new SourceKey(AgencyKind.NHS, odsCode, nhs.system(), nhs.value()), List.of(nhs),
                new Demographics(details.givenName(), details.familyName(), details.birthDate(), details.postcode(),
                        details.uprn()));
    }

    /**
     * Links an agency's record to its person (see {@link IdentityLinker}), who also becomes known by the record's
     * identifiers.
     *
     * @param key         the agency's own id for the record
     * @param identifiers the NHS and NI numbers the record carries, already checked (invalid ones left out)
     */
    @Transactional(TxType.MANDATORY)
    public SourceLink link(SourceKey key, List<IdentifierRecord> identifiers, Demographics demographics) {
        return link(key, identifiers, demographics, List.of());
    }

    /** As {@link #link(SourceKey, List, Demographics)}, keeping why identifiers the agency sent were left out. */
    @Transactional(TxType.MANDATORY)
    public SourceLink link(SourceKey key, List<IdentifierRecord> identifiers, Demographics demographics,
            List<org.joinedup.model.ValidationIssue> identifierProblems) {
        SourceLink link = linker.link(key, identifiers, demographics, identifierProblems);
        fillGaps(link.person(), demographics);
        return link;
    }

    /** What an agency's record says about who the person is, besides identifiers; any part may be missing. */
    public record Demographics(String givenName, String familyName, LocalDate birthDate, String postcode,
            String uprn) {
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
