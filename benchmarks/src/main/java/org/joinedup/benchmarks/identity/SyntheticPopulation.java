package org.joinedup.benchmarks.identity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.joinedup.model.NhsNumber;

/**
 * A synthetic population with ground truth: people, each known to one to five agencies, every agency's record
 * carrying the errors real records carry (typing errors, nicknames, day and month swapped, one date field wrong,
 * moved house, missing values and identifiers), with households (family name and postcode shared), twins (family
 * name, birth date and postcode shared) and common names at their real frequencies (a few names are very common).
 */
public final class SyntheticPopulation {

    /** One agency's record of a person, and (for scoring only) which real person it is. */
    public record SourceRow(int truePerson, String agency, String givenName, String familyName, LocalDate birthDate,
            String postcode, String nhsNumber, boolean nhsVerified, String niNumber) {
    }

    private static final String[] GIVEN = { "OLIVER", "GEORGE", "HARRY", "JACK", "JACOB", "NOAH", "CHARLIE",
            "MUHAMMAD", "THOMAS", "OSCAR", "WILLIAM", "JAMES", "DAVID", "JOHN", "MICHAEL", "PAUL", "ANDREW", "MARK",
            "RICHARD", "ROBERT", "PETER", "STEPHEN", "CHRISTOPHER", "DANIEL", "MATTHEW", "JOSEPH", "SAMUEL",
            "BENJAMIN", "ALEXANDER", "EDWARD", "HENRY", "ANTHONY", "KEVIN", "GARY", "IAN", "CRAIG", "LEE", "DEAN",
            "RYAN", "LIAM", "CONNOR", "KYLE", "AMELIA", "OLIVIA", "ISLA", "EMILY", "POPPY", "AVA", "ISABELLA",
            "JESSICA", "LILY", "SOPHIE", "MARGARET", "ELIZABETH", "SARAH", "SUSAN", "PATRICIA", "JENNIFER",
            "CATHERINE", "REBECCA", "NICOLA", "SAMANTHA", "VICTORIA", "CHARLOTTE", "EMMA", "HANNAH", "LAURA",
            "KAYLEIGH", "CHLOE", "MEGAN", "AMY", "LUCY", "HOLLY", "JADE", "GEMMA", "DONNA", "TRACEY", "KAREN",
            "JULIE", "ANGELA", "HELEN", "CLAIRE", "LISA", "MICHELLE", "JOANNE", "DEBORAH", "BARBARA", "DOROTHY",
            "FATIMA", "AISHA", "PRIYA", "ZARA", "AMIR", "HASSAN", "ARJUN", "RAVI", "WEI", "KWAME", "TOMASZ",
            "PIOTR", "AGNIESZKA", "SIOBHAN", "CIARAN", "EILIDH", "RHYS", "DYLAN", "CERYS", "FREYA" };

    private static final String[] COMMON_FAMILY = { "SMITH", "JONES", "WILLIAMS", "TAYLOR", "BROWN", "DAVIES",
            "EVANS", "WILSON", "THOMAS", "JOHNSON", "ROBERTS", "ROBINSON", "THOMPSON", "WRIGHT", "WALKER", "WHITE",
            "EDWARDS", "HUGHES", "GREEN", "HALL", "LEWIS", "HARRIS", "CLARKE", "PATEL", "JACKSON", "WOOD",
            "TURNER", "MARTIN", "COOPER", "HILL", "WARD", "MORRIS", "MOORE", "CLARK", "LEE", "KING", "BAKER",
            "HARRISON", "MORGAN", "ALLEN", "JAMES", "SCOTT", "PHILLIPS", "WATSON", "DAVIS", "PARKER", "PRICE",
            "BENNETT", "YOUNG", "GRIFFITHS", "MITCHELL", "KELLY", "COOK", "CARTER", "RICHARDSON", "BAILEY",
            "COLLINS", "BELL", "SHAW", "MURPHY", "MILLER", "COX", "RICHARDS", "KHAN", "MARSHALL", "ANDERSON",
            "SIMPSON", "ELLIS", "ADAMS", "SINGH", "BEGUM", "WILKINSON", "FOSTER", "CHAPMAN", "POWELL", "WEBB",
            "ROGERS", "GRAY", "MASON", "ALI", "HUNT", "HUSSAIN", "CAMPBELL", "MATTHEWS", "OWEN", "PALMER" };

    private static final String[] SYLLABLES = { "AR", "BER", "CAL", "DEN", "ELL", "FOR", "GAR", "HAM", "ING", "KER",
            "LAN", "MOR", "NEL", "OAK", "PEN", "RAD", "SEL", "TON", "WOR", "BY", "LEY", "FIELD", "WELL", "STON",
            "HURST", "WICK", "DALE", "SHAW", "BROOK", "CROFT" };

