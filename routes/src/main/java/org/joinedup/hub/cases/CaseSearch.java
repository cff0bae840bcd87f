package org.joinedup.hub.cases;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.joinedup.fhirmapping.FhirSystems;
import org.joinedup.hub.access.PersonAccess;
import org.joinedup.hub.people.Person;
import org.joinedup.hub.people.PersonIdentifier;
import org.joinedup.model.access.Category;
import org.joinedup.model.identity.Postcodes;

/**
 * A coordinator's search of their caseload: one box for a name (any part), an NHS number (spaces allowed), an NI
 * number or a postcode (any spacing or case). It looks only at the demographics the caller may see.
 */
final class CaseSearch {

    private final String words;
    private final String compact;

    private CaseSearch(String text) {
        this.words = text == null ? "" : text.strip().toLowerCase(Locale.UK);
        this.compact = words.replaceAll("\\s+", "").toUpperCase(Locale.UK);
    }

    static CaseSearch of(String text) {
        return new CaseSearch(text);
    }

    boolean matchesAny(List<Person> people, Map<UUID, PersonAccess> seen) {
        return words.isEmpty() || people.stream().anyMatch(p -> seen.get(p.id).sees(Category.DEMOGRAPHICS)
                && matches(p));
    }

    private boolean matches(Person person) {
        String name = ((person.givenName == null ? "" : person.givenName) + " "
                + (person.familyName == null ? "" : person.familyName)).toLowerCase(Locale.UK);
        if (name.contains(words)) {
            return true;
        }
        String postcode = Postcodes.normalise(compact);
        if (postcode != null && postcode.equals(Postcodes.normalise(person.postcode))) {
            return true;
        }
        for (PersonIdentifier id : person.identifiers) {
            if ((id.system.equals(FhirSystems.NHS_NUMBER) || id.system.equals(FhirSystems.NI_NUMBER))
                    && id.value.replaceAll("\\s+", "").equalsIgnoreCase(compact)) {
                return true;
            }
        }
        return false;
    }
}
