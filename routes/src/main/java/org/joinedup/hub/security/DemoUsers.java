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
            "council", new DemoUser("council", Set.of(Caller.COUNCIL), "E08000004", "Oldham council finance"),
            "trust", new DemoUser("trust", Set.of(Caller.TRUST), "RR8", "Leeds Teaching Hospitals NHS Trust"),
            "trust2", new DemoUser("trust2", Set.of(Caller.TRUST), "RM3", "Northern Care Alliance NHS Foundation Trust"),
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
