package dev.kcbundle.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** The OpenID Connect calls an app makes against one benchmark realm, each checked for the answer an app expects. */
final class Oidc {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Http http;
    private final BenchRealm realm;

    Oidc(Http http, BenchRealm realm) {
        this.http = http;
        this.realm = realm;
    }

    JsonNode passwordGrant(String username, String scope) {
        return tokens(Map.of(
                "grant_type",
                "password",
                "client_id",
                BenchRealm.CLIENT,
                "scope",
                scope,
                "username",
                username,
                "password",
                SeedUsers.PASSWORD));
    }

    JsonNode refresh(JsonNode tokens) {
        return tokens(Map.of(
                "grant_type",
                "refresh_token",
                "client_id",
                BenchRealm.CLIENT,
                "refresh_token",
                tokens.path("refresh_token").asText()));
    }

    JsonNode clientCredentials() {
        return http.expectJson(
                Http.form(tokenUrl(), Map.of("grant_type", "client_credentials"))
                        .header("Authorization", Http.basic(BenchRealm.SERVICE, realm.serviceSecret)),
                200);
    }

    void userinfo(JsonNode tokens, String username) {
        JsonNode info = http.expectJson(
                Http.request(realm.realmUrl + "/protocol/openid-connect/userinfo")
                        .header(
                                "Authorization",
                                "Bearer " + tokens.path("access_token").asText()),
                200);
        require(username.equals(info.path("preferred_username").asText()), "userinfo of another user: " + info);
    }

    void introspect(JsonNode tokens) {
        JsonNode answer = http.expectJson(
                Http.form(
                                tokenUrl() + "/introspect",
                                Map.of("token", tokens.path("access_token").asText()))
                        .header("Authorization", Http.basic(BenchRealm.RESOURCE_SERVER, realm.resourceServerSecret)),
                200);
        require(answer.path("active").asBoolean(false), "introspection says inactive: " + answer);
    }

    /** PUT /realms/{realm}/active-group as the signed-in user (the token must carry scope active-group). */
    void selectActiveGroup(JsonNode tokens, String groupId) {
        http.expect(
                Http.json(
                        Http.request(realm.realmUrl + "/active-group")
                                .header(
                                        "Authorization",
                                        "Bearer " + tokens.path("access_token").asText()),
                        "PUT",
                        Map.of("group", groupId)),
                200);
    }

    /**
     * Authorization code + PKCE S256 the way a browser does it, without one: GET the login page, POST its form with
     * the cookies Keycloak set, take the code from the redirect, exchange it with the verifier.
     */
    JsonNode codeFlowLogin(String username) {
        String verifier = randomToken(32);
        String state = randomToken(12);
        String authUrl = realm.realmUrl + "/protocol/openid-connect/auth?client_id=" + BenchRealm.CLIENT
                + "&response_type=code&scope=openid&state=" + state
                + "&redirect_uri=" + Http.encode(realm.redirectUri)
                + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256";
        HttpResponse<String> page = http.expect(Http.request(authUrl), 200);
        String cookies = cookies(page);
        Document html = Jsoup.parse(page.body(), authUrl);
        Element form = html.selectFirst("form#kc-form-login");
        require(form != null, "no login form on the authorization page");
        Map<String, String> fields = new LinkedHashMap<>();
        form.select("input[type=hidden]").forEach(input -> fields.put(input.attr("name"), input.val()));
        fields.put("username", username);
        fields.put("password", SeedUsers.PASSWORD);
        HttpResponse<String> redirect =
                http.expect(Http.form(form.absUrl("action"), fields).header("Cookie", cookies), 302);
        String location = redirect.headers().firstValue("Location").orElse("");
        require(location.startsWith(realm.redirectUri), "login did not redirect to the app: " + location);
        String code = queryParameter(location, "code");
        require(state.equals(queryParameter(location, "state")), "state changed in the redirect");
        return tokens(Map.of(
                "grant_type",
                "authorization_code",
                "client_id",
                BenchRealm.CLIENT,
                "code",
                code,
                "redirect_uri",
                realm.redirectUri,
                "code_verifier",
                verifier));
    }

    private JsonNode tokens(Map<String, String> form) {
        JsonNode tokens = http.expectJson(Http.form(tokenUrl(), form), 200);
        require(tokens.hasNonNull("access_token"), "no access token: " + tokens);
        return tokens;
    }

    private String tokenUrl() {
        return realm.realmUrl + "/protocol/openid-connect/token";
    }

    private static String cookies(HttpResponse<String> response) {
        List<String> pairs = new ArrayList<>();
        for (String header : response.headers().allValues("Set-Cookie")) {
            pairs.add(header.split(";", 2)[0]);
        }
        return String.join("; ", pairs);
    }

    private static String queryParameter(String url, String name) {
        String query = URI.create(url).getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            String[] nameValue = pair.split("=", 2);
            if (nameValue[0].equals(name) && nameValue.length == 2) {
                return java.net.URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8);
            }
        }
        throw new BenchmarkException("no " + name + " in " + url);
    }

    private static String randomToken(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new BenchmarkException(message);
        }
    }
}
