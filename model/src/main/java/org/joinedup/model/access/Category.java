package org.joinedup.model.access;

import java.util.Locale;
import java.util.Optional;

import org.joinedup.model.AgencyKind;

/**
 * The categories of personal data the sharing agreement speaks of. Every piece of a person's record has one; an
 * alert takes the category of what raised it. The codes are JoinedUp's code system for FHIR {@code Consent}
 * ({@link #SYSTEM}).
 */
public enum Category {
    /** Names, date of birth, address, identifiers, household. */
    DEMOGRAPHICS("demographics"),
    /** NHS budgets, continuing-care eligibility, the health parts of the assessment, alerts from NHS bodies. */
    HEALTH("health"),
    /** Council allocations, services, council payments. */
    SOCIAL_CARE("social-care"),
    /** Tenancies, arrears, temporary accommodation, adaptations (disabled facilities grants). */
    HOUSING("housing"),
    /** Benefit awards. */
    BENEFITS("benefits"),
    /** Employment support awards and work status. */
    EMPLOYMENT("employment"),
    /** The pooled budget from the ledger, plan lines' money, payments. */
    FINANCE("finance"),
    /** The single assessment (its health parts are {@link #HEALTH}) and the indicative budget. */
    ASSESSMENT("assessment"),
    /** The support plan: what matters, goals, lines. */
    PLAN("plan");

    public static final String SYSTEM = "https://joinedup.org.uk/fhir/CodeSystem/data-category";

    private final String code;

    Category(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The category of what an agency sends about a person (its budgets, its alerts). */
    public static Category of(AgencyKind agency) {
        return switch (agency) {
            case NHS -> HEALTH;
            case SOCIAL_CARE -> SOCIAL_CARE;
            case HOUSING -> HOUSING;
            case BENEFITS -> BENEFITS;
            case EMPLOYMENT -> EMPLOYMENT;
        };
    }

    /** By code ({@code social-care}) or name ({@code SOCIAL_CARE}), any case. */
    public static Optional<Category> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Category c : values()) {
            if (c.code.equals(wanted)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
