package org.joinedup.hub.access;

/** The caller knows the record but may not do this (a write its role or organisation may not make): {@code 403}. */
public class AccessRefusedException extends RuntimeException {

    public AccessRefusedException(String reason) {
        super(reason);
    }
}
