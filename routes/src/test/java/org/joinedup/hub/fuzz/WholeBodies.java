package org.joinedup.hub.fuzz;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The mutations of a body as a whole that every interface's corpus has, whatever its format: the valid body after a
 * byte-order mark, nothing at all, the body in UTF-16, random bytes, a NUL first, the body twice, and the body cut
 * short at twelve places.
 */
final class WholeBodies {

    private WholeBodies() {
    }

    /** The mutations of {@code fixture}, whose text is in {@code charset}, in a fixed order. */
    static List<JsonMutations.Mutation> of(byte[] fixture, Charset charset) {
        List<JsonMutations.Mutation> all = new ArrayList<>();
        all.add(new JsonMutations.Mutation("bom", null, "the valid body after a UTF-8 byte-order mark",
                concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, fixture)));
        all.add(new JsonMutations.Mutation("empty", null, "an empty body", new byte[0]));
        all.add(new JsonMutations.Mutation("non-utf8", null, "the valid body in UTF-16", new String(fixture, charset)
                .getBytes(StandardCharsets.UTF_16)));
        byte[] binary = new byte[512];
        new Random(14).nextBytes(binary);
        all.add(new JsonMutations.Mutation("non-utf8", null, "512 random bytes", binary));
        all.add(new JsonMutations.Mutation("nul", null, "a NUL byte before the body", concat(new byte[] {0}, fixture)));
        all.add(new JsonMutations.Mutation("truncated", null, "two bodies one after the other",
                concat(fixture, fixture)));
        for (int i = 1; i <= 12; i++) {
            int at = fixture.length * i / 13;
            all.add(new JsonMutations.Mutation("truncated", null, "cut after byte " + at, Arrays.copyOf(fixture, at)));
        }
        return all;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
