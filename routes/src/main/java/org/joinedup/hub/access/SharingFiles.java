package org.joinedup.hub.access;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The files under {@code config/sharing/} (the sharing agreement, the organisation directory, payment
 * arrangements): a deployer's own copy when configured, else the packaged one.
 */
final class SharingFiles {

    private SharingFiles() {
    }

    /** Opens the deployer's file, or the packaged {@code /sharing/<name>}. */
    static Reader open(Optional<Path> deployers, String name) {
        try {
            if (deployers.isPresent()) {
                return Files.newBufferedReader(deployers.get(), StandardCharsets.UTF_8);
            }
            InputStream in = SharingFiles.class.getResourceAsStream("/sharing/" + name);
            if (in == null) {
                throw new IllegalStateException("the packaged sharing/" + name + " is missing");
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the deployer's file, or the packaged one, as properties. */
    static Properties properties(Optional<Path> deployers, String name) {
        Properties lines = new Properties();
        try (Reader reader = open(deployers, name)) {
            lines.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }
}
