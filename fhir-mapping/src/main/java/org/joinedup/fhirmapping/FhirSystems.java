package org.joinedup.fhirmapping;

/** Every identifier system, code system and extension URL the hub reads or writes, in one place. */
public final class FhirSystems {

    public static final String HUB_BASE = "https://joinedup.org.uk/fhir";

    public static final String NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number";
    public static final String ODS_CODE = "https://fhir.nhs.uk/Id/ods-organization-code";
    public static final String GSS_CODE = HUB_BASE + "/Id/gss-code";
    public static final String HUB_PERSON_ID = HUB_BASE + "/Id/person";
    public static final String NI_NUMBER = HUB_BASE + "/Id/ni-number";
    /**
     * Employment services' records of a claimant without an NI number: one per event (its {@code messageId}), for
     * identity matching to link; earlier hubs keyed them {@code employment-claimant} by name and birth date.
     */
    public static final String EMPLOYMENT_RECORD_PREFIX = HUB_BASE + "/Id/employment-";
    public static final String EMPLOYMENT_EVENT = EMPLOYMENT_RECORD_PREFIX + "event";
    /** A council's own client id; the council's GSS code follows, for example {@code .../council-client/E08000004}. */
    public static final String COUNCIL_CLIENT_PREFIX = HUB_BASE + "/Id/council-client/";
    /** A housing provider's person reference; the provider's code follows. */
    public static final String HOUSING_PERSON_PREFIX = HUB_BASE + "/Id/housing-person/";
    /** A Disabled Facilities Grant award reference; the housing provider's code follows. */
    public static final String DFG_AWARD_PREFIX = HUB_BASE + "/Id/dfg-award/";
    /** A council allocation id; the council's GSS code follows. */
    public static final String COUNCIL_ALLOCATION_PREFIX = HUB_BASE + "/Id/council-allocation/";

    public static final String NHS_NUMBER_VERIFICATION_EXTENSION =
            "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus";
    public static final String NHS_NUMBER_VERIFICATION_SYSTEM =
            "https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland";
    /** Retired, still sent by some national services: the same codes. */
    public static final String NHS_NUMBER_VERIFICATION_SYSTEM_RETIRED =
            "https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatus";
    public static final String NHS_NUMBER_VERIFIED_CODE = "01";

    public static final String ADDRESS_KEY_EXTENSION =
            "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-AddressKey";
    public static final String ADDRESS_KEY_TYPE_SYSTEM = "https://fhir.hl7.org.uk/CodeSystem/UKCore-AddressKeyType";
    public static final String UPRN_TYPE = "UPRN";

    public static final String BUDGET_TYPE = HUB_BASE + "/CodeSystem/budget-type";
    public static final String BUDGET_AMOUNT_EXTENSION = HUB_BASE + "/StructureDefinition/budget-amount";
    public static final String AGENCY_KIND = HUB_BASE + "/CodeSystem/agency-kind";

    public static final String GBP = "GBP";

    /** The pooled personal budget's Account type, and its balances extension (available, committed, paid). */
    public static final String POOLED_PERSONAL_BUDGET = "pooled-personal-budget";
    public static final String BUDGET_BALANCES_EXTENSION = HUB_BASE + "/StructureDefinition/budget-balances";
    /** What a payment was for (the hub's spending categories, config/funding/README.md). */
    public static final String SPENDING_CATEGORY = HUB_BASE + "/CodeSystem/spending-category";
    public static final String PAYMENT_REFERENCE = HUB_BASE + "/Id/payment";

    /** The single assessment: the Questionnaire's canonical URL, and the code system of its "how much support" answers. */
    public static final String SINGLE_ASSESSMENT = HUB_BASE + "/Questionnaire/single-assessment";
    public static final String SUPPORT_NEED = HUB_BASE + "/CodeSystem/support-need";
    /** Points of an answer option (FHIR core extension). */
    public static final String ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
    /** Who completed an assessment: SELF (the person or family), PROFESSIONAL, AGENCY (an agency's system). */
    public static final String ASSESSMENT_MODE_EXTENSION = HUB_BASE + "/StructureDefinition/assessment-mode";

    /** The plan review: its Questionnaire, and the code systems of its answers (since the plan started; a goal). */
    public static final String OUTCOME_REVIEW = HUB_BASE + "/Questionnaire/outcome-review";
    public static final String OUTCOME_CHANGE = HUB_BASE + "/CodeSystem/outcome-change";
    public static final String GOAL_OUTCOME = HUB_BASE + "/CodeSystem/goal-outcome";

    private FhirSystems() {
    }
}
