package org.joinedup.hub.inbound;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import io.quarkus.runtime.ShutdownEvent;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.joinedup.hub.inbound.FileProgress.Counts;
import org.joinedup.model.AgencyKind;
import org.joinedup.model.InvalidMessageException;

/**
 * Takes a file from an agency's inbox: stores it in the message store (a copy under the data directory), recognises
 * a file delivered again, has the agency's applier apply it, and writes a report (rows applied, rows set aside with
 * line and reason) or the reason it was refused beside the file in {@code done/} or {@code rejected/}. Every
 * agency's inbox route is made by {@link #route}: the one way a file comes in.
 */
@ApplicationScoped
public class InboxFileIntake {

    /** Applies one stored file; throws {@code InvalidMessageException} to refuse it whole. */
    @FunctionalInterface
    public interface Applier {
        Counts apply(long messageId, Path file, String fileName);
    }

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(InboxFileIntake.class);
    private static final String REPORT = ".report.txt";
    private static final String REASON = ".reason.txt";

    private volatile boolean stopping;

    @Inject
    InboundMessageStore store;

    @Inject
    FileProgress progress;

    /**
     * Adds an agency's inbox route to {@code routes}: a file matching {@code include} is taken from the directory
     * that configuration key {@code inboxKey} names once it has stopped growing (never while it ends in .part or
     * .tmp; an empty file too, to be refused with its reason rather than left unseen), by exactly one hub instance
     * (a claim in the database), then stored and applied by {@link #process} and moved to {@code done/} or, when
     * refused whole or failed, to {@code rejected/}, with its report or reason beside it.
     */
    public void route(RouteBuilder routes, String routeId, String inboxKey, String include, AgencyKind agency,
            String contentType, Applier applier) {
        routes.from("file:{{" + inboxKey + "}}?include=" + include + "&exclude=.*\\.(part|tmp)"
                        + "&readLock=idempotent-changed&readLockMinAge=1000&readLockCheckInterval=500"
                        + "&readLockMinLength=0"
                        // hub instances sharing the inbox: exactly one takes each file (a claim in the database)
                        + "&idempotentRepository=#inboxClaims&idempotentKey=" + agency.name().toLowerCase()
                        + "/${file:onlyname}&readLockRemoveOnCommit=true"
                        + "&readLockIdempotentReleaseDelay=2000&readLockIdempotentReleaseAsync=true"
                        // no marker files: the claim is the lock (an instance starting would delete another's as
                        // orphans)
                        + "&readLockMarkerFile=false&readLockDeleteOrphanLockFiles=false"
                        + "&move=done/${file:name}&moveFailed=rejected/${file:name}")
                .routeId(routeId).routeConfigurationId(HubEndpoints.ERROR_POLICY)
                .process(exchange -> process(exchange, agency, contentType, applier)).id(routeId + "-apply");
    }

    public void process(Exchange exchange, AgencyKind agency, String contentType, Applier applier) {
        Path file = Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class));
        String name = file.getFileName().toString();
        Path inbox = file.getParent();
        StoredMessage stored;
        try {
            stored = store.receiveFile(agency, "inbox/" + agency.name().toLowerCase(), file, contentType);
        } catch (RuntimeException notStored) {
            // Camel moves it to rejected/: never without the reason
            write(inbox.resolve("rejected"), name + REASON, "Not taken, nothing applied: the hub could not store it"
                    + " (" + notStored + "); put it back in the inbox once the cause is fixed.\n");
            throw notStored;
        }
        exchange.getMessage().setHeader(HubHeaders.MESSAGE_ID, stored.id());
        if (stored.repeat() && stored.status() == MessageStatus.APPLIED) {
            write(inbox.resolve("done"), name + REPORT, "A repeat of a file already applied (message "
                    + stored.id() + "): nothing was applied again.\n");
            return;
        }
        progress.start(stored.id(), agency.name(), name);
        LOG.infof("Applying file %s from %s (message %d)", name, inbox, stored.id());
        try {
            Counts outcome = applier.apply(stored.id(), file, name);
            progress.finish(stored.id(), FileStatus.DONE, null);
            write(inbox.resolve("done"), name + REPORT, "Message " + stored.id() + ": " + outcome.read()
                    + " rows read, " + outcome.applied() + " applied, " + outcome.setAside().size() + " set aside.\n"
                    + outcome.setAside().stream().map(r -> "line " + r.lineNumber() + ": " + r.reason() + "\n")
                            .collect(Collectors.joining()));
            // an earlier failure of the same file, since put right, leaves no stale reason behind
            deleteIfExists(inbox.resolve("rejected").resolve(name + REASON));
        } catch (InvalidMessageException refused) {
            progress.finish(stored.id(), FileStatus.REJECTED, refused.getMessage());
            write(inbox.resolve("rejected"), name + REASON, "Refused whole, nothing applied: "
                    + refused.getMessage() + "\n");
            throw refused;
        } catch (RuntimeException failed) {
            if (stopping) {
                // the stop rolled the file's transaction back: it goes back into the inbox when the hub starts
                write(inbox.resolve("rejected"), name + REASON, "Interrupted by the hub stopping, nothing applied:"
                        + " the hub puts it back into the inbox when it starts, and applies it whole.\n");
                progress.finish(stored.id(), FileStatus.INTERRUPTED, "the hub stopped while applying it (" + failed + ")");
                throw failed;
            }
            write(inbox.resolve("rejected"), name + REASON, "Failed, nothing applied (it can be put back"
                    + " in the inbox once the cause is fixed): " + failed + "\n");
            progress.finish(stored.id(), FileStatus.FAILED, failed.toString());
            throw failed;
        }
    }

    /** From the moment the hub begins to stop, a file whose apply fails was interrupted, not failed. */
    void stopping(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        stopping = true;
    }

    private static void deleteIfExists(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
