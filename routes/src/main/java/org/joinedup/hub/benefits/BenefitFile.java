package org.joinedup.hub.benefits;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A monthly award file that was applied: which authority, month and sequence. */
@Entity
@Table(name = "benefit_file")
public class BenefitFile extends PanacheEntityBase {

    @Id
    @Column(name = "message_id")
    public Long messageId;

    @Column(name = "file_id")
    public String fileId;

    public String gss;

    @Column(name = "award_month")
    public LocalDate awardMonth;

    public int sequence;
}
