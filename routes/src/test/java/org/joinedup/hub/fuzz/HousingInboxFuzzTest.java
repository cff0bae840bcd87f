package org.joinedup.hub.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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

    @ConfigProperty(name = "hub.housing.inbox")
    Path inbox;

    @Test
    void everyFileIsAppliedWithItsBadRowSetAsideOrRefusedWholeAndNoneFails() {
        List<FileMutation> corpus = Corpus.share(CsvMutations.of(InterfaceFuzz.fixture("housing/tenancies.csv"), 3),
                70);
        FuzzRun run = run(new FuzzRun("housing inbox (a FAILED file counts as 5xx)"), corpus, FIRST);
        System.out.println(run.summary());
        assertTrue(run.total() >= 200, run.summary());
        assertTrue(run.clean(), run.summary() + run.details(15));
    }

    @Override
    protected Path inbox() {
        return inbox;
    }

    @Override
    protected String agency() {
        return "HOUSING";
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
