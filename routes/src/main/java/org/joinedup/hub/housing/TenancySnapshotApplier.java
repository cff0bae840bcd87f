package org.joinedup.hub.housing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;

import org.joinedup.connectors.housing.TenancyExtractReader;
import org.joinedup.connectors.housing.TenancyExtractReader.Snapshot;
import org.joinedup.fhirmapping.FhirSystems;
import org.joinedup.hub.alerts.PersonAlert;
import org.joinedup.hub.budget.Contribution;
import org.joinedup.hub.cases.Families;
import org.joinedup.hub.budget.ContributionBook;
import org.joinedup.hub.budget.FundingBody;
import org.joinedup.hub.inbound.FileProgress;
import org.joinedup.hub.inbound.FileProgress.Counts;
import org.joinedup.hub.inbound.InboundMessageStore;
import org.joinedup.hub.identity.SourceKey;
import org.joinedup.hub.identity.SourceLink;
import org.joinedup.hub.people.Person;
import org.joinedup.hub.platform.HubConfig;
import org.joinedup.hub.people.PersonDirectory;
import org.joinedup.hub.people.PersonDirectory.Demographics;
import org.joinedup.model.AgencyKind;
import org.joinedup.model.ContributionStatus;
import org.joinedup.model.IdentifierRecord;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.TenancyRow;

/**
 * Applies a housing provider's nightly snapshot in one transaction, exactly once per file: each good row links a
 * person (provider's person reference, NHS or NI number) to the tenancy; a lead row's DFG award becomes a housing
 * contribution (the same award reference is always the same contribution); arrears above the threshold and a
 * temporary placement raise alerts (and close them when they clear); a tenancy missing from the snapshot has ended.
 * Bad rows are set aside with line number and reason; a snapshot older than one already applied is refused.
 */
@ApplicationScoped
public class TenancySnapshotApplier {

    static final org.joinedup.hub.alerts.AlertKind ARREARS = org.joinedup.hub.alerts.AlertKind.RENT_ARREARS;
    static final org.joinedup.hub.alerts.AlertKind TEMPORARY = org.joinedup.hub.alerts.AlertKind.TEMPORARY_ACCOMMODATION;

    @Inject
    InboundMessageStore store;

    @Inject
    FileProgress progress;

    @Inject
    PersonDirectory people;

    @Inject
    ContributionBook contributions;

    @Inject
    EntityManager em;

    @Inject
    Families families;

    @Inject
    HubConfig config;

    @Transactional
    // a whole file is applied in one transaction (all or nothing), which takes longer than the default 60 s for big
    // files; the timeout (seconds) is configuration
    @TransactionConfiguration(timeout = 3600, timeoutFromConfigProperty = "hub.housing.apply-timeout")
    public Counts apply(long messageId, Snapshot snapshot, Path file) {
        return store.applyOnce(messageId, () -> new Counts(0, 0, List.of()),
                () -> applySnapshot(messageId, snapshot, file));
    }

