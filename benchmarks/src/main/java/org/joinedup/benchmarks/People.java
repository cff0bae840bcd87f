package org.joinedup.benchmarks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The synthetic people of a connector benchmark run: person {@code p} (0, 1, 2, ...) has an NI number of their own
 * that passes DWP's rules (as {@code org.joinedup.model.NiNumber} checks them: prefix letters, six digits, suffix A
 * to D), an NHS number of their own that passes the modulus-11 check, a name, a birth date and a postcode. Numbers
 * start at a random point per run (from the seed), so runs against the same hub meet new people.
 */
final class People {

    static final String[] SURNAMES = {"HUGHES", "KHAN", "PATEL", "SMITH", "JONES", "WILLIAMS", "TAYLOR", "BROWN",
        "DAVIES", "EVANS", "WILSON", "THOMAS", "ROBERTS", "AHMED", "WALKER", "WRIGHT", "ROBINSON", "THOMPSON",
        "WHITE", "HALL", "BEGUM", "GREEN", "LEWIS", "CLARKE", "JACKSON", "HUSSAIN", "WOOD", "O'BRIEN"};
    static final String[] FORENAMES = {"DAVID", "AMINA", "RAVI", "MARGARET", "JOHN", "SUSAN", "PETER", "FATIMA",
        "JOAN", "MICHAEL", "ELIZABETH", "IMRAN", "PATRICIA", "GEORGE", "MARY", "STEPHEN", "AISHA", "BRIAN",
        "CHRISTINE", "MOHAMMED", "HELEN", "KEITH", "BARBARA", "SAM ALEX", "KAYLEIGH"};
    static final String[] POSTCODES = {"OL1 1XX", "OL1 3SA", "OL8 4LY", "OL4 1JN", "OL1 4AW", "OL9 6DR", "OL2 5HX",
        "OL6 9RL", "OL11 3AB", "OL16 2SU", "M35 0BW", "OL3 5DU"};

    /** Prefixes DWP issues: first letter not D F I Q U V, second not D F I O Q U V, and not BG GB KN NK NT TN ZZ. */
    static final String[] NI_PREFIXES = niPrefixes();
    private static final long NI_SPACE = (long) NI_PREFIXES.length * 1_000_000L;
    private static final int BIRTH_DAYS = 25_000; // 1935-01-01 .. 2003-06

    private final long niStart;
    private final long nhsStart;

    People(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        this.niStart = random.nextLong(NI_SPACE);
        this.nhsStart = random.nextLong(100_000_000L, 900_000_000L);
    }

    /** Person p's NI number, upper case without spaces, distinct for p below 300 million. */
    String ni(long p) {
        long at = (niStart + p) % NI_SPACE;
        String prefix = NI_PREFIXES[(int) (at / 1_000_000)];
        long digits = at % 1_000_000;
        char suffix = "ABCD".charAt((int) (p & 3));
        StringBuilder b = new StringBuilder(9).append(prefix);
        String d = Long.toString(digits);
        for (int i = d.length(); i < 6; i++) {
            b.append('0');
        }
        return b.append(d).append(suffix).toString();
    }

    /** Person p's NHS number (10 digits, modulus 11), distinct for p below about 50 million. */
    String nhs(long p) {
        // two candidate 9-digit prefixes per person: they differ in the last digit by one, so their weighted sums
        // differ by 2 (mod 11) and at most one of them has the impossible check digit 10
        long prefix = 100_000_000L + (nhsStart + 2 * p) % 800_000_000L;
        int check = BudgetPushBenchmark.BudgetFactory.checkDigit(prefix);
        if (check == 10) {
            prefix++;
            check = BudgetPushBenchmark.BudgetFactory.checkDigit(prefix);
        }
        return Long.toString(prefix * 10 + check);
    }

    static String surname(long p) {
        return SURNAMES[(int) (p % SURNAMES.length)];
    }

    static String forename(long p) {
        return FORENAMES[(int) (p / SURNAMES.length % FORENAMES.length)];
    }

    static LocalDate birthDate(long p) {
        return LocalDate.of(1935, 1, 1).plusDays(p * 7_919 % BIRTH_DAYS);
    }

    static String postcode(long p) {
        return POSTCODES[(int) (p % POSTCODES.length)];
    }

    /** Title case for formats that do not shout ("O'Brien", "Sam Alex"). */
    static String titleCase(String upper) {
        StringBuilder b = new StringBuilder(upper.length());
        boolean start = true;
        for (char c : upper.toCharArray()) {
            b.append(start ? c : Character.toLowerCase(c));
            start = !Character.isLetter(c);
        }
        return b.toString();
    }

    /** Whether a text passes the same rules as {@code NiNumber.problemWith} (used by the self-check). */
    static boolean isValidNi(String ni) {
        return ni.matches("[A-Z]{2}\\d{6}[A-D]") && "DFIQUV".indexOf(ni.charAt(0)) < 0
                && "DFIOQUV".indexOf(ni.charAt(1)) < 0
                && !Set.of("BG", "GB", "KN", "NK", "NT", "TN", "ZZ").contains(ni.substring(0, 2));
    }

    private static String[] niPrefixes() {
        List<String> prefixes = new ArrayList<>();
        for (char a = 'A'; a <= 'Z'; a++) {
            for (char b = 'A'; b <= 'Z'; b++) {
                String p = "" + a + b;
                if ("DFIQUV".indexOf(a) < 0 && "DFIOQUV".indexOf(b) < 0
                        && !Set.of("BG", "GB", "KN", "NK", "NT", "TN", "ZZ").contains(p)) {
                    prefixes.add(p);
                }
            }
        }
        return prefixes.toArray(new String[0]);
    }

    static String describe(People people) {
        return String.format(Locale.ROOT, "NI numbers from %s, NHS numbers from %s", people.ni(0), people.nhs(0));
    }
}
