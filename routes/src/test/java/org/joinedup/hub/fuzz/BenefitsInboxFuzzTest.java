package org.joinedup.hub.fuzz;


import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.joinedup.hub.support.HubTestResource;
import org.junit.jupiter.api.Test;

/**
 * The benefits agency's monthly award files, fuzzed from a valid file of two details (each in turn the one broken)
 * and dropped into the real benefits inbox: each file is applied with its broken detail set aside (line and field
 * in the report) and the good one applied, or refused whole with the reason (a file whose trailer does not add up);
 * none fails; nothing of a refused detail or file is kept.
 */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class BenefitsInboxFuzzTest extends InboxFuzz {

    /** Each file is an authority of its own, {@code E0} and seven digits: {@code E0*} is allowed in tests. */
    private static final long FIRST = 1_000_000 + System.nanoTime() % 8_000 * 1_000;

    BenefitsInboxFuzzTest() {
        super("BENEFITS", "hub.benefits.inbox");
    }

    @Test
    void everyFileIsAppliedWithItsBadDetailSetAsideOrRefusedWholeAndNoneFails() {
        List<FileMutation> corpus = new ArrayList<>();
        corpus.addAll(FixedWidthMutations.of(InterfaceFuzz.fixture("benefits/control-then-target.DAT"), 3, true));
        corpus.addAll(FixedWidthMutations.of(InterfaceFuzz.fixture("benefits/target-then-control.DAT"), 2, false));
        if (Boolean.getBoolean("fuzz.all")) {
            // the long run: the broken detail as every other benefit, active, suspended or terminated, first or second
            String[] codes = {"PIP", "ESA", "JSA", "HB", "CTR", "CA", "AA", "DLA", "UC"};
            for (int i = 0; i < codes.length; i++) {
                boolean second = i % 2 == 0;
                byte[] base = InterfaceFuzz.fixture(second ? "benefits/control-then-target.DAT"
                        : "benefits/target-then-control.DAT");
                int line = second ? 3 : 2;
                corpus.addAll(FixedWidthMutations.of(FixedWidthMutations.variant(base, line, codes[i], "AST".charAt(i % 3)),
                        line, false));
            }
        }
        FuzzRun run = run(new FuzzRun("benefits inbox (a FAILED file counts as 5xx)"), Corpus.share(corpus, 100),
                FIRST);
        run.assertClean(200);
    }

    private static String gss(long n) {
        return "E0" + String.format("%07d", n % 10_000_000);
    }

    @Override
    protected String fileName(long n) {
        return "BEN_" + gss(n) + "_202611_01.DAT";
    }

    @Override
    protected Function<String, String> placeholders(long n) {
        return name -> switch (name) {
            case "gss" -> gss(n).substring(2);
            case "ninoC" -> control(n);
            case "ninoT" -> "JH" + String.format("%06d", n % 1_000_000) + "D";
            // the placeholders are as wide as what fills them, so every record stays 150 characters
            case "givenC" -> letters(n, 10).toUpperCase(java.util.Locale.UK);
            case "givenT" -> letters(n + 1, 10).toUpperCase(java.util.Locale.UK);
            case "dobC" -> birthDate(n).format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
            case "dobT" -> birthDate(n + 1).format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
            default -> null;
        };
    }

    private static String control(long n) {
        return "JH" + String.format("%06d", n % 1_000_000) + "A";
    }

    @Override
    protected Held held(long n) {
        String awards = "select count(*) from benefit_award where gss = ?1 and nino ";
        // benefits are income, never money in the pooled budget: nothing here can record a contribution
        return new Held(count(awards + "= ?2", gss(n), control(n)) > 0, count(awards + "<> ?2", gss(n),
                control(n)) > 0, 0);
    }
}
