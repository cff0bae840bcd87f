package org.joinedup.model;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One benefit award from the benefits agency's monthly fixed-width file (one {@code D} detail record), checked: a
 * source record for identity matching (NI number, names, date of birth, postcode) and an award shown on the person's
 * case. A detail whose NI number breaks DWP's rules, whose dates are impossible or whose benefit code or status is
 * unknown never becomes a row: it is set aside by the reader, so every row has a valid NI number.
 *
 * @param lineNumber   the record's line in the file (the header is line 1)
 * @param surname      as sent, trimmed; null when blank
 * @param forenames    as sent, trimmed; null when blank
 * @param postcode     as held by the agency (may lack the space), trimmed; null when blank
 * @param weeklyAmount weekly amount in integer pence, never negative
 * @param awardEnd     null when the award has no end date (spaces in the file)
 */
public record BenefitAwardRow(
        int lineNumber,
        NiNumber niNumber,
        String surname,
        String forenames,
        LocalDate dateOfBirth,
        String postcode,
        Benefit benefit,
        Status status,
        Pence weeklyAmount,
        LocalDate awardStart,
        LocalDate awardEnd) {

    public BenefitAwardRow {
        Objects.requireNonNull(niNumber, "niNumber");
        Objects.requireNonNull(dateOfBirth, "dateOfBirth");
        Objects.requireNonNull(benefit, "benefit");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(weeklyAmount, "weeklyAmount");
        Objects.requireNonNull(awardStart, "awardStart");
        if (weeklyAmount.isNegative()) {
            throw new IllegalArgumentException("weekly amount cannot be negative: " + weeklyAmount.value());
        }
    }

    /** The benefit codes the file may carry (positions 97-100, left-aligned). */
    public enum Benefit {
        UC("Universal Credit"),
        PIP("Personal Independence Payment"),
        ESA("Employment and Support Allowance"),
        JSA("Jobseeker's Allowance"),
        HB("Housing Benefit"),
        CTR("Council Tax Reduction"),
        CA("Carer's Allowance"),
        AA("Attendance Allowance"),
        DLA("Disability Living Allowance");

        private final String title;

        Benefit(String title) {
            this.title = title;
        }

        public String code() {
            return name();
        }

        public String title() {
            return title;
        }

        /** The benefit with exactly this code (upper case, no padding), if there is one. */
        public static Optional<Benefit> ofCode(String code) {
            for (Benefit benefit : values()) {
                if (benefit.name().equals(code)) {
                    return Optional.of(benefit);
                }
            }
            return Optional.empty();
        }
    }

    /** The award's status (position 101). */
    public enum Status {
        ACTIVE('A'),
        SUSPENDED('S'),
        TERMINATED('T');

        private final char code;

        Status(char code) {
            this.code = code;
        }

        public char code() {
            return code;
        }

        public static Optional<Status> ofCode(char code) {
            for (Status status : values()) {
                if (status.code == code) {
                    return Optional.of(status);
                }
            }
            return Optional.empty();
        }
    }
}