    /** Short forms used in place of a given name (a subset of the hub's nickname groups). */
    private static final String[][] NICKNAMES = { { "DAVID", "DAVE" }, { "WILLIAM", "BILL" }, { "WILLIAM", "WILL" },
            { "JAMES", "JIM" }, { "JAMES", "JAMIE" }, { "MICHAEL", "MIKE" }, { "MICHAEL", "MICK" },
            { "ROBERT", "BOB" }, { "ROBERT", "ROB" }, { "RICHARD", "RICH" }, { "CHRISTOPHER", "CHRIS" },
            { "ANDREW", "ANDY" }, { "ANTHONY", "TONY" }, { "DANIEL", "DAN" }, { "MATTHEW", "MATT" },
            { "JOSEPH", "JOE" }, { "SAMUEL", "SAM" }, { "BENJAMIN", "BEN" }, { "ALEXANDER", "ALEX" },
            { "EDWARD", "ED" }, { "HENRY", "HARRY" }, { "STEPHEN", "STEVE" }, { "PETER", "PETE" },
            { "THOMAS", "TOM" }, { "ELIZABETH", "LIZ" }, { "ELIZABETH", "BETH" }, { "MARGARET", "MAGGIE" },
            { "CATHERINE", "KATE" }, { "REBECCA", "BECKY" }, { "SAMANTHA", "SAM" }, { "VICTORIA", "VICKY" },
            { "JENNIFER", "JENNY" }, { "PATRICIA", "PAT" }, { "SUSAN", "SUE" }, { "DEBORAH", "DEBBIE" },
            { "NICOLA", "NICKY" }, { "CHARLOTTE", "LOTTIE" }, { "JESSICA", "JESS" }, { "KAYLEIGH", "KAYLEY" } };

    private static final String[] AGENCIES = { "NHS", "COUNCIL", "HOUSING", "DWP", "EMPLOYMENT" };

    private final Random random;
    private final String[] familyNames;
    private final String[] postcodes;
    private final java.util.Set<String> identifiersGiven = new java.util.HashSet<>();

    public SyntheticPopulation(long seed, int people) {
        this.random = new Random(seed);
        this.familyNames = familyNames(20_000);
        this.postcodes = postcodes(Math.max(1000, people / 15));
    }

    /** Generates the people and their agencies' records, shuffled into a random arrival order. */
    public List<SourceRow> generate(int people) {
        List<SourceRow> rows = new ArrayList<>(people * 3);
        int person = 0;
        while (person < people) {
            // a household: one to five people sharing a family name (mostly) and a postcode
            int size = 1 + (random.nextDouble() < 0.45 ? random.nextInt(4) : 0);
            String family = familyName();
            String postcode = postcodes[random.nextInt(postcodes.length)];
            LocalDate twinsBorn = null;
            for (int member = 0; member < size && person < people; member++, person++) {
                String memberFamily = random.nextDouble() < 0.15 ? familyName() : family;
                LocalDate born;
                if (twinsBorn != null) {
                    born = twinsBorn;
                    twinsBorn = null;
                } else {
                    born = LocalDate.of(1930, 1, 1).plusDays(random.nextInt(90 * 365));
                    if (size > 1 && member < size - 1 && random.nextDouble() < 0.03) {
                        twinsBorn = born;
                    }
                }
                String given = GIVEN[zipf(GIVEN.length, 0.5)];
                String nhs = random.nextDouble() < 0.85 ? nhsNumber() : null;
                String ni = born.isBefore(LocalDate.of(2008, 1, 1)) && random.nextDouble() < 0.9 ? niNumber() : null;
                for (String agency : agenciesFor()) {
                    rows.add(record(person, agency, given, memberFamily, born, postcode, nhs, ni));
                }
            }
        }
        Collections.shuffle(rows, random);
        return rows;
    }

    private List<String> agenciesFor() {
        List<String> agencies = new ArrayList<>(5);
        int count = 1 + random.nextInt(4);
        List<String> all = new ArrayList<>(List.of(AGENCIES));
        Collections.shuffle(all, random);
        for (int i = 0; i < count; i++) {
            agencies.add(all.get(i));
        }
        return agencies;
    }

    private SourceRow record(int person, String agency, String given, String family, LocalDate born,
            String postcode, String nhs, String ni) {
        String g = given;
        double r = random.nextDouble();
        if (r < 0.10) {
            g = nickname(given);
        } else if (r < 0.14) {
            g = typo(given);
        }
        String f = random.nextDouble() < 0.04 ? typo(family) : family;
        LocalDate dob = born;
        double d = random.nextDouble();
        if (d < 0.015 && born.getDayOfMonth() <= 12 && born.getDayOfMonth() != born.getMonthValue()) {
            dob = LocalDate.of(born.getYear(), born.getDayOfMonth(), born.getMonthValue());
        } else if (d < 0.035) {
            dob = oneFieldOff(born);
        } else if (d < 0.05) {
            dob = null;
        }
        String pc = postcode;
        double p = random.nextDouble();
        if (p < 0.18) {
            pc = postcodes[random.nextInt(postcodes.length)];
        } else if (p < 0.23) {
            pc = null;
        }
        String recordNhs = null;
        boolean verified = false;
        String recordNi = null;
        switch (agency) {
            case "NHS" -> {
                recordNhs = nhs;
                verified = nhs != null && random.nextDouble() < 0.9;
            }
            case "COUNCIL" -> recordNhs = nhs != null && random.nextDouble() < 0.4 ? nhs : null;
            case "DWP", "EMPLOYMENT" -> recordNi = ni != null && random.nextDouble() < 0.95 ? ni : null;
            default -> {
            }
        }
        return new SourceRow(person, agency, mixedCase(g), mixedCase(f), dob, spaced(pc), recordNhs, verified,
                recordNi);
    }

