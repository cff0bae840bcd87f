package org.joinedup.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that is reused from request to request, so writing a request or reading an answer
 * allocates nothing once it has grown to its working size. Numbers are written as ASCII digits in place.
 */
final class ByteSink {
    byte[] buf;
    int pos;

    ByteSink(int capacity) {
        buf = new byte[capacity];
    }

    void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }

    void put(byte b) {
        ensure(1);
        buf[pos++] = b;
    }

    void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    void put(byte[] bytes, int from, int length) {
        ensure(length);
        System.arraycopy(bytes, from, buf, pos, length);
        pos += length;
    }

    /** A non-negative number in decimal. */
    void putLong(long v) {
        int digits = digits(v);
        ensure(digits);
        writeDigits(buf, pos, digits, v);
        pos += digits;
    }

    /** A non-negative number in lower-case hexadecimal, zero-padded to {@code width} digits. */
    void putHex(long v, int width) {
        ensure(width);
        for (int i = pos + width - 1; i >= pos; i--) {
            buf[i] = HEX[(int) (v & 0xf)];
            v >>>= 4;
        }
        pos += width;
    }

    String asString() {
        return new String(buf, 0, pos, StandardCharsets.UTF_8);
    }

    static int digits(long v) {
        int n = 1;
        while (v >= 10) {
            v /= 10;
            n++;
        }
        return n;
    }

    static void writeDigits(byte[] into, int at, int digits, long v) {
        for (int i = at + digits - 1; i >= at; i--) {
            into[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
    }

    /** Index of {@code needle} in {@code bytes[from, length)}, or -1. */
    static int indexOf(byte[] bytes, int length, byte[] needle, int from) {
        byte first = needle[0];
        int last = length - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            if (bytes[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
}
