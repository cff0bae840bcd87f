package org.joinedup.fhirmapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.hl7.fhir.r4.model.Bundle;
import org.joinedup.model.BudgetPush;
import org.joinedup.model.BudgetTransaction;
import org.joinedup.model.BudgetTransaction.Entry;
import org.joinedup.model.BudgetTransaction.EntryKind;
import org.joinedup.model.ContributionStatus;
import org.joinedup.model.InvalidMessageException;
import org.joinedup.model.NhsBudgetType;
import org.joinedup.model.NhsNumber;
import org.joinedup.model.Pence;
import org.joinedup.model.ValidationIssue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import ca.uhn.fhir.context.FhirContext;

/**
 * Budget pushes from NHS trusts, as FHIR transaction Bundles under {@code src/test/resources/nhs/<case>.json},
 * each with its expected reading beside it in {@code <case>.expected.txt}: the budgets for a valid push, or
 * every issue (FHIRPath and reason, one per line) for a refused one. See {@link GoldenFiles} to regenerate.
 */
class TransactionBundleToBudgetTransactionMapperTest {

    private static final FhirContext FHIR = FhirTestSupport.R4;
    private static final String DIR = "nhs/";

    private static final List<String> VALID = List.of(
            "push-put-with-careplan",
            "push-post-ifnoneexist-retired-verification-system",
            "status-inactive-is-ended-and-entered-in-error-is-withdrawn");

    private static final List<String> REFUSED = List.of(
            "nhs-number-fails-check-digit-though-verified",
            "account-without-budget-amount",
            "amount-in-euros",
            "negative-amount",
            "amount-fraction-of-a-penny",
            "service-period-ends-before-start",
            "unknown-budget-type",
            "account-without-identifier",
            "put-url-does-not-match-identifier",
            "subject-patient-not-in-bundle",
            "batch-instead-of-transaction",
            "several-problems");

    private final TransactionBundleToBudgetTransactionMapper mapper = new TransactionBundleToBudgetTransactionMapper();

