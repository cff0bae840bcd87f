package org.joinedup.hub.access;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.joinedup.hub.platform.HubConfig;
import org.joinedup.model.AgencyKind;
import org.joinedup.model.access.RecipientKind;

/**
 * The organisations the hub knows: from the directory ({@code config/sharing/organisations.properties}, or a
 * deployer's copy at {@code hub.access.organisations}) and every funding body the agencies' messages named.
 */
@ApplicationScoped
public class Organisations {

    /** One organisation: its code, the kind of recipient it is, a name, and the codes its records are held under. */
    public record Organisation(String code, RecipientKind kind, String name, Set<String> holders) {
    }

    @Inject
    HubConfig config;

    @Inject
    EntityManager em;

    private final Map<String, Organisation> directory = new HashMap<>();

    @PostConstruct
    void load() {
        Properties lines = SharingFiles.properties(config.access().organisations(), "organisations.properties");
        Set<String> codes = new HashSet<>();
        lines.stringPropertyNames().forEach(key -> codes.add(key.substring(0, key.lastIndexOf('.'))));
        for (String code : codes) {
            String kind = lines.getProperty(code + ".kind");
            RecipientKind recipient = RecipientKind.parse(kind).orElseThrow(() -> new IllegalArgumentException(
                    code + ".kind: '" + kind + "' is not council, nhs, housing, benefits, employment or operator"));
            Set<String> holders = new HashSet<>();
            holders.add(key(code));
            for (String holder : lines.getProperty(code + ".holders", "").split(",")) {
                if (!holder.isBlank()) {
                    holders.add(key(holder));
                }
            }
            directory.put(key(code), new Organisation(code, recipient, lines.getProperty(code + ".name", code),
                    Set.copyOf(holders)));
        }
    }

    /** The organisation by code: from the directory, else a funding body the hub has heard of. */
    @Transactional
    public Optional<Organisation> find(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        Organisation listed = directory.get(key(code));
        if (listed != null) {
            return Optional.of(listed);
        }
        return em.createQuery("select o.agency from FundingBody o where upper(o.code) = ?1", AgencyKind.class)
                .setParameter(1, key(code)).setMaxResults(1).getResultStream().findFirst()
                .map(agency -> new Organisation(code, recipientKind(agency), code, Set.of(key(code))));
    }

    /** The codes an organisation's records are held under (its own code, and any the directory lists). */
    public Set<String> holders(String code) {
        Organisation listed = directory.get(key(code));
        return listed == null ? Set.of(key(code)) : listed.holders();
    }

    static RecipientKind recipientKind(AgencyKind agency) {
        return switch (agency) {
            case NHS -> RecipientKind.NHS;
            case SOCIAL_CARE -> RecipientKind.COUNCIL;
            case HOUSING -> RecipientKind.HOUSING;
            case BENEFITS -> RecipientKind.BENEFITS;
            case EMPLOYMENT -> RecipientKind.EMPLOYMENT;
        };
    }

    private static String key(String code) {
        return code.trim().toUpperCase(Locale.ROOT);
    }
}
