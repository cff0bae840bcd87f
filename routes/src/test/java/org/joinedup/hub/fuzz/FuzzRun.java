package org.joinedup.hub.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a fuzz run over one interface came to: inputs tried, and each way the hub fell short (a {@code 5xx}, an
 * unclear error, a partial write, money changed, the input not kept, an accepted input failing later). Printed as
 * the line the fuzz command shows; a test fails on any shortfall, listing them.
 */
public final class FuzzRun {

    /** What an error must never contain: SQL, Java, a stack trace, an HTML page. */
    private static final Pattern LEAK = Pattern.compile("(?i)(insert into|select .* from|update .* set|jdbc|sqlstate"
            + "|exception|\\bat [a-z]+\\.[a-z]+\\.|<html|<!doctype|org\\.hibernate|java\\.|jakarta\\.)");

    private final String interfaceName;
    private final Map<String, Integer> tried = new TreeMap<>();
    private final Map<String, List<String>> shortfalls = new TreeMap<>();
    private int accepted;
    private int refused;

    public FuzzRun(String interfaceName) {
        this.interfaceName = interfaceName;
        for (String kind : List.of("5xx", "unclear error", "partial write", "money changed", "not stored",
                "accepted then failed", "accepted what it must refuse", "refused valid input")) {
            shortfalls.put(kind, new ArrayList<>());
        }
    }

    public void tried(JsonMutations.Mutation mutation) {
        tried.merge(mutation.kind(), 1, Integer::sum);
    }

    public void accepted() {
        accepted++;
    }

    public void refused() {
        refused++;
    }

    public void shortfall(String kind, JsonMutations.Mutation mutation, String what) {
        shortfalls.get(kind).add(mutation.kind() + " " + mutation.description() + ": " + clip(what));
    }

    /** Whether an error text leaks internals (SQL, class names, stack frames, HTML). */
    public static boolean leaks(String text) {
        return LEAK.matcher(text).find();
    }

    public int total() {
        return tried.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The figures, one line: what the fuzz command prints per interface. */
    public String summary() {
        StringBuilder line = new StringBuilder(interfaceName).append(": inputs tried ").append(total())
                .append(" (accepted ").append(accepted).append(", refused ").append(refused).append(")");
        shortfalls.forEach((kind, list) -> line.append(", ").append(kind).append(" = ").append(list.size()));
        line.append(" | by kind ").append(tried);
        return line.toString();
    }

    /** Every shortfall, grouped, at most {@code each} of a kind. */
    public String details(int each) {
        StringBuilder text = new StringBuilder();
        shortfalls.forEach((kind, list) -> {
            if (!list.isEmpty()) {
                text.append("\n").append(kind).append(" (").append(list.size()).append("):");
                list.stream().limit(each).forEach(s -> text.append("\n  - ").append(s));
            }
        });
        return text.toString();
    }

    /** Prints the summary line and fails, listing the shortfalls, when fewer than {@code atLeast} were tried or any fell short. */
    public void assertClean(int atLeast) {
        System.out.println(summary());
        org.junit.jupiter.api.Assertions.assertTrue(total() >= atLeast, summary());
        org.junit.jupiter.api.Assertions.assertTrue(clean(), summary() + details(Integer.getInteger("fuzz.details", 15)));
    }

    /** No shortfall. */
    public boolean clean() {
        return shortfalls.entrySet().stream()
                .allMatch(e -> e.getValue().isEmpty());
    }

    private static String clip(String text) {
        String flat = String.valueOf(text).replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
