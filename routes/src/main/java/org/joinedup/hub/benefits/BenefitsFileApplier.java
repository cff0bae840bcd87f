package org.joinedup.hub.benefits;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;

import org.joinedup.connectors.benefits.BenefitsFileReader;
import org.joinedup.connectors.benefits.BenefitsFileReader.Header;
import org.joinedup.fhirmapping.FhirSystems;
import org.joinedup.hub.alerts.PersonAlert;
import org.joinedup.hub.inbound.FileProgress;
import org.joinedup.hub.inbound.FileProgress.Counts;
import org.joinedup.hub.inbound.InboundMessageStore;
import org.joinedup.hub.identity.SourceKey;
import org.joinedup.hub.identity.SourceLink;
import org.joinedup.hub.people.PersonDirectory;
import org.joinedup.hub.people.PersonDirectory.Demographics;
import org.joinedup.model.AgencyKind;
import org.joinedup.model.BenefitAwardRow;
import org.joinedup.model.IdentifierRecord;
import org.joinedup.model.InvalidMessageException;

/**
 * Applies a benefits monthly award file in one transaction, exactly once: the whole file is checked first (header,
 * every record, trailer count and hash total) and refused whole if anything is wrong, so a truncated transfer never
 * looks like people losing their benefits; then the month's awards are replaced by the file's, person by person
 * (linked by NI number). A suspended or terminated award that was active the month before raises an alert. The
 * same file id again changes nothing; an earlier sequence than one applied is refused.
 */
@ApplicationScoped
public class BenefitsFileApplier {

    /** Who holds the claimant records the monthly files come from. */
    public static final String DWP = "DWP";

    static final org.joinedup.hub.alerts.AlertKind INCOME_CHANGED = org.joinedup.hub.alerts.AlertKind.INCOME_CHANGED;
    private static final int FLUSH_EVERY = 100;

    @Inject
    InboundMessageStore store;

    @Inject
    FileProgress progress;

    @Inject
    PersonDirectory people;

    @Inject
    EntityManager em;

    @Inject
    org.joinedup.hub.cases.Families families;

    @Inject
    org.joinedup.hub.platform.HubConfig config;

    @Transactional
    // a whole file is applied in one transaction (all or nothing), which takes longer than the default 60 s for big
    // files; the timeout (seconds) is configuration
    @TransactionConfiguration(timeout = 3600, timeoutFromConfigProperty = "hub.benefits.apply-timeout")
    public Counts apply(long messageId, Path file, String fileName) {
        if (store.lockAndCheckApplied(messageId)) {
            return new Counts(0, 0, List.of());
        }
        Header header = BenefitsFileReader.check(file);
        org.joinedup.hub.inbound.InboxSenders.require(config.benefits().councils(), header.gss(),
                "hub.benefits.councils");
        LocalDate month = header.awardMonth().atDay(1);
        if (BenefitFile.count("fileId", header.fileId()) > 0) {
            store.markApplied(messageId);
            return new Counts(0, 0, List.of());
        }
        Integer latest = em.createQuery("select max(f.sequence) from BenefitFile f where f.gss = ?1 and f.awardMonth = ?2",
                Integer.class).setParameter(1, header.gss()).setParameter(2, month).getSingleResult();
        if (latest != null && header.sequence() <= latest) {
            throw new InvalidMessageException("file name", "sequence " + header.sequence() + " for " + header.gss()
                    + " " + header.awardMonth() + " is not later than sequence " + latest + " already applied");
        }
        em.createQuery("delete from BenefitAward a where a.gss = ?1 and a.awardMonth = ?2")
                .setParameter(1, header.gss()).setParameter(2, month).executeUpdate();
        FileProgress.Tracker tracker = progress.tracker(messageId);
        int[] sinceFlush = {0};
        BenefitsFileReader.read(file, row -> {
            award(row, header, month, messageId);
            tracker.applied();
            if (++sinceFlush[0] == FLUSH_EVERY) { // keep the persistence context small, however long the file
                em.flush();
                em.clear();
                sinceFlush[0] = 0;
            }
        }, aside -> tracker.setAside(aside.lineNumber(), aside.reason()));
        BenefitFile applied = new BenefitFile();
        applied.messageId = messageId;
        applied.fileId = header.fileId();
        applied.gss = header.gss();
        applied.awardMonth = month;
        applied.sequence = header.sequence();
        applied.persist();
        Counts counts = tracker.report();
        store.markApplied(messageId);
        return counts;
    }

    private void award(BenefitAwardRow row, Header header, LocalDate month, long messageId) {
        SourceLink link = people.link(
                new SourceKey(AgencyKind.BENEFITS, DWP, FhirSystems.NI_NUMBER, row.niNumber().value()),
                // the DWP issues NI numbers: the one it pays benefits on is verified
                List.of(new IdentifierRecord(FhirSystems.NI_NUMBER, row.niNumber().value(), true)),
                new Demographics(row.forenames(), row.surname(), row.dateOfBirth(), row.postcode(), null));
        // like every agency's person, they belong to a family case (their coordinator's relationship with them)
        families.ensureCase(link.person());
        BenefitAward award = new BenefitAward();
        award.person = link.person();
        award.sourceRecordId = link.sourceRecordId();
        award.gss = header.gss();
        award.awardMonth = month;
        award.nino = row.niNumber().value();
        award.benefit = row.benefit().code();
        award.status = String.valueOf(row.status().code());
        award.weeklyPence = row.weeklyAmount().value();
        award.awardStart = row.awardStart();
        award.awardEnd = row.awardEnd();
        award.messageId = messageId;
        award.persist();
        if (award.status.equals("S") || award.status.equals("T")) {
            List<String> before = em.createQuery("select a.status from BenefitAward a where a.nino = ?1"
                            + " and a.benefit = ?2 and a.awardMonth = ?3", String.class)
                    .setParameter(1, award.nino).setParameter(2, award.benefit).setParameter(3, month.minusMonths(1))
                    .getResultList();
            if (before.contains("A")) {
                PersonAlert.raise(link, AgencyKind.BENEFITS, INCOME_CHANGED,
                        award.nino + "|" + award.benefit + "|" + header.awardMonth(),
                        row.benefit().title() + (award.status.equals("S") ? " suspended" : " terminated") + " in "
                                + header.awardMonth() + " (active the month before): income has changed", messageId);
            }
        }
    }
}
