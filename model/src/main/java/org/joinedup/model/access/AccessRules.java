package org.joinedup.model.access;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * The rules of who sees what of one person, without any framework: the relationship first, then the sharing
 * agreement per category for the recipient and purpose, widened by the family's permits where the agreement asks
 * for consent and narrowed by their objections where it shares by default. A deny wins over a permit that covers
 * the same thing. What an organisation sent and its own money are its own whatever this says; the views keep those
 * (see {@link Visibility#sees(Category, String)}).
 */
public final class AccessRules {

    private final SharingAgreement agreement;

    public AccessRules(SharingAgreement agreement) {
        this.agreement = agreement;
    }

    /**
     * What this recipient sees of a person for this purpose.
     *
     * @param relationships the recipient's relationships with the person, other than by consent (found in the data)
     * @param consents the person's decisions in force or not (those not in force are ignored)
     */
    public Visibility decide(Recipient recipient, Purpose purpose, Set<Relationship> relationships,
            Collection<ConsentRule> consents, Instant at) {
        EnumSet<Relationship> known = relationships.isEmpty() ? EnumSet.noneOf(Relationship.class)
                : EnumSet.copyOf(relationships);
        if (consents.stream().anyMatch(c -> c.type() == ConsentRule.Type.PERMIT && c.inForce(at)
                && c.organisations().stream().anyMatch(o -> o.equalsIgnoreCase(recipient.organisation())))) {
            known.add(Relationship.CONSENT);
        }
        if (known.isEmpty()) {
            return Visibility.unknown(recipient);
        }
        EnumSet<Category> visible = EnumSet.noneOf(Category.class);
        for (Category category : Category.values()) {
            boolean denied = covered(consents, ConsentRule.Type.DENY, recipient, purpose, category, at);
            boolean permitted = covered(consents, ConsentRule.Type.PERMIT, recipient, purpose, category, at);
            boolean shared = switch (agreement.rule(category, recipient.kind(), purpose)) {
                case DEFAULT -> !denied;
                case CONSENT -> permitted && !denied;
                case NEVER -> false;
            };
            if (shared) {
                visible.add(category);
            }
        }
        if (known.contains(Relationship.SENT_RECORD)) {
            // the demographics it sent are its own
            visible.add(Category.DEMOGRAPHICS);
        }
        return new Visibility(recipient, known, visible);
    }

    private static boolean covered(Collection<ConsentRule> consents, ConsentRule.Type type, Recipient recipient,
            Purpose purpose, Category category, Instant at) {
        return consents.stream().anyMatch(c -> c.type() == type && c.covers(recipient, purpose, category, at));
    }

    /** What one recipient sees of one person. */
    public record Visibility(Recipient recipient, Set<Relationship> relationships, Set<Category> categories) {

        static Visibility unknown(Recipient recipient) {
            return new Visibility(recipient, Set.of(), Set.of());
        }

        /** Whether the person exists for the recipient at all. */
        public boolean known() {
            return !relationships.isEmpty();
        }

        /**
         * Whether the recipient sees a piece of the record of this category that {@code sourceOrganisation} sent or
         * funds: it always sees its own.
         */
        public boolean sees(Category category, String sourceOrganisation) {
            return categories.contains(category) || (sourceOrganisation != null
                    && sourceOrganisation.equalsIgnoreCase(recipient.organisation()) && known());
        }

        public boolean sees(Category category) {
            return categories.contains(category);
        }

        /** Everything was shared, or only some categories. */
        public boolean complete() {
            return categories.size() == Category.values().length;
        }
    }
}
