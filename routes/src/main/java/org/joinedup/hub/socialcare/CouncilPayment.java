package org.joinedup.hub.socialcare;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import org.joinedup.hub.budget.Contribution;
import org.joinedup.hub.budget.FundingBody;
import org.joinedup.hub.people.Person;

/**
 * A payment a council made out of a person's budget ({@code PAYMENT_MADE}), drawn from one of its allocations; kept
 * exactly as the council reported it, once per payment id.
 */
@Entity
@Table(name = "council_payment")
public class CouncilPayment extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "council_id")
    public FundingBody council;

    @Column(name = "payment_id")
    public String paymentId;

    @Column(name = "allocation_id")
    public String allocationId;

    /** The council contribution the allocation became, when the hub has it (null while the allocation is unknown). */
    @ManyToOne
    @JoinColumn(name = "contribution_id")
    public Contribution contribution;

    @ManyToOne(optional = false)
    @JoinColumn(name = "person_id")
    public Person person;

    /** The source record (agency's record) that brought this; it follows that record if the person is split. */
    @Column(name = "source_record_id")
    public UUID sourceRecordId;

    @Column(name = "amount_pence")
    public long amountPence;

    @Column(name = "paid_on")
    public LocalDate paidOn;

    public String payee;

    public String category;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    @Column(name = "message_id")
    public long messageId;

    /** POSTED to the ledger, or REFUSED (with the reason) when it could not be. */
    public String status;

    public String refusal;
}
