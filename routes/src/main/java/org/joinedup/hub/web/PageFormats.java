package org.joinedup.hub.web;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.quarkus.qute.TemplateExtension;

/** How pages write money, dates and times: as the GOV.UK style guide does (£1,250.00; 1 April 2026; 2:05pm). */
@TemplateExtension(namespace = "fmt")
public final class PageFormats {

    public static final ZoneId UK = ZoneId.of("Europe/London");

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mma", Locale.UK);

    private PageFormats() {
    }

    /** Pence as pounds with a thousands separator: {@code 125000} is {@code £1,250.00}; negative {@code -£5.00}. */
    public static String pounds(Long pence) {
        if (pence == null) {
            return "not given";
        }
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.UK));
        String pounds = format.format(BigDecimal.valueOf(Math.abs(pence)).movePointLeft(2));
        return (pence < 0 ? "-£" : "£") + pounds;
    }

    public static String date(LocalDate day) {
        return day == null ? "" : DATE.format(day);
    }

    /** An instant in UK time: "1 December 2026 at 11:05am". */
    public static String when(Instant at) {
        if (at == null) {
            return "";
        }
        var local = at.atZone(UK);
        return DATE.format(local) + " at " + TIME.format(local).toLowerCase(Locale.UK);
    }

    /** What an identifier is, in words: "NHS number", "council client number (E08000004)". */
    public static String identifier(String system) {
        String base = org.joinedup.fhirmapping.FhirSystems.HUB_BASE + "/Id/";
        if (system.equals(org.joinedup.fhirmapping.FhirSystems.NHS_NUMBER)) {
            return "NHS number";
        }
        if (system.equals(org.joinedup.fhirmapping.FhirSystems.NI_NUMBER)) {
            return "National Insurance number";
        }
        if (system.startsWith(org.joinedup.fhirmapping.FhirSystems.COUNCIL_CLIENT_PREFIX)) {
            return "council client number (" + system.substring(
                    org.joinedup.fhirmapping.FhirSystems.COUNCIL_CLIENT_PREFIX.length()) + ")";
        }
        if (system.startsWith(org.joinedup.fhirmapping.FhirSystems.HOUSING_PERSON_PREFIX)) {
            return "housing person number (" + system.substring(
                    org.joinedup.fhirmapping.FhirSystems.HOUSING_PERSON_PREFIX.length()) + ")";
        }
        if (system.equals(org.joinedup.fhirmapping.FhirSystems.EMPLOYMENT_EVENT)) {
            return "employment services event";
        }
        if (system.equals(base + "employment-claimant")) {
            return "employment claimant (name and birth date)";
        }
        if (system.equals(org.joinedup.fhirmapping.FhirSystems.HUB_PERSON_ID)) {
            return "JoinedUp person id";
        }
        return system;
    }

    /** An enum-like code as words: {@code SOCIAL_CARE} is "social care", {@code RENT_ARREARS} "rent arrears". */
    public static String words(String code) {
        return code == null ? "" : code.replace('_', ' ').toLowerCase(Locale.UK);
    }

    /** The same with a capital first letter, for a table cell or a tag. */
    public static String label(String code) {
        String words = words(code).replaceAll("\\bnhs\\b", "NHS");
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
