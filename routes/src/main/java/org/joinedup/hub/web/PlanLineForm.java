package org.joinedup.hub.web;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.FormParam;

import org.joinedup.model.plan.LineCost;

/**
 * A plan line as the coordinator types it (and, for a first plan, what matters and the goals), checked field by
 * field so each error can sit beside its field. Amounts are typed in pounds ("£180", "1,250.50").
 */
public class PlanLineForm {

    @FormParam("whatMatters")
    public String whatMatters;

    @FormParam("goals")
    public String goals;

    @FormParam("category")
    public String category;

    @FormParam("description")
    public String description;

    @FormParam("payee")
    public String payee;

    @FormParam("costKind")
    public String costKind;

    @FormParam("amount")
    public String amount;

    @FormParam("units")
    public String units;

    @FormParam("management")
    public String management;

    /** The plan version the line was checked against ("0" for none yet): a resent submit finds it has moved on. */
    @FormParam("planVersion")
    public String planVersion;

    /** A radio button: its value and its label. */
    public record Choice(String value, String label) {
    }

    public static final java.util.List<Choice> COST_KINDS = java.util.List.of(
            new Choice("WEEKLY", "A week"), new Choice("HOURLY", "An hour (give the hours a week)"),
            new Choice("ONE_OFF", "One-off (give how many)"));

    public static final java.util.List<Choice> MANAGED = java.util.List.of(
            new Choice("DIRECT_PAYMENT", "Direct payment to the person"),
            new Choice("COUNCIL_MANAGED", "Managed by the council"),
            new Choice("INDIVIDUAL_SERVICE_FUND", "Individual service fund held by the provider"));

    public java.util.List<Choice> costKinds() {
        return COST_KINDS;
    }

    public java.util.List<Choice> managements() {
        return MANAGED;
    }

    /** Field name to message, in the order of the form. */
    public final Map<String, String> errors = new LinkedHashMap<>();

    /** Checks every field; {@code firstPlan}: what matters is asked too. */
    public PlanLineForm check(boolean firstPlan, Set<String> categories) {
        errors.clear();
        if (firstPlan && blank(whatMatters)) {
            errors.put("whatMatters", "Enter what matters to the person, in their words");
        }
        if (blank(category) || !categories.contains(category)) {
            errors.put("category", "Select what the money is for");
        }
        if (blank(description)) {
            errors.put("description", "Enter a description of the support");
        } else if (description.length() > 2000) {
            errors.put("description", "Description must be 2,000 characters or fewer");
        }
        if (blank(payee)) {
            errors.put("payee", "Enter who is paid");
        } else if (payee.length() > 300) {
            errors.put("payee", "Who is paid must be 300 characters or fewer");
        }
        if (blank(costKind) || kind() == null) {
            errors.put("costKind", "Select how the cost is counted");
        }
        Long pence = pence();
        if (blank(amount)) {
            errors.put("amount", "Enter the cost in pounds");
        } else if (pence == null) {
            errors.put("amount", "Enter the cost as an amount in pounds, like 180 or 1,250.50");
        } else if (pence <= 0) {
            errors.put("amount", "The cost must be more than £0");
        } else if (pence > 100_000_000L) {
            errors.put("amount", "The cost must be £1,000,000 or less");
        }
        LineCost.Kind kind = kind();
        if (kind == LineCost.Kind.HOURLY) {
            java.math.BigDecimal n = unitCount();
            if (n == null || n.signum() <= 0 || n.compareTo(java.math.BigDecimal.valueOf(168)) > 0
                    || n.stripTrailingZeros().scale() > 2) {
                errors.put("units", "Enter the hours a week, a number from 0.25 to 168, like 20 or 37.5");
            }
        } else if (kind == LineCost.Kind.ONE_OFF) {
            java.math.BigDecimal n = unitCount();
            if (n == null || n.signum() <= 0 || n.compareTo(java.math.BigDecimal.valueOf(168)) > 0
                    || n.stripTrailingZeros().scale() > 0) {
                errors.put("units", "Enter how many, a whole number from 1 to 168");
            }
        }
        if (blank(management) || MANAGED.stream().noneMatch(c -> c.value().equals(management))) {
            errors.put("management", "Select how the money is managed");
        }
        return this;
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    public LineCost.Kind kind() {
        try {
            return costKind == null ? null : LineCost.Kind.valueOf(costKind);
        } catch (IllegalArgumentException notAKind) {
            return null;
        }
    }

    /** The amount in pence, or null when it is not an amount of pounds and pence. */
    public Long pence() {
        return pence(amount);
    }

    /** Pounds as people type them ("£1,250.50", "180") in pence, or null when it is not such an amount. */
    public static Long pence(String amount) {
        if (blank(amount)) {
            return null;
        }
        String pounds = amount.strip().replace("£", "").replace(",", "");
        if (!pounds.matches("\\d{1,9}(\\.\\d{1,2})?")) {
            return null;
        }
        return new BigDecimal(pounds).movePointRight(2).longValueExact();
    }

    /** Hours a week or how many, exactly as typed (37.5 is 37.5); once for a weekly cost; null when not a number. */
    public java.math.BigDecimal unitCount() {
        if (kind() == LineCost.Kind.WEEKLY) {
            return java.math.BigDecimal.ONE;
        }
        try {
            return units == null || !units.strip().matches("\\d{1,3}(\\.\\d{1,2})?") ? null
                    : new java.math.BigDecimal(units.strip());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /** The yearly cost as the hub counts it, or null while the form has errors. */
    public Long annualPence() {
        return valid() ? new LineCost(kind(), pence(), unitCount()).annualPence() : null;
    }

    public String error(String field) {
        return errors.get(field);
    }

    /** The cost in words: "£18.50 an hour, 10 hours a week", "£180.00 a week", "2 at £390.00". */
    public String costInWords() {
        LineCost.Kind kind = kind();
        if (kind == null || pence() == null) {
            return "";
        }
        String each = PageFormats.pounds(pence());
        return switch (kind) {
            case HOURLY -> each + " an hour, " + unitCount() + " hours a week";
            case WEEKLY -> each + " a week";
            case ONE_OFF -> unitCount() + (unitCount().compareTo(java.math.BigDecimal.ONE) == 0 ? " item" : " items")
                    + " at " + each;
        };
    }

    public String managementInWords() {
        return MANAGED.stream().filter(c -> c.value().equals(management)).map(Choice::label).findFirst()
                .orElse("");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
