package org.joinedup.connectors.csv;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV one record at a time (quoted fields may hold commas, doubled quotes and line breaks), from a
 * stream, so memory does not grow with the file. A byte-order mark at the start is skipped; CRLF and LF both end a
 * record. Each record knows the line it starts on. A quoted field never closed, or followed by anything but a comma
 * or the end of the record, is an error: the rest of the input cannot be trusted.
 */
public final class CsvRecordReader {

    /** One record and the (1-based) line of the file it starts on. */
    public record Record(int lineNumber, List<String> fields) {
    }

    /**
     * The most characters one record may hold: far beyond any row an agency writes, and a bound on the memory a file
     * whose quote never closes (the rest of the file one field) can take.
     */
    public static final int MAX_RECORD_CHARS = 4 * 1024 * 1024;

    private final Reader in;
    private int line = 1;
    private int recordChars;
    private boolean lastEndedLine;
    private int pushedBack = -2;
    private boolean started;

    public CsvRecordReader(Reader in) {
        this.in = in;
    }

    /** The next record, or null at the end of the input. A blank line is skipped. */
    public Record next() {
        try {
            int c = read();
            if (!started) {
                started = true;
                if (c == '\uFEFF') {
                    c = read();
                }
            }
            while (c == '\r' || c == '\n') {
                consumeLineEnd(c);
                c = read();
            }
            if (c == -1) {
                return null;
            }
            int startLine = line;
            recordChars = 0;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean wasQuoted = false;
            while (true) {
                if (quoted) {
                    if (c == -1) {
                        throw new IllegalArgumentException("line " + startLine + ": a quoted field is not closed");
                    }
                    if (c == '"') {
                        int next = read();
                        if (next == '"') {
                            field.append('"');
                        } else if (next == ',' || next == '\r' || next == '\n' || next == -1) {
                            quoted = false;
                            c = next;
                            continue;
                        } else {
                            // Not RFC 4180: most often a stray opening quote whose "closing" quote is really the
                            // opening quote of a later field, so the records in between would silently vanish.
                            throw new IllegalArgumentException("line " + startLine + ": text follows the closing quote"
                                    + " of a quoted field (on line " + line + "); is a quote not closed?");
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        field.append((char) c);
                    }
                } else if (c == '"' && field.length() == 0 && !wasQuoted) {
                    quoted = true;
                    wasQuoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    wasQuoted = false;
                } else if (c == '\r' || c == '\n' || c == -1) {
                    fields.add(field.toString());
                    lastEndedLine = c != -1;
                    if (c != -1) {
                        consumeLineEnd(c);
                    }
                    return new Record(startLine, fields);
                } else {
                    field.append((char) c);
                }
                if (++recordChars > MAX_RECORD_CHARS) {
                    throw new IllegalArgumentException("line " + startLine + ": a record of more than "
                            + MAX_RECORD_CHARS + " characters; is a quote not closed?");
                }
                c = read();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether the record {@link #next()} last returned ended with a line ending; only a file's last record may not,
     * and a last record that also lacks fields is most likely a transfer cut short.
     */
    public boolean lastRecordEndedLine() {
        return lastEndedLine;
    }

    /** Consumes a line ending (CR, LF or CRLF) whose first character was {@code c}. */
    private void consumeLineEnd(int c) throws IOException {
        line++;
        if (c == '\r') {
            int next = read();
            if (next != '\n') {
                pushedBack = next;
            }
        }
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }
}
