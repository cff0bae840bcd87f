package org.joinedup.hub.security;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The documented demo users (demo, dev and test profiles only). */
public final class DemoUsers {

    /** A demo user: roles and organisation. */
    public record DemoUser(String name, Set<String> roles, String agency, String description) {
    }

    private static final Map<String, DemoUser> USERS = Map.of(
            "coordinator", new DemoUser("coordinator", Set.of(Caller.COORDINATOR), "E08000004",
                    "local area coordinator at Oldham council"),
            "council", new DemoUser("council", Set.of(Caller.COUNCIL, Caller.FINANCE), "E08000004",
                    "Oldham council officer and council finance"),
            "panel", new DemoUser("panel", Set.of(Caller.PANEL), "E08000004",
                    "Oldham's risk enablement panel"),
            "guardian", new DemoUser("guardian", Set.of(Caller.GUARDIAN), "E08000004",
                    "Oldham council's Caldicott guardian"),
            "trust", new DemoUser("trust", Set.of(Caller.TRUST), "RR8", "Leeds Teaching Hospitals NHS Trust"),
            "trust2", new DemoUser("trust2", Set.of(Caller.TRUST), "RM3", "Northern Care Alliance NHS Foundation Trust"),
            "trust3", new DemoUser("trust3", Set.of(Caller.TRUST), "RW6",
                    "Pennine Acute Hospitals NHS Trust: no relationship with the demo family"),
            "housing", new DemoUser("housing", Set.of(Caller.FUNDER), "OLDHAMHSG",
                    "Oldham Housing: disabled facilities grants"),
            "employment", new DemoUser("employment", Set.of(Caller.FUNDER), "DWP", "Jobcentre Plus employment support"),
            "operator", new DemoUser("operator", Set.of(Caller.OPERATOR), "JOINEDUP", "hub operator"));

    private DemoUsers() {
    }

    public static Optional<DemoUser> find(String name) {
        return Optional.ofNullable(name == null ? null : USERS.get(name));
    }

    public static Set<String> names() {
        return USERS.keySet();
    }
}
