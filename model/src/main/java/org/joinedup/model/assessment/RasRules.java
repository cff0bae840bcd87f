package org.joinedup.model.assessment;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the RAS rules: every {@code *.properties} file of a directory, or the ones packaged with the hub. */
public final class RasRules {

    /** The rule files under {@code config/ras/} that are packaged as the defaults. */
    public static final List<String> PACKAGED = List.of("council-adult-social-care", "employment-support",
            "housing-disabled-facilities-grant", "nhs-continuing-care");

    private RasRules() {
    }

    public static List<RasRule> packaged() {
        List<RasRule> rules = new ArrayList<>();
        for (String id : PACKAGED) {
            try (InputStream in = RasRules.class.getResourceAsStream("/ras/" + id + ".properties")) {
                if (in == null) {
                    throw new IllegalStateException("RAS rule ras/" + id + ".properties missing from the classpath");
                }
                rules.add(RasRule.load(id, new InputStreamReader(in, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(rules);
    }

    /** Every {@code <id>.properties} in the directory, the file name (without extension) being the rule's id. */
    public static List<RasRule> from(Path directory) {
        List<RasRule> rules = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.properties")) {
            for (Path file : files) {
                String id = file.getFileName().toString().replaceFirst("\\.properties$", "");
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    rules.add(RasRule.load(id, in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the RAS rules in " + directory, e);
        }
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("no RAS rules (*.properties) in " + directory);
        }
        return List.copyOf(rules);
    }
}
