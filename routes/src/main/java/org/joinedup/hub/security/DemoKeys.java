package org.joinedup.hub.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The key pair that signs demo users' tokens: made on first start under the data directory, never shipped. The
 * public half is what {@code mp.jwt.verify.publickey.location} points at in the demo, dev and test profiles.
 */
public final class DemoKeys {

    private DemoKeys() {
    }

    /** Makes the key pair if it is not there yet and returns the private key. */
    public static synchronized PrivateKey ensure(Path directory) {
        Path privatePem = directory.resolve("private.pem");
        Path publicPem = directory.resolve("public.pem");
        try {
            if (!Files.exists(privatePem) || !Files.exists(publicPem)) {
                Files.createDirectories(directory);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Path tmpPrivate = directory.resolve("private.pem.tmp");
                Files.writeString(tmpPrivate, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                Files.move(tmpPrivate, privatePem, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            String body = Files.readString(privatePem, StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not make the demo signing keys in " + directory, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not make the demo signing keys", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
