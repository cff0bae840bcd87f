package org.joinedup.hub.fhir;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.IdType;
import org.joinedup.hub.access.Access;
import org.joinedup.hub.access.NotVisibleException;
import org.joinedup.hub.access.PersonAccess;




/**
 * The FHIR providers' way to the one access decision: the same {@link Access}, answering a person the caller may
 * not know as FHIR's {@code 404} (the same answer as for no such resource).
 */
@ApplicationScoped
public class FhirAccess {

    @Inject
    Access access;

    public PersonAccess read(String personId, IdType asked) {
        return decide(personId, asked, Access.Action.READ);
    }

    public PersonAccess write(String personId, IdType asked) {
        return decide(personId, asked, Access.Action.WRITE);
    }

    /** The decision when the caller may know the person, else empty (left out of a search). */
    public Optional<PersonAccess> readIfKnown(String personId, String resource) {
        try {
            return Optional.of(access.read(UUID.fromString(personId), resource));
        } catch (NotVisibleException | IllegalArgumentException hidden) {
            return Optional.empty();
        }
    }

    public Access access() {
        return access;
    }

    private PersonAccess decide(String personId, IdType asked, Access.Action action) {
        UUID person;
        try {
            person = UUID.fromString(personId);
        } catch (IllegalArgumentException | NullPointerException notAnId) {
            access.operation(action, asked.getValue());
            throw new ResourceNotFoundException(asked);
        }
        try {
            return action == Access.Action.READ ? access.read(person, asked.getValue())
                    : access.write(person, asked.getValue());
        } catch (NotVisibleException hidden) {
            throw new ResourceNotFoundException(asked);
        }
    }
}
