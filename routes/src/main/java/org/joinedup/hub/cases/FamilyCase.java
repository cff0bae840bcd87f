package org.joinedup.hub.cases;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import org.joinedup.hub.people.Person;

/** A family the hub supports as one: a lead person and the local area coordinator assigned to them. */
@Entity
@Table(name = "family_case")
public class FamilyCase extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "lead_person_id")
    public Person lead;

    public String coordinator;

    @Column(name = "created_at")
    public Instant createdAt;

    /** The family has one pooled budget: a plan for any member may draw on any member's contributions. */
    @Column(name = "budget_shared")
    public boolean budgetShared;

    @Column(name = "budget_shared_by")
    public String budgetSharedBy;

    @Column(name = "budget_shared_at")
    public Instant budgetSharedAt;

    @Column(name = "budget_shared_reason")
    public String budgetSharedReason;

    /** The people whose money a plan for {@code person} may use: the family when its budget is shared, else them. */
    public static java.util.List<UUID> budgetHolders(UUID person) {
        CaseMember member = CaseMember.findById(person);
        FamilyCase familyCase = member == null ? null : findById(member.caseId);
        if (familyCase == null || !familyCase.budgetShared) {
            return java.util.List.of(person);
        }
        return CaseMember.<CaseMember>list("caseId", familyCase.id).stream().map(m -> m.personId).toList();
    }
}
