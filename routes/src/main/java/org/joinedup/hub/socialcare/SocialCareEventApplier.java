package org.joinedup.hub.socialcare;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.joinedup.connectors.socialcare.SocialCareEventReader;
import org.joinedup.fhirmapping.FhirSystems;
import org.joinedup.hub.budget.Contribution;
import org.joinedup.hub.cases.Families;
import org.joinedup.hub.budget.ContributionBook;
import org.joinedup.hub.budget.FundingBody;
import org.joinedup.hub.inbound.InboundMessage;
import org.joinedup.hub.inbound.InboundMessageStore;
import org.joinedup.hub.inbound.MissingDependencyException;
import org.joinedup.hub.inbound.QueueBatches;
import org.joinedup.hub.people.HouseholdLink;
import org.joinedup.hub.alerts.PersonAlert;
import org.joinedup.hub.budget.PooledBudgetLedger;
import org.joinedup.hub.identity.BulkLinker;
import org.joinedup.hub.identity.SourceKey;
import org.joinedup.hub.identity.SourceLink;
import org.joinedup.hub.people.Person;
import org.joinedup.hub.people.PersonDirectory;
import org.joinedup.hub.people.PersonDirectory.Demographics;
import org.joinedup.model.AgencyKind;
import org.joinedup.model.ContributionStatus;
import org.joinedup.model.IdentifierRecord;
import org.joinedup.model.SocialCareEvent;
import org.joinedup.model.ledger.LedgerRefusal;
import org.joinedup.model.SocialCareEvent.Client;

/**
 * Applies a council event that the message store accepted, exactly once, in one transaction: the client becomes
 * (or is linked to) a hub person, with the household links the council states; an allocation becomes a council
 * contribution from that department; a service is recorded with its weekly cost; a payment is recorded against the
 * allocation it draws on. Events about one thing may arrive out of order: an older event never overwrites what a
 * newer one said.
 */
@ApplicationScoped
public class SocialCareEventApplier {

    @Inject
    InboundMessageStore store;

    @Inject
    EntityManager em;

    @Inject
    PersonDirectory people;

    @Inject
    ContributionBook contributions;

    @Inject
    Families families;

    @Inject
    BulkLinker bulk;

    @Inject
    PooledBudgetLedger ledger;

    private final SocialCareEventReader reader = new SocialCareEventReader();

    @Transactional
    public void apply(long messageId) {
        store.applyOnce(messageId, () -> applyEvent(messageId, true));
    }

    /**
     * Applies the stored event; {@code ownDetails} false when newer details of its client were applied before it (a
     * payment that waited in its batch for its allocation): its client is then found by client id alone.
     */
    private void applyEvent(long messageId, boolean ownDetails) {
        InboundMessage message = em.find(InboundMessage.class, messageId);
        SocialCareEvent event = reader.read(message.payload);
        FundingBody council = FundingBody.findOrRegister(AgencyKind.SOCIAL_CARE, event.council(), null);
        SourceLink link = ownDetails ? person(event) : people.link(clientKey(event.council(),
                event.client().clientId()), List.of(), new Demographics(null, null, null, null, null));
        Person person = link.person();
        switch (event.type()) {
            case ALLOCATION_CONFIRMED -> allocation(event, council, link, messageId, message.sender);
            case SERVICE_STARTED, SERVICE_ENDED -> service(event, council, link, messageId);
            case CLIENT_UPDATED -> household(event, link, messageId);
            case PAYMENT_MADE -> payment(event, council, link, messageId);
            default -> { }
        }
        if (event.type() == SocialCareEvent.Type.CLIENT_UPDATED) {
            families.regroup(person); // the household it states may join families
        } else {
            families.ensureCase(person); // nothing about who lives with whom: their case as it is
        }
    }


