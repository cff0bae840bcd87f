package org.joinedup.hub.inbound;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * The progress of files being applied, each change committed on its own so an operator sees it while the file
 * runs (the file's rows are applied in a transaction of their own).
 */
@ApplicationScoped
public class FileProgress {

    /** Rows read, applied and set aside (with line numbers and reasons). */
    public record Counts(int read, int applied, List<SetAsideRow> setAside) {
    }

    /** Counts rows as an applier goes and reports progress every few hundred rows, each report on its own. */
    public Tracker tracker(long messageId) {
        return new Tracker(messageId);
    }

    /** Progress of one file. Not thread-safe: one applier, one thread. */
    public final class Tracker {
        private static final int EVERY = 200;
        private final long messageId;
        private int read;
        private int applied;
        private int sinceReport;
        private final List<SetAsideRow> allSetAside = new java.util.ArrayList<>();
        private final List<SetAsideRow> unreported = new java.util.ArrayList<>();

        private Tracker(long messageId) {
            this.messageId = messageId;
        }

        public void applied() {
            read++;
            applied++;
            maybeReport();
        }

        /** A row read and kept to be applied later with others ({@link #appliedLater}). */
        public void read() {
            read++;
            maybeReport();
        }

        /** Rows counted by {@link #read()} that are now applied. */
        public void appliedLater(int rows) {
            applied += rows;
            sinceReport += rows;
            maybeReport();
        }

        public void setAside(int lineNumber, String reason) {
            read++;
            SetAsideRow row = new SetAsideRow(lineNumber, reason);
            allSetAside.add(row);
            unreported.add(row);
            maybeReport();
        }

        private void maybeReport() {
            if (++sinceReport >= EVERY) {
                report();
            }
        }

        /** Reports what is not reported yet and returns the counts so far. */
        public Counts report() {
            update(messageId, read, applied, List.copyOf(unreported), allSetAside.size());
            unreported.clear();
            sinceReport = 0;
            return new Counts(read, applied, List.copyOf(allSetAside));
        }
    }

    /** A row that was not applied: its line in the file and why. */
    public record SetAsideRow(int lineNumber, String reason) {
    }

    @Inject
    EntityManager em;

    @Transactional(TxType.REQUIRES_NEW)
    public void start(long messageId, String agency, String fileName) {
        InboundFile file = em.find(InboundFile.class, messageId);
        if (file == null) {
            file = new InboundFile();
            file.messageId = messageId;
            file.agency = agency;
            file.fileName = fileName;
            file.startedAt = Instant.now();
            file.status = FileStatus.RUNNING;
            em.persist(file);
        }
        file.status = FileStatus.RUNNING;
        file.rowsRead = 0;
        file.rowsApplied = 0;
        file.rowsSetAside = 0;
        file.reason = null;
        em.createQuery("delete from InboundFileRowIssue i where i.messageId = ?1").setParameter(1, messageId)
                .executeUpdate();
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void update(long messageId, int read, int applied, List<SetAsideRow> newlySetAside, int setAsideSoFar) {
        InboundFile file = em.find(InboundFile.class, messageId);
        file.rowsRead = read;
        file.rowsApplied = applied;
        file.rowsSetAside = setAsideSoFar;
        for (SetAsideRow row : newlySetAside) {
            InboundFileRowIssue issue = new InboundFileRowIssue();
            issue.messageId = messageId;
            issue.lineNumber = row.lineNumber();
            issue.reason = row.reason();
            em.persist(issue);
        }
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void finish(long messageId, FileStatus status, String reason) {
        InboundFile file = em.find(InboundFile.class, messageId);
        file.status = status;
        file.reason = reason;
        file.finishedAt = Instant.now();
    }
}
