package org.joinedup.hub.budget;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.joinedup.model.AgencyKind;
import org.joinedup.model.ledger.FundingRule;

/** The funding rules in use: one per kind of contributing agency, from {@code config/funding/} (packaged). */
@ApplicationScoped
public class FundingRules {

    private final Map<AgencyKind, FundingRule> rules = FundingRule.packaged().stream()
            .collect(Collectors.toMap(FundingRule::agency, Function.identity()));

    public Optional<FundingRule> of(AgencyKind agency) {
        return Optional.ofNullable(rules.get(agency));
    }

    /** Every category some funding stream pays for, sorted: what a plan line may be for. */
    public java.util.SortedSet<String> categories() {
        java.util.SortedSet<String> all = new java.util.TreeSet<>();
        rules.values().forEach(r -> all.addAll(r.categories()));
        return all;
    }
}
