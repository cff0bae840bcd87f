package org.joinedup.model.identity;

import java.time.LocalDate;
import java.util.List;

/**
 * The comparisons of the Fellegi-Sunter model and their levels. Each finds the strongest level two records agree at;
 * the model turns the level into a match weight.
 */
public enum Comparison {

    GIVEN_NAME(List.of(ComparisonLevel.EXACT, ComparisonLevel.NICKNAME, ComparisonLevel.SIMILAR,
            ComparisonLevel.PHONETIC, ComparisonLevel.DIFFERENT)) {
        @Override
        ComparisonLevel level(MatchRecord a, MatchRecord b, double similarAbove) {
            return names(a.givenName(), b.givenName(), a.givenPhonetic(), b.givenPhonetic(), true, similarAbove);
        }

        @Override
        String value(MatchRecord r) {
            return r.givenName();
        }
    },
    FAMILY_NAME(List.of(ComparisonLevel.EXACT, ComparisonLevel.SIMILAR, ComparisonLevel.PHONETIC,
            ComparisonLevel.DIFFERENT)) {
        @Override
        ComparisonLevel level(MatchRecord a, MatchRecord b, double similarAbove) {
            return names(a.familyName(), b.familyName(), a.familyPhonetic(), b.familyPhonetic(), false,
                    similarAbove);
        }

        @Override
        String value(MatchRecord r) {
            return r.familyName();
        }
    },
    BIRTH_DATE(List.of(ComparisonLevel.EXACT, ComparisonLevel.DAY_MONTH_SWAPPED, ComparisonLevel.ONE_FIELD_OFF,
            ComparisonLevel.DIFFERENT)) {
        @Override
        ComparisonLevel level(MatchRecord a, MatchRecord b, double similarAbove) {
            LocalDate x = a.birthDate();
            LocalDate y = b.birthDate();
            if (x == null || y == null) {
                return ComparisonLevel.MISSING;
            }
            if (x.equals(y)) {
                return ComparisonLevel.EXACT;
            }
            boolean sameYear = x.getYear() == y.getYear();
            if (sameYear && x.getDayOfMonth() == y.getMonthValue() && x.getMonthValue() == y.getDayOfMonth()) {
                return ComparisonLevel.DAY_MONTH_SWAPPED;
            }
            int same = (sameYear ? 1 : 0) + (x.getMonthValue() == y.getMonthValue() ? 1 : 0)
                    + (x.getDayOfMonth() == y.getDayOfMonth() ? 1 : 0);
            return same == 2 ? ComparisonLevel.ONE_FIELD_OFF : ComparisonLevel.DIFFERENT;
        }

        @Override
        String value(MatchRecord r) {
            return r.birthDate() == null ? null : r.birthDate().toString();
        }
    },
    ADDRESS(List.of(ComparisonLevel.SAME_UPRN, ComparisonLevel.SAME_POSTCODE, ComparisonLevel.SAME_SECTOR,
            ComparisonLevel.SAME_DISTRICT, ComparisonLevel.DIFFERENT)) {
        @Override
        ComparisonLevel level(MatchRecord a, MatchRecord b, double similarAbove) {
            if (a.uprn() != null && a.uprn().equals(b.uprn())) {
                return ComparisonLevel.SAME_UPRN;
            }
            String x = a.postcode();
            String y = b.postcode();
            if (x == null || y == null) {
                return ComparisonLevel.MISSING;
            }
            if (x.equals(y)) {
                return ComparisonLevel.SAME_POSTCODE;
            }
            if (Postcodes.sector(x).equals(Postcodes.sector(y))) {
                return ComparisonLevel.SAME_SECTOR;
            }
            if (Postcodes.district(x).equals(Postcodes.district(y))) {
                return ComparisonLevel.SAME_DISTRICT;
            }
            return ComparisonLevel.DIFFERENT;
        }

        @Override
        String value(MatchRecord r) {
            return r.uprn() != null ? r.postcode() + " (UPRN " + r.uprn() + ")" : r.postcode();
        }
    },
    /** Only NHS numbers not verified on both sides are compared here; two verified equal ones link outright. */
    NHS_NUMBER(List.of(ComparisonLevel.EXACT, ComparisonLevel.DIFFERENT)) {
        @Override
        ComparisonLevel level(MatchRecord a, MatchRecord b, double similarAbove) {
            if (a.nhsNumber() == null || b.nhsNumber() == null) {
                return ComparisonLevel.MISSING;
            }
            return a.nhsNumber().equals(b.nhsNumber()) ? ComparisonLevel.EXACT : ComparisonLevel.DIFFERENT;
        }

        @Override
        String value(MatchRecord r) {
            return r.nhsNumber();
        }
    };

    private final List<ComparisonLevel> levels;

    Comparison(List<ComparisonLevel> levels) {
        this.levels = levels;
    }

    /** The levels this comparison can reach (besides {@link ComparisonLevel#MISSING}), strongest first. */
    public List<ComparisonLevel> levels() {
        return levels;
    }

    /** The kebab-case name used in the weights file: {@code given-name}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    abstract ComparisonLevel level(MatchRecord a, MatchRecord b, double similarAbove);

    /** The value compared, as shown in an explanation. */
    abstract String value(MatchRecord r);

    private static ComparisonLevel names(String x, String y, String phoneticX, String phoneticY,
            boolean nicknames, double similarAbove) {
        if (x == null || y == null) {
            return ComparisonLevel.MISSING;
        }
        if (x.equals(y)) {
            return ComparisonLevel.EXACT;
        }
        if (nicknames && Nicknames.english().same(x, y)) {
            return ComparisonLevel.NICKNAME;
        }
        if (JaroWinkler.similarity(x, y) >= similarAbove) {
            return ComparisonLevel.SIMILAR;
        }
        if (phoneticX != null && phoneticX.equals(phoneticY)) {
            return ComparisonLevel.PHONETIC;
        }
        return ComparisonLevel.DIFFERENT;
    }
}
