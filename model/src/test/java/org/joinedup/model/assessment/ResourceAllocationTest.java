package org.joinedup.model.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.joinedup.model.assessment.AssessmentDomain.Need;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Golden cases of the packaged RAS rules (config/ras/): points profiles to pence, edges, floors, caps, refusals. */
class ResourceAllocationTest {

    private final ResourceAllocation ras = new ResourceAllocation(RasRules.packaged());

    /** Scores from "domain=need" pairs and flags. */
    private static AssessmentScores scores(String needs, String flags) {
        List<AssessmentScores.ScoredAnswer> answers = new ArrayList<>();
        if (!needs.isBlank()) {
            for (String pair : needs.split(" ")) {
                String[] p = pair.split("=");
                AssessmentDomain domain = AssessmentDomain.ofCode(p[0]);
                Need need = Need.ofCode(p[1]);
                answers.add(new AssessmentScores.ScoredAnswer(domain.needLinkId(), domain, need, domain.points(need)));
            }
        }
        Set<AssessmentFlag> set = EnumSet.noneOf(AssessmentFlag.class);
        if (flags != null && !flags.isBlank()) {
            for (String f : flags.split(" ")) {
                set.add(AssessmentFlag.fromConfigName(f));
            }
        }
        return AssessmentScores.of(answers, set, Map.of());
    }

