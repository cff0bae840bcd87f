package org.joinedup.hub.people;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A person the hub knows: one per real person, however many agencies know them. */
@Entity
@Table(name = "person")
public class Person extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "given_name")
    public String givenName;

    @Column(name = "family_name")
    public String familyName;

    @Column(name = "birth_date")
    public LocalDate birthDate;

    public String postcode;

    public String uprn;

    /** Set when this person was found to be another and merged into them: the survivor's id. */
    @Column(name = "merged_into")
    public UUID mergedInto;

    /**
     * When the person with this id was merged into another, the one they are now (following merges of merges),
     * else empty (also for an id that is not a person's).
     */
    public static java.util.Optional<UUID> survivorOf(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException notAnId) {
            return java.util.Optional.empty();
        }
        Person person = findById(uuid);
        if (person == null || person.mergedInto == null) {
            return java.util.Optional.empty();
        }
        UUID survivor = person.mergedInto;
        for (int hops = 0; hops < 20; hops++) {
            Person next = findById(survivor);
            if (next == null || next.mergedInto == null) {
                break;
            }
            survivor = next.mergedInto;
        }
        return java.util.Optional.of(survivor);
    }

    /** The national data opt-out: left out of reports for planning and research, never out of their own care. */
    @jakarta.persistence.Column(name = "national_opt_out")
    public boolean nationalOptOut;

    @jakarta.persistence.Column(name = "national_opt_out_at")
    public Instant nationalOptOutAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @OneToMany(mappedBy = "person", cascade = CascadeType.ALL)
    @OrderBy("id")
    public List<PersonIdentifier> identifiers = new ArrayList<>();
}
