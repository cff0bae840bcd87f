package org.joinedup.hub.inbound;

/** The message store's answer to "store this": its id, and whether it is a repeat of one already stored. */
public record StoredMessage(long id, boolean repeat, MessageStatus status) {
}
