package org.joinedup.hub.plan;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A payment against an approved plan line, with the ledger posting that drew it from the line's commitment. */
@Entity
@Table(name = "plan_payment")
public class PlanPayment extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "line_id")
    public PlanLine line;

    public String reference;

    @Column(name = "amount_pence")
    public long amountPence;

    @Column(name = "paid_on")
    public LocalDate paidOn;

    /** The financial year of the line's money this counts against (a refund: that of the payment it returns). */
    @Column(name = "money_year")
    public int moneyYear;

    @Column(name = "posting_id")
    public long postingId;

    @Column(name = "paid_by")
    public String paidBy;

    /** PAYMENT, or REFUND (money that came back; its amount is negative). */
    public String kind = "PAYMENT";

    /** Why a refund came back. */
    public String reason;

    /** For a refund: the payment it returns (part of). */
    @ManyToOne
    @JoinColumn(name = "refund_of")
    public PlanPayment refundOf;
}
