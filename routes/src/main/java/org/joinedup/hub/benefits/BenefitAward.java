package org.joinedup.hub.benefits;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import org.joinedup.hub.people.Person;

/** A benefit a person receives in a month, as the latest file for that month says. Income, not a contribution. */
@Entity
@Table(name = "benefit_award")
public class BenefitAward extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "person_id")
    public Person person;

    /** The source record (agency's record) that brought this; it follows that record if the person is split. */
    @Column(name = "source_record_id")
    public java.util.UUID sourceRecordId;

    public String gss;

    @Column(name = "award_month")
    public LocalDate awardMonth;

    public String nino;

    public String benefit;

    /** A active, S suspended, T terminated. */
    public String status;

    @Column(name = "weekly_pence")
    public long weeklyPence;

    @Column(name = "award_start")
    public LocalDate awardStart;

    @Column(name = "award_end")
    public LocalDate awardEnd;

    @Column(name = "message_id")
    public long messageId;
}
