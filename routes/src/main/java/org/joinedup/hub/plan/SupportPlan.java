package org.joinedup.hub.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import org.joinedup.hub.people.Person;

/** A person's support plan, in their words, with the lines that say what their budget buys. */
@Entity
@Table(name = "support_plan")
public class SupportPlan extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "person_id")
    public Person person;

    public int version;

    @Column(name = "what_matters")
    public String whatMatters;

    public String goals;

    /** When the plan is to be reviewed with the person (an overdue review raises an alert on the case). */
    @Column(name = "review_due")
    public java.time.LocalDate reviewDue;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    /** Flagged as risky: a risk enablement panel decides before any funder does. */
    public boolean risky;

    /** AGREED or NOT_AGREED, with the panel's reasons; null until the panel has met. */
    @Column(name = "panel_decision")
    public String panelDecision;

    @Column(name = "panel_reasons")
    public String panelReasons;

    @Column(name = "panel_decided_by")
    public String panelDecidedBy;

    @Column(name = "panel_decided_at")
    public Instant panelDecidedAt;

    /** The version that replaced this one; a superseded plan is history: nothing more is decided or paid on it. */
    @ManyToOne
    @JoinColumn(name = "superseded_by")
    public SupportPlan supersededBy;

    /** The merge that closed this plan in favour of the survivor's (then {@code supersededBy} is that plan). */
    @Column(name = "closed_by_merge")
    public UUID closedByMerge;

    @Column(name = "superseded_at")
    public Instant supersededAt;

    @OneToMany(mappedBy = "plan", cascade = CascadeType.ALL)
    @OrderBy("lineNumber")
    public List<PlanLine> lines = new ArrayList<>();

    /** The person whose plan this is; a plan the caller cannot know of is not visible ({@code 404}). */
    public static java.util.UUID personOf(java.util.UUID planId) {
        SupportPlan plan = findById(planId);
        if (plan == null) {
            throw new org.joinedup.hub.access.NotVisibleException("no plan " + planId);
        }
        return plan.person.id;
    }

    /** The person's current plan (the version nothing replaced), if they have one. */
    public static java.util.Optional<SupportPlan> currentOf(java.util.UUID personId) {
        return SupportPlan.<SupportPlan>find("person.id = ?1 and supersededBy is null", personId).firstResultOptional();
    }
}