    private Counts applySnapshot(long messageId, Snapshot snapshot, Path file) {
        org.joinedup.hub.inbound.InboxSenders.require(config.housing().providers(), snapshot.provider(),
                "hub.housing.providers");
        LocalDate tomorrow = LocalDate.now(java.time.ZoneId.of("Europe/London")).plusDays(1);
        if (snapshot.extractDate().isAfter(tomorrow)) {
            // taken, it would stop every real night's snapshot until that date as "older than the one applied"
            throw new InvalidMessageException("file name", "the extract date " + snapshot.extractDate()
                    + " is in the future; a snapshot is of a night that has passed");
        }
        LocalDate latest = em.createQuery("select max(t.lastFileDate) from Tenancy t where t.provider = ?1",
                LocalDate.class).setParameter(1, snapshot.provider()).getSingleResult();
        if (latest != null && snapshot.extractDate().isBefore(latest)) {
            throw new InvalidMessageException("file name", "this snapshot of " + snapshot.extractDate()
                    + " is older than the one of " + latest + " already applied for " + snapshot.provider());
        }
        FundingBody provider = FundingBody.findOrRegister(AgencyKind.HOUSING, snapshot.provider(), null);
        FileProgress.Tracker counter = progress.tracker(messageId);
        java.util.Set<Person> touched = new java.util.LinkedHashSet<>();
        java.util.Set<String> setAsideTenancies = new java.util.HashSet<>();
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
            TenancyExtractReader.read(in, row -> {
                String tooMuch = newAwardAboveCeiling(row, snapshot, provider);
                if (tooMuch != null) {
                    counter.setAside(row.lineNumber(), "dfg_award_pence: " + tooMuch);
                    setAsideTenancies.add(row.tenancyRef());
                    return;
                }
                touched.add(applyRow(row, snapshot, provider, messageId));
                counter.applied();
            }, aside -> {
                counter.setAside(aside.lineNumber(), aside.reason());
                if (aside.tenancyRef() != null) {
                    setAsideTenancies.add(aside.tenancyRef());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // a tenancy whose row was set aside is still in the snapshot: not ended, whatever the row's fault
        List<String> stillThere = new ArrayList<>(setAsideTenancies);
        for (int from = 0; from < stillThere.size(); from += 1_000) {
            em.createQuery("update Tenancy t set t.lastFileDate = ?1 where t.provider = ?2 and t.tenancyRef in ?3"
                            + " and t.lastFileDate < ?1")
                    .setParameter(1, snapshot.extractDate()).setParameter(2, snapshot.provider())
                    .setParameter(3, stillThere.subList(from, Math.min(stillThere.size(), from + 1_000)))
                    .executeUpdate();
        }
        em.createQuery("update Tenancy t set t.endedOn = ?1 where t.provider = ?2 and t.lastFileDate < ?1"
                        + " and t.endedOn is null")
                .setParameter(1, snapshot.extractDate()).setParameter(2, snapshot.provider()).executeUpdate();
        Counts counts = counter.report();
        touched.forEach(families::regroup);
        return counts;
    }

    private Person applyRow(TenancyRow row, Snapshot snapshot, FundingBody provider, long messageId) {
        Tenancy tenancy = Tenancy.<Tenancy>find("provider = ?1 and tenancyRef = ?2", snapshot.provider(),
                row.tenancyRef()).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional().orElse(null);
        if (tenancy == null) {
            tenancy = new Tenancy();
            tenancy.id = UUID.randomUUID();
            tenancy.provider = snapshot.provider();
            tenancy.tenancyRef = row.tenancyRef();
        }
        tenancy.uprn = row.uprn() != null ? row.uprn() : tenancy.uprn;
        tenancy.address = row.address() != null ? row.address() : tenancy.address;
        tenancy.postcode = row.postcode() != null ? row.postcode() : tenancy.postcode;
        tenancy.tenure = row.tenure() != null ? row.tenure() : tenancy.tenure;
        tenancy.startDate = row.startDate() != null ? row.startDate() : tenancy.startDate;
        if (row.isLead()) {
            tenancy.arrearsPence = row.arrearsPence();
            tenancy.adaptationNeed = row.adaptationNeed();
        }
        tenancy.endedOn = null;
        tenancy.lastFileDate = snapshot.extractDate();
        tenancy.lastMessageId = messageId;
        tenancy.persist();

        SourceLink link = person(row, snapshot);
        Person person = link.person();
        TenancyMember member = em.find(TenancyMember.class, key(tenancy.id, row.personRef()));
        if (member == null) {
            member = new TenancyMember();
            member.tenancyId = tenancy.id;
            member.personRef = row.personRef();
        }
        member.person = person;
        member.sourceRecordId = link.sourceRecordId();
        member.role = row.role();
        member.persist();

        String cause = snapshot.provider() + "|" + row.tenancyRef();
        if ("TEMPORARY".equals(tenancy.tenure)) {
            PersonAlert.raise(link, AgencyKind.HOUSING, TEMPORARY, cause, "in temporary accommodation ("
                    + snapshot.provider() + " tenancy " + row.tenancyRef() + ")", messageId);
        } else {
            PersonAlert.close(person, TEMPORARY, cause);
        }
        if (row.isLead()) {
            if (row.arrearsPence() > config.housing().arrearsAlertPence()) {
                PersonAlert.raise(link, AgencyKind.HOUSING, ARREARS, cause, "rent arrears of "
                        + new org.joinedup.model.Pence(row.arrearsPence()) + " on tenancy " + row.tenancyRef(),
                        messageId);
            } else {
                PersonAlert.close(person, ARREARS, cause);
            }
            if (row.dfgAwardRef() != null) {
                dfgAward(row, snapshot, provider, link, messageId);
            }
        }
        return person;
    }

    private SourceLink person(TenancyRow row, Snapshot snapshot) {
        List<IdentifierRecord> identifiers = new ArrayList<>();
        if (row.nhsNumber() != null) {
            identifiers.add(new IdentifierRecord(FhirSystems.NHS_NUMBER, row.nhsNumber().value(), false));
        }
        if (row.niNumber() != null) {
            identifiers.add(new IdentifierRecord(FhirSystems.NI_NUMBER, row.niNumber().value(), false));
        }
        String postcode = row.postcode() == null || row.postcode().length() < 5 ? row.postcode()
                : row.postcode().substring(0, row.postcode().length() - 3) + " "
                        + row.postcode().substring(row.postcode().length() - 3);
        SourceKey key = new SourceKey(AgencyKind.HOUSING, snapshot.provider(),
                FhirSystems.HOUSING_PERSON_PREFIX + snapshot.provider(), row.personRef());
        return people.link(key, identifiers, new Demographics(row.forename(), row.surname(), row.dateOfBirth(),
                postcode, row.uprn()));
    }

    /** Why the row's DFG award, new to the hub, may not be recorded (above the stream's ceiling), or null. */
    private String newAwardAboveCeiling(TenancyRow row, Snapshot snapshot, FundingBody provider) {
        if (!row.isLead() || row.dfgAwardRef() == null) {
            return null;
        }
        // the amount first: only an award above the ceiling needs looking up (one already recorded stands)
        return contributions.contributionRefusal(AgencyKind.HOUSING, row.dfgAward())
                .filter(tooMuch -> contributions.find(provider, FhirSystems.DFG_AWARD_PREFIX + snapshot.provider(),
                        row.dfgAwardRef()) == null)
                .orElse(null);
    }

    private void dfgAward(TenancyRow row, Snapshot snapshot, FundingBody provider, SourceLink link, long messageId) {
        String system = FhirSystems.DFG_AWARD_PREFIX + snapshot.provider();
        Contribution existing = contributions.find(provider, system, row.dfgAwardRef());
        LocalDate awarded = row.dfgAwardDate() != null ? row.dfgAwardDate() : snapshot.extractDate();
        if (existing != null) {
            return; // the same award seen again on a later night is the same award
        }
        // the works a grant pays for are to be done within twelve months of its approval (Housing Grants,
        // Construction and Regeneration Act 1996, s. 37): the grant's money pays for that long
        contributions.record(null, provider, AgencyKind.HOUSING, link, system, row.dfgAwardRef(),
                new ContributionBook.Terms("dfg", ContributionStatus.ACTIVE, row.dfgAward(), awarded,
                        dfgPeriodEnd(awarded), null),
                null, messageId, "housing file " + snapshot.provider() + " " + snapshot.extractDate());
    }

    /** The last day a grant approved on {@code awarded} pays for works: twelve months on, less a day. */
    static LocalDate dfgPeriodEnd(LocalDate awarded) {
        return awarded.plusMonths(12).minusDays(1);
    }

    private static TenancyMember.Key key(UUID tenancyId, String personRef) {
        TenancyMember.Key key = new TenancyMember.Key();
        key.tenancyId = tenancyId;
        key.personRef = personRef;
        return key;
    }
}
