package dev.kcbundle.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The few Keycloak admin REST calls the command-line tools make (create a realm, list and create users), signed in
 * as an admin of the master realm through {@code admin-cli}. The JDK's HttpClient and Jackson keep the launcher free
 * of Keycloak's client libraries.
 */
public final class AdminApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final String accessToken;

    private AdminApi(String baseUrl, String accessToken) {
        this.baseUrl = baseUrl;
        this.accessToken = accessToken;
    }

    public static AdminApi signIn(String baseUrl, String adminUser, String adminPassword) throws IOException {
        AdminApi anonymous = new AdminApi(baseUrl, null);
        String form = "grant_type=password&client_id=admin-cli&username=" + urlEncode(adminUser) + "&password="
                + urlEncode(adminPassword);
        HttpResponse<String> response = anonymous.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/realms/master/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (response.statusCode() != 200) {
            throw new IOException("Admin sign-in as '" + adminUser + "' at " + baseUrl + " failed: HTTP "
                    + response.statusCode() + " " + response.body());
        }
        return new AdminApi(
                baseUrl, JSON.readTree(response.body()).get("access_token").asText());
    }

    /** GET {@code /admin/realms/...}; 404 gives a missing node. */
    JsonNode get(String adminPath) throws IOException {
        HttpResponse<String> response = send(authorized(adminPath).GET());
        if (response.statusCode() == 404) {
            return JSON.missingNode();
        }
        expect(response, 200, "GET " + adminPath);
        return JSON.readTree(response.body());
    }

    /** POST a JSON body to {@code /admin/realms/...}; returns the HTTP status: 2xx done, 409 exists already. */
    int post(String adminPath, JsonNode body, String what) throws IOException {
        HttpResponse<String> response = send(authorized(adminPath)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        if (response.statusCode() / 100 != 2 && response.statusCode() != 409) {
            throw new IOException(what + " failed: HTTP " + response.statusCode() + " " + response.body());
        }
        return response.statusCode();
    }

    static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder authorized(String adminPath) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/admin/realms" + adminPath))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + accessToken);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted", e);
        }
    }

    private static void expect(HttpResponse<String> response, int status, String what) throws IOException {
        if (response.statusCode() != status) {
            throw new IOException(what + " failed: HTTP " + response.statusCode() + " " + response.body());
        }
    }
}