    /**
     * A batch of stored events applied one by one in the caller's transaction, with, first:
     * <ul>
     * <li>a person for each client the events name, with their details, whom the hub has never seen and who matches
     * nobody, made for all of them in a few statements ({@link BulkLinker}, as a benefits file's new claimants are);
     * each event then finds its client known. A client who may be someone the hub knows, or whose identifiers had
     * problems, is left for the event's own link, as is an event that cannot be read (its own apply says why), and so
     * is a new client sharing a blocking key with a client of the batch the hub knows (whose event may change the
     * details it would be compared with);</li>
     * <li>events in the order they were stored, so a client's later details win over earlier ones, except a payment
     * sent before its allocation in the same batch, which goes right after that allocation; a payment
     * whose allocation is neither in the hub nor in the batch waits for it ({@code WAITING}, as one applied alone
     * would; parked last) without failing the batch, and is applied when it comes.</li>
     * </ul>
     * Events already applied or rejected are skipped.
     */
    @Transactional(TxType.MANDATORY)
    public void applyBatch(List<Long> messageIds) {
        List<BulkLinker.NewRecord> records = new ArrayList<>();
        List<BulkLinker.NewRecord> withProblems = new ArrayList<>();
        Set<SourceKey> named = new HashSet<>();
        // the batch's messages locked first, in id order: after a restart one message may be queued twice, in two
        // batches at once, and two batches each holding a message the other wants, or a linking key, deadlock
        List<?> rows = em.createNativeQuery("select id, payload, status from inbound_message where id in (?1)"
                + " order by id for no key update").setParameter(1, messageIds).getResultList();
        java.util.Map<Long, SocialCareEvent> open = new java.util.LinkedHashMap<>(); // id order; null: unreadable
        Set<String> allocatedInBatch = new HashSet<>();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            long id = ((Number) columns[0]).longValue();
            if (!"RECEIVED".equals(columns[2]) && !"WAITING".equals(columns[2])) {
                continue;
            }
            SocialCareEvent event;
            try {
                event = reader.read((String) columns[1]);
            } catch (RuntimeException unreadable) {
                open.put(id, null); // its own apply says why
                continue;
            }
            open.put(id, event);
            if (event.type() == SocialCareEvent.Type.ALLOCATION_CONFIRMED) {
                allocatedInBatch.add(allocationKey(event.council(), event.allocation().allocationId()));
            }
            Client client = event.client();
            SourceKey key = clientKey(event.council(), client.clientId());
            if (client.surname() == null || client.dateOfBirth() == null) {
                continue; // nothing to match on: the event's own link (a household member named only by id, say)
            }
            BulkLinker.NewRecord record = new BulkLinker.NewRecord(key, identifiers(client), details(client));
            if (!client.identifierProblems().isEmpty()) {
                withProblems.add(record); // its link keeps the problems; those like it wait for that link
            } else if (named.add(key)) {
                records.add(record);
            }
        }
        bulk.linkAlone(records, withProblems); // first: the linking locks before any other
        // in the order sent, so a client's later details win, except a payment sent before its allocation in the
        // batch, which goes right after that allocation; if anything about its client was sent between the two, the
        // payment's own (older) client details are not applied over it
        List<Long> inOrder = new ArrayList<>(open.size());
        java.util.Map<String, List<Long>> afterAllocation = new java.util.HashMap<>();
        java.util.Map<SourceKey, List<Long>> deferredByClient = new java.util.HashMap<>();
        Set<Long> olderDetails = new HashSet<>();
        java.util.Map<Long, SocialCareEvent> unallocated = new java.util.LinkedHashMap<>();
        Set<String> allocatedSoFar = new HashSet<>();
        open.forEach((id, event) -> {
            if (event == null || event.type() != SocialCareEvent.Type.PAYMENT_MADE || event.payment() == null) {
                inOrder.add(id);
                if (event != null) {
                    olderDetails.addAll(deferredByClient.getOrDefault(clientKey(event.council(),
                            event.client().clientId()), List.of()));
                }
                if (event != null && event.type() == SocialCareEvent.Type.ALLOCATION_CONFIRMED) {
                    String allocation = allocationKey(event.council(), event.allocation().allocationId());
                    if (allocatedSoFar.add(allocation)) {
                        inOrder.addAll(afterAllocation.getOrDefault(allocation, List.of()));
                    }
                }
                return;
            }
            String allocation = allocationKey(event.council(), event.payment().allocationId());
            if (allocatedSoFar.contains(allocation) || allocationHeld(event.council(), event.payment().allocationId())) {
                inOrder.add(id);
                olderDetails.addAll(deferredByClient.getOrDefault(clientKey(event.council(),
                        event.client().clientId()), List.of()));
            } else if (allocatedInBatch.contains(allocation)) {
                afterAllocation.computeIfAbsent(allocation, a -> new ArrayList<>()).add(id);
                deferredByClient.computeIfAbsent(clientKey(event.council(), event.client().clientId()),
                        k -> new ArrayList<>()).add(id);
            } else {
                unallocated.put(id, event);
            }
        });
        for (Long id : messageIds) {
            if (!open.containsKey(id)) {
                inOrder.add(id); // applied or rejected already: its apply recognises it (or says it is not stored)
            }
        }
        QueueBatches.applyEach(em, inOrder, id -> store.applyOnce(id, () -> applyEvent(id,
                !olderDetails.contains(id))));
        // last, as the lock on what they wait for is taken by the allocation's own apply in the middle of its batch
        unallocated.forEach((id, event) -> {
            SocialCareEvent.Payment payment = event.payment();
            if (store.park(id, allocationArrived(event.council(), payment.allocationId()), waiting(payment))) {
                apply(id); // it came meanwhile
            }
        });
    }

    private static String allocationKey(String council, String allocationId) {
        return council + "|" + allocationId;
    }

    /** Whether the hub holds this council's allocation (a payment on it can be applied). */
    private boolean allocationHeld(String council, String allocationId) {
        return ((Number) em.createNativeQuery("select count(*) from contribution c join organisation f on f.id ="
                + " c.funding_body_id where f.agency = 'SOCIAL_CARE' and f.code = ?1 and c.source_system = ?2"
                + " and c.source_value = ?3").setParameter(1, council)
                .setParameter(2, FhirSystems.COUNCIL_ALLOCATION_PREFIX + council).setParameter(3, allocationId)
                .getSingleResult()).longValue() > 0;
    }

    private SourceLink person(SocialCareEvent event) {
        Client client = event.client();
        return people.link(clientKey(event.council(), client.clientId()), identifiers(client), details(client),
                client.identifierProblems());
    }

    /** A council's NHS and NI numbers are as it typed them: unverified. */
    private static List<IdentifierRecord> identifiers(Client client) {
        List<IdentifierRecord> identifiers = new ArrayList<>();
        if (client.nhsNumber() != null) {
            identifiers.add(new IdentifierRecord(FhirSystems.NHS_NUMBER, client.nhsNumber().value(), false));
        }
        if (client.niNumber() != null) {
            identifiers.add(new IdentifierRecord(FhirSystems.NI_NUMBER, client.niNumber().value(), false));
        }
        return identifiers;
    }

    private static Demographics details(Client client) {
        return new Demographics(client.forename(), client.surname(), client.dateOfBirth(), client.postcode(), null);
    }

    /** The council's household list: each member is a person known by their council client id. */
    private void household(SocialCareEvent event, SourceLink link, long messageId) {
        Person person = link.person();
        for (SocialCareEvent.HouseholdMember member : event.household()) {
            Person related = people.link(clientKey(event.council(), member.clientId()), List.of(),
                    new Demographics(null, null, null, null, null)).person();
            if (!related.id.equals(person.id)) {
                HouseholdLink.state(person, related, member.relationship(), "council:" + event.council(), messageId,
                        link.sourceRecordId());
            }
        }
    }

    /** A council knows a person by its client id. */
    private static SourceKey clientKey(String council, String clientId) {
        return new SourceKey(AgencyKind.SOCIAL_CARE, council, FhirSystems.COUNCIL_CLIENT_PREFIX + council, clientId);
    }

    private void allocation(SocialCareEvent event, FundingBody council, SourceLink link, long messageId,
            String caller) {
        SocialCareEvent.Allocation allocation = event.allocation();
        String system = FhirSystems.COUNCIL_ALLOCATION_PREFIX + event.council();
        contributions.requireWithinCeiling(AgencyKind.SOCIAL_CARE, allocation.annualAmount(),
                "allocation.annualAmountPence");
        Contribution existing = contributions.find(council, system, allocation.allocationId());
        contributions.record(existing, council, AgencyKind.SOCIAL_CARE, link, system, allocation.allocationId(),
                new ContributionBook.Terms(allocation.department(), ContributionStatus.ACTIVE,
                        allocation.annualAmount(), allocation.periodStart(), allocation.periodEnd(), null),
                event.occurredAt(), messageId, caller);
        store.dependencyMet(allocationArrived(event.council(), allocation.allocationId()), messageId);
    }

    /** What a payment on an allocation the hub has not got waits for. */
    private static String allocationArrived(String council, String allocationId) {
        return "social-care-allocation:" + council + ":" + allocationId;
    }

    private static String waiting(SocialCareEvent.Payment payment) {
        return "payment " + payment.paymentId() + " draws on allocation " + payment.allocationId() + ", which the hub"
                + " has not received yet: it waits for it";
    }

    /** A payment is recorded once per payment id, against the allocation's contribution when the hub has it. */
    private void payment(SocialCareEvent event, FundingBody council, SourceLink link, long messageId) {
        SocialCareEvent.Payment news = event.payment();
        if (CouncilPayment.count("council = ?1 and paymentId = ?2", council, news.paymentId()) > 0) {
            return; // the same payment reported again (a new eventId for it) changes nothing
        }
        CouncilPayment payment = new CouncilPayment();
        payment.id = UUID.randomUUID();
        payment.council = council;
        payment.paymentId = news.paymentId();
        payment.allocationId = news.allocationId();
        payment.contribution = contributions.find(council, FhirSystems.COUNCIL_ALLOCATION_PREFIX + event.council(),
                news.allocationId());
        payment.person = link.person();
        payment.sourceRecordId = link.sourceRecordId();
        payment.amountPence = news.amount().value();
        payment.paidOn = news.paidOn();
        payment.payee = news.payee();
        payment.category = news.category();
        payment.occurredAt = event.occurredAt();
        payment.messageId = messageId;
        payment.status = "POSTED";
        if (payment.contribution == null) {
            // events are applied by several consumers and may overtake each other (or the council sent the payment
            // first): it waits for its allocation and is applied when that arrives
            throw new MissingDependencyException(allocationArrived(event.council(), news.allocationId()),
                    waiting(news));
        }
        try {
            ledger.pay(payment.contribution.id, payment.amountPence, news.category(), false,
                    event.council() + ":" + news.paymentId(),
                    new PooledBudgetLedger.Cause("council " + event.council(), "payment " + news.paymentId() + " to "
                            + news.payee() + " for " + news.category(), messageId).on(news.paidOn()));
        } catch (LedgerRefusal refused) {
            payment.status = "REFUSED";
            payment.refusal = refused.getMessage();
            PersonAlert.raise(link, AgencyKind.SOCIAL_CARE, org.joinedup.hub.alerts.AlertKind.PAYMENT_REFUSED, event.council() + ":"
                    + news.paymentId(), "payment " + news.paymentId() + " of " + news.amount() + " to " + news.payee()
                    + " refused: " + refused.getMessage(), messageId);
        }
        payment.persist();
    }

    private void service(SocialCareEvent event, FundingBody council, SourceLink link, long messageId) {
        SocialCareEvent.Service news = event.service();
        CareService service = CareService.<CareService>find("council = ?1 and serviceId = ?2", council,
                news.serviceId()).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional().orElse(null);
        if (service == null) {
            service = new CareService();
            service.id = UUID.randomUUID();
            service.council = council;
            service.serviceId = news.serviceId();
            service.person = link.person();
            service.sourceRecordId = link.sourceRecordId();
        }
        if (event.type() == SocialCareEvent.Type.SERVICE_STARTED
                && (service.startedOccurredAt == null || !event.occurredAt().isBefore(service.startedOccurredAt))) {
            service.kind = news.kind();
            service.provider = news.provider();
            service.weeklyCostPence = news.weeklyCostPence();
            service.startDate = news.startDate();
            service.startedOccurredAt = event.occurredAt();
        } else if (event.type() == SocialCareEvent.Type.SERVICE_ENDED
                && (service.endedOccurredAt == null || !event.occurredAt().isBefore(service.endedOccurredAt))) {
            service.endDate = news.endDate();
            service.endedOccurredAt = event.occurredAt();
        }
        service.lastMessageId = messageId;
        service.persistAndFlush();
    }
}
