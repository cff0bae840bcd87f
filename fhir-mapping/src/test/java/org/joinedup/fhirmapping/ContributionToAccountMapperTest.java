package org.joinedup.fhirmapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.hl7.fhir.r4.model.Account;
import org.hl7.fhir.r4.model.Money;
import org.joinedup.model.AgencyKind;
import org.joinedup.model.ContributionRecord;
import org.joinedup.model.ContributionStatus;
import org.joinedup.model.Pence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Contributions as the FHIR Accounts the hub serves: golden JSON under {@code src/test/resources/nhs/} and valid
 * FHIR R4 by HAPI's validator.
 */
class ContributionToAccountMapperTest {

    private static final String DAVID = "5d0f7a8e-3c21-4b6a-9e4f-1a2b3c4d5e6f";

    /** RR8's continuing-care budget for David, revised twice since it was first pushed. */
    static final ContributionRecord LEEDS_CHC = new ContributionRecord(
            "0e6b2f4a-9c8d-4a1b-8f3e-7d6c5b4a3921", DAVID, AgencyKind.NHS, "RR8",
            "Leeds Teaching Hospitals NHS Trust", "https://rr8.nhs.uk/Id/phb", "PHB-2026-00417", "phb-notional",
            ContributionStatus.ACTIVE, new Pence(1_825_000), LocalDate.of(2026, 4, 1), LocalDate.of(2027, 3, 31), 3,
            Instant.parse("2026-03-14T09:30:00Z"));

    /** RM3's direct payment, withdrawn by the trust (sent in error). */
    static final ContributionRecord NCA_WITHDRAWN = new ContributionRecord(
            "6a1d3e5f-2b4c-4d8e-a9f0-1b2c3d4e5f60", DAVID, AgencyKind.NHS, "RM3",
            "Northern Care Alliance NHS Foundation Trust", "https://nca.nhs.uk/Id/personal-health-budget", "MH-88213",
            "phb-direct-payment", ContributionStatus.WITHDRAWN, new Pence(240_050), LocalDate.of(2026, 6, 1),
            LocalDate.of(2027, 5, 31), 2, Instant.parse("2026-06-02T16:05:11.250Z"));

    /** Oldham council's adult social care contribution for last year, ended; owned by GSS code, not ODS. */
    static final ContributionRecord OLDHAM_ENDED = new ContributionRecord(
            "c4b3a291-7e6d-4c5b-8a49-3f2e1d0c9b8a", DAVID, AgencyKind.SOCIAL_CARE, "E08000004",
            "Oldham Metropolitan Borough Council", "https://oldham.gov.uk/Id/personal-budget", "PB-2025-1187",
            "asc-direct-payment", ContributionStatus.ENDED, new Pence(962_107), LocalDate.of(2025, 4, 1),
            LocalDate.of(2026, 3, 31), 1, null);

    static final Map<String, ContributionRecord> CASES = Map.of(
            "account-nhs-contribution-active", LEEDS_CHC,
            "account-nhs-contribution-withdrawn", NCA_WITHDRAWN,
            "account-council-contribution-ended", OLDHAM_ENDED);

    static final List<String> CASE_NAMES = CASES.keySet().stream().sorted().toList();

    private final ContributionToAccountMapper mapper = new ContributionToAccountMapper();

    @ParameterizedTest(name = "{0}")
    @FieldSource("CASE_NAMES")
    void writesTheAccountTheGoldenFileHolds(String name) {
        Account account = mapper.map(CASES.get(name));
        GoldenFiles.assertMatches("nhs/" + name + ".expected.json", FhirTestSupport.prettyJson(account));
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("CASE_NAMES")
    void writesValidFhir(String name) {
        FhirTestSupport.assertValidFhir(name, mapper.map(CASES.get(name)));
    }

    @Test
    void theAmountIsExactPoundsAndPenceInGbp() {
        Money amount = (Money) mapper.map(NCA_WITHDRAWN)
                .getExtensionByUrl(FhirSystems.BUDGET_AMOUNT_EXTENSION).getValue();
        assertEquals("GBP", amount.getCurrency());
        assertEquals(new BigDecimal("2400.50"), amount.getValue());
        assertEquals(new Pence(240_050), Pence.ofPounds(amount.getValue()));
    }

    @Test
    void statusesAreTheOnesTheTrustSent() {
        assertEquals(Account.AccountStatus.ACTIVE, mapper.map(LEEDS_CHC).getStatus());
        assertEquals(Account.AccountStatus.ENTEREDINERROR, mapper.map(NCA_WITHDRAWN).getStatus());
        assertEquals(Account.AccountStatus.INACTIVE, mapper.map(OLDHAM_ENDED).getStatus());
    }

    @Test
    void theOwnerIsTheFundingBodyByOdsCodeForTheNhsAndGssCodeForACouncil() {
        assertEquals(FhirSystems.ODS_CODE, mapper.map(LEEDS_CHC).getOwner().getIdentifier().getSystem());
        assertEquals("RR8", mapper.map(LEEDS_CHC).getOwner().getIdentifier().getValue());
        assertEquals(FhirSystems.GSS_CODE, mapper.map(OLDHAM_ENDED).getOwner().getIdentifier().getSystem());
        assertEquals("E08000004", mapper.map(OLDHAM_ENDED).getOwner().getIdentifier().getValue());
    }

    @Test
    void theVersionIsTheContributionsVersion() {
        Account account = mapper.map(LEEDS_CHC);
        assertEquals("3", account.getMeta().getVersionId());
        assertEquals("Patient/" + DAVID, account.getSubjectFirstRep().getReference());
    }
}
