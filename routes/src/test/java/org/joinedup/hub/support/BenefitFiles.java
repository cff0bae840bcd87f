package org.joinedup.hub.support;

/** Benefits agency monthly award files, fixed width, as the DWP writes them (formats/benefits). */
public final class BenefitFiles {

    private BenefitFiles() {
    }

    /** A whole file: header, these detail records, and a trailer with their count and hash total. */
    public static String file(String gss, String month, int sequence, String... details) {
        StringBuilder out = new StringBuilder();
        out.append(pad("H" + pad("BEN" + month + gss + "%02d".formatted(sequence), 20) + gss + month
                + "20261201093000", 150)).append('\n');
        long total = 0;
        for (String detail : details) {
            out.append(detail).append('\n');
            total += Long.parseLong(detail.substring(101, 110));
        }
        out.append(pad("T" + "%09d".formatted(details.length) + "%015d".formatted(total), 150)).append('\n');
        return out.toString();
    }

    /** One award for David Hughes (born on the day {@link TestPeople} gives this NI number). */
    public static String detail(String nino, String benefit, char status, long weeklyPence) {
        return detail(nino, benefit, status, weeklyPence, TestPeople.birthDateOf(nino));
    }

    /** One award for David Hughes, born on this day ({@code yyyy-mm-dd}). */
    public static String detail(String nino, String benefit, char status, long weeklyPence, String birthDate) {
        return detail(nino, benefit, status, weeklyPence, birthDate, "OL11XX");
    }

    /** One award for David Hughes, born on this day ({@code yyyy-mm-dd}), living at this postcode. */
    public static String detail(String nino, String benefit, char status, long weeklyPence, String birthDate,
            String postcode) {
        return pad("D" + nino + pad("HUGHES", 35) + pad("DAVID", 35) + birthDate.replace("-", "")
                + pad(postcode, 8)
                + pad(benefit, 4) + status + "%09d".formatted(weeklyPence) + "20250401" + "        ", 150);
    }

    private static String pad(String text, int width) {
        return String.format("%-" + width + "s", text);
    }
}
