package org.joinedup.model.identity;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Names as matching compares them: accents removed, upper case, letters only. A given name is its first word
 * ("Mary-Jane Ann" -> "MARY"); a family name keeps all its words run together ("O'Neil-Smith" -> "ONEILSMITH").
 */
public final class Names {

    private Names() {
    }

    public static String givenName(String name) {
        String letters = letters(name, true);
        if (letters == null) {
            return null;
        }
        int space = letters.indexOf(' ');
        return space < 0 ? letters : letters.substring(0, space);
    }

    public static String familyName(String name) {
        String letters = letters(name, false);
        return letters;
    }

    private static String letters(String name, boolean keepWordBreaks) {
        if (name == null) {
            return null;
        }
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD).toUpperCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(plain.length());
        boolean breakPending = false;
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (breakPending && out.length() > 0) {
                    out.append(' ');
                }
                breakPending = false;
                out.append(c);
            } else if (keepWordBreaks && (c == ' ' || c == '-' || c == '\t')) {
                breakPending = true;
            }
        }
        return out.length() == 0 ? null : out.toString();
    }
}
