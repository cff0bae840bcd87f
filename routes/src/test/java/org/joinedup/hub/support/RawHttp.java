package org.joinedup.hub.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.restassured.path.json.JsonPath;

/**
 * HTTP as a client other than HAPI's or RestAssured (which encode everything) sends it: the request line written to
 * a socket exactly as given, {@code |}, {@code ,} and {@code {}} included.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** A response as it came back: its status line's code and its body. */
    public record Answer(int status, String body) {

        public JsonPath json() {
            return JsonPath.from(body);
        }
    }

    /** {@code GET target} on localhost with the bearer token, the target sent byte for byte as given. */
    public static Answer get(int port, String target, String token) {
        return send(port, "GET", target, token, null);
    }

    /** {@code method target} with a FHIR JSON body (or none), the target sent byte for byte as given. */
    public static Answer send(int port, String method, String target, String token, String fhirJson) {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            byte[] content = fhirJson == null ? new byte[0] : fhirJson.getBytes(StandardCharsets.UTF_8);
            out.write((method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/fhir+json\r\n"
                    + "Authorization: Bearer " + token + "\r\n" + (fhirJson == null ? ""
                    : "Content-Type: application/fhir+json\r\nContent-Length: " + content.length + "\r\n")
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(content);
            out.flush();
            byte[] response = socket.getInputStream().readAllBytes();
            int headEnd = indexOf(response, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
            String head = new String(response, 0, headEnd, StandardCharsets.US_ASCII);
            int status = Integer.parseInt(head.substring(9, 12));
            byte[] body = java.util.Arrays.copyOfRange(response, headEnd + 4, response.length);
            if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = unchunked(body);
            }
            return new Answer(status, new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] bytes, byte[] what, int from) {
        for (int i = from; i <= bytes.length - what.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + what.length, what, 0, what.length)) {
                return i;
            }
        }
        throw new IllegalStateException("no " + new String(what, StandardCharsets.US_ASCII) + " in the response");
    }

    private static byte[] unchunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
        int at = 0;
        while (true) {
            int lineEnd = indexOf(body, crlf, at);
            int size = Integer.parseInt(new String(body, at, lineEnd - at, StandardCharsets.US_ASCII).trim(), 16);
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
