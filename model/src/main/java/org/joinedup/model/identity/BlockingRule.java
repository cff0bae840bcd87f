package org.joinedup.model.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which records are compared at all: two records are compared only when they share the key of at least one rule
 * (or a strong identifier). Each rule is chosen so that the errors another rule misses still meet: a mistyped date
 * of birth meets on names and year, a moved family on date of birth.
 */
public enum BlockingRule {
    BIRTH_DATE {
        @Override
        String key(MatchRecord r) {
            return r.birthDate() == null ? null : r.birthDate().toString();
        }

        @Override
        String finer(MatchRecord r) {
            return r.familyPhonetic(); // the same birth date and a family name that sounds the same
        }
    },
    FAMILY_PHONETIC_GIVEN_INITIAL_BIRTH_YEAR {
        @Override
        String key(MatchRecord r) {
            return r.familyPhonetic() == null || r.givenName() == null || r.birthDate() == null ? null
                    : r.familyPhonetic() + "|" + r.givenName().charAt(0) + "|" + r.birthDate().getYear();
        }

        @Override
        String finer(MatchRecord r) {
            return Integer.toString(r.birthDate().getMonthValue());
        }
    },
    FAMILY_PHONETIC_GIVEN_INITIAL_BIRTH_DAY_MONTH {
        @Override
        String key(MatchRecord r) {
            return r.familyPhonetic() == null || r.givenName() == null || r.birthDate() == null ? null
                    : r.familyPhonetic() + "|" + r.givenName().charAt(0) + "|" + r.birthDate().getMonthValue()
                            + "-" + r.birthDate().getDayOfMonth();
        }

        @Override
        String finer(MatchRecord r) {
            return r.postcode() == null ? null : Postcodes.district(r.postcode());
        }
    },
    POSTCODE_GIVEN_INITIAL {
        @Override
        String key(MatchRecord r) {
            return r.postcode() == null || r.givenName() == null ? null : r.postcode() + "|" + r.givenName().charAt(0);
        }

        @Override
        String finer(MatchRecord r) {
            return r.birthDate() == null ? null : Integer.toString(r.birthDate().getYear());
        }
    },
    FAMILY_NAME_GIVEN_NAME {
        @Override
        String key(MatchRecord r) {
            return r.familyName() == null || r.givenName() == null ? null : r.familyName() + "|" + r.givenName();
        }

        @Override
        String finer(MatchRecord r) {
            return r.birthDate() == null ? null : Integer.toString(r.birthDate().getYear());
        }
    };

    abstract String key(MatchRecord r);

    /**
     * What narrows the rule's key when its block grows too large to score (a common name born in one year, a
     * postcode shared by an estate), for a record that has the key; null when the record lacks it.
     */
    abstract String finer(MatchRecord r);

    /** The prefix of a rule's narrowed keys: {@code "1+:"} for the second rule. */
    public String finerPrefix() {
        return ordinal() + "+:";
    }

    /** The kebab-case name used in the weights file. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static BlockingRule fromConfigName(String name) {
        for (BlockingRule rule : values()) {
            if (rule.configName().equals(name.trim())) {
                return rule;
            }
        }
        throw new IllegalArgumentException("unknown blocking rule '" + name.trim() + "'");
    }

    /**
     * The blocking keys of a record under the given rules, each prefixed by its rule's position, each with its
     * narrowed key ("0+:..."), plus one per strong identifier ("nhs:..." and "ni:..."). Records sharing any key whose
     * block is not too large are compared: while a rule's block is small its narrowed block adds nobody new; once it
     * is too large to score, the narrowed block (the same key and a finer one) still finds the records most like
     * this one, so a growing population narrows blocking instead of silently losing the rule.
     */
    public static List<String> keys(MatchRecord r, List<BlockingRule> rules) {
        List<String> keys = new ArrayList<>(2 * rules.size() + 2);
        for (BlockingRule rule : rules) {
            String key = rule.key(r);
            if (key != null) {
                keys.add(rule.ordinal() + ":" + key);
                String finer = rule.finer(r);
                if (finer != null) {
                    keys.add(rule.finerPrefix() + key + "|" + finer);
                }
            }
        }
        if (r.nhsNumber() != null) {
            keys.add("nhs:" + r.nhsNumber());
        }
        if (r.niNumber() != null) {
            keys.add("ni:" + r.niNumber());
        }
        return keys;
    }
}
