package org.joinedup.model.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.joinedup.model.AgencyKind;
import org.joinedup.model.Limits;
import org.joinedup.model.Pence;

/**
 * What one funding stream's money may pay for, from {@code config/funding/<stream>.properties}: allowed spending
 * categories and those never allowed, revenue or capital (capital money pays only one-off items), carry-forward, who
 * approves, whether paying a connected person needs an exception, and whether the money may pay for another member
 * of a family whose budget is shared.
 */
public record FundingRule(String id, AgencyKind agency, String name, Set<String> categories, Set<String> never,
        String money, boolean carryForward, AgencyKind approver, boolean connectedPersonNeedsException,
        long maxContributionPence, long maxPaymentPence, boolean familyMayShare) {

    /** The most one contribution of a stream may be when its rules do not say (£1,000,000). */
    public static final long DEFAULT_MAX_CONTRIBUTION_PENCE = 100_000_000L;
    /** The most one payment from a stream may be when its rules do not say (£100,000). */
    public static final long DEFAULT_MAX_PAYMENT_PENCE = 10_000_000L;

    /** The streams packaged with the hub (the files under {@code config/funding/}). */
    public static final List<String> PACKAGED = List.of("council-adult-social-care", "disabled-facilities-grant",
            "employment-support", "nhs-continuing-care");

    /** Why this money may not pay for the category, or empty when it may. */
    public Optional<String> refusal(String category) {
        String c = category == null ? "" : category.trim().toUpperCase(Locale.ROOT);
        if (never.contains(c)) {
            return Optional.of(name + " money may never pay for " + c);
        }
        if (!categories.contains(c)) {
            return Optional.of(name + " money may pay only for " + categories.stream().sorted()
                    .collect(Collectors.joining(", ")) + "; not " + (c.isEmpty() ? "an unnamed category" : c));
        }
        return Optional.empty();
    }

    /**
     * Why this money may not pay for a plan line: its category (as {@link #refusal(String)}), then a cost that
     * recurs when the money is capital (a grant for an adaptation or equipment bought once), then a line for another
     * member of the family when its rules keep it for the person it was awarded to; or empty.
     */
    public Optional<String> refusal(String category, boolean oneOff, boolean forAnotherMember) {
        Optional<String> byCategory = refusal(category);
        if (byCategory.isPresent()) {
            return byCategory;
        }
        if (isCapital() && !oneOff) {
            return Optional.of(name + " is capital money: it pays only for something bought once (a one-off line),"
                    + " not a cost that recurs");
        }
        if (forAnotherMember && !familyMayShare) {
            return Optional.of(name + " money is for the person it was awarded to: its rules (family-may-share)"
                    + " do not let it pay for another member of the family's shared budget");
        }
        return Optional.empty();
    }

    /**
     * Who decides a plan line this money pays for: the funding body itself where the rule's {@code approver} is the
     * money's own kind of agency; where it names another kind (a council leading a pooled budget approves the NHS
     * money in it), the bodies of that kind that also fund the person ({@code personsFunders}, by kind). Empty when
     * no body may decide (the approver's kind funds nothing of the person's).
     */
    public Set<String> approvers(String fundingBody, java.util.Map<AgencyKind, Set<String>> personsFunders) {
        if (approver == agency) {
            return Set.of(fundingBody);
        }
        return Set.copyOf(personsFunders.getOrDefault(approver, Set.of()));
    }

    /** Why {@code organisation} may not decide a line this money pays for (naming who may), or empty when it may. */
    public Optional<String> approvalRefusal(String organisation, String fundingBody,
            java.util.Map<AgencyKind, Set<String>> personsFunders) {
        Set<String> may = approvers(fundingBody, personsFunders);
        if (organisation != null && may.stream().anyMatch(organisation::equalsIgnoreCase)) {
            return Optional.empty();
        }
        String who = approver == agency ? fundingBody + ", whose money it is, decides it"
                : may.isEmpty() ? "a " + approver + " body funding the person decides it (the approver its rules name),"
                        + " and none does"
                : String.join(" or ", new java.util.TreeSet<>(may)) + " (" + approver + ", the approver its rules name)"
                        + " decides it";
        return Optional.of(name + " money pays for this line: only " + who);
    }

    public boolean isCapital() {
        return "CAPITAL".equals(money);
    }

    /** Why this money may not pay {@code pence} for the category (the category, then the payment ceiling), or empty. */
    public Optional<String> refusal(String category, long pence) {
        Optional<String> byCategory = refusal(category);
        if (byCategory.isPresent() || pence <= maxPaymentPence) {
            return byCategory;
        }
        return Optional.of(new Pence(pence) + " is more than the most one " + name + " payment may be ("
                + new Pence(maxPaymentPence) + ", max-payment-pence of funding rule " + id + ")");
    }

    /** Why a contribution of this stream may not be {@code amount}: more than its ceiling; or empty. */
    public Optional<String> contributionRefusal(Pence amount) {
        if (amount.value() <= maxContributionPence) {
            return Optional.empty();
        }
        return Optional.of(amount + " is more than the most one " + name + " contribution may be ("
                + new Pence(maxContributionPence) + ", max-contribution-pence of funding rule " + id + ")");
    }

    public static FundingRule load(String id, Reader in) {
        Properties p = new Properties();
        try {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return new FundingRule(id, AgencyKind.valueOf(required(id, p, "agency")), required(id, p, "name"),
                    set(required(id, p, "categories")), set(p.getProperty("never", "")),
                    money(p.getProperty("money", "REVENUE")),
                    Boolean.parseBoolean(p.getProperty("carry-forward", "false").trim()),
                    AgencyKind.valueOf(required(id, p, "approver")),
                    Boolean.parseBoolean(p.getProperty("connected-person-needs-exception", "true").trim()),
                    ceiling(p, "max-contribution-pence", DEFAULT_MAX_CONTRIBUTION_PENCE),
                    ceiling(p, "max-payment-pence", DEFAULT_MAX_PAYMENT_PENCE),
                    Boolean.parseBoolean(p.getProperty("family-may-share", "false").trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("funding rule " + id + ": " + e.getMessage(), e);
        }
    }

    /** The packaged rules, one per agency kind that contributes. */
    public static List<FundingRule> packaged() {
        List<FundingRule> rules = new ArrayList<>();
        for (String id : PACKAGED) {
            try (InputStream in = FundingRule.class.getResourceAsStream("/funding/" + id + ".properties")) {
                if (in == null) {
                    throw new IllegalStateException("funding rule funding/" + id + ".properties missing");
                }
                rules.add(load(id, new InputStreamReader(in, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(rules);
    }

    private static String money(String value) {
        String money = value.trim().toUpperCase(Locale.ROOT);
        if (!money.equals("REVENUE") && !money.equals("CAPITAL")) {
            throw new IllegalArgumentException("money '" + value.trim() + "' is neither REVENUE nor CAPITAL");
        }
        return money;
    }

    /** A ceiling in pence: a whole number above zero, at most {@link Limits#MAX_PENCE}. */
    private static long ceiling(Properties p, String key, long otherwise) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        long pence;
        try {
            pence = Long.parseLong(value.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " '" + value.trim() + "' is not a whole number of pence");
        }
        if (pence <= 0 || pence > Limits.MAX_PENCE) {
            throw new IllegalArgumentException(key + " " + pence + " is not between 1 and " + Limits.MAX_PENCE);
        }
        return pence;
    }

    private static String required(String id, Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is missing");
        }
        return value.trim();
    }

    private static Set<String> set(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