    @ParameterizedTest(name = "{0}")
    @FieldSource("VALID")
    void readsAValidPushAsTheGoldenFileSays(String fixture) {
        BudgetTransaction transaction = mapper.map(bundle(fixture));
        GoldenFiles.assertMatches(DIR + fixture + ".expected.txt", ModelText.render(transaction));
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("REFUSED")
    void refusesAnInvalidPushWithTheIssuesTheGoldenFileLists(String fixture) {
        Bundle bundle = bundle(fixture);
        InvalidMessageException refused = assertThrows(InvalidMessageException.class, () -> mapper.map(bundle),
                fixture + " was accepted");
        GoldenFiles.assertMatches(DIR + fixture + ".expected.txt", ModelText.issues(refused));
    }

    @Test
    void everyFixtureIsUsedAndEveryGoldenFileHasItsFixture() throws IOException {
        Set<String> listed = Stream.concat(VALID.stream(), REFUSED.stream()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> fixtures = new TreeSet<>();
        Set<String> golden = new TreeSet<>();
        try (Stream<Path> files = Files.list(GoldenFiles.RESOURCES.resolve(DIR))) {
            files.map(p -> p.getFileName().toString()).forEach(name -> {
                if (name.endsWith(".expected.txt")) {
                    golden.add(name.substring(0, name.length() - ".expected.txt".length()));
                } else if (name.endsWith(".json") && !name.contains(".expected.")) {
                    fixtures.add(name.substring(0, name.length() - ".json".length()));
                }
            });
        }
        assertEquals(fixtures, listed, "bundle fixtures under " + DIR + " vs the cases this test runs");
        assertTrue(fixtures.containsAll(golden), "golden files without a fixture: " + golden);
    }

    // The golden files say everything; these name the facts a trust's integration team relies on, so that a
    // golden file regenerated without care cannot quietly lose them.

    @Test
    void aPutPushIsDavidHughesEighteenThousandTwoHundredAndFiftyPoundsFromLeeds() {
        BudgetTransaction transaction = mapper.map(bundle("push-put-with-careplan"));
        BudgetPush budget = single(transaction.budgets());
        assertEquals(NhsNumber.parse("9434765919"), budget.person().nhsNumber());
        assertTrue(budget.person().nhsNumberVerified());
        assertEquals("Hughes", budget.person().familyName());
        assertEquals("OL1 1XX", budget.person().postcode());
        assertEquals("422000103214", budget.person().uprn());
        assertEquals("RR8", budget.ownerOdsCode());
        assertEquals("https://rr8.nhs.uk/Id/phb|PHB-2026-00417", budget.accountKey());
        assertEquals(new Pence(1_825_000), budget.amount());
        assertEquals(NhsBudgetType.PHB_NOTIONAL, budget.type());
        assertEquals(ContributionStatus.ACTIVE, budget.status());
        assertEquals(LocalDate.of(2026, 4, 1), budget.periodStart());
        assertEquals(LocalDate.of(2027, 3, 31), budget.periodEnd());
        assertEquals("Continuing healthcare: personal care and health support at home", budget.carePlanTitle());
        assertEquals(List.of(
                new Entry(EntryKind.PATIENT, "9434765919"),
                new Entry(EntryKind.ORGANIZATION, "RR8"),
                new Entry(EntryKind.ACCOUNT, "https://rr8.nhs.uk/Id/phb|PHB-2026-00417"),
                new Entry(EntryKind.CARE_PLAN, "9434765919")), transaction.entries());
    }

    @Test
    void theRetiredVerificationCodeSystemStillCountsAsVerifiedAndTheAmountIsExact() {
        BudgetPush budget = single(mapper.map(bundle("push-post-ifnoneexist-retired-verification-system")).budgets());
        assertEquals("9434765919", budget.person().nhsNumber().value()); // sent as "943 476 5919"
        assertTrue(budget.person().nhsNumberVerified());
        assertEquals("OL1 1XX", budget.person().postcode()); // sent as "ol11xx"
        assertEquals("RM3", budget.ownerOdsCode());
        assertEquals(new Pence(240_050), budget.amount()); // £2400.50
        assertEquals(NhsBudgetType.PHB_DIRECT_PAYMENT, budget.type());
    }

    @Test
    void inactiveIsEndedAndEnteredInErrorIsWithdrawn() {
        List<BudgetPush> budgets = mapper.map(bundle("status-inactive-is-ended-and-entered-in-error-is-withdrawn"))
                .budgets();
        assertEquals(List.of("PHB-2025-00311", "PHB-2025-00311-DUP"),
                budgets.stream().map(BudgetPush::accountValue).toList());
        assertEquals(List.of(ContributionStatus.ENDED, ContributionStatus.WITHDRAWN),
                budgets.stream().map(BudgetPush::status).toList());
    }

    @Test
    void aVerifiedNumberThatFailsItsCheckDigitIsRefusedAtTheIdentifier() {
        List<ValidationIssue> issues = refusal("nhs-number-fails-check-digit-though-verified");
        assertEquals(new ValidationIssue("Bundle.entry[0].resource.identifier[0].value",
                "NHS number 9434765918 fails the modulus-11 check digit"), issues.get(0));
    }

    @Test
    void eachSingleDefectIsReportedAtTheElementAtFault() {
        assertEquals(List.of("Bundle.entry[2].resource.extension('https://joinedup.org.uk/fhir/StructureDefinition/budget-amount')"),
                expressions("account-without-budget-amount"));
        assertEquals(List.of("Bundle.entry[2].resource.extension('https://joinedup.org.uk/fhir/StructureDefinition/budget-amount').valueMoney.currency"),
                expressions("amount-in-euros"));
        assertEquals(List.of("Bundle.entry[2].resource.extension('https://joinedup.org.uk/fhir/StructureDefinition/budget-amount').valueMoney.value"),
                expressions("negative-amount"));
        assertEquals(List.of("Bundle.entry[2].resource.extension('https://joinedup.org.uk/fhir/StructureDefinition/budget-amount').valueMoney.value"),
                expressions("amount-fraction-of-a-penny"));
        assertEquals(List.of("Bundle.entry[2].resource.servicePeriod.end"), expressions("service-period-ends-before-start"));
        assertEquals(List.of("Bundle.entry[2].resource.type.coding.code"), expressions("unknown-budget-type"));
        assertEquals(List.of("Bundle.entry[2].resource.identifier"), expressions("account-without-identifier"));
        assertEquals(List.of("Bundle.entry[2].request.url"), expressions("put-url-does-not-match-identifier"));
        assertEquals(List.of("Bundle.entry[2].resource.subject"), expressions("subject-patient-not-in-bundle"));
        assertEquals(List.of("Bundle.type"), expressions("batch-instead-of-transaction"));
    }

    @Test
    void aCouncilsGssCodeWhereTheTrustsOdsCodeBelongsIsRefusedAtTheIdentifier() {
        String push = GoldenFiles.read(DIR + "push-put-with-careplan.json").replace("RR8", "E08000004");
        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, push);
        List<ValidationIssue> issues = assertThrows(InvalidMessageException.class, () -> mapper.map(bundle)).issues();
        assertEquals(List.of(new ValidationIssue("Bundle.entry[1].resource.identifier.value", "'E08000004' is an ONS"
                + " GSS code (a local authority or area), not an ODS code: an NHS body is known by its ODS code, such"
                + " as RR8")), issues);
    }

    @Test
    void aPushWithSeveralProblemsHearsAboutAllOfThemAtOnce() {
        List<String> expressions = expressions("several-problems");
        for (String expected : List.of(
                "Bundle.type",
                "Bundle.entry[0].resource.identifier[0].value",
                "Bundle.entry[1].resource.identifier",
                "Bundle.entry[2].request.ifNoneExist",
                "Bundle.entry[2].resource.type.coding.code",
                "Bundle.entry[2].resource.servicePeriod.end",
                "Bundle.entry[2].resource.extension('https://joinedup.org.uk/fhir/StructureDefinition/budget-amount').valueMoney.currency")) {
            assertTrue(expressions.contains(expected), expected + " not reported; got " + expressions);
        }
    }

    private List<ValidationIssue> refusal(String fixture) {
        Bundle bundle = bundle(fixture);
        return assertThrows(InvalidMessageException.class, () -> mapper.map(bundle)).issues();
    }

    private List<String> expressions(String fixture) {
        return refusal(fixture).stream().map(ValidationIssue::expression).toList();
    }

    private static Bundle bundle(String fixture) {
        return FHIR.newJsonParser().parseResource(Bundle.class, GoldenFiles.read(DIR + fixture + ".json"));
    }

    private static <T> T single(List<T> items) {
        if (items.size() != 1) {
            fail("expected exactly one, got " + items);
        }
        return items.get(0);
    }
}
