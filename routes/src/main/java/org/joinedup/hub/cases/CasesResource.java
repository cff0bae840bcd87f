package org.joinedup.hub.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.joinedup.hub.access.Access;
import org.joinedup.hub.access.NotVisibleException;
import org.joinedup.hub.access.PersonAccess;
import org.joinedup.model.access.Category;
import org.joinedup.fhirmapping.FhirSystems;

import org.joinedup.hub.alerts.PersonAlert;
import org.joinedup.hub.budget.BudgetStatement;
import org.joinedup.hub.budget.Contribution;
import org.joinedup.hub.budget.ContributionRevision;
import org.joinedup.hub.fhir.FhirReads;
import org.joinedup.hub.housing.Tenancy;
import org.joinedup.hub.housing.TenancyMember;
import org.joinedup.hub.people.PeopleResource;
import org.joinedup.hub.people.PeopleResource.AlertView;
import org.joinedup.hub.people.PeopleResource.ContributionView;
import org.joinedup.hub.people.PeopleResource.TenancyView;
import org.joinedup.hub.people.Person;
import org.joinedup.hub.people.PersonDirectory;
import org.joinedup.hub.people.PersonIdentifier;
import org.joinedup.hub.security.Caller;
import org.joinedup.hub.assessment.AssessmentViews;
import org.joinedup.hub.socialcare.CareService;
import org.joinedup.hub.socialcare.CouncilPayment;
import org.joinedup.model.AgencyKind;

import org.joinedup.model.Pence;

/**
 * The joined-up case a coordinator works from: who is in the family, which agencies are involved with each and
 * what each holds, open alerts, and a timeline of what happened across agencies, newest first.
 */
@Path("/api/cases")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.COORDINATOR, Caller.COUNCIL, Caller.OPERATOR})
public class CasesResource {

    @Inject
    FhirReads reads;

    @Inject
    AssessmentViews assessments;

    @Inject
    BudgetStatement budgets;

    @Inject
    Access access;

    @Inject
    Caller caller;

    @Inject
    jakarta.persistence.EntityManager em;

    /**
     * {@code GET /api/cases?coordinator=...[&q=...]}: a coordinator's caseload, with each case's members, open alerts,
     * plan status and last change; {@code q} keeps the families with a member whose name, NHS number, NI number or
     * postcode matches (only in what the caller may see of them).
     */
    @GET
    @Transactional
    public List<CaseSummary> caseload(@QueryParam("coordinator") String coordinator, @QueryParam("q") String q) {
        if (coordinator == null || coordinator.isBlank()) {
            throw new BadRequestException("give coordinator, for example /api/cases?coordinator=coordinator");
        }
        List<FamilyCase> cases = FamilyCase.list("coordinator = ?1 order by createdAt", coordinator);
        Map<UUID, List<UUID>> members = new HashMap<>();
        cases.forEach(c -> members.put(c.id, members(c.id)));
        Map<UUID, PersonAccess> seen = new HashMap<>();
        access.readAll(members.values().stream().flatMap(List::stream).toList(), "Case?coordinator=" + coordinator
                + (q == null ? "" : "&q")).forEach(a -> seen.put(a.personId(), a));
        CaseSearch search = CaseSearch.of(q);
        List<CaseSummary> found = new ArrayList<>();
        for (FamilyCase c : cases) {
            if (!seen.containsKey(c.lead.id)) {
                continue;
            }
            List<UUID> shown = members.get(c.id).stream().filter(seen::containsKey).toList();
            List<Person> people = shown.stream().map(id -> Person.<Person>findById(id))
                    .sorted(leadFirst(c.lead.id)).toList();
            if (!search.matchesAny(people, seen)) {
                continue;
            }
            List<AlertView> alerts = shown.stream()
                    .flatMap(m -> PeopleResource.alerts(m.toString(), seen.get(m)).stream()).toList();
            List<String> names = people.stream().filter(p -> seen.get(p.id).sees(Category.DEMOGRAPHICS))
                    .map(CasesResource::name).toList();
            PersonAccess lead = seen.get(c.lead.id);
            org.joinedup.hub.plan.PlanSummaries.PlanSummary plan = lead.sees(Category.PLAN)
                    ? org.joinedup.hub.plan.PlanSummaries.current(c.lead.id) : null;
            Instant lastChange = people.stream().map(p -> p.updatedAt).filter(java.util.Objects::nonNull)
                    .max(Comparator.naturalOrder()).orElse(c.createdAt);
            for (AlertView a : alerts) {
                lastChange = a.raisedAt().isAfter(lastChange) ? a.raisedAt() : lastChange;
            }
            if (plan != null && plan.createdAt().isAfter(lastChange)) {
                lastChange = plan.createdAt();
            }
            found.add(new CaseSummary(c.id.toString(), c.lead.id.toString(),
                    lead.sees(Category.DEMOGRAPHICS) ? name(c.lead) : null, shown.size(), names, alerts,
                    plan == null ? null : plan.status(), plan == null ? null : plan.nextReview(), lastChange));
        }
        return found;
    }

