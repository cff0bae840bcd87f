package org.joinedup.hub.security;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The documented demo users (demo, dev and test profiles only). */
public final class DemoUsers {

    /** A demo user: sign-in name, the person's name, roles, organisation and what they do. */
    public record DemoUser(String name, String fullName, Set<String> roles, String agency, String description) {
    }

    private static final Map<String, DemoUser> USERS = Map.of(
            "coordinator", new DemoUser("coordinator", "Sam Patel", Set.of(Caller.COORDINATOR), "E08000004",
                    "local area coordinator at Oldham council"),
            "council", new DemoUser("council", "Ruth Ogunde", Set.of(Caller.COUNCIL, Caller.FINANCE), "E08000004",
                    "Oldham council officer and council finance"),
            "panel", new DemoUser("panel", "Risk enablement panel", Set.of(Caller.PANEL), "E08000004",
                    "Oldham's risk enablement panel"),
            "guardian", new DemoUser("guardian", "Dr Helen Marsh", Set.of(Caller.GUARDIAN), "E08000004",
                    "Oldham council's Caldicott guardian"),
            "trust", new DemoUser("trust", "Amir Khan", Set.of(Caller.TRUST), "RR8", "Leeds Teaching Hospitals NHS Trust"),
            "trust2", new DemoUser("trust2", "Claire Doyle", Set.of(Caller.TRUST), "RM3", "Northern Care Alliance NHS Foundation Trust"),
            "trust3", new DemoUser("trust3", "Tom Birch", Set.of(Caller.TRUST), "RW6",
                    "Pennine Acute Hospitals NHS Trust: no relationship with the demo family"),
            "housing", new DemoUser("housing", "Jo Whitworth", Set.of(Caller.FUNDER), "OLDHAMHSG",
                    "Oldham Housing: disabled facilities grants"),
            "employment", new DemoUser("employment", "Marcus Reid", Set.of(Caller.FUNDER), "DWP", "Jobcentre Plus employment support"),
            "operator", new DemoUser("operator", "Lin Chen", Set.of(Caller.OPERATOR), "JOINEDUP", "hub operator"));

    private DemoUsers() {
    }

    public static Optional<DemoUser> find(String name) {
        return Optional.ofNullable(name == null ? null : USERS.get(name));
    }

    public static Set<String> names() {
        return USERS.keySet();
    }

    /** Every demo user, in the order the sign-in page lists them: by organisation, then name. */
    public static java.util.List<DemoUser> all() {
        return USERS.values().stream().sorted(java.util.Comparator.comparing(DemoUser::agency)
                .thenComparing(DemoUser::name)).toList();
    }
}
