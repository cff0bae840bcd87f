package org.joinedup.connectors.benefits;

/**
 * Builds 150-character records of the benefits monthly file for tests, field by field as the spec lays them out:
 * numbers right-aligned and zero-padded, text left-aligned and space-padded.
 */
final class BenefitsRecords {

    private BenefitsRecords() {
    }

    static String header(String fileId, String gss, String month, String created) {
        return check("H" + text(fileId, 20) + text(gss, 9) + text(month, 6) + text(created, 14) + " ".repeat(100));
    }

    static String detail(String ni, String surname, String forenames, String dateOfBirth, String postcode,
            String benefit, char status, long weeklyPence, String awardStart, String awardEnd) {
        return check("D" + text(ni, 9) + text(surname, 35) + text(forenames, 35) + text(dateOfBirth, 8)
                + text(postcode, 8) + text(benefit, 4) + status + number(weeklyPence, 9) + text(awardStart, 8)
                + text(awardEnd, 8) + " ".repeat(24));
    }

    static String trailer(long count, long hashTotal) {
        return check("T" + number(count, 9) + number(hashTotal, 15) + " ".repeat(125));
    }

    static String text(String value, int width) {
        if (value.length() > width) {
            throw new IllegalArgumentException("'" + value + "' is wider than " + width);
        }
        return value + " ".repeat(width - value.length());
    }

    static String number(long value, int width) {
        String digits = Long.toString(value);
        if (digits.length() > width) {
            throw new IllegalArgumentException(value + " is wider than " + width);
        }
        return "0".repeat(width - digits.length()) + digits;
    }

    private static String check(String record) {
        if (record.length() != BenefitsFileReader.RECORD_LENGTH) {
            throw new IllegalStateException("record is " + record.length() + " characters");
        }
        return record;
    }
}
