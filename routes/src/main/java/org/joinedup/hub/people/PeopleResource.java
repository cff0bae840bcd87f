package org.joinedup.hub.people;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.joinedup.fhirmapping.FhirSystems;
import org.joinedup.hub.access.Access;
import org.joinedup.hub.access.AccessRefusedException;
import org.joinedup.hub.access.PersonAccess;
import org.joinedup.hub.alerts.PersonAlert;
import org.joinedup.hub.assessment.Assessment;
import org.joinedup.hub.assessment.AssessmentBook;
import org.joinedup.hub.assessment.AssessmentViews;
import org.joinedup.hub.benefits.BenefitAward;
import org.joinedup.hub.budget.Contribution;
import org.joinedup.hub.cases.CaseMember;
import org.joinedup.hub.fhir.FhirReads;
import org.joinedup.hub.housing.Tenancy;
import org.joinedup.hub.housing.TenancyMember;
import org.joinedup.hub.identity.IdentityReviews;
import org.joinedup.hub.identity.SourceRecord;
import org.joinedup.hub.identity.SourceRecordViews;
import org.joinedup.hub.security.Caller;
import org.joinedup.model.ContributionRecord;
import org.joinedup.model.IdentifierRecord;
import org.joinedup.model.PersonRecord;
import org.joinedup.model.access.Category;

/** {@code GET /api/people/{id}}: the person, their identifiers and the contributions to their budget. */
@Path("/api/people")
@Produces(MediaType.APPLICATION_JSON)
public class PeopleResource {

    @Inject
    FhirReads reads;

    @Inject
    Caller caller;

    @Inject
    SourceRecordViews sourceRecords;

    @Inject
    IdentityReviews reviews;

    @Inject
    AssessmentBook assessments;

    @Inject
    org.joinedup.hub.budget.BudgetStatement budgetStatement;

    @Inject
    AssessmentViews assessmentViews;

    @Inject
    Access access;

    private final org.joinedup.fhirmapping.AnswersToQuestionnaireResponseMapper answersMapper =
            new org.joinedup.fhirmapping.AnswersToQuestionnaireResponseMapper(
                    org.joinedup.fhirmapping.SingleAssessmentQuestionnaire.build());

    /**
     * {@code GET /api/people?nhsNumber=...}: the people with this NHS number (any spacing). An empty array when
     * there is none; more than one only if the records have not been linked yet.
     */
    @GET
    @Transactional
    @RolesAllowed({Caller.COORDINATOR, Caller.COUNCIL, Caller.TRUST, Caller.FUNDER, Caller.OPERATOR})
    public List<PersonMatch> find(@QueryParam("nhsNumber") String nhsNumber, @QueryParam("niNumber") String niNumber) {
        List<PersonRecord> found;
        if (nhsNumber != null && !nhsNumber.isBlank()) {
            found = reads.peopleByIdentifier(FhirSystems.NHS_NUMBER, nhsNumber.replaceAll("[\\s-]", ""));
        } else if (niNumber != null && !niNumber.isBlank()) {
            found = reads.peopleByIdentifier(FhirSystems.NI_NUMBER,
                    niNumber.replaceAll("\\s", "").toUpperCase(java.util.Locale.UK));
        } else {
            throw new BadRequestException("give nhsNumber or niNumber, for example /api/people?nhsNumber=9434765919");
        }
        java.util.Set<String> shown = access.readAll(found.stream().map(p -> java.util.UUID.fromString(p.id()))
                        .toList(), "Person?identifier").stream()
                .filter(a -> a.sees(Category.DEMOGRAPHICS))
                .map(a -> a.personId().toString()).collect(java.util.stream.Collectors.toSet());
        return found.stream().filter(p -> shown.contains(p.id()))
                .map(p -> new PersonMatch(p.id(), caseOf(p.id()), p.givenName(), p.familyName(), p.birthDate()))
                .toList();
    }

    /**
     * {@code GET /api/people/{id}/source-records}: every agency's record linked to the person, with how and why it
     * was linked (the match weight and each comparison's part of it).
     */
    @GET
    @Path("/{id}/source-records")
    @Transactional
    @RolesAllowed({Caller.COORDINATOR, Caller.OPERATOR})
    public List<SourceRecordViews.SourceRecordView> sourceRecords(@PathParam("id") java.util.UUID personId) {
        PersonAccess seen = access.read(personId, "Person/" + personId + "/source-records");
        return SourceRecord.<SourceRecord>find("person.id = ?1 order by createdAt", personId).stream()
                .filter(r -> seen.sees(Category.DEMOGRAPHICS)
                        && seen.sees(Category.of(r.agency), r.holder))
                .map(sourceRecords::view).toList();
    }

