package org.joinedup.model.value;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The register of English councils with adult social services responsibilities (GSS code and name), packaged as
 * {@code value/english-local-authorities.txt}. A council is found by its code or by its name as councils write it
 * ("Oldham", "Oldham Council", "Oldham Metropolitan Borough Council", "OLDHAM MBC" are one).
 */
public final class LocalAuthorities {

    /** A council the register knows. */
    public record Council(String code, String name) {
    }

    /** Words councils add to their names that say what kind of council, not which. */
    private static final Set<String> KIND_WORDS = Set.of("council", "metropolitan", "borough", "district", "county",
            "city", "royal", "of", "the", "mbc", "mdc", "cc", "bc", "rbc", "lb", "lbc", "ua", "unitary", "authority");

    private final Map<String, Council> byCode = new HashMap<>();
    private final Map<String, Council> byName = new HashMap<>();

    private LocalAuthorities(List<String> lines) {
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\|");
            Council council = new Council(parts[0].strip(), parts[1].strip());
            byCode.put(council.code(), council);
            for (int i = 1; i < parts.length; i++) {
                Council earlier = byName.put(key(parts[i]), council);
                if (earlier != null && !earlier.equals(council)) {
                    throw new IllegalStateException("two councils go by " + parts[i] + ": " + earlier.code() + " and "
                            + council.code());
                }
            }
        }
    }

    /** The packaged register. */
    public static LocalAuthorities england() {
        try (InputStream in = LocalAuthorities.class.getResourceAsStream("/value/english-local-authorities.txt")) {
            if (in == null) {
                throw new IllegalStateException("the register value/english-local-authorities.txt is not packaged");
            }
            return new LocalAuthorities(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The council with this GSS code or name, or empty when the register does not know it. */
    public Optional<Council> find(String codeOrName) {
        if (codeOrName == null || codeOrName.isBlank()) {
            return Optional.empty();
        }
        Council byItsCode = byCode.get(codeOrName.strip().toUpperCase(Locale.UK));
        return byItsCode != null ? Optional.of(byItsCode) : Optional.ofNullable(byName.get(key(codeOrName)));
    }

    public int size() {
        return byCode.size();
    }

    /** A name without case, punctuation, "&" for "and", "London Borough of" and the words for a kind of council. */
    static String key(String name) {
        String plain = name.toLowerCase(Locale.UK).replace("&", " and ").replace("london borough of", " ")
                .replaceAll("[^a-z0-9 ]", " ");
        String key = java.util.Arrays.stream(plain.split("\\s+")).filter(w -> !w.isEmpty() && !KIND_WORDS.contains(w))
                .collect(Collectors.joining(" "));
        return key.isEmpty() ? plain.strip() : key;
    }
}