    @GET
    @Path("/{id}")
    @Transactional
    @RolesAllowed({ Caller.COORDINATOR, Caller.COUNCIL, Caller.TRUST, Caller.FUNDER, Caller.OPERATOR })
    public CaseView get(@PathParam("id") String id) {
        // a read: what it loads is not changed, so the dozens of queries it runs need not each check the persistence
        // context for changes to flush first. What the caller changed before (a page that acts, then shows the
        // case) is flushed once now; anything written meanwhile is flushed at commit as ever.
        org.hibernate.Session session = em.unwrap(org.hibernate.Session.class);
        org.hibernate.FlushMode before = session.getHibernateFlushMode();
        session.flush();
        session.setHibernateFlushMode(org.hibernate.FlushMode.COMMIT);
        try {
            return read(id);
        } finally {
            session.setHibernateFlushMode(before);
        }
    }

    private CaseView read(String id) {
        FamilyCase familyCase = find(id);
        UUID caseId = familyCase.id;
        List<PersonAccess> seen = access.readAll(members(caseId), "Case/" + caseId);
        if (seen.isEmpty()) {
            throw new NotVisibleException("no case " + id);
        }
        Comparator<Person> order = leadFirst(familyCase.lead.id);
        seen = seen.stream().sorted(Comparator.comparing(a -> Person.<Person>findById(a.personId()), order))
                .toList();
        List<MemberView> members = new ArrayList<>();
        List<AlertView> alerts = new ArrayList<>();
        List<TimelineEntry> timeline = new ArrayList<>();
        for (PersonAccess shown : seen) {
            UUID personId = shown.personId();
            Person person = Person.findById(personId);
            PeopleResource.PersonView view = PeopleResource.view(PersonDirectory.toRecord(person), shown);
            List<ServiceView> services = CareService.<CareService>list("person.id = ?1", personId).stream()
                    .filter(s -> shown.sees(Category.SOCIAL_CARE, s.council.code))
                    .map(s -> new ServiceView(s.council.code, s.serviceId, s.kind, s.provider, s.weeklyCostPence,
                            s.startDate, s.endDate)).toList();
            List<PaymentView> payments = CouncilPayment.<CouncilPayment>list("person.id = ?1 order by paidOn",
                    personId).stream().filter(p -> shown.sees(Category.SOCIAL_CARE, p.council.code))
                    .map(p -> new PaymentView(p.council.code, p.paymentId, p.allocationId,
                            p.amountPence, p.paidOn, p.payee, p.category)).toList();
            alerts.addAll(view.alerts());
            members.add(new MemberView(personId.toString(), view.givenName(), view.familyName(), view.birthDate(),
                    personId.equals(familyCase.lead.id), view.identifiers(), agencies(person, view.contributions(), view.tenancies(),
                            services, view.alerts(), view.benefits(), shown), view.contributions(),
                    view.tenancies(), services, view.benefits(), payments, view.alerts(),
                    shown.sees(Category.ASSESSMENT) ? AssessmentViews.shown(assessments.current(personId).orElse(null),
                            shown) : null,
                    shown.sees(Category.PLAN) ? org.joinedup.hub.plan.PlanSummaries.current(personId) : null));
            timeline.addAll(timeline(person).stream().filter(e -> shown.sees(category(e))).toList());
        }
        timeline.sort(Comparator.comparing(TimelineEntry::at).reversed());
        boolean leadShown = leadShown(familyCase, seen);
        return new CaseView(familyCase.id.toString(), leadShown ? familyCase.lead.id.toString() : null,
                familyCase.coordinator, SharedBudget.shown(familyCase, leadShown), members, alerts, timeline);
    }

