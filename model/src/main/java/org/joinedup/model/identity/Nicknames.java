package org.joinedup.model.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which given names are the same name in everyday use (Dave and David, Kate and Catherine), from the groups in
 * {@code nicknames.txt}: two names are nicknames of each other when some group holds both.
 */
public final class Nicknames {

    private static final Nicknames ENGLISH = load("nicknames.txt");

    private final Map<String, Set<Integer>> groupsByName;

    private Nicknames(Map<String, Set<Integer>> groupsByName) {
        this.groupsByName = groupsByName;
    }

    /** The groups shipped with the hub, for English given names. */
    public static Nicknames english() {
        return ENGLISH;
    }

    /** Whether two normalised given names (see {@link Names#givenName}) are in one group. */
    public boolean same(String a, String b) {
        Set<Integer> groupsOfA = groupsByName.get(a);
        if (groupsOfA == null) {
            return false;
        }
        Set<Integer> groupsOfB = groupsByName.get(b);
        if (groupsOfB == null) {
            return false;
        }
        for (Integer group : groupsOfA) {
            if (groupsOfB.contains(group)) {
                return true;
            }
        }
        return false;
    }

    private static Nicknames load(String resource) {
        Map<String, Set<Integer>> groups = new HashMap<>();
        try (InputStream in = Nicknames.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("nickname groups " + resource + " missing from the classpath");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int group = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String trimmed = line.trim();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                group++;
                for (String name : trimmed.split("\\s+")) {
                    groups.computeIfAbsent(name, n -> new HashSet<>()).add(group);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Nicknames(Map.copyOf(groups));
    }
}
