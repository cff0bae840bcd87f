package org.joinedup.hub.housing;

import java.io.Serializable;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import org.joinedup.hub.people.Person;

/** A person on a tenancy, under the provider's own person reference, with their role. */
@Entity
@Table(name = "tenancy_member")
@IdClass(TenancyMember.Key.class)
public class TenancyMember extends PanacheEntityBase {

    @Id
    @Column(name = "tenancy_id")
    public UUID tenancyId;

    @Id
    @Column(name = "person_ref")
    public String personRef;

    @ManyToOne(optional = false)
    @JoinColumn(name = "person_id")
    public Person person;

    /** The source record (agency's record) that brought this; it follows that record if the person is split. */
    @Column(name = "source_record_id")
    public java.util.UUID sourceRecordId;

    public String role;

    /** The member's key: tenancy and the provider's person reference. */
    public static class Key implements Serializable {
        public UUID tenancyId;
        public String personRef;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.tenancyId.equals(tenancyId) && k.personRef.equals(personRef);
        }

        @Override
        public int hashCode() {
            return tenancyId.hashCode() * 31 + personRef.hashCode();
        }
    }
}
