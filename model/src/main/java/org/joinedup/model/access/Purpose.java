package org.joinedup.model.access;

import java.util.Locale;
import java.util.Optional;

/**
 * Why a request is made. Carried by the {@code X-Purpose} header (the name, its kebab form, or the HL7 v3 ActReason
 * code) and recorded with every audit entry; each role has a default.
 */
public enum Purpose {
    /** Assessment, planning and coordination of the person's own support (v3 {@code TREAT}). */
    DIRECT_SUPPORT("TREAT"),
    /** Paying for the person's support and accounting for it (v3 {@code HPAYMT}). */
    PAYMENT("HPAYMT"),
    /** Service planning and evaluation: aggregate reports such as equity and pool statements (v3 {@code HOPERAT}). */
    PLANNING("HOPERAT"),
    /** Research (v3 {@code HRESCH}). */
    RESEARCH("HRESCH");

    /** HL7 v3 ActReason, the code system FHIR {@code Consent.provision.purpose} uses. */
    public static final String ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

    private final String actReason;

    Purpose(String actReason) {
        this.actReason = actReason;
    }

    public String actReason() {
        return actReason;
    }

    /** Reports for these purposes leave out people who registered the national data opt-out. */
    public boolean honoursNationalOptOut() {
        return this == PLANNING || this == RESEARCH;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@code direct-support}, {@code DIRECT_SUPPORT} or {@code TREAT}, any case. */
    public static Optional<Purpose> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String wanted = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Purpose p : values()) {
            if (p.name().equals(wanted) || p.actReason.equals(wanted)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
