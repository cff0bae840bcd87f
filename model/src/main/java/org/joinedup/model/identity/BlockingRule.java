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
    },
    FAMILY_PHONETIC_GIVEN_INITIAL_BIRTH_YEAR {
        @Override
        String key(MatchRecord r) {
            return r.familyPhonetic() == null || r.givenName() == null || r.birthDate() == null ? null
                    : r.familyPhonetic() + "|" + r.givenName().charAt(0) + "|" + r.birthDate().getYear();
        }
    },
    FAMILY_PHONETIC_GIVEN_INITIAL_BIRTH_DAY_MONTH {
        @Override
        String key(MatchRecord r) {
            return r.familyPhonetic() == null || r.givenName() == null || r.birthDate() == null ? null
                    : r.familyPhonetic() + "|" + r.givenName().charAt(0) + "|" + r.birthDate().getMonthValue()
                            + "-" + r.birthDate().getDayOfMonth();
        }
    },
    POSTCODE_GIVEN_INITIAL {
        @Override
        String key(MatchRecord r) {
            return r.postcode() == null || r.givenName() == null ? null : r.postcode() + "|" + r.givenName().charAt(0);
        }
    },
    FAMILY_NAME_GIVEN_NAME {
        @Override
        String key(MatchRecord r) {
            return r.familyName() == null || r.givenName() == null ? null : r.familyName() + "|" + r.givenName();
        }
    };

    abstract String key(MatchRecord r);

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
     * The blocking keys of a record under the given rules, each prefixed by its rule's position, plus one per strong
     * identifier ("nhs:..." and "ni:..."). Records sharing any key are compared.
     */
    public static List<String> keys(MatchRecord r, List<BlockingRule> rules) {
        List<String> keys = new ArrayList<>(rules.size() + 2);
        for (BlockingRule rule : rules) {
            String key = rule.key(r);
            if (key != null) {
                keys.add(rule.ordinal() + ":" + key);
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