    public record SharedBudgetRequest(Boolean shared, String reason) {
    }

    /**
     * {@code POST /api/cases/{id}/shared-budget} (coordinator; {@code {"shared": true, "reason": "..."}}): the family
     * has one pooled budget from now on (or no longer): a plan for any member may be funded from any member's
     * contributions, each within its own rules. Plans already approved keep their funding.
     */
    @POST
    @Path("/{id}/shared-budget")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.COORDINATOR)
    @Transactional
    public Response shareBudget(@PathParam("id") String id, SharedBudgetRequest request) {
        FamilyCase familyCase = find(id);
        access.through(familyCase.lead.id, Access.Action.WRITE, "Case/" + familyCase.id + "/shared-budget",
                "no case " + id);
        if (!familyCase.coordinator.equals(caller.name())) {
            return org.joinedup.hub.platform.ApiProblems.error(403, "only the family's coordinator ("
                    + familyCase.coordinator + ") decides whether its budget is shared");
        }
        if (request == null || request.shared() == null || request.reason() == null || request.reason().isBlank()) {
            return org.joinedup.hub.platform.ApiProblems.error(422, "give shared (true or false) and the reason, in"
                    + " the family's words where you can");
        }
        familyCase.budgetShared = request.shared();
        familyCase.budgetSharedBy = caller.name();
        familyCase.budgetSharedAt = Instant.now();
        familyCase.budgetSharedReason = request.reason();
        return Response.ok(SharedBudget.of(familyCase)).build();
    }

    /** {@code GET /api/cases/{id}/budget}: each member's pooled budget from the ledger and the family's totals. */
    @GET
    @Path("/{id}/budget")
    @RolesAllowed({ Caller.COORDINATOR, Caller.COUNCIL, Caller.TRUST, Caller.FUNDER, Caller.OPERATOR })
    @Transactional
    public FamilyBudget budget(@PathParam("id") String id) {
        FamilyCase familyCase = find(id);
        List<PersonAccess> seen = access.readAll(members(familyCase.id), "Case/" + familyCase.id + "/budget");
        if (seen.isEmpty()) {
            throw new NotVisibleException("no case " + id);
        }
        List<BudgetStatement.Statement> statements = seen.stream()
                .map(a -> budgets.of(a.personId(), a::seesMoney)).toList();
        return new FamilyBudget(familyCase.id.toString(), SharedBudget.shown(familyCase, leadShown(familyCase, seen)),
                new BudgetStatement.Totals(
                statements.stream().mapToLong(b -> b.totals().confirmedPence()).reduce(0L, Math::addExact),
                statements.stream().mapToLong(b -> b.totals().availablePence()).reduce(0L, Math::addExact),
                statements.stream().mapToLong(b -> b.totals().committedPence()).reduce(0L, Math::addExact),
                statements.stream().mapToLong(b -> b.totals().paidPence()).reduce(0L, Math::addExact)), statements);
    }

    /** Whether the caller may see who leads the family and the family's own words about its budget: its plan. */
    private static boolean leadShown(FamilyCase familyCase, List<PersonAccess> seen) {
        return seen.stream().anyMatch(a -> a.personId().equals(familyCase.lead.id) && a.sees(Category.PLAN));
    }

    private static FamilyCase find(String id) {
        try {
            FamilyCase familyCase = FamilyCase.findById(UUID.fromString(id));
            if (familyCase != null) {
                return familyCase;
            }
        } catch (IllegalArgumentException notAnId) {
            // answered below
        }
        throw new NotVisibleException("no case " + id);
    }

    /** The family's lead first, then the others oldest first (then by name), as a coordinator reads a family. */
    private static Comparator<Person> leadFirst(UUID lead) {
        return Comparator.<Person, Boolean>comparing(p -> !p.id.equals(lead))
                .thenComparing(p -> p.birthDate, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(CasesResource::name);
    }

    private static List<UUID> members(UUID caseId) {
        return CaseMember.<CaseMember>list("caseId", caseId).stream().map(m -> m.personId).toList();
    }

    /** The category of a timeline entry: that of the agency it came from, or the plan's. */
    private static Category category(TimelineEntry entry) {
        try {
            return entry.kind().startsWith("CONTRIBUTION_") || entry.kind().equals("PAYMENT_MADE")
                    || entry.kind().startsWith("ALERT_") || entry.kind().startsWith("TENANCY_")
                    || entry.kind().startsWith("SERVICE_") ? Category.of(AgencyKind.valueOf(entry.agency()))
                    : Category.PLAN;
        } catch (IllegalArgumentException notAnAgency) {
            return Category.PLAN;
        }
    }

    private static Set<String> agencies(Person person, List<ContributionView> contributions,
            List<TenancyView> tenancies, List<ServiceView> services, List<AlertView> alerts,
            List<PeopleResource.BenefitView> benefits, PersonAccess shown) {
        Set<String> agencies = new TreeSet<>();
        if (!benefits.isEmpty()) {
            agencies.add(AgencyKind.BENEFITS.name());
        }
        contributions.forEach(c -> agencies.add(c.agency()));
        alerts.forEach(a -> agencies.add(a.agency()));
        if (!tenancies.isEmpty()) {
            agencies.add(AgencyKind.HOUSING.name());
        }
        if (!services.isEmpty()) {
            agencies.add(AgencyKind.SOCIAL_CARE.name());
        }
        for (PersonIdentifier identifier : person.identifiers) {
            if (identifier.system.startsWith(FhirSystems.COUNCIL_CLIENT_PREFIX)
                    && shown.sees(Category.SOCIAL_CARE)) {
                agencies.add(AgencyKind.SOCIAL_CARE.name());
            } else if (identifier.system.startsWith(FhirSystems.HOUSING_PERSON_PREFIX)
                    && shown.sees(Category.HOUSING)) {
                agencies.add(AgencyKind.HOUSING.name());
            } else if (identifier.system.startsWith(FhirSystems.EMPLOYMENT_RECORD_PREFIX)
                    && shown.sees(Category.EMPLOYMENT)) {
                agencies.add(AgencyKind.EMPLOYMENT.name());
            }
        }
        return agencies;
    }

    private static List<TimelineEntry> timeline(Person person) {
        List<TimelineEntry> entries = new ArrayList<>();
        String who = person.id.toString();
        for (Contribution c : Contribution.<Contribution>list("person", person)) {
            for (ContributionRevision r : ContributionRevision.<ContributionRevision>list(
                    "contribution = ?1 order by version", c)) {
                entries.add(new TimelineEntry(r.changedAt, c.agency.name(), who, "CONTRIBUTION_" + r.change,
                        c.fundingBody.code + " " + c.type + " " + r.change.toLowerCase() + ": "
                                + new Pence(r.amountPence) + " for " + r.periodStart + " to " + r.periodEnd));
            }
        }
        for (TenancyMember m : TenancyMember.<TenancyMember>list("person", person)) {
            Tenancy t = Tenancy.findById(m.tenancyId);
            if (t.startDate != null) {
                entries.add(new TimelineEntry(startOfDay(t.startDate), AgencyKind.HOUSING.name(), who,
                        "TENANCY_STARTED", t.provider + " tenancy " + t.tenancyRef + " (" + t.tenure + ") at "
                                + t.address));
            }
            if (t.endedOn != null) {
                entries.add(new TimelineEntry(startOfDay(t.endedOn), AgencyKind.HOUSING.name(), who,
                        "TENANCY_ENDED", t.provider + " tenancy " + t.tenancyRef + " no longer in the snapshot"));
            }
        }
        for (CareService s : CareService.<CareService>list("person", person)) {
            if (s.startedOccurredAt != null) {
                entries.add(new TimelineEntry(s.startedOccurredAt, AgencyKind.SOCIAL_CARE.name(), who,
                        "SERVICE_STARTED", s.kind + " from " + s.provider + ", "
                                + (s.weeklyCostPence == null ? "cost not given" : new Pence(s.weeklyCostPence) + " a week")
                                + ", from " + s.startDate));
            }
            if (s.endedOccurredAt != null) {
                entries.add(new TimelineEntry(s.endedOccurredAt, AgencyKind.SOCIAL_CARE.name(), who, "SERVICE_ENDED",
                        "service " + s.serviceId + " ended " + s.endDate));
            }
        }
        for (CouncilPayment p : CouncilPayment.<CouncilPayment>list("person", person)) {
            entries.add(new TimelineEntry(p.occurredAt, AgencyKind.SOCIAL_CARE.name(), who, "PAYMENT_MADE",
                    new Pence(p.amountPence) + " paid to " + p.payee + " for " + p.category + " on " + p.paidOn
                            + " (allocation " + p.allocationId + ")"));
        }
        for (PersonAlert a : PersonAlert.<PersonAlert>list("person", person)) {
            entries.add(new TimelineEntry(a.raisedAt, a.agency.name(), who, "ALERT_" + a.kind.name(), a.detail));
        }
        for (org.joinedup.hub.plan.PlanSummaries.PlanEvent e : org.joinedup.hub.plan.PlanSummaries.history(person.id)) {
            entries.add(new TimelineEntry(e.at(), e.agency(), who, e.kind(), e.detail()));
        }
        return entries;
    }

    private static Instant startOfDay(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static String name(Person person) {
        return ((person.givenName == null ? "" : person.givenName + " ")
                + (person.familyName == null ? "" : person.familyName)).trim();
    }

    /** One case in a caseload. */
    public record CaseSummary(String id, String leadPersonId, String leadName, int members, List<String> memberNames,
            List<AlertView> alerts, String planStatus, LocalDate nextReview, Instant lastChange) {
    }

    /** The joined-up case. */
    public record CaseView(String id, String leadPersonId, String coordinator, SharedBudget sharedBudget,
            List<MemberView> members, List<AlertView> alerts, List<TimelineEntry> timeline) {
    }

    /** Whether the family has one pooled budget, and who decided it, when and why. */
    public record SharedBudget(boolean shared, String decidedBy, Instant decidedAt, String reason) {

        static SharedBudget of(FamilyCase c) {
            return new SharedBudget(c.budgetShared, c.budgetSharedBy, c.budgetSharedAt, c.budgetSharedReason);
        }

        /** The decision, with the family's reason only for a caller who may see the lead's plan. */
        static SharedBudget shown(FamilyCase c, boolean withReason) {
            return withReason ? of(c) : new SharedBudget(c.budgetShared, c.budgetSharedBy, c.budgetSharedAt, null);
        }
    }

    /** The family's money: each member's pooled budget from the ledger, and the family's totals. */
    public record FamilyBudget(String caseId, SharedBudget sharedBudget, BudgetStatement.Totals totals,
            List<BudgetStatement.Statement> members) {
    }

    /** A family member, the agencies involved with them and what each holds. */
    public record MemberView(String personId, String givenName, String familyName, LocalDate birthDate, boolean lead,
            List<org.joinedup.model.IdentifierRecord> identifiers, Set<String> agencies, List<ContributionView> contributions, List<TenancyView> tenancies,
            List<ServiceView> services, List<PeopleResource.BenefitView> benefits, List<PaymentView> payments,
            List<AlertView> alerts, AssessmentViews.AssessmentSummary assessment,
            org.joinedup.hub.plan.PlanSummaries.PlanSummary plan) {
    }

    /** A payment a council made out of the person's budget, as the council reported it. */
    public record PaymentView(String council, String paymentId, String allocationId, long amountPence,
            LocalDate paidOn, String payee, String category) {
    }

    /** A service a council arranges, with its weekly cost. */
    public record ServiceView(String council, String serviceId, String kind, String provider, Long weeklyCostPence,
            LocalDate startDate, LocalDate endDate) {
    }

    /** Something that happened, by which agency, to whom. */
    public record TimelineEntry(Instant at, String agency, String personId, String kind, String summary) {
    }
}
