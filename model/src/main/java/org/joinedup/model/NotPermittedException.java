package org.joinedup.model;

/** The caller is authenticated but may not do this (for example a trust pushing another trust's budget). */
public class NotPermittedException extends RuntimeException {

    public NotPermittedException(String message) {
        super(message);
    }
}
