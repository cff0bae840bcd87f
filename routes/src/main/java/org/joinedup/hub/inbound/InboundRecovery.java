package org.joinedup.hub.inbound;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;
import org.joinedup.hub.inbound.InboundMessage.Transport;
import org.joinedup.hub.platform.HubConfig;
import org.joinedup.hub.platform.HubStartup.HubReady;
import org.joinedup.model.AgencyKind;

/**
 * When the hub starts, it finishes what a hub that stopped (or crashed) left unfinished, so that every accepted
 * message ends applied or rejected:
 * <ul>
 * <li>council events and employment events stored but not applied ({@code RECEIVED}) are sent to be applied;</li>
 * <li>a file that was being applied ({@code RUNNING}, or {@code INTERRUPTED} by a stop) had nothing applied (a
 * file is applied in one transaction): it is put back into its inbox, from wherever it is (or from the hub's copy),
 * and applied again whole;</li>
 * <li>a file in {@code rejected/} with no reason beside it was never taken (a stop came first): it goes back into
 * the inbox.</li>
 * </ul>
 * Work another hub instance holds right now (its row locked) is left to it. Applying is idempotent, so anything
 * sent twice is applied once.
 */
@ApplicationScoped
public class InboundRecovery {

    private static final Logger LOG = Logger.getLogger(InboundRecovery.class);

    @Inject
    EntityManager em;

    @Inject
    HubConfig config;

    @Inject
    MessageDispatch dispatch;

    void recover(@Observes HubReady ready) {
        sendAgain(AgencyKind.SOCIAL_CARE, Transport.REST, "council events", ready.startedAt());
        sendAgain(AgencyKind.EMPLOYMENT, Transport.QUEUE, "employment events", ready.startedAt());
        putBackFiles(AgencyKind.HOUSING, config.housing().inbox(), ready.startedAt());
        putBackFiles(AgencyKind.BENEFITS, config.benefits().inbox(), ready.startedAt());
    }

    /** Messages of a flow the hub sends again itself, stored but not applied: to their applier, as a replay is. */
    private void sendAgain(AgencyKind agency, Transport transport, String what, Instant before) {
        List<Long> unapplied = unapplied(agency, transport, before);
        if (!unapplied.isEmpty()) {
            LOG.infof("Sending %d %s stored but not yet applied to be applied", unapplied.size(), what);
            dispatch.later(unapplied);
        }
    }

    /** Messages stored before this hub started and neither applied nor rejected, that no live hub holds. */
    private List<Long> unapplied(AgencyKind agency, Transport transport, Instant before) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Number> ids = em.createNativeQuery("select id from inbound_message where agency = ?1"
                            + " and transport = ?2 and status = 'RECEIVED' and received_at < ?3 order by id"
                            + " for update skip locked")
                    .setParameter(1, agency.name()).setParameter(2, transport.name()).setParameter(3, before)
                    .getResultList();
            return ids.stream().map(Number::longValue).toList();
        });
    }

    private void putBackFiles(AgencyKind agency, Path inbox, Instant before) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update inbound_file f set status = 'DONE',"
                        + " finished_at = m.status_at, reason = 'applied; the hub stopped before it recorded the end'"
                        + " from inbound_message m where m.id = f.message_id and f.agency = ?1 and f.status = 'RUNNING'"
                        + " and f.started_at < ?2 and m.status = 'APPLIED'")
                .setParameter(1, agency.name()).setParameter(2, before).executeUpdate());
        List<InboundFile> unfinished = QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Number> free = em.createNativeQuery("select f.message_id from inbound_file f"
                            + " join inbound_message m on m.id = f.message_id where f.agency = ?1"
                            + " and (f.status = 'INTERRUPTED' or (f.status = 'RUNNING' and f.started_at < ?2))"
                            + " and m.status <> 'APPLIED' for update of m skip locked")
                    .setParameter(1, agency.name()).setParameter(2, before).getResultList();
            List<InboundFile> files = free.stream().map(id -> em.find(InboundFile.class, id.longValue())).toList();
            for (InboundFile file : files) {
                file.status = FileStatus.INTERRUPTED;
                file.reason = "the hub stopped while applying it, so nothing of it was applied; put back into the"
                        + " inbox at " + Instant.now() + " to be applied whole";
            }
            return files;
        });
        for (InboundFile file : unfinished) {
            putBack(inbox, file);
        }
        putBackNeverTaken(inbox);
    }

    private void putBack(Path inbox, InboundFile file) {
        Path target = inbox.resolve(file.fileName);
        Path rejected = inbox.resolve("rejected").resolve(file.fileName);
        try {
            Files.deleteIfExists(inbox.resolve("rejected").resolve(file.fileName + ".reason.txt"));
            if (Files.exists(target)) {
                return; // still in the inbox: taken again as it is
            }
            if (Files.exists(rejected)) {
                Files.move(rejected, target, StandardCopyOption.ATOMIC_MOVE);
            } else {
                String copy = QuarkusTransaction.requiringNew().call(() -> em.find(InboundMessage.class,
                        file.messageId).payloadFile);
                Path part = inbox.resolve(file.fileName + ".part");
                Files.copy(Path.of(copy), part, StandardCopyOption.REPLACE_EXISTING);
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            }
            LOG.infof("File %s (message %d), interrupted by a stop, is back in %s to be applied whole",
                    file.fileName, file.messageId, inbox);
        } catch (IOException e) {
            throw new UncheckedIOException("could not put " + file.fileName + " back into " + inbox, e);
        }
    }

    /** Files a stop sent to {@code rejected/} before they were taken: they have no reason beside them. */
    private void putBackNeverTaken(Path inbox) {
        Path rejected = inbox.resolve("rejected");
        if (!Files.isDirectory(rejected)) {
            return;
        }
        try (Stream<Path> files = Files.list(rejected)) {
            for (Path file : files.filter(f -> !f.getFileName().toString().endsWith(".reason.txt")).toList()) {
                Path reason = rejected.resolve(file.getFileName() + ".reason.txt");
                Path target = inbox.resolve(file.getFileName());
                if (!Files.exists(reason) && !Files.exists(target)) {
                    Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
                    LOG.infof("File %s was sent to rejected/ by a stop before it was taken: back in %s",
                            file.getFileName(), inbox);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not look through " + rejected, e);
        }
    }
}
