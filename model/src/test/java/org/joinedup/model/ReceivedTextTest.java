package org.joinedup.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ReceivedTextTest {

    private static String reason(byte[] bytes) {
        return assertThrows(InvalidMessageException.class, () -> ReceivedText.utf8(bytes)).issues().get(0)
                .reason();
    }

    @Test
    void utf8IsReadAndAByteOrderMarkIsIgnored() {
        assertEquals("Siân Ó Dálaigh", ReceivedText.utf8("Siân Ó Dálaigh".getBytes(StandardCharsets.UTF_8)));
        byte[] withBom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};
        assertEquals("{}", ReceivedText.utf8(withBom));
        assertFalse(ReceivedText.isExactly(withBom, "{}"), "the mark is not in the text, so the bytes are kept");
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedSayingWhichByte() {
        assertEquals("the body is not UTF-8 text: byte 3 (0xC3) cannot start or continue a character",
                reason(new byte[] {'a', 'b', (byte) 0xC3, '(', 'c'}));
        assertTrue(reason(new byte[] {'a', (byte) 0xC0, (byte) 0xAF}).contains("byte 2"), "an overlong '/'");
        assertTrue(reason("{}".getBytes(StandardCharsets.UTF_16)).contains("looks like UTF-16"));
    }

    @Test
    void aNulIsRefused() {
        assertTrue(reason(new byte[] {'a', 0, 'b'}).contains("NUL character (at character 2)"));
    }

    @Test
    void whatIsNotTextIsShownReadablyForTheMessageStore() {
        assertEquals("a\uFFFDb\uFFFD", ReceivedText.shown(new byte[] {'a', 0, 'b', (byte) 0xFF}));
    }
}
