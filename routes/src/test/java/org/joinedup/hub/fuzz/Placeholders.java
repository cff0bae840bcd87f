package org.joinedup.hub.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/** Fills {@code {{name}}} placeholders in a body's bytes (which need not be UTF-8) with fresh values. */
final class Placeholders {

    private Placeholders() {
    }

    /** Each name is given one value for the whole body (a Patient's NHS number and its references agree). */
    static byte[] fill(byte[] body, Function<String, String> values) {
        java.util.Map<String, java.util.Optional<String>> given = new java.util.HashMap<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
        int i = 0;
        while (i < body.length) {
            if (i + 1 < body.length && body[i] == '{' && body[i + 1] == '{') {
                int end = indexOf(body, i + 2);
                if (end > 0 && end - i < 40) {
                    String name = new String(body, i + 2, end - i - 2, StandardCharsets.US_ASCII);
                    String value = given.computeIfAbsent(name, n -> java.util.Optional.ofNullable(values.apply(n)))
                            .orElse(null);
                    if (value != null) {
                        out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
                        i = end + 2;
                        continue;
                    }
                }
            }
            out.write(body[i++]);
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] body, int from) {
        for (int i = from; i + 1 < body.length; i++) {
            if (body[i] == '}' && body[i + 1] == '}') {
                return i;
            }
            if (!Character.isLetterOrDigit(body[i])) {
                return -1;
            }
        }
        return -1;
    }
}
