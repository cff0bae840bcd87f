package org.joinedup.fhirmapping;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Golden files: the expected output of a mapper, kept beside its input fixture under {@code src/test/resources}.
 * A difference fails the test with a line diff. To accept new output on purpose, run with
 * {@code -Dgolden.update=true} (for example {@code ./mvnw -pl fhir-mapping test -Dgolden.update=true}), which
 * rewrites the golden files from the actual output and prints what changed in each; review it (and
 * {@code git diff}) before committing: a golden file is a claim about what an agency receives, so a change to it is
 * read, never only regenerated. Under CI (the {@code CI} environment variable set) updating is refused.
 */
final class GoldenFiles {

    static final String UPDATE_PROPERTY = "golden.update";

    /** The module's test resources in the source tree (Surefire sets basedir; an IDE runs in the module). */
    static final Path RESOURCES = Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources");

    private static final int CONTEXT = 3;

    private GoldenFiles() {
    }

    /** A fixture as text, read from the source tree. */
    static String read(String name) {
        try {
            return Files.readString(RESOURCES.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + name + " under " + RESOURCES.toAbsolutePath(), e);
        }
    }

    static boolean exists(String name) {
        return Files.isRegularFile(RESOURCES.resolve(name));
    }

    /** Fails, with a diff, unless {@code actual} is what the golden file {@code name} holds. */
    static void assertMatches(String name, String actual) {
        Path file = RESOURCES.resolve(name);
        String actualText = normalise(actual);
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            if (System.getenv("CI") != null) {
                fail("-D" + UPDATE_PROPERTY + " rewrites golden files for someone to review; CI only compares them");
            }
            try {
                Files.createDirectories(file.getParent());
                String before = Files.exists(file) ? normalise(Files.readString(file, StandardCharsets.UTF_8)) : "";
                if (!Files.exists(file) || !before.equals(actualText)) {
                    Files.writeString(file, actualText, StandardCharsets.UTF_8);
                    // what changed, for the reviewer, before it goes into a commit
                    System.out.println("[golden] wrote " + file + " (- before, + now):\n"
                            + diff(lines(before), lines(actualText)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        if (!Files.exists(file)) {
            fail("No golden file " + name + " (looked in " + RESOURCES.toAbsolutePath() + ").\n"
                    + "Run with -D" + UPDATE_PROPERTY + "=true to create it from this output, then review it:\n"
                    + actualText);
        }
        String expectedText;
        try {
            expectedText = normalise(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!expectedText.equals(actualText)) {
            fail("Output differs from golden file " + name + " (- golden, + actual):\n"
                    + diff(lines(expectedText), lines(actualText))
                    + "If the new output is right, rerun with -D" + UPDATE_PROPERTY + "=true and review git diff.");
        }
    }

    private static String normalise(String text) {
        String unix = text.replace("\r\n", "\n");
        return unix.endsWith("\n") ? unix : unix + "\n";
    }

    private static List<String> lines(String text) {
        return List.of(text.split("\n", -1));
    }

    /** A unified-style line diff (longest common subsequence), with a few lines of context around each change. */
    static String diff(List<String> expected, List<String> actual) {
        int n = expected.size();
        int m = actual.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = expected.get(i).equals(actual.get(j))
                        ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> script = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && expected.get(i).equals(actual.get(j))) {
                script.add("  " + expected.get(i));
                i++;
                j++;
            } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                script.add("+ " + actual.get(j++));
            } else {
                script.add("- " + expected.get(i++));
            }
        }
        StringBuilder out = new StringBuilder();
        int lastPrinted = -1;
        for (int k = 0; k < script.size(); k++) {
            if (script.get(k).startsWith("  ")) {
                continue;
            }
            int from = Math.max(k - CONTEXT, lastPrinted + 1);
            if (lastPrinted >= 0 && from > lastPrinted + 1) {
                out.append("  ...\n");
            }
            int to = Math.min(k + CONTEXT, script.size() - 1);
            for (int line = from; line <= to; line++) {
                out.append(script.get(line)).append('\n');
            }
            lastPrinted = Math.max(lastPrinted, to);
        }
        return out.toString();
    }
}
