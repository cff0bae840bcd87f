package org.joinedup.hub.access;

import java.util.UUID;

/**
 * The person does not exist for this caller: no such person, or no legitimate relationship with them. Answered as
 * {@code 404} with the same words either way, so the answer never tells that the person exists.
 */
public class NotVisibleException extends RuntimeException {

    public NotVisibleException(UUID personId) {
        super("no person " + personId);
    }

    public NotVisibleException(String what) {
        super(what);
    }
}
