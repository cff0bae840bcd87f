package org.joinedup.model;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes an agency sent, read as text the one way every interface reads them: UTF-8 only (a byte-order mark at
 * the start is allowed and ignored), and no NUL characters. Anything else is refused, saying at which byte, rather
 * than silently turned into U+FFFD or passed on to a database that cannot keep it.
 */
public final class ReceivedText {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private ReceivedText() {
    }

    /** The text, or an {@link InvalidMessageException} at {@code $} naming the first byte that is wrong. */
    public static String utf8(byte[] bytes) {
        int start = startsWithBom(bytes) ? BOM.length : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new InvalidMessageException("$", "the body is not UTF-8 text: byte " + (in.position() + 1)
                    + " (0x" + String.format("%02X", bytes[in.position()]) + ") cannot start or continue a character"
                    + (looksLikeUtf16(bytes) ? " (it looks like UTF-16; send UTF-8)" : ""));
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            throw new InvalidMessageException("$", "the body contains a NUL character (at character " + (nul + 1)
                    + "), which text never holds");
        }
        return text;
    }

    /** Whether the bytes read as the same text they are, with nothing dropped (no byte-order mark). */
    public static boolean isExactly(byte[] bytes, String text) {
        return Arrays.equals(bytes, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A readable rendering of bytes that are not text, for people looking at the message store. */
    public static String shown(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes)).toString()
                    .replace('\0', '\uFFFD');
        } catch (CharacterCodingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Refuses a NUL character inside text that was escaped in its format ({@code \u0000} in JSON). */
    public static String withoutNul(String field, String text) {
        if (text != null && text.indexOf('\0') >= 0) {
            throw new InvalidMessageException(field, "contains a NUL character, which text never holds");
        }
        return text;
    }

    private static boolean startsWithBom(byte[] bytes) {
        return bytes.length >= 3 && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2];
    }

    private static boolean looksLikeUtf16(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF
                || bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE);
    }
}