    private IndicativeBudget.Share share(IndicativeBudget budget, String ruleId) {
        return budget.shares().stream().filter(s -> s.ruleId().equals(ruleId)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "council: {0} -> {1} pence")
    @CsvSource(delimiter = '|', value = {
            // needs                                                              | pence   | points
            "eating=moderate safety=low                                          | 0       | 9",
            "personal-care=moderate                                              | 150000  | 10",     // 10 x 120.00 = 1,200.00, raised to the floor
            "personal-care=moderate eating=low                                   | 150000  | 12",     // 1,440.00, floor
            "personal-care=moderate community=moderate                           | 156000  | 13",     // above the floor
            "personal-care=substantial safety=moderate eating=low community=low  | 372000  | 31",     // band 1
            "personal-care=substantial safety=substantial eating=low family=low  | 600000  | 40",     // band 2 edge
            "personal-care=critical safety=critical eating=critical family=substantial community=low | 1440000 | 80", // band 3 edge
            "personal-care=critical safety=critical eating=critical family=critical mental-wellbeing=critical community=moderate | 1800000 | 107", // capped
    })
    void councilAdultSocialCare(String needs, long pence, int points) {
        IndicativeBudget.Share share = share(ras.indicate(scores(needs.trim(), "")), "council-adult-social-care");
        assertEquals(pence, share.pence());
        assertEquals(points, share.points());
    }

    @ParameterizedTest(name = "nhs: {0} / {1} -> {2} pence")
    @CsvSource(delimiter = '|', value = {
            "health=substantial personal-care=substantial | nhs-continuing-care-eligible | 900000",  // 12+18 = 30 x 300.00
            "health=moderate personal-care=critical        | nhs-continuing-care-eligible | 0",       // health 7 < 12
            "health=substantial personal-care=substantial | ''                           | 0",       // not found eligible
            "health=critical mental-wellbeing=critical personal-care=critical | nhs-continuing-care-eligible | 2000000", // 68 x 360.00 capped
            "health=critical mental-wellbeing=substantial personal-care=substantial | nhs-continuing-care-eligible | 1800000", // 50: band 2 edge
    })
    void nhsContinuingCare(String needs, String flags, long pence) {
        assertEquals(pence, share(ras.indicate(scores(needs.trim(), flags.trim())), "nhs-continuing-care").pence());
    }

    @ParameterizedTest(name = "housing: {0} / {1} -> {2} pence")
    @CsvSource(delimiter = '|', value = {
            "home=low         | home-adaptation-needed | 300000",
            "home=moderate    | home-adaptation-needed | 900000",
            "home=substantial | home-adaptation-needed | 2000000",
            "home=critical    | home-adaptation-needed | 2000000",
            "home=critical    | ''                     | 0",
            "home=none        | home-adaptation-needed | 0",
    })
    void housingDisabledFacilitiesGrant(String needs, String flags, long pence) {
        assertEquals(pence, share(ras.indicate(scores(needs.trim(), flags.trim())),
                "housing-disabled-facilities-grant").pence());
    }

    @ParameterizedTest(name = "employment: {0} / {1} -> {2} pence")
    @CsvSource(delimiter = '|', value = {
            "work=low         | wants-work-support | 40000",
            "work=substantial | wants-work-support | 180000",
            "work=critical    | wants-work-support | 250000", // 280000 capped
            "work=substantial | ''                 | 0",
            "work=none        | wants-work-support | 0",
    })
    void employmentSupport(String needs, String flags, long pence) {
        assertEquals(pence, share(ras.indicate(scores(needs.trim(), flags.trim())), "employment-support").pence());
    }

    @Test
    void theTotalIsTheSumOfTheSharesAndTheExplanationShowsTheArithmetic() {
        IndicativeBudget budget = ras.indicate(scores("personal-care=substantial safety=moderate eating=low "
                + "community=low health=substantial home=moderate work=low",
                "nhs-continuing-care-eligible home-adaptation-needed wants-work-support"));
        assertEquals(budget.shares().stream().mapToLong(IndicativeBudget.Share::pence).sum(), budget.totalPence());
        IndicativeBudget.Share council = share(budget, "council-adult-social-care");
        assertEquals(List.of(
                "points counted by Oldham Council adult social care: personal-care 18 ('substantial' to "
                        + "personal-care.need), eating 2 ('low' to eating.need), mental-wellbeing 0 (not answered), "
                        + "family 0 (not answered), community 1 ('low' to community.need), safety 10 ('moderate' to "
                        + "safety.need); total 31",
                "band from 10 points: £120.00 a point",
                "31 points x £120.00 = £3720.00 a year",
                "indicative annual amount: £3720.00"), council.steps());
        IndicativeBudget.Share nhs = share(budget, "nhs-continuing-care");
        assertEquals(30, nhs.points());
        assertEquals(900000, nhs.pence(), "30 x 300.00");
        assertEquals("council-adult-social-care@2026-04, employment-support@2026-04, "
                + "housing-disabled-facilities-grant@2026-04, nhs-continuing-care@2026-04", budget.rasVersion());
    }

    @Test
    void refusalsSayWhy() {
        IndicativeBudget budget = ras.indicate(scores("health=moderate personal-care=low",
                "nhs-continuing-care-eligible"));
        List<String> nhs = share(budget, "nhs-continuing-care").steps();
        assertEquals("no contribution: health need of 7 points is below the threshold of 12", nhs.get(nhs.size() - 1));
        List<String> housing = share(budget, "housing-disabled-facilities-grant").steps();
        assertTrue(housing.get(housing.size() - 1).startsWith("no contribution: the assessment does not say yes to"),
                housing.toString());
        assertEquals(false, share(budget, "housing-disabled-facilities-grant").eligible());
    }

    @Test
    void aRuleFileWithAMistakeIsRefusedNamingTheKey() {
        IllegalArgumentException noBands = assertThrows(IllegalArgumentException.class, () -> RasRule.load("x",
                new StringReader("version=1\nfunding-body.agency=NHS\nfunding-body.code=Q\nfunding-body.name=Q\n"
                        + "domains=health\n")));
        assertTrue(noBands.getMessage().contains("band.1.from-points"), noBands.getMessage());
        IllegalArgumentException badDomain = assertThrows(IllegalArgumentException.class, () -> RasRule.load("x",
                new StringReader("version=1\ndomains=health, cooking\n")));
        assertTrue(badDomain.getMessage().contains("cooking"), badDomain.getMessage());
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> RasRule.load("x",
                new StringReader("version=1\nfunding-body.agency=NHS\nfunding-body.code=Q\nfunding-body.name=Q\n"
                        + "domains=health\nband.1.from-points=0\nband.1.pence-per-point=1\nband.1.fixed-pence=5\n")));
        assertTrue(both.getMessage().contains("exactly one"), both.getMessage());
    }

    @Test
    void everyRuleFileUnderConfigIsPackaged() throws Exception {
        Path dir = Path.of("../config/ras");
        try (var files = Files.list(dir)) {
            Set<String> present = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".properties"))
                    .map(n -> n.replace(".properties", "")).collect(Collectors.toSet());
            assertEquals(present, Set.copyOf(RasRules.PACKAGED));
        }
        assertEquals(RasRules.packaged().size(), RasRules.from(dir).size());
    }
}
