package org.joinedup.model.access;

/** What a sharing agreement says of one category, recipient and purpose. */
public enum Sharing {
    /** Shared for this purpose unless the person objected. */
    DEFAULT,
    /** Shared only when the person (or their proxy) consented. */
    CONSENT,
    /** Not shared, whatever the consent. */
    NEVER
}
