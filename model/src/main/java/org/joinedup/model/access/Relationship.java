package org.joinedup.model.access;

/** Why an organisation may know a person at all. */
public enum Relationship {
    /** It sent a record about them. */
    SENT_RECORD,
    /** It funds a contribution in their budget. */
    FUNDS,
    /** Its coordinator holds their family's case. */
    HOLDS_CASE,
    /** The person's consent names it. */
    CONSENT,
    /** The hub's own operators: identity stewardship and the message store. */
    OPERATES_HUB
}
