package org.joinedup.benchmarks;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few calls the connector benchmarks make to a running hub besides their load: a demo token, a GET of the
 * operator API, and the hub's own Prometheus counters at {@code /q/metrics}. One keep-alive connection, used by one
 * thread at a time (the progress poller).
 */
final class HubApi implements AutoCloseable {

    /** A bearer token and the agency (ODS or GSS code) its user acts for. */
    record Token(String user, String bearer, String agency) {
    }

    static final class SetupException extends Exception {
        SetupException(String message) {
            super(message);
        }
    }

    final HttpConnection.Endpoint endpoint;
    private final HttpConnection connection;

    HubApi(String url) {
        this.endpoint = HttpConnection.Endpoint.of(url);
        this.connection = new HttpConnection(endpoint, 10_000, 60_000);
    }

    /** A demo token of {@code user} ({@code POST /auth/demo-token}; demo, dev and test profiles only). */
    Token demoToken(String user) throws SetupException, IOException {
        int status;
        String body;
        try {
            connection.begin(endpoint.head("POST", "/auth/demo-token", null, "application/x-www-form-urlencoded",
                    null)).put(("user=" + URLEncoder.encode(user, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8));
            status = connection.exchange();
            body = connection.bodyString();
        } catch (ConnectException e) {
            throw new SetupException("no hub answers at " + endpoint + " (" + e + "); start one first, e.g. "
                    + "HUB_DATA_DIR=/tmp/bench-data java -Dquarkus.profile=demo "
                    + "-jar routes/target/quarkus-app/quarkus-run.jar");
        }
        if (status == 404) {
            throw new SetupException("the hub at " + endpoint + " offers no demo tokens (not the demo, dev or test "
                    + "profile); pass --token=<bearer> instead");
        }
        if (status != 200) {
            throw new SetupException("demo token for '" + user + "': HTTP " + status + " " + body);
        }
        String token = BudgetPushBenchmark.jsonString(body, "access_token");
        if (token == null) {
            throw new SetupException("no access_token in the demo token answer: " + body);
        }
        return new Token(user, token, BudgetPushBenchmark.jsonString(body, "agency"));
    }

    /** GET {@code path} (with the base path of the URL before it); answers the status and the body as text. */
    Answer get(String path, String bearer) throws IOException {
        connection.begin(endpoint.head("GET", path, bearer, null, "*/*"));
        int status = connection.exchange();
        return new Answer(status, connection.bodyString());
    }

    record Answer(int status, String body) {
    }

    /** The Prometheus text of {@code /q/metrics}. */
    String metrics() throws IOException {
        Answer a = get("/q/metrics", null);
        if (a.status != 200) {
            throw new IOException("GET /q/metrics: HTTP " + a.status);
        }
        return a.body;
    }

    /**
     * The sum of the samples of counter {@code name} whose labels include every {@code label="value"} given (as
     * {@code "agency", "EMPLOYMENT", "status", "APPLIED"}); 0 when there is none yet.
     */
    static double counter(String metrics, String name, String... labels) {
        double sum = 0;
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\}\\s+(\\S+)$").matcher(metrics);
        outer:
        while (m.find()) {
            String have = m.group(1);
            for (int i = 0; i + 1 < labels.length; i += 2) {
                if (!have.contains(labels[i] + "=\"" + labels[i + 1] + "\"")) {
                    continue outer;
                }
            }
            sum += Double.parseDouble(m.group(2));
        }
        return sum;
    }

    /** A number member of a flat JSON object, or empty. */
    static Optional<Long> jsonLong(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(-?\\d+)").matcher(json);
        return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }

    @Override
    public void close() {
        connection.close();
    }
}
