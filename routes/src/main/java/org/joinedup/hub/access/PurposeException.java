package org.joinedup.hub.access;

/** The {@code X-Purpose} header names no purpose the hub knows: {@code 400}. */
public class PurposeException extends RuntimeException {

    public PurposeException(String header) {
        super("X-Purpose: '" + header + "' is not a purpose; give direct-support (TREAT), payment (HPAYMT),"
                + " planning (HOPERAT) or research (HRESCH)");
    }
}