    private String nickname(String given) {
        List<String> forms = new ArrayList<>();
        for (String[] pair : NICKNAMES) {
            if (pair[0].equals(given)) {
                forms.add(pair[1]);
            }
        }
        return forms.isEmpty() ? given : forms.get(random.nextInt(forms.size()));
    }

    private String typo(String name) {
        if (name.length() < 3) {
            return name;
        }
        char[] c = name.toCharArray();
        int i = 1 + random.nextInt(c.length - 1);
        switch (random.nextInt(3)) {
            case 0 -> { // transposition
                char t = c[i];
                c[i] = c[i - 1];
                c[i - 1] = t;
                return new String(c);
            }
            case 1 -> { // a letter dropped
                return name.substring(0, i) + name.substring(i + 1);
            }
            default -> { // a letter mistyped
                c[i] = (char) ('A' + random.nextInt(26));
                return new String(c);
            }
        }
    }

    private LocalDate oneFieldOff(LocalDate born) {
        try {
            return switch (random.nextInt(3)) {
                case 0 -> born.withDayOfMonth(1 + (born.getDayOfMonth() + random.nextInt(27)) % 28);
                case 1 -> born.withMonth(1 + (born.getMonthValue() + random.nextInt(10)) % 12);
                default -> born.withYear(born.getYear() + (random.nextBoolean() ? 1 : -1));
            };
        } catch (java.time.DateTimeException e) {
            return born;
        }
    }

    private String mixedCase(String name) {
        if (random.nextDouble() < 0.5) {
            return name;
        }
        return name.charAt(0) + name.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    private String spaced(String postcode) {
        if (postcode == null || random.nextDouble() < 0.3) {
            return postcode;
        }
        return postcode.substring(0, postcode.length() - 3) + " " + postcode.substring(postcode.length() - 3);
    }

    private String familyName() {
        // the common names take about a third of people, as in England
        if (random.nextDouble() < 0.33) {
            return COMMON_FAMILY[zipf(COMMON_FAMILY.length, 1.0)];
        }
        return familyNames[zipf(familyNames.length, 0.7)];
    }

    private int zipf(int n, double exponent) {
        // inverse-transform on a continuous power law: cheap and close enough to Zipf's shape
        double u = random.nextDouble();
        if (exponent == 1.0) {
            return (int) Math.min(n - 1, Math.floor(Math.pow(n + 1, u)) - 1);
        }
        double a = 1 - exponent;
        double x = Math.pow(u * (Math.pow(n + 1, a) - 1) + 1, 1 / a);
        return (int) Math.min(n - 1, Math.max(0, Math.floor(x) - 1));
    }

    private String[] familyNames(int count) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        while (names.size() < count) {
            int parts = 2 + random.nextInt(2);
            StringBuilder name = new StringBuilder();
            for (int i = 0; i < parts; i++) {
                name.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            names.add(name.toString());
        }
        return names.toArray(String[]::new);
    }

    private String[] postcodes(int count) {
        String[] areas = { "OL", "M", "SK", "BL", "WN", "LS", "S", "B", "NE", "L", "BS", "NG", "LE", "CV", "SW",
                "E", "N", "SE", "W", "NW" };
        java.util.Set<String> codes = new java.util.LinkedHashSet<>();
        while (codes.size() < count) {
            String area = areas[random.nextInt(areas.length)];
            int district = 1 + random.nextInt(30);
            int sector = random.nextInt(10);
            String unit = "" + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26));
            codes.add(area + district + sector + unit);
        }
        return codes.toArray(String[]::new);
    }

    private String nhsNumber() {
        while (true) {
            StringBuilder digits = new StringBuilder();
            for (int i = 0; i < 9; i++) {
                digits.append(random.nextInt(10));
            }
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (digits.charAt(i) - '0') * (10 - i);
            }
            int check = 11 - sum % 11;
            if (check == 11) {
                check = 0;
            }
            if (check != 10) {
                String value = digits.toString() + check;
                if (NhsNumber.isValid(value) && identifiersGiven.add(value)) {
                    return value;
                }
            }
        }
    }

    private String niNumber() {
        String first = "ABCEGHJKLMNPRSTWXYZ";
        String second = "ABCEGHJKLMNPRSTWXYZ";
        while (true) {
            String prefix = "" + first.charAt(random.nextInt(first.length()))
                    + second.charAt(random.nextInt(second.length()));
            String value = prefix + String.format("%06d", random.nextInt(1_000_000)) + "ABCD".charAt(random.nextInt(4));
            if (!java.util.Set.of("BG", "GB", "KN", "NK", "NT", "TN", "ZZ").contains(prefix)
                    && identifiersGiven.add(value)) {
                return value;
            }
        }
    }
}
