package org.joinedup.hub.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Credentials the hub makes for its own embedded PostgreSQL and broker on first start, kept in
 * {@code <data dir>/secrets/} (the directory and each file readable by their owner only) and read again on every
 * later start: never a well-known default. A deployer who runs external servers gives their own credentials instead.
 */
public final class GeneratedSecrets {

    /** The embedded PostgreSQL's superuser password. */
    public static final String POSTGRES = "postgres.password";
    /** The hub's own account on the embedded broker. */
    public static final String BROKER_HUB = "broker-hub.password";
    /** The employment services' account on the embedded broker: it may only send to their queue. */
    public static final String BROKER_EMPLOYMENT = "broker-employment.password";

    public static final String HUB_USER = "hub";
    public static final String EMPLOYMENT_USER = "employment";

    private static final SecureRandom RANDOM = new SecureRandom();

    private GeneratedSecrets() {
    }

    /** The secret with this name, made (32 random bytes) the first time it is asked for. */
    public static synchronized String of(Path dataDir, String name) {
        Path directory = dataDir.resolve("secrets");
        Path file = directory.resolve(name);
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory);
                ownerOnly(directory, "rwx------");
            }
            if (!Files.exists(file)) {
                byte[] bytes = new byte[32];
                RANDOM.nextBytes(bytes);
                String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                try {
                    Files.createFile(file);
                    ownerOnly(file, "rw-------");
                    Files.writeString(file, secret, StandardCharsets.UTF_8);
                } catch (FileAlreadyExistsException madeMeanwhile) {
                    // another part of the hub made it first: read theirs
                }
            }
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or make the secret " + file, e);
        }
    }

    /** The file a secret is kept in (for a deployer to hand the employment services theirs). */
    public static Path file(Path dataDir, String name) {
        return dataDir.resolve("secrets").resolve(name);
    }

    private static void ownerOnly(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions (Windows): the directory's ACLs apply
        }
    }
}
