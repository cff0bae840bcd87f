package org.joinedup.hub.inbound;

import java.util.List;
import java.util.Locale;

import org.joinedup.model.InvalidMessageException;

/** An inbox takes files only from the senders configured for it; a file from anyone else is refused whole. */
public final class InboxSenders {

    private InboxSenders() {
    }

    /** Refuses the file unless {@code sender} is one of {@code configured} ({@code CODE*}: any code so starting). */
    public static void require(List<String> configured, String sender, String key) {
        String wanted = sender.toUpperCase(Locale.ROOT);
        boolean allowed = configured.stream().map(c -> c.trim().toUpperCase(Locale.ROOT)).anyMatch(c -> c.endsWith("*")
                ? wanted.startsWith(c.substring(0, c.length() - 1)) : wanted.equals(c));
        if (!allowed) {
            throw new InvalidMessageException("file name", "'" + sender + "' is not a sender this inbox takes files"
                    + " from (" + key + ": " + String.join(", ", configured) + ")");
        }
    }
}
