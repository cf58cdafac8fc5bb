package dev.kcbundle.it.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcbundle.it.HttpJson;

/** The realm's token, userinfo and introspection endpoints, as an app and a resource server call them. */
final class Tokens {

    private final String issuer;
    private final String introspectingClient;
    private final String introspectingSecret;

    Tokens(String issuer, String introspectingClient, String introspectingSecret) {
        this.issuer = issuer;
        this.introspectingClient = introspectingClient;
        this.introspectingSecret = introspectingSecret;
    }

    /** Password grant of a public client, scope openid: the token response (access, refresh and ID token). */
    JsonNode password(String clientId, String username, String password) {
        return token("grant_type=password&scope=openid&client_id=" + encode(clientId) + "&username="
                + encode(username) + "&password=" + encode(password));
    }

    /**
     * Password grant asking also for the optional client scope active-group, as an app does for the token it uses
     * only with the active-group endpoint: the token response.
     */
    JsonNode passwordForActiveGroup(String clientId, String username, String password) {
        return token("grant_type=password&scope=" + encode("openid " + PolicyRealm.ACTIVE_GROUP_SCOPE) + "&client_id="
                + encode(clientId) + "&username=" + encode(username) + "&password=" + encode(password));
    }

    JsonNode refresh(String clientId, JsonNode tokenResponse) {
        return token("grant_type=refresh_token&client_id=" + encode(clientId) + "&refresh_token="
                + encode(tokenResponse.get("refresh_token").asText()));
    }

    static JsonNode accessToken(JsonNode tokenResponse) {
        return HttpJson.jwtPayload(tokenResponse.get("access_token").asText());
    }

    static JsonNode idToken(JsonNode tokenResponse) {
        return HttpJson.jwtPayload(tokenResponse.get("id_token").asText());
    }

    JsonNode userInfo(JsonNode tokenResponse) {
        HttpJson.Answer answer = HttpJson.send(HttpRequest.newBuilder(URI.create(issuer
                        + "/protocol/openid-connect/userinfo"))
                .header("Authorization", "Bearer " + tokenResponse.get("access_token").asText()).GET());
        assertThat(answer.status()).as("userinfo: %s", answer.body()).isEqualTo(200);
        return answer.body();
    }

    JsonNode introspect(JsonNode tokenResponse) {
        String basic = Base64.getEncoder().encodeToString((introspectingClient + ":" + introspectingSecret)
                .getBytes(StandardCharsets.UTF_8));
        HttpJson.Answer answer = HttpJson.send(HttpRequest.newBuilder(URI.create(issuer
                        + "/protocol/openid-connect/token/introspect"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token="
                        + encode(tokenResponse.get("access_token").asText()))));
        assertThat(answer.status()).as("introspection: %s", answer.body()).isEqualTo(200);
        assertThat(answer.body().get("active").asBoolean()).isTrue();
        return answer.body();
    }

    private JsonNode token(String form) {
        HttpJson.Answer answer = HttpJson.send(HttpRequest.newBuilder(URI.create(issuer
                        + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(answer.status()).as("token endpoint: %s", answer.body()).isEqualTo(200);
        return answer.body();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
