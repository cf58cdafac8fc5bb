package dev.kcbundle.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A realm's OpenID Connect endpoints as apps and resource servers call them: token (password, refresh, client
 * credentials and authorization code grants), userinfo and introspection. The {@code *Grant} methods and
 * {@link #post} give the answer as it is (status and JSON body) for tests of refusals; the others require HTTP 200 and
 * give the body.
 */
public final class TokenEndpoint {

    private final String issuer;

    /** The endpoints of the realm whose issuer URL ({@code <base>/realms/<realm>}) is {@code issuer}. */
    public TokenEndpoint(String issuer) {
        this.issuer = issuer;
    }

    /** Password grant of a public client with {@code scope}, the answer as it is. */
    public HttpJson.Answer passwordGrant(String clientId, String username, String password, String scope) {
        return post(
                "/protocol/openid-connect/token",
                null,
                "grant_type=password&client_id=" + encode(clientId) + "&scope=" + encode(scope) + "&username="
                        + encode(username) + "&password=" + encode(password));
    }

    /** Password grant of a public client, scope openid: the token response (access, refresh and ID token). */
    public JsonNode password(String clientId, String username, String password) {
        return password(clientId, username, password, "openid");
    }

    /** Password grant of a public client with {@code scope}: the token response. */
    public JsonNode password(String clientId, String username, String password, String scope) {
        return ok("token endpoint", passwordGrant(clientId, username, password, scope));
    }

    /** Refresh token grant of a public client with the refresh token of {@code tokenResponse}. */
    public JsonNode refresh(String clientId, JsonNode tokenResponse) {
        return refresh(clientId, tokenResponse.get("refresh_token").asText());
    }

    public JsonNode refresh(String clientId, String refreshToken) {
        return ok("refresh of " + clientId, refreshGrant(clientId, refreshToken));
    }

    /** Refresh token grant of a public client, the answer as it is. */
    public HttpJson.Answer refreshGrant(String clientId, String refreshToken) {
        return post(
                "/protocol/openid-connect/token",
                null,
                "grant_type=refresh_token&client_id=" + encode(clientId) + "&refresh_token=" + encode(refreshToken));
    }

    /** Authorization code grant of a public client (PKCE unless {@code codeVerifier} is null): the token response. */
    public JsonNode authorizationCode(String clientId, String code, String redirectUri, String codeVerifier) {
        return ok("code exchange of " + clientId, authorizationCodeGrant(clientId, code, redirectUri, codeVerifier));
    }

    /** Authorization code grant of a public client, the answer as it is. */
    public HttpJson.Answer authorizationCodeGrant(
            String clientId, String code, String redirectUri, String codeVerifier) {
        return post(
                "/protocol/openid-connect/token",
                null,
                "grant_type=authorization_code&client_id="
                        + encode(clientId) + "&code=" + encode(code) + "&redirect_uri=" + encode(redirectUri)
                        + (codeVerifier == null ? "" : "&code_verifier=" + encode(codeVerifier)));
    }

    /** Client credentials grant of a confidential client (HTTP Basic): the token response. */
    public JsonNode clientCredentials(String clientId, String secret, String scope) {
        return ok(
                "client credentials of " + clientId,
                post(
                        "/protocol/openid-connect/token",
                        basic(clientId, secret),
                        "grant_type=client_credentials&scope=" + encode(scope)));
    }

    /** The userinfo endpoint with the access token of {@code tokenResponse}. */
    public JsonNode userInfo(JsonNode tokenResponse) {
        return ok(
                "userinfo",
                HttpJson.send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/userinfo"))
                        .header(
                                "Authorization",
                                "Bearer " + tokenResponse.get("access_token").asText())
                        .GET()));
    }

    /** Introspection of the access token of {@code tokenResponse} by a confidential client: must be active. */
    public JsonNode introspect(String clientId, String secret, JsonNode tokenResponse) {
        JsonNode answer = ok(
                "introspection",
                post(
                        "/protocol/openid-connect/token/introspect",
                        basic(clientId, secret),
                        "token=" + encode(tokenResponse.get("access_token").asText())));
        assertThat(answer.get("active").asBoolean())
                .as("introspection: %s", answer)
                .isTrue();
        return answer;
    }

    /**
     * POSTs a form to an endpoint of the realm ({@code realmPath}, e.g. {@code /protocol/openid-connect/revoke}), as a
     * confidential client (HTTP Basic) or, with a null {@code secret}, without client authentication.
     */
    public HttpJson.Answer post(String realmPath, String clientId, String secret, String form) {
        return post(realmPath, secret == null ? null : basic(clientId, secret), form);
    }

    public static JsonNode accessToken(JsonNode tokenResponse) {
        return HttpJson.jwtPayload(tokenResponse.get("access_token").asText());
    }

    public static JsonNode idToken(JsonNode tokenResponse) {
        return HttpJson.jwtPayload(tokenResponse.get("id_token").asText());
    }

    private HttpJson.Answer post(String realmPath, String authorization, String form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(issuer + realmPath))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpJson.send(request);
    }

    private static JsonNode ok(String what, HttpJson.Answer answer) {
        assertThat(answer.status()).as("%s: %s", what, answer.body()).isEqualTo(200);
        return answer.body();
    }

    private static String basic(String clientId, String secret) {
        byte[] credentials = (clientId + ":" + secret).getBytes(StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(credentials);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
