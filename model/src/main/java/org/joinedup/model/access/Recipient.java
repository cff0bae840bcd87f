package org.joinedup.model.access;

/** Who asks: the organisation the caller acts for, and the kind of recipient the sharing agreement calls it. */
public record Recipient(String organisation, RecipientKind kind) {
}
