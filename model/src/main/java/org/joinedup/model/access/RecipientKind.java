package org.joinedup.model.access;

import java.util.Locale;
import java.util.Optional;

/**
 * Who receives personal data, as the sharing agreement names them: the kind of organisation a caller acts for, and
 * for a council whether the caller is the family's local area coordinator or a council officer.
 */
public enum RecipientKind {
    /** A local area coordinator: holds families' cases. */
    COORDINATOR,
    /** A council officer (social work, council finance). */
    COUNCIL,
    /** An NHS trust or integrated care board. */
    NHS,
    /** A housing authority or provider. */
    HOUSING,
    /** The benefits agency. */
    BENEFITS,
    /** Employment services. */
    EMPLOYMENT,
    /** The hub's own operators (message store, identity stewardship). */
    OPERATOR;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RecipientKind> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
