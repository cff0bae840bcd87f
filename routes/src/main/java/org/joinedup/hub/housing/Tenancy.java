package org.joinedup.hub.housing;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A tenancy as the provider's latest snapshot shows it; {@code endedOn} is set when it drops out of a snapshot. */
@Entity
@Table(name = "tenancy")
public class Tenancy extends PanacheEntityBase {

    @Id
    public UUID id;

    public String provider;

    @Column(name = "tenancy_ref")
    public String tenancyRef;

    public String uprn;

    public String address;

    public String postcode;

    public String tenure;

    @Column(name = "start_date")
    public LocalDate startDate;

    @Column(name = "arrears_pence")
    public long arrearsPence;

    @Column(name = "adaptation_need")
    public String adaptationNeed;

    @Column(name = "ended_on")
    public LocalDate endedOn;

    @Column(name = "last_file_date")
    public LocalDate lastFileDate;

    @Column(name = "last_message_id")
    public Long lastMessageId;
}
