package org.joinedup.model.value;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Pounds a year as spreadsheets write them: {@code £17,030}, {@code 17030}, {@code 17,030.50}. A blank cell,
 * {@code N/A}, {@code n/a} or a dash is a figure nobody had: missing, never zero.
 */
public final class SpreadsheetPounds {

    /** What a cell held: pence, nothing (missing), or why it is not an amount. */
    public record Cell(Long pence, String problem) {

        static final Cell MISSING = new Cell(null, null);

        public boolean missing() {
            return pence == null && problem == null;
        }
    }

    private static final Set<String> MISSING = Set.of("", "n/a", "na", "—", "–", "-");

    /** Pounds, with thousands grouped by commas (three digits each) or not at all, and at most two decimals. */
    private static final Pattern AMOUNT = Pattern.compile("(\\d{1,3}(,\\d{3})+|\\d+)(\\.\\d{1,2})?");

    /** The most a figure may be: £100,000,000 a year. */
    private static final long MOST_PENCE = 10_000_000_000L;

    private SpreadsheetPounds() {
    }

    public static Cell read(String text) {
        String cell = text == null ? "" : text.strip();
        if (MISSING.contains(cell.toLowerCase(java.util.Locale.UK))) {
            return Cell.MISSING;
        }
        String amount = cell.startsWith("£") ? cell.substring(1).strip() : cell;
        if (amount.startsWith("-") || amount.startsWith("(")) {
            return new Cell(null, "'" + cell + "' is negative: a cost a year is 0 or more");
        }
        if (!AMOUNT.matcher(amount).matches()) {
            Optional<String> why = amount.matches("\\d+(,\\d+)*(\\.\\d{3,})") ? Optional.of("has more than two decimal"
                    + " places (pounds and pence)") : Optional.empty();
            return new Cell(null, "'" + cell + "' " + why.orElse("is not an amount in pounds (for example £17,030,"
                    + " 17030 or 17,030.50; blank or N/A when there is no figure)"));
        }
        long pence = new BigDecimal(amount.replace(",", "")).movePointRight(2).longValueExact();
        if (pence > MOST_PENCE) {
            return new Cell(null, "'" + cell + "' is more than £100,000,000 a year");
        }
        return new Cell(pence, null);
    }
}
