package dev.kcbundle.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * Keycloak's admin REST API as the master realm's admin (through {@code admin-cli}). The token is renewed before it
 * expires (master access tokens live one minute), so measured admin calls never pay for a sign-in.
 */
final class AdminClient {

    private static final long RENEW_AFTER_NANOS = 20_000_000_000L;

    private final Http http;
    private final String baseUrl;
    private final String user;
    private final String password;
    private String token;
    private long tokenTime;

    AdminClient(Http http, String baseUrl, String user, String password) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.user = user;
        this.password = password;
    }

    /** {@code Authorization} header value with a fresh token. */
    synchronized String bearer() {
        if (token == null || System.nanoTime() - tokenTime > RENEW_AFTER_NANOS) {
            JsonNode answer = http.expectJson(
                    Http.form(
                            baseUrl + "/realms/master/protocol/openid-connect/token",
                            Map.of(
                                    "grant_type",
                                    "password",
                                    "client_id",
                                    "admin-cli",
                                    "username",
                                    user,
                                    "password",
                                    password)),
                    200);
            token = answer.path("access_token").asText();
            tokenTime = System.nanoTime();
        }
        return "Bearer " + token;
    }

    /** A request to {@code /admin/realms<path>}, signed in. */
    HttpRequest.Builder request(String path) {
        return Http.request(baseUrl + "/admin/realms" + path).header("Authorization", bearer());
    }

    JsonNode get(String path) {
        return http.expectJson(request(path), 200);
    }

    HttpResponse<String> send(String method, String path, Object body, int expectedStatus) {
        return http.expect(Http.json(request(path), method, body), expectedStatus);
    }

    void delete(String path) {
        http.expect(request(path).DELETE(), 204);
    }
}
