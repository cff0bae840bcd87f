package org.joinedup.hub.benefits;

import java.nio.file.Path;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.BitSet;
import java.util.Objects;
import java.util.UUID;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;

import org.joinedup.connectors.benefits.BenefitsFileReader;
import org.joinedup.connectors.benefits.BenefitsFileReader.Header;
import org.joinedup.fhirmapping.FhirSystems;
import org.joinedup.hub.inbound.FileProgress;
import org.joinedup.hub.inbound.FileProgress.Counts;
import org.joinedup.hub.inbound.InboundMessageStore;
import org.joinedup.hub.identity.BulkLinker;
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
 * looks like people losing their benefits; then the month's awards are replaced by the file's. The details are
 * loaded into a stage with {@code COPY}; those of claimants the hub holds unchanged (most of a month's file) are
 * stored in one statement ({@link MonthlyAwardStage}); new claimants who match nobody are made people a few
 * thousand at a time ({@link BulkLinker}) and their awards stored the same way; the rest are linked one by one by NI
 * number (a new claimant who may be someone the hub knows, changed names or addresses). A suspended or terminated
 * award that was active the month before raises an alert. The same file id again changes nothing; an earlier
 * sequence than one applied is refused.
 */
@ApplicationScoped
public class BenefitsFileApplier {

    /** Who holds the claimant records the monthly files come from. */
    public static final String DWP = "DWP";

    static final org.joinedup.hub.alerts.AlertKind INCOME_CHANGED = org.joinedup.hub.alerts.AlertKind.INCOME_CHANGED;
    private static final int FLUSH_EVERY = 10;
    private static final int ANALYZE_EVERY = 5_000;
    private static final int NEW_CHUNK = 2_000;

    @Inject
    BulkLinker bulk;

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
        return store.applyOnce(messageId, () -> new Counts(0, 0, List.of()), () -> applyFile(messageId, file));
    }

    private Counts applyFile(long messageId, Path file) {
        Header header = BenefitsFileReader.check(file);
        org.joinedup.hub.inbound.InboxSenders.require(config.benefits().councils(), header.gss(),
                "hub.benefits.councils");
        LocalDate month = header.awardMonth().atDay(1);
        if (BenefitFile.count("fileId", header.fileId()) > 0) {
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
        try (MonthlyAwardStage stage = MonthlyAwardStage.open(em)) {
            BenefitsFileReader.read(file, row -> {
                stage.add(row);
                tracker.read();
            }, aside -> tracker.setAside(aside.lineNumber(), aside.reason()));
            stage.loaded();
            tracker.appliedLater(stage.applyUnchanged(header.gss(), month, messageId, null));
            linkNewClaimants(stage, header, month, messageId, tracker);
            BitSet remaining = stage.remaining();
            if (!remaining.isEmpty()) {
                applyOneByOne(file, remaining, header, month, messageId, tracker);
            }
            em.flush();
            stage.raiseIncomeChanges(header.awardMonth(), messageId);
        }
        BenefitFile applied = new BenefitFile();
        applied.messageId = messageId;
        applied.fileId = header.fileId();
        applied.gss = header.gss();
        applied.awardMonth = month;
        applied.sequence = header.sequence();
        applied.persist();
        return tracker.report();
    }

    /**
     * Makes a person for each new claimant who matches nobody, {@value #NEW_CHUNK} at a time, each with a case of
     * their own ({@link org.joinedup.hub.identity.BulkLinker}), and stores their awards as any known claimant's.
     * Those who may be someone the hub knows are left for the one-by-one path.
     */
    private void linkNewClaimants(MonthlyAwardStage stage, Header header, LocalDate month, long messageId,
            FileProgress.Tracker tracker) {
        int chunks = 0;
        for (List<MonthlyAwardStage.NewClaimant> chunk : stage.newClaimants(NEW_CHUNK)) {
            List<UUID> made = bulk.linkAlone(chunk.stream().map(c -> new BulkLinker.NewRecord(sourceKey(c.nino()),
                    identifiers(c.nino()), new Demographics(c.forenames(), c.surname(), c.birthDate(), c.postcode(),
                    null))).toList());
            List<String> ninos = new java.util.ArrayList<>();
            for (int i = 0; i < made.size(); i++) {
                if (made.get(i) != null) {
                    ninos.add(chunk.get(i).nino());
                }
            }
            families.newCasesForNewPeople(made.stream().filter(Objects::nonNull).toList());
            tracker.appliedLater(stage.applyUnchanged(header.gss(), month, messageId, ninos));
            if (++chunks % 10 == 0) {
                analyzeGrowingTables();
            }
        }
    }

    private static SourceKey sourceKey(String nino) {
        return new SourceKey(AgencyKind.BENEFITS, DWP, FhirSystems.NI_NUMBER, nino);
    }

    /** The DWP issues NI numbers: the one it pays benefits on is verified. */
    private static List<IdentifierRecord> identifiers(String nino) {
        return List.of(new IdentifierRecord(FhirSystems.NI_NUMBER, nino, true));
    }

    /**
     * The tables linking fills are analysed every few thousand details: in this one long transaction their
     * statistics otherwise still describe them as they were before it, and the planner would go on scanning what
     * has become large.
     */
    private void analyzeGrowingTables() {
        em.flush();
        em.unwrap(Session.class).doWork(connection -> {
            try (Statement analyze = connection.createStatement()) {
                analyze.execute("analyze person, source_record, source_record_block, person_identifier,"
                        + " family_case, case_member, benefit_award");
            }
        });
    }

    /**
     * Links the claimants of the given lines one by one (new claimants who may be someone the hub knows, changed
     * details), analysing what it fills every {@value #ANALYZE_EVERY}.
     */
    private void applyOneByOne(Path file, BitSet lines, Header header, LocalDate month, long messageId,
            FileProgress.Tracker tracker) {
        int[] done = {0};
        BenefitsFileReader.read(file, row -> {
            if (!lines.get(row.lineNumber())) {
                return;
            }
            award(row, header, month, messageId);
            tracker.appliedLater(1);
            done[0]++;
            if (done[0] % FLUSH_EVERY == 0) { // keep the persistence context small, however long the file
                em.flush();
                em.clear();
            }
            if (done[0] % ANALYZE_EVERY == 0) {
                analyzeGrowingTables();
            }
        }, alreadyReported -> { });
    }

    private void award(BenefitAwardRow row, Header header, LocalDate month, long messageId) {
        SourceLink link = people.link(sourceKey(row.niNumber().value()), identifiers(row.niNumber().value()),
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
    }
}
