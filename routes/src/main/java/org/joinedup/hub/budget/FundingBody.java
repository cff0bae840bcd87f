package org.joinedup.hub.budget;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import org.joinedup.model.AgencyKind;

/** An organisation that funds budgets: an NHS trust or ICB (ODS code), a council (GSS code). */
@Entity
@Table(name = "organisation")
public class FundingBody extends PanacheEntityBase {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    public AgencyKind agency;

    public String code;

    public String name;

    @Column(name = "created_at")
    public Instant createdAt;

    /** Finds the body by its code, registering it the first time it is seen. */
    public static FundingBody findOrRegister(AgencyKind agency, String code, String name) {
        FundingBody body = FundingBody.<FundingBody>find("agency = ?1 and code = ?2", agency, code)
                .firstResultOptional().orElse(null);
        if (body == null) {
            body = new FundingBody();
            body.id = UUID.randomUUID();
            body.agency = agency;
            body.code = code;
            body.name = name;
            body.createdAt = Instant.now();
            body.persistAndFlush();
        } else if (body.name == null && name != null) {
            body.name = name;
        }
        return body;
    }
}
