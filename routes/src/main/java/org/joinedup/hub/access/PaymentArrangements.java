package org.joinedup.hub.access;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.joinedup.hub.platform.HubConfig;
import org.joinedup.hub.security.Caller;

/**
 * Who pays from whose money. Only the body that manages the money pays from it: a council's money by its finance
 * role, an NHS body's by that body, another funder's by that funder; or, where a recorded arrangement says so
 * ({@code config/sharing/payment-arrangements.properties}: a funder's code = the organisations whose finance role
 * pays from its money, as under a section 75 agreement), by that organisation's finance role. A coordinator plans
 * and proposes; it does not pay.
 */
@ApplicationScoped
public class PaymentArrangements {

    @Inject
    Caller caller;

    @Inject
    HubConfig config;

    private final Map<String, Set<String>> arrangements = new HashMap<>();

    @PostConstruct
    void load() {
        Properties lines = SharingFiles.properties(config.access().paymentArrangements(),
                "payment-arrangements.properties");
        for (String funder : lines.stringPropertyNames()) {
            arrangements.put(funder.trim().toUpperCase(Locale.ROOT), Arrays.stream(lines.getProperty(funder)
                    .split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(s -> s.toUpperCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet()));
        }
    }

    /** Why the caller may not pay from this funder's money, or empty when it may. */
    public Optional<String> refusal(String funderCode) {
        String own = caller.agency() == null ? "" : caller.agency().toUpperCase(Locale.ROOT);
        String funder = funderCode.toUpperCase(Locale.ROOT);
        boolean ownMoney = own.equals(funder) && (caller.hasRole(Caller.FINANCE) || caller.hasRole(Caller.TRUST)
                || caller.hasRole(Caller.FUNDER));
        boolean arranged = caller.hasRole(Caller.FINANCE)
                && arrangements.getOrDefault(funder, Set.of()).contains(own);
        if (ownMoney || arranged) {
            return Optional.empty();
        }
        return Optional.of("this is " + funder + "'s money: " + funder + " pays from it (council finance for a"
                + " council), or the finance role of an organisation a recorded arrangement names; " + caller.name()
                + " (" + own + ", " + String.join(",", caller.roles()) + ") is neither");
    }

    /** Refuses ({@code 403}) a payment the caller may not make from this funder's money. */
    public void requireMayPay(String funderCode) {
        refusal(funderCode).ifPresent(reason -> {
            throw new AccessRefusedException(reason);
        });
    }
}
