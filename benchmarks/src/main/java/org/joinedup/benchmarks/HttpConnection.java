package org.joinedup.benchmarks;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A minimal HTTP/1.1 client over one persistent keep-alive {@link Socket}, for one thread, made to cost the load
 * generator as little as possible: the request is written with one {@code write} from a reused buffer (head and
 * body), the answer is read into reused buffers, and only what the benchmark checks is parsed (the status code, and
 * the framing headers {@code Content-Length}, {@code Transfer-Encoding: chunked} and {@code Connection: close}).
 * Nothing is allocated per request once the buffers have grown to their working size.
 * <p>
 * Usage: {@link #begin(byte[])} with a precomputed request head (see {@link Endpoint#head}), write the body into the
 * answered sink, {@link #exchange()}, then read {@link #body()} / {@link #bodyLength()}. A connection the server
 * has closed is opened again: before the request, or once more for a request whose write failed or whose answer
 * ended before its first byte on a connection that had been used before (a stale keep-alive connection). A read
 * that waits longer than the read timeout throws {@link SocketTimeoutException}; after any exception the connection
 * is closed, and the next request opens a new one.
 */
final class HttpConnection implements Closeable {

    /** Where to connect: scheme, host, port and the path prefix of the base URL. */
    record Endpoint(boolean tls, String host, int port, String hostHeader, String basePath) {

        static Endpoint of(String url) {
            URI uri = URI.create(url.replaceAll("/+$", ""));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("--url must be http:// or https://, got '" + url + "'");
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("--url has no host: '" + url + "'");
            }
            boolean tls = scheme.equals("https");
            int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
            String host = uri.getHost();
            String hostHeader = uri.getPort() > 0 ? uri.getRawAuthority().replaceFirst("^.*@", "") : host;
            String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
            return new Endpoint(tls, host.startsWith("[") ? host.substring(1, host.length() - 1) : host, port,
                    hostHeader, path);
        }

        /**
         * The constant head of a request to {@code basePath + path}, up to and including {@code Content-Length: }
         * (the length and the blank line are written per request). Null headers are left out.
         */
        byte[] head(String method, String path, String bearer, String contentType, String accept) {
            StringBuilder h = new StringBuilder(1_024);
            h.append(method).append(' ').append(basePath).append(path).append(" HTTP/1.1\r\n");
            h.append("Host: ").append(hostHeader).append("\r\n");
            if (bearer != null) {
                h.append("Authorization: Bearer ").append(bearer).append("\r\n");
            }
            if (contentType != null) {
                h.append("Content-Type: ").append(contentType).append("\r\n");
            }
            if (accept != null) {
                h.append("Accept: ").append(accept).append("\r\n");
            }
            h.append("Content-Length: ");
            return h.toString().getBytes(StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return (tls ? "https://" : "http://") + hostHeader + basePath;
        }
    }

    private static final byte[] CRLF_CRLF = {'\r', '\n', '\r', '\n'};
    /** room before the body for the head: its constant part, up to 10 digits of length, and a blank line */
    private static final int LENGTH_ROOM = 10 + CRLF_CRLF.length;

    private final Endpoint endpoint;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private boolean used;

    /* the request: head is written right-aligned before the body, which starts at bodyStart */
    private final ByteSink request = new ByteSink(8_192);
    private byte[] head;
    private int bodyStart;

    /* the answer */
    private final byte[] inBuf = new byte[16_384];
    private int inPos;
    private int inLen;
    private boolean answerStarted;
    private final ByteSink line = new ByteSink(256);
    private final ByteSink body = new ByteSink(8_192);
    private int status;

    HttpConnection(Endpoint endpoint, int connectTimeoutMillis, int readTimeoutMillis) {
        this.endpoint = endpoint;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /** Starts a request with the given constant head; answers the sink to write its body into. */
    ByteSink begin(byte[] requestHead) {
        if (requestHead != head) {
            head = requestHead;
            bodyStart = requestHead.length + LENGTH_ROOM;
            request.pos = 0;
            request.ensure(bodyStart);
        }
        request.pos = bodyStart;
        return request;
    }

    /** Sends the request begun and reads the whole answer; answers its status code. */
    int exchange() throws IOException {
        int bodyLength = request.pos - bodyStart;
        int digits = ByteSink.digits(bodyLength);
        int start = bodyStart - LENGTH_ROOM + 10 - digits;
        byte[] buf = request.buf;
        System.arraycopy(head, 0, buf, start - head.length, head.length);
        ByteSink.writeDigits(buf, start, digits, bodyLength);
        System.arraycopy(CRLF_CRLF, 0, buf, start + digits, CRLF_CRLF.length);
        int from = start - head.length;
        boolean retried = false;
        while (true) {
            boolean reused = socket != null && used;
            if (socket == null) {
                connect();
            }
            answerStarted = false;
            try {
                out.write(buf, from, request.pos - from);
                out.flush();
                used = true;
                readAnswer();
                return status;
            } catch (IOException e) {
                close();
                if (!reused || retried || answerStarted || e instanceof SocketTimeoutException) {
                    throw e;
                }
                retried = true; // the server had closed the idle keep-alive connection: once more on a new one
            }
        }
    }

    int status() {
        return status;
    }

    /** The answer's body (decoded from chunks when chunked), valid until the next exchange. */
    byte[] body() {
        return body.buf;
    }

    int bodyLength() {
        return body.pos;
    }

    String bodyString() {
        return body.asString();
    }

    private void connect() throws IOException {
        Socket s = endpoint.tls() ? SSLSocketFactory.getDefault().createSocket() : new Socket();
        try {
            if (s instanceof SSLSocket tls) { // check the hub's certificate against its name, as java.net.http did
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                if (!endpoint.host().contains(":") && !endpoint.host().matches("[0-9.]+")) {
                    parameters.setServerNames(List.of(new SNIHostName(endpoint.host())));
                }
                tls.setSSLParameters(parameters);
            }
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            s.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), connectTimeoutMillis);
            s.setSoTimeout(readTimeoutMillis);
            in = s.getInputStream();
            out = s.getOutputStream();
        } catch (IOException e) {
            s.close();
            throw e;
        }
        socket = s;
        used = false;
        inPos = 0;
        inLen = 0;
    }

    @Override
    public void close() {
        Socket s = socket;
        socket = null;
        in = null;
        out = null;
        inPos = 0;
        inLen = 0;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    private void readAnswer() throws IOException {
        body.pos = 0;
        long contentLength;
        boolean chunked;
        boolean closeAfter;
        do { // 1xx interim answers are skipped
            readLine();
            status = parseStatusLine();
            closeAfter = startsWith(line, HTTP_1_0);
            contentLength = -1;
            chunked = false;
            while (readLine() > 0) {
                if (headerIs(CONTENT_LENGTH)) {
                    contentLength = parseDecimal(valueStart(CONTENT_LENGTH.length));
                } else if (headerIs(TRANSFER_ENCODING)) {
                    chunked = valueContains(CHUNKED, TRANSFER_ENCODING.length);
                } else if (headerIs(CONNECTION)) {
                    closeAfter = valueContains(CLOSE, CONNECTION.length);
                }
            }
        } while (status >= 100 && status < 200);

        if (status == 204 || status == 304) {
            // no body
        } else if (chunked) {
            long size;
            while ((size = readChunkSize()) > 0) {
                readBody(size);
                if (readLine() != 0) {
                    throw new IOException("malformed chunked answer: no CRLF after a chunk");
                }
            }
            while (readLine() > 0) {
                // trailers
            }
        } else if (contentLength >= 0) {
            readBody(contentLength);
        } else {
            do { // no length given: the body ends with the connection
                body.put(inBuf, inPos, inLen - inPos);
                inPos = inLen;
            } while (fill(false));
            closeAfter = true;
        }
        if (closeAfter) {
            close();
        }
    }

    /** Reads one line into {@link #line} (without CR LF); answers its length. */
    private int readLine() throws IOException {
        line.pos = 0;
        while (true) {
            if (inPos == inLen) {
                fill(true);
            }
            byte b = inBuf[inPos++];
            if (b == '\n') {
                if (line.pos > 0 && line.buf[line.pos - 1] == '\r') {
                    line.pos--;
                }
                return line.pos;
            }
            line.put(b);
        }
    }

    private void readBody(long length) throws IOException {
        if (length > Integer.MAX_VALUE - 16 - body.pos) {
            throw new IOException("answer body too large: " + length + " bytes");
        }
        int rest = (int) length;
        body.ensure(rest);
        while (rest > 0) {
            if (inPos == inLen) {
                fill(true);
            }
            int n = Math.min(rest, inLen - inPos);
            System.arraycopy(inBuf, inPos, body.buf, body.pos, n);
            body.pos += n;
            inPos += n;
            rest -= n;
        }
    }

    /** Refills the input buffer; at the end of the stream throws (when {@code required}) or answers false. */
    private boolean fill(boolean required) throws IOException {
        int n = in.read(inBuf, 0, inBuf.length);
        if (n < 0) {
            if (required) {
                throw new EOFException(answerStarted ? "the hub closed the connection in the middle of an answer"
                        : "the hub closed the connection without answering");
            }
            return false;
        }
        inPos = 0;
        inLen = n;
        if (n > 0) {
            answerStarted = true;
        }
        return true;
    }

    private int parseStatusLine() throws IOException {
        // HTTP/1.1 201 Created
        if (line.pos < 12 || !startsWith(line, HTTP_SLASH) || line.buf[8] != ' ') {
            throw new IOException("not an HTTP answer: " + line.asString());
        }
        int code = 0;
        for (int i = 9; i < 12; i++) {
            byte b = line.buf[i];
            if (b < '0' || b > '9') {
                throw new IOException("not an HTTP status line: " + line.asString());
            }
            code = code * 10 + b - '0';
        }
        return code;
    }

    private long readChunkSize() throws IOException {
        if (readLine() == 0) {
            throw new IOException("malformed chunked answer: empty chunk size line");
        }
        long size = 0;
        for (int i = 0; i < line.pos; i++) {
            int b = line.buf[i];
            int d = b >= '0' && b <= '9' ? b - '0' : b >= 'a' && b <= 'f' ? b - 'a' + 10
                    : b >= 'A' && b <= 'F' ? b - 'A' + 10 : -1;
            if (d < 0) {
                if (i == 0) {
                    throw new IOException("malformed chunk size: " + line.asString());
                }
                break; // ";extension" or whitespace
            }
            size = size << 4 | d;
            if (size > Integer.MAX_VALUE) {
                throw new IOException("chunk too large: " + line.asString());
            }
        }
        return size;
    }

    /** Whether the header line is {@code name} (lower case, with the colon), ignoring case. */
    private boolean headerIs(byte[] name) {
        if (line.pos < name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            byte b = line.buf[i];
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != name[i]) {
                return false;
            }
        }
        return true;
    }

    private int valueStart(int from) {
        int i = from;
        while (i < line.pos && (line.buf[i] == ' ' || line.buf[i] == '\t')) {
            i++;
        }
        return i;
    }

    private long parseDecimal(int from) throws IOException {
        long v = 0;
        int i = from;
        for (; i < line.pos && line.buf[i] >= '0' && line.buf[i] <= '9'; i++) {
            v = v * 10 + line.buf[i] - '0';
            if (v > Integer.MAX_VALUE) {
                break;
            }
        }
        if (i == from) {
            throw new IOException("malformed header: " + line.asString());
        }
        return v;
    }

    /** Whether the header value (from {@code from}) contains the lower-case token, ignoring case. */
    private boolean valueContains(byte[] token, int from) {
        outer:
        for (int i = from; i <= line.pos - token.length; i++) {
            for (int j = 0; j < token.length; j++) {
                byte b = line.buf[i + j];
                if (b >= 'A' && b <= 'Z') {
                    b += 'a' - 'A';
                }
                if (b != token[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean startsWith(ByteSink s, byte[] prefix) {
        if (s.pos < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (s.buf[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static final byte[] HTTP_SLASH = ascii("HTTP/");
    private static final byte[] HTTP_1_0 = ascii("HTTP/1.0");
    private static final byte[] CONTENT_LENGTH = ascii("content-length:");
    private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding:");
    private static final byte[] CONNECTION = ascii("connection:");
    private static final byte[] CHUNKED = ascii("chunked");
    private static final byte[] CLOSE = ascii("close");
}
