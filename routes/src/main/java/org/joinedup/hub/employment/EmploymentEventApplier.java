package org.joinedup.hub.employment;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.joinedup.connectors.employment.EmploymentEventReader;
import org.joinedup.fhirmapping.FhirSystems;
import org.joinedup.hub.alerts.AlertKind;
import org.joinedup.hub.budget.AmountCeilings;
import org.joinedup.hub.alerts.PersonAlert;
import org.joinedup.hub.budget.Contribution;
import org.joinedup.hub.cases.Families;
import org.joinedup.hub.budget.ContributionBook;
import org.joinedup.hub.budget.FundingBody;
import org.joinedup.hub.inbound.InboundMessageStore;
import org.joinedup.hub.identity.BulkLinker;
import org.joinedup.hub.identity.SourceKey;
import org.joinedup.hub.identity.SourceLink;
import org.joinedup.hub.people.Person;
import org.joinedup.hub.people.PersonDirectory;
import org.joinedup.hub.people.PersonDirectory.Demographics;
import org.joinedup.model.AgencyKind;
import org.joinedup.model.ContributionStatus;
import org.joinedup.model.EmploymentEvent;
import org.joinedup.model.EmploymentEvent.Claimant;
import org.joinedup.model.IdentifierRecord;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.Pence;

/**
 * Applies an employment event exactly once, so that out-of-order and repeated delivery end as in-order single
 * delivery: an award becomes an employment contribution (restricted to getting into or staying in work), a
 * withdrawal withdraws it (and, arriving first, holds its place until the award turns up); starting or leaving work
 * is an alert for the coordinator.
 */
@ApplicationScoped
public class EmploymentEventApplier {

    static final String DWP = "DWP";
    /** Who holds the claimant records employment events come from (for identity, apart from DWP's benefit files). */
    private static final String EMPLOYMENT_SERVICES = "DWP-EMPLOYMENT";
    static final String AWARD_SYSTEM = FhirSystems.HUB_BASE + "/Id/employment-award";

    @Inject
    InboundMessageStore store;

    @Inject
    PersonDirectory people;

    @Inject
    ContributionBook contributions;

    @Inject
    Families families;

    @Inject
    AmountCeilings ceilings;

    @Inject
    BulkLinker bulk;

    private final EmploymentEventReader reader = new EmploymentEventReader();

    @Transactional
    public void apply(String json, long messageId) {
        apply(reader.read(json), messageId);
    }

    /** Applies the event as the reader read it (and {@link #refuseAboveCeiling} checked it). */
    @Transactional
    public void apply(EmploymentEvent event, long messageId) {
        store.applyOnce(messageId, () -> applyEvent(event, messageId));
    }

    /** An award above its funding stream's ceiling is a bad event, refused before it is applied like any other. */
    public void refuseAboveCeiling(EmploymentEvent event) {
        if (event != null && event.award() != null && event.award().amount() != null) {
            ceilings.contributionRefusal(AgencyKind.EMPLOYMENT, event.award().amount()).ifPresent(why -> {
                throw new InvalidMessageException("award.amountPence", why);
            });
        }
    }

    private void applyEvent(EmploymentEvent event, long messageId) {
        SourceLink link = person(event);
        Person person = link.person();
        switch (event.type()) {
            case SUPPORT_AWARDED -> awarded(event, link, messageId);
            case SUPPORT_WITHDRAWN -> withdrawn(event, link, messageId);
            case EMPLOYMENT_STARTED -> PersonAlert.raise(link, AgencyKind.EMPLOYMENT, AlertKind.STARTED_WORK,
                    "started:" + event.employment().employer() + ":" + event.employment().startDate(),
                    "started work at " + event.employment().employer() + " on " + event.employment().startDate(),
                    messageId);
            case EMPLOYMENT_ENDED -> PersonAlert.raise(link, AgencyKind.EMPLOYMENT, AlertKind.LEFT_WORK,
                    "ended:" + event.employment().employer() + ":" + event.employment().endDate(),
                    "left work at " + event.employment().employer() + " on " + event.employment().endDate(),
                    messageId);
            case REFERRAL_CREATED -> { }
        }
        families.ensureCase(person);
    }

