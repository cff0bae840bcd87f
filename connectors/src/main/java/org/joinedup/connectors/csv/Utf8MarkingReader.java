package org.joinedup.connectors.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a file's bytes as UTF-8, as a stream, putting {@link #NOT_UTF8} where bytes are not UTF-8 instead of failing
 * the whole read (as a strict decoder does, without saying where) or quietly writing U+FFFD (as a lenient one does):
 * the reader of each row can then set aside the row holding them, naming its line and column, and go on.
 */
public final class Utf8MarkingReader extends Reader {

    /**
     * Stands where the bytes were not UTF-8: U+FFFF is a noncharacter, never text, so a file that holds it (written
     * as EF BF BF) is no more readable there than one holding broken bytes.
     */
    public static final char NOT_UTF8 = '\uFFFF';

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(64 * 1024).flip();
    private boolean endOfInput;
    private boolean flushed;

    public Utf8MarkingReader(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (flushed) {
            return -1;
        }
        CharBuffer out = CharBuffer.wrap(target, offset, length);
        while (out.position() == offset) {
            CoderResult result = decoder.decode(bytes, out, endOfInput);
            if (result.isError()) {
                if (!out.hasRemaining()) {
                    break;
                }
                bytes.position(bytes.position() + result.length());
                out.put(NOT_UTF8);
            } else if (result.isOverflow()) {
                break;
            } else if (endOfInput) {
                if (!flushed) {
                    decoder.flush(out);
                    flushed = true;
                }
                break;
            } else {
                fill();
            }
        }
        int read = out.position() - offset;
        return read == 0 && endOfInput ? -1 : read;
    }

    private void fill() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
