package org.joinedup.hub.fuzz;


import java.util.List;
import java.util.function.Function;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.joinedup.fhirmapping.FhirSystems;
import org.joinedup.hub.support.BudgetBundles;
import org.joinedup.hub.support.HubTestResource;
import org.junit.jupiter.api.Test;

/**
 * Housing providers' tenancy snapshots, fuzzed from a valid two-row file and dropped into the real housing inbox:
 * each file is applied with its broken row set aside (line and column in the report) and the good row applied, or
 * refused whole with the reason; none fails; nothing of a refused row or file is kept, its DFG award least of all.
 */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class HousingInboxFuzzTest extends InboxFuzz {

    /** Each file is a provider of its own: {@code HSG*} is allowed by the test configuration. */
    private static final long FIRST = System.nanoTime() % 1_000_000 * 1_000;

    HousingInboxFuzzTest() {
        super("HOUSING", "hub.housing.inbox");
    }

    @Test
    void everyFileIsAppliedWithItsBadRowSetAsideOrRefusedWholeAndNoneFails() {
        byte[] fixture = InterfaceFuzz.fixture("housing/tenancies.csv");
        List<FileMutation> corpus = new java.util.ArrayList<>(Corpus.share(CsvMutations.of(fixture, 3), 70));
        if (Boolean.getBoolean("fuzz.all")) {
            // the long run: the broken row first as well as second, as a lead in temporary accommodation, as a joint
            // tenant
            corpus.addAll(CsvMutations.ofRow(CsvMutations.variant(fixture, true, 3, "LEAD", "SECURE"), 2));
            corpus.addAll(CsvMutations.ofRow(CsvMutations.variant(fixture, false, 3, "LEAD", "TEMPORARY"), 3));
            corpus.addAll(CsvMutations.ofRow(CsvMutations.variant(fixture, true, 3, "LEAD", "TEMPORARY"), 2));
            corpus.addAll(CsvMutations.ofRow(CsvMutations.variant(fixture, false, 3, "JOINT", "ASSURED"), 3));
            corpus.addAll(CsvMutations.ofRow(CsvMutations.variant(fixture, true, 3, "JOINT", "INTRODUCTORY"), 2));
        }
        FuzzRun run = run(new FuzzRun("housing inbox (a FAILED file counts as 5xx)"), corpus, FIRST);
        run.assertClean(200);
    }

    private static String provider(long n) {
        return "HSGFZ" + n;
    }

    @Override
    protected String fileName(long n) {
        return "tenancies-" + provider(n) + "-20261121.csv";
    }

    @Override
    protected Function<String, String> placeholders(long n) {
        return name -> switch (name) {
            case "n" -> Long.toString(n);
            case "nhs" -> BudgetBundles.newNhsNumber();
            case "nino" -> "JH" + String.format("%06d", n % 1_000_000) + "C";
            case "givenc" -> letters(n, 8);
            case "givent" -> letters(n + 1, 8);
            case "dobc" -> birthDate(n).format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/uuuu"));
            case "dobt" -> birthDate(n + 1).format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/uuuu"));
            default -> null;
        };
    }

    @Override
    protected Held held(long n) {
        String provider = provider(n);
        String members = "select count(*) from tenancy_member m join tenancy t on t.id = m.tenancy_id"
                + " where t.provider = ?1 and m.person_ref ";
        return new Held(count(members + "= 'P-C'", provider) > 0, count(members + "<> 'P-C'", provider) > 0,
                count("select count(*) from contribution where source_system = ?1",
                        FhirSystems.DFG_AWARD_PREFIX + provider));
    }
}