    private void awarded(EmploymentEvent event, SourceLink link, long messageId) {
        FundingBody dwp = dwp();
        EmploymentEvent.Award award = event.award();
        Contribution existing = contributions.find(dwp, AWARD_SYSTEM, award.awardId());
        ContributionStatus status = ContributionStatus.ACTIVE;
        var occurredAt = event.occurredAt();
        if (existing != null && existing.status == ContributionStatus.WITHDRAWN && existing.sourceOccurredAt != null
                && occurredAt.isBefore(existing.sourceOccurredAt)) {
            // the withdrawal came first: the award fills in what was withdrawn, as if it had come in order
            status = ContributionStatus.WITHDRAWN;
            occurredAt = existing.sourceOccurredAt;
        }
        contributions.record(existing, dwp, AgencyKind.EMPLOYMENT, link, AWARD_SYSTEM, award.awardId(),
                new ContributionBook.Terms("employment-support:" + award.purpose().toLowerCase(Locale.UK), status,
                        award.amount(), award.validFrom(), award.validTo(), null),
                occurredAt, messageId, "employment services " + event.office());
    }

    private void withdrawn(EmploymentEvent event, SourceLink link, long messageId) {
        FundingBody dwp = dwp();
        String awardId = event.award().awardId();
        Contribution existing = contributions.find(dwp, AWARD_SYSTEM, awardId);
        ContributionBook.Terms terms = existing != null
                ? new ContributionBook.Terms(existing.type, ContributionStatus.WITHDRAWN, new Pence(existing.amountPence),
                        existing.periodStart, existing.periodEnd, existing.carePlanTitle)
                : new ContributionBook.Terms("employment-support", ContributionStatus.WITHDRAWN, Pence.ZERO,
                        day(event), day(event), null);
        contributions.record(existing, dwp, AgencyKind.EMPLOYMENT, link, AWARD_SYSTEM, awardId, terms,
                event.occurredAt(), messageId, "employment services " + event.office());
    }

    private static LocalDate day(EmploymentEvent event) {
        return LocalDate.ofInstant(event.occurredAt(), ZoneOffset.UTC);
    }

    private static FundingBody dwp() {
        return FundingBody.findOrRegister(AgencyKind.EMPLOYMENT, DWP, "Department for Work and Pensions (Jobcentre Plus)");
    }

    /**
     * Links by NI number when it is valid. Without one, the event itself is employment services' record of the
     * claimant (keyed by its message id, so a redelivery is the same record), and identity matching decides who it
     * is: two claimants who share a name and birth date are not thereby one person.
     */
    private SourceLink person(EmploymentEvent event) {
        BulkLinker.NewRecord record = record(event);
        return people.link(record.key(), record.identifiers(), record.details(), event.person().identifierProblems());
    }

    private static BulkLinker.NewRecord record(EmploymentEvent event) {
        Claimant claimant = event.person();
        List<IdentifierRecord> identifiers = new ArrayList<>();
        SourceKey key;
        if (claimant.nino() != null) {
            // the DWP issues NI numbers: the one its Jobcentre holds is verified
            identifiers.add(new IdentifierRecord(FhirSystems.NI_NUMBER, claimant.nino().value(), true));
            key = new SourceKey(AgencyKind.EMPLOYMENT, EMPLOYMENT_SERVICES, FhirSystems.NI_NUMBER,
                    claimant.nino().value());
        } else {
            key = new SourceKey(AgencyKind.EMPLOYMENT, EMPLOYMENT_SERVICES, FhirSystems.EMPLOYMENT_EVENT,
                    event.messageId());
        }
        return new BulkLinker.NewRecord(key, identifiers, new Demographics(claimant.forename(), claimant.surname(),
                claimant.dateOfBirth(), claimant.postcode(), null));
    }

    /**
     * Before a batch of events is applied one by one, in its transaction: the blocking keys of every claimant the
     * hub has not seen yet are locked together ({@link BulkLinker#lockAhead}), so two batches linking claimant after
     * claimant never each hold a key the other waits for.
     */
    @Transactional(TxType.MANDATORY)
    public void lockAhead(List<EmploymentEvent> events) {
        bulk.lockAhead(events.stream().map(EmploymentEventApplier::record).toList());
    }
}
