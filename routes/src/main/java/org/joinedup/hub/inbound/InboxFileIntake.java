package org.joinedup.hub.inbound;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.Exchange;
import org.joinedup.connectors.HubHeaders;
import org.joinedup.hub.inbound.FileProgress.Counts;
import org.joinedup.model.AgencyKind;
import org.joinedup.model.InvalidMessageException;

/**
 * Takes a file from an agency's inbox: stores it in the message store (a copy under the data directory), recognises
 * a file delivered again, has the agency's applier apply it, and writes a report (rows applied, rows set aside with
 * line and reason) or the reason it was refused beside the file in {@code done/} or {@code rejected/}.
 */
@ApplicationScoped
public class InboxFileIntake {

    /** Applies one stored file; throws {@code InvalidMessageException} to refuse it whole. */
    @FunctionalInterface
    public interface Applier {
        Counts apply(long messageId, Path file, String fileName);
    }

    @Inject
    InboundMessageStore store;

    @Inject
    FileProgress progress;

    public void process(Exchange exchange, AgencyKind agency, String contentType, Applier applier) {
        Path file = Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class));
        String name = file.getFileName().toString();
        Path inbox = file.getParent();
        StoredMessage stored = store.receiveFile(agency, "inbox/" + agency.name().toLowerCase(), file, contentType);
        exchange.getMessage().setHeader(HubHeaders.MESSAGE_ID, stored.id());
        if (stored.repeat() && stored.status() == MessageStatus.APPLIED) {
            write(inbox.resolve("done"), name + ".report.txt", "A repeat of a file already applied (message "
                    + stored.id() + "): nothing was applied again.\n");
            return;
        }
        progress.start(stored.id(), agency.name(), name);
        try {
            Counts outcome = applier.apply(stored.id(), file, name);
            progress.finish(stored.id(), "DONE", null);
            write(inbox.resolve("done"), name + ".report.txt", "Message " + stored.id() + ": " + outcome.read()
                    + " rows read, " + outcome.applied() + " applied, " + outcome.setAside().size() + " set aside.\n"
                    + outcome.setAside().stream().map(r -> "line " + r.lineNumber() + ": " + r.reason() + "\n")
                            .collect(Collectors.joining()));
        } catch (InvalidMessageException refused) {
            progress.finish(stored.id(), "REJECTED", refused.getMessage());
            write(inbox.resolve("rejected"), name + ".reason.txt", "Refused whole, nothing applied: "
                    + refused.getMessage() + "\n");
            throw refused;
        } catch (RuntimeException failed) {
            progress.finish(stored.id(), "FAILED", failed.toString());
            write(inbox.resolve("rejected"), name + ".reason.txt", "Failed, nothing applied (it can be put back"
                    + " in the inbox once the cause is fixed): " + failed + "\n");
            throw failed;
        }
    }

    private static void write(Path directory, String name, String text) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
