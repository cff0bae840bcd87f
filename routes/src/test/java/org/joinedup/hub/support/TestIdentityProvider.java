package org.joinedup.hub.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.smallrye.jwt.build.Jwt;

/**
 * A small but real OpenID Connect provider for the tests, standing in for an organisation's identity provider:
 * discovery, an authorization endpoint that shows a page of accounts to sign in as (in the browser), a token
 * endpoint that checks the client's secret, the code (once only) and the redirect address, and a JWKS with the
 * RS256 key the ID tokens are signed with. Nothing in the hub knows it is a test one.
 */
public final class TestIdentityProvider implements AutoCloseable {

    public static final String CLIENT_ID = "joinedup-hub";
    public static final String CLIENT_SECRET = "test-client-secret-0f3b9c";

    /** An account at the organisation: its ID token carries these claims. */
    public record Account(String username, String name, Set<String> groups, String agency) {
    }

    private static final String KEY_ID = "test-idp-1";

    private final HttpServer server;
    private final KeyPair keys;
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final List<String> tokenRequests = new CopyOnWriteArrayList<>();

    private record Grant(Account account, String redirectUri, String nonce) {
    }

    private TestIdentityProvider(HttpServer server, KeyPair keys, List<Account> known) {
        this.server = server;
        this.keys = keys;
        known.forEach(a -> accounts.put(a.username(), a));
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.createContext("/jwks", this::jwks);
    }

    public static TestIdentityProvider start(List<Account> accounts) throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            TestIdentityProvider idp = new TestIdentityProvider(server, generator.generateKeyPair(), accounts);
            server.start();
            return idp;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The issuer, which is also where discovery starts ({@code quarkus.oidc.auth-server-url}). */
    public String issuer() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** The codes the hub has exchanged at the token endpoint, in order ("code → account" or "refused: why"). */
    public List<String> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    private void discovery(HttpExchange exchange) throws IOException {
        String issuer = issuer();
        send(exchange, 200, "application/json", "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\""
                + issuer + "/authorize\",\"token_endpoint\":\"" + issuer + "/token\",\"jwks_uri\":\"" + issuer
                + "/jwks\",\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"],"
                + "\"token_endpoint_auth_methods_supported\":[\"client_secret_basic\"]}");
    }

    /** GET: the page of accounts; POST: the chosen account's code, back to the client's redirect address. */
    private void authorize(HttpExchange exchange) throws IOException {
        if (exchange.getRequestMethod().equals("GET")) {
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            if (!CLIENT_ID.equals(query.get("client_id")) || !"code".equals(query.get("response_type"))) {
                send(exchange, 400, "text/plain", "unknown client or response type");
                return;
            }
            StringBuilder page = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><title>Sign in to"
                    + " Oldham Council</title></head><body><main><h1>Sign in to Oldham Council</h1>");
            for (Account account : accounts.values()) {
                page.append("<form method=\"post\" action=\"/authorize\">");
                for (String field : List.of("redirect_uri", "state", "nonce")) {
                    page.append("<input type=\"hidden\" name=\"").append(field).append("\" value=\"")
                            .append(escape(query.getOrDefault(field, ""))).append("\">");
                }
                page.append("<input type=\"hidden\" name=\"account\" value=\"").append(escape(account.username()))
                        .append("\"><button type=\"submit\">Sign in as ").append(escape(account.name()))
                        .append("</button></form>");
            }
            send(exchange, 200, "text/html; charset=utf-8", page.append("</main></body></html>").toString());
            return;
        }
        Map<String, String> posted = form(new String(exchange.getRequestBody().readAllBytes(),
                StandardCharsets.UTF_8));
        Account account = accounts.get(posted.get("account"));
        String redirect = posted.get("redirect_uri");
        if (account == null || redirect == null || !redirect.startsWith("http://localhost:")) {
            send(exchange, 400, "text/plain", "unknown account or redirect address");
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(account, redirect, posted.get("nonce")));
        exchange.getResponseHeaders().add("Location", redirect + (redirect.contains("?") ? "&" : "?") + "code="
                + code + "&state=" + URLEncoder.encode(posted.getOrDefault("state", ""), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> posted = form(new String(exchange.getRequestBody().readAllBytes(),
                StandardCharsets.UTF_8));
        String basic = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        if (!basic.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            tokenRequests.add("refused: client not authenticated");
            send(exchange, 401, "application/json", "{\"error\":\"invalid_client\"}");
            return;
        }
        Grant grant = codes.remove(String.valueOf(posted.get("code")));
        if (!"authorization_code".equals(posted.get("grant_type")) || grant == null
                || !grant.redirectUri().equals(posted.get("redirect_uri"))) {
            tokenRequests.add("refused: unknown or used code " + posted.get("code"));
            send(exchange, 400, "application/json", "{\"error\":\"invalid_grant\"}");
            return;
        }
        Account account = grant.account();
        tokenRequests.add(posted.get("code") + " → " + account.username());
        var idToken = Jwt.claims().issuer(issuer()).subject(account.username()).audience(CLIENT_ID)
                .preferredUserName(account.username()).claim("name", account.name()).groups(account.groups())
                .expiresIn(300);
        if (account.agency() != null) {
            idToken.claim("agency", account.agency());
        }
        if (grant.nonce() != null && !grant.nonce().isEmpty()) {
            idToken.claim("nonce", grant.nonce());
        }
        String id = idToken.jws().keyId(KEY_ID).sign(keys.getPrivate());
        String access = Jwt.claims().issuer(issuer()).subject(account.username()).audience(CLIENT_ID)
                .expiresIn(300).jws().keyId(KEY_ID).sign(keys.getPrivate());
        send(exchange, 200, "application/json", "{\"access_token\":\"" + access + "\",\"id_token\":\"" + id
                + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
    }

    private void jwks(HttpExchange exchange) throws IOException {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        send(exchange, 200, "application/json", "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\","
                + "\"kid\":\"" + KEY_ID + "\",\"n\":\"" + url.encodeToString(unsigned(key.getModulus().toByteArray()))
                + "\",\"e\":\"" + url.encodeToString(unsigned(key.getPublicExponent().toByteArray())) + "\"}]}");
    }

    private static byte[] unsigned(byte[] twosComplement) {
        return twosComplement.length > 1 && twosComplement[0] == 0
                ? java.util.Arrays.copyOfRange(twosComplement, 1, twosComplement.length) : twosComplement;
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (encoded != null) {
            for (String pair : encoded.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return fields;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Where the test browser lands on the provider's pages. */
    public boolean isAt(String url) {
        return URI.create(url).getPort() == server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