    /** What to split off a wrongly merged person, and why. */
    public record SplitRequest(List<java.util.UUID> sourceRecordIds, String reason) {
    }

    /**
     * {@code POST /api/people/{id}/split}: the named source records become a new person, with everything they brought;
     * matching will not join them again by itself. Answers the new person's id.
     */
    @jakarta.ws.rs.POST
    @Path("/{id}/split")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.COORDINATOR, Caller.OPERATOR})
    public jakarta.ws.rs.core.Response split(@PathParam("id") java.util.UUID personId, SplitRequest request) {
        access.write(personId, "Person/" + personId + "/split");
        try {
            Person made = reviews.split(personId, request == null ? null : request.sourceRecordIds(), caller.name(),
                    request == null ? null : request.reason());
            return jakarta.ws.rs.core.Response.ok(java.util.Map.of("status", "SPLIT", "personId", personId.toString(),
                    "newPersonId", made.id.toString())).build();
        } catch (IdentityReviews.DecisionRefused refused) {
            return org.joinedup.hub.platform.ApiProblems.error(422, refused.getMessage());
        }
    }

    /** An assessment through the JSON API: answers by linkId, who completed it, and the sender's identifier. */
    public record AssessmentRequest(java.util.Map<String, Object> answers, String mode, String completedBy,
            String identifier) {
    }

    /**
     * {@code POST /api/people/{id}/assessments}: records a single assessment (a new version) from answers by linkId,
     * checked against the Questionnaire; {@code 201} with its summary and indicative budget, {@code 200} for a
     * re-sent identifier, {@code 422} with a problem per item.
     */
    @jakarta.ws.rs.POST
    @Path("/{id}/assessments")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.COORDINATOR, Caller.COUNCIL, Caller.TRUST})
    public jakarta.ws.rs.core.Response assess(@PathParam("id") java.util.UUID personId, AssessmentRequest request) {
        access.write(personId, "Person/" + personId + "/assessments");
        if (request == null || request.answers() == null) {
            return org.joinedup.hub.platform.ApiProblems.error(400, "give answers, a map of the Questionnaire's linkIds to values");
        }
        Assessment.Mode mode;
        try {
            mode = request.mode() == null ? defaultMode()
                    : Assessment.Mode.valueOf(request.mode().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return org.joinedup.hub.platform.ApiProblems.error(400, "mode must be SELF, PROFESSIONAL or AGENCY");
        }
        org.hl7.fhir.r4.model.QuestionnaireResponse response = answersMapper.map(request.answers());
        if (request.identifier() != null) {
            response.getIdentifier().setSystem(org.joinedup.fhirmapping.FhirSystems.HUB_BASE + "/Id/assessment/"
                    + caller.agency()).setValue(request.identifier());
        }
        try {
            AssessmentBook.Recorded recorded = assessments.submit(personId, response, mode,
                    request.completedBy() == null ? caller.name() : request.completedBy(),
                    mode == Assessment.Mode.AGENCY ? caller.agency() : null, caller.name());
            return jakarta.ws.rs.core.Response.status(recorded.repeat() ? 200 : 201)
                    .entity(assessmentView(recorded.assessment().id)).build();
        } catch (org.joinedup.model.InvalidMessageException invalid) {
            return org.joinedup.hub.platform.ApiProblems.problems(422, "REJECTED", invalid);
        }
    }

    private Assessment.Mode defaultMode() {
        return caller.hasRole(Caller.COORDINATOR) ? Assessment.Mode.PROFESSIONAL : Assessment.Mode.AGENCY;
    }

    @Transactional
    AssessmentViews.AssessmentSummary assessmentView(java.util.UUID assessmentId) {
        return assessmentViews.summary(Assessment.findById(assessmentId));
    }

    /** {@code GET /api/people/{id}/assessments}: every version of the person's assessment, newest first. */
    @GET
    @Path("/{id}/assessments")
    @Transactional
    @RolesAllowed({Caller.COORDINATOR, Caller.COUNCIL, Caller.TRUST, Caller.FUNDER, Caller.OPERATOR})
    public List<AssessmentViews.AssessmentSummary> assessments(@PathParam("id") java.util.UUID personId) {
        PersonAccess seen = access.read(personId, "Person/" + personId + "/assessments");
        if (!seen.sees(Category.ASSESSMENT)) {
            return List.of();
        }
        return assessments.of(personId).stream().map(a -> assessmentViews.summary(a, seen)).toList();
    }

    /**
     * {@code GET /api/people/{id}/indicative-budget}: the indicative budget of the current assessment, each funding
     * body's share explained, beside the contributions agencies have confirmed; earlier results listed.
     */
    @GET
    @Path("/{id}/indicative-budget")
    @Transactional
    @RolesAllowed({Caller.COORDINATOR, Caller.COUNCIL, Caller.TRUST, Caller.OPERATOR})
    public AssessmentViews.IndicativeBudgetView indicativeBudget(@PathParam("id") java.util.UUID personId) {
        PersonAccess seen = access.read(personId, "Person/" + personId + "/indicative-budget");
        if (!seen.sees(Category.ASSESSMENT)
                || !seen.sees(Category.FINANCE)) {
            throw new AccessRefusedException("the indicative budget (assessment and finance)"
                    + " is not shared with " + seen.organisation());
        }
        return assessmentViews.indicative(personId)
                .orElseThrow(() -> new NotFoundException("person " + personId + " has no assessment yet"));
    }

    /**
     * {@code GET /api/people/{id}/budget}: the pooled personal budget from the ledger: each contribution's confirmed,
     * available, committed and paid pence, the totals, and every posting with its cause.
     */
    @GET
    @Path("/{id}/budget")
    @RolesAllowed({Caller.COORDINATOR, Caller.OPERATOR})
    public org.joinedup.hub.budget.BudgetStatement.Statement budget(@PathParam("id") java.util.UUID personId) {
        PersonAccess seen = access.read(personId, "Person/" + personId + "/budget");
        return budgetStatement.of(personId, seen::seesMoney);
    }

    private static String caseOf(String personId) {
        CaseMember member = CaseMember.findById(java.util.UUID.fromString(personId));
        return member == null ? null : member.caseId.toString();
    }

    /** A person found by identifier, and the family case they belong to. */
    public record PersonMatch(String id, String caseId, String givenName, String familyName, LocalDate birthDate) {
    }

    @GET
    @Path("/{id}")
    @Transactional
    @RolesAllowed({Caller.COORDINATOR, Caller.COUNCIL, Caller.TRUST, Caller.FUNDER, Caller.OPERATOR})
    public PersonView person(@PathParam("id") String id) {
        Person.survivorOf(id).ifPresent(survivor -> {
            // only someone who may know the person they are now is told where they went
            access.through(survivor, Access.Action.READ, "Person/" + id + " (merged into Person/" + survivor + ")",
                    "no person " + id);
            throw new jakarta.ws.rs.RedirectionException(jakarta.ws.rs.core.Response.Status.MOVED_PERMANENTLY,
                    java.net.URI.create("/api/people/" + survivor));
        });
        java.util.UUID personId;
        try {
            personId = java.util.UUID.fromString(id);
        } catch (IllegalArgumentException notAnId) {
            throw new NotFoundException("no person " + id);
        }
        PersonAccess seen = access.read(personId, "Person/" + id);
        PersonRecord person = reads.person(id).orElseThrow(() -> new NotFoundException("no person " + id));
        return view(person, seen);
    }

    /** The person as this caller may see them: each part only when its category is shared (or the caller's own). */
    public static PersonView view(PersonRecord person, PersonAccess seen) {
        String id = person.id();
        boolean demographics = seen.sees(Category.DEMOGRAPHICS);
        List<ContributionView> contributions = Contribution.<Contribution>list("person.id = ?1 order by createdAt",
                        java.util.UUID.fromString(id)).stream()
                .filter(c -> seen.seesMoney(c.agency, c.fundingBody.code))
                .map(c -> ContributionView.of(c.toRecord())).toList();
        List<TenancyView> tenancies = tenancies(id).stream()
                .filter(t -> seen.sees(Category.HOUSING, t.provider())).toList();
        List<BenefitView> benefits = seen.sees(Category.BENEFITS,
                org.joinedup.hub.benefits.BenefitsFileApplier.DWP) ? benefits(id) : List.of();
        return new PersonView(person.id(), demographics ? person.givenName() : null,
                demographics ? person.familyName() : null, demographics ? person.birthDate() : null,
                demographics ? person.postcode() : null, demographics ? person.uprn() : null,
                demographics ? identifiers(person, seen) : List.of(), contributions, tenancies, alerts(id, seen),
                demographics ? household(id) : List.of(), benefits,
                seen.categories().stream().map(Category::code).sorted().toList(),
                seen.outcome().name());
    }

    /**
     * The identifiers this caller may see: NHS and NI numbers are demographics; an agency's own ids (a council client
     * id, a housing reference, an employment claimant id) tell that the agency is involved, so they have its category.
     */
    private static List<IdentifierRecord> identifiers(PersonRecord person, PersonAccess seen) {
        return person.identifiers().stream().filter(i -> {
            if (i.system().startsWith(FhirSystems.COUNCIL_CLIENT_PREFIX)) {
                return seen.sees(Category.SOCIAL_CARE);
            }
            if (i.system().startsWith(FhirSystems.HOUSING_PERSON_PREFIX)) {
                return seen.sees(Category.HOUSING);
            }
            if (i.system().startsWith(FhirSystems.EMPLOYMENT_RECORD_PREFIX)) {
                return seen.sees(Category.EMPLOYMENT);
            }
            return true;
        }).toList();
    }

    /** The person's open alerts this caller may see (each has the category of the agency that raised it). */
    public static List<AlertView> alerts(String personId, PersonAccess seen) {
        return PersonAlert.<PersonAlert>find("person.id = ?1 and closedAt is null order by raisedAt desc",
                        java.util.UUID.fromString(personId)).stream()
                .filter(a -> seen.sees(Category.of(a.agency)))
                .map(AlertView::of).toList();
    }

    public static List<TenancyView> tenancies(String personId) {
        return TenancyMember.<TenancyMember>find("person.id = ?1", java.util.UUID.fromString(personId)).stream()
                .map(m -> {
                    Tenancy t = Tenancy.findById(m.tenancyId);
                    return new TenancyView(t.provider, t.tenancyRef, m.role, t.tenure, t.uprn, t.address, t.postcode,
                            t.startDate, t.endedOn, t.arrearsPence, t.adaptationNeed);
                }).toList();
    }

    public static List<AlertView> alerts(String personId) {
        return PersonAlert.<PersonAlert>find("person.id = ?1 and closedAt is null order by raisedAt desc",
                        java.util.UUID.fromString(personId)).stream()
                .map(AlertView::of).toList();
    }

    /** A tenancy the person is on, as the provider's latest snapshot shows it. */
    public record TenancyView(String provider, String tenancyRef, String role, String tenure, String uprn,
            String address, String postcode, LocalDate startDate, LocalDate endedOn, long arrearsPence,
            String adaptationNeed) {
    }

    public static List<HouseholdView> household(String personId) {
        return HouseholdLink.<HouseholdLink>find("person.id = ?1 order by id", java.util.UUID.fromString(personId))
                .stream().map(l -> new HouseholdView(l.related.id.toString(), l.relationship, l.source)).toList();
    }

    /** The benefits the person receives, from the latest month's file. */
    public static List<BenefitView> benefits(String personId) {
        java.util.UUID id = java.util.UUID.fromString(personId);
        return BenefitAward.<BenefitAward>find("person.id = ?1 and awardMonth = (select max(b.awardMonth) from"
                        + " BenefitAward b where b.person.id = ?1) order by benefit", id).stream()
                .map(b -> new BenefitView(b.benefit, b.status, b.weeklyPence, b.awardMonth, b.awardStart, b.awardEnd))
                .toList();
    }

    /** A benefit award: income, shown so the coordinator knows what the family lives on. */
    public record BenefitView(String benefit, String status, long weeklyPence, LocalDate month, LocalDate awardStart,
            LocalDate awardEnd) {
    }

    /** Someone an agency says lives in the same household, and how they are related. */
    public record HouseholdView(String personId, String relationship, String source) {
    }

    /** An open alert for the coordinator. */
    public record AlertView(String id, String personId, String agency, String kind, String severity, String detail,
            java.time.Instant raisedAt, java.time.Instant acknowledgedAt, String acknowledgedBy) {

        public static AlertView of(PersonAlert a) {
            return new AlertView(a.id.toString(), a.person.id.toString(), a.agency.name(), a.kind.name(),
                    a.severity().name(), a.detail, a.raisedAt, a.acknowledgedAt, a.acknowledgedBy);
        }
    }

    /** The person as the JSON API shows them. */
    public record PersonView(String id, String givenName, String familyName, LocalDate birthDate, String postcode,
            String uprn, List<IdentifierRecord> identifiers, List<ContributionView> contributions,
            List<TenancyView> tenancies, List<AlertView> alerts, List<HouseholdView> household,
            List<BenefitView> benefits, List<String> sharedCategories, String access) {
    }

    /** One contribution: who funds it, how much (in pence, and in pounds for reading), for when, and its state. */
    public record ContributionView(String id, String agency, String fundingBodyCode, String fundingBodyName,
            String sourceSystem, String sourceValue, String type, String status, long amountPence,
            BigDecimal amountPounds, LocalDate periodStart, LocalDate periodEnd, int version) {

        public static ContributionView of(ContributionRecord c) {
            return new ContributionView(c.id(), c.agency().name(), c.fundingBodyCode(), c.fundingBodyName(),
                    c.sourceSystem(), c.sourceValue(), c.type(), c.status().name(), c.amount().value(),
                    c.amount().toPounds(), c.periodStart(), c.periodEnd(), c.version());
        }
    }
}
