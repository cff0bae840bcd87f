package org.joinedup.model.access;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Which categories of personal data flow to which kind of recipient for which purpose: by default, only with the
 * person's consent, or never. Read from a properties file (packaged: {@code sharing/sharing-agreement.properties},
 * a deployer's own under {@code config/sharing/}), one line per rule:
 *
 * <pre>
 * &lt;category&gt;.&lt;recipient&gt;.&lt;purpose&gt; = default | consent | never
 * </pre>
 *
 * where recipient and purpose may be {@code *}. The most specific line wins (recipient before purpose); a
 * combination no line covers is {@code never}.
 */
public final class SharingAgreement {

    public static final String PACKAGED = "/sharing/sharing-agreement.properties";

    private static final String ANY = "*";

    private final Map<Category, Map<RecipientKind, Map<Purpose, Sharing>>> rules = new EnumMap<>(Category.class);

    private SharingAgreement() {
    }

    public static SharingAgreement packaged() {
        try (InputStream in = SharingAgreement.class.getResourceAsStream(PACKAGED)) {
            if (in == null) {
                throw new IllegalStateException("the packaged sharing agreement " + PACKAGED + " is missing");
            }
            return read(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads an agreement; a line naming an unknown category, recipient, purpose or value is refused by its key. */
    public static SharingAgreement read(Reader reader) throws IOException {
        Properties lines = new Properties();
        lines.load(reader);
        SharingAgreement agreement = new SharingAgreement();
        Map<String, Sharing> byKey = new java.util.TreeMap<>();
        for (String key : lines.stringPropertyNames()) {
            byKey.put(key, value(key, lines.getProperty(key)));
        }
        // apply the general lines first so the specific ones overwrite them
        byKey.entrySet().stream()
                .sorted(java.util.Comparator.comparingInt((Map.Entry<String, Sharing> e) -> specificity(e.getKey())))
                .forEach(e -> agreement.apply(e.getKey(), e.getValue()));
        return agreement;
    }

    /** What the agreement says for this category, recipient and purpose. */
    public Sharing rule(Category category, RecipientKind recipient, Purpose purpose) {
        return rules.getOrDefault(category, Map.of()).getOrDefault(recipient, Map.of())
                .getOrDefault(purpose, Sharing.NEVER);
    }

    private static int specificity(String key) {
        String[] parts = key.split("\\.");
        int specific = 0;
        if (parts.length == 3 && !ANY.equals(parts[1].trim())) {
            specific += 2;
        }
        if (parts.length == 3 && !ANY.equals(parts[2].trim())) {
            specific += 1;
        }
        return specific;
    }

    private void apply(String key, Sharing sharing) {
        String[] parts = key.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException(key + ": a rule is <category>.<recipient>.<purpose>, for example"
                    + " health.nhs.direct-support");
        }
        Category category = Category.parse(parts[0]).orElseThrow(() -> new IllegalArgumentException(key
                + ": unknown category '" + parts[0] + "'"));
        for (RecipientKind recipient : RecipientKind.values()) {
            if (!matches(parts[1], recipient.code(), key, "recipient", RecipientKind.parse(parts[1]).isPresent())) {
                continue;
            }
            for (Purpose purpose : Purpose.values()) {
                if (matches(parts[2], purpose.code(), key, "purpose", Purpose.parse(parts[2]).isPresent())) {
                    rules.computeIfAbsent(category, c -> new EnumMap<>(RecipientKind.class))
                            .computeIfAbsent(recipient, r -> new EnumMap<>(Purpose.class)).put(purpose, sharing);
                }
            }
        }
    }

    private static boolean matches(String part, String code, String key, String what, boolean known) {
        String wanted = part.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        if (ANY.equals(wanted)) {
            return true;
        }
        if (!known) {
            throw new IllegalArgumentException(key + ": unknown " + what + " '" + part + "'");
        }
        return wanted.equals(code);
    }

    private static Sharing value(String key, String value) {
        try {
            return Sharing.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": '" + value + "' is not default, consent or never");
        }
    }
}
