package dev.kcbundle.it.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcbundle.it.HttpJson;
import dev.kcbundle.it.TestRealm;
import dev.kcbundle.it.storage.LoginPages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.ClientRepresentation;

/**
 * What the template's apps may do with a user's tokens, signed in the browser way (code + PKCE, consent screen):
 * the company web apps may read and move the user's active group with a token they requested the optional scope
 * {@code active-group} for (their ordinary tokens, sent to api-server, may not), the third-party partner-portal may not, and
 * partner-portal gets groups, roles, policies and the api-server audience only after the user consented to the
 * {@code partner-authorization} scope.
 */
class AppAuthorityIT {

    private static final String PASSWORD = "a-long-secret-1";
    private static final String WEBAPP_A_URL = "http://webapp-a.example";
    private static final String PARTNER_PORTAL_URL = "http://partner.example";
    private static final String OFFICE = "/staff/office";
    private static final String PARTNER_CONSENT_EN = "Your groups, roles and permissions, also for the company API";
    private static final String PARTNER_CONSENT_DE =
            "Ihre Gruppen, Rollen und Berechtigungen, auch f\u00fcr die Firmen-API";

    @RegisterExtension
    static final TestRealm tenant = TestRealm.fromTemplate(
            "authority",
            Map.of(
                    "WEBAPP_A_URL",
                    WEBAPP_A_URL,
                    "WEBAPP_B_URL",
                    "http://webapp-b.example",
                    "PARTNER_PORTAL_URL",
                    PARTNER_PORTAL_URL));

    @Test
    void aWebAppsOrdinaryTokenForApiServerCarriesNoActiveGroupScopeAndIsRefusedByTheEndpoint() {
        String username = newUser();
        AuthorizationCodeLogin webApp = webAppA();
        String ordinaryToken = webApp.exchange(webApp.signIn("openid", null, username, PASSWORD))
                .get("access_token")
                .asText();

        JsonNode claims = HttpJson.jwtPayload(ordinaryToken);
        assertThat(claims.get("aud").toString())
                .as("the token the app sends to api-server")
                .contains("api-server");
        assertThat(scopes(claims)).doesNotContain("active-group");
        for (String method : List.of("GET", "PUT", "DELETE")) {
            HttpResponse<String> answer =
                    send(ordinaryToken, method, method.equals("PUT") ? "{\"group\": \"" + OFFICE + "\"}" : null);
            assertThat(answer.statusCode()).as("%s: %s", method, answer.body()).isEqualTo(403);
            assertThat(answer.body()).contains("\"error\":\"insufficient_scope\"", "webapp-a");
            assertThat(answer.headers().firstValue("WWW-Authenticate"))
                    .get()
                    .asString()
                    .contains("error=\"insufficient_scope\"", "scope=\"active-group\"");
        }
    }

    @Test
    void theSameWebAppRequestsTheActiveGroupScopeSilentlyUnderSsoAndMovesTheActiveGroupAlsoAfterRefresh() {
        String username = newUser();
        AuthorizationCodeLogin webApp = webAppA();
        String ordinaryToken = webApp.exchange(webApp.signIn("openid", null, username, PASSWORD))
                .get("access_token")
                .asText();

        LoginPages.Page silent = webApp.authorize("openid active-group", null);
        assertThat(LoginPages.reachedCallback(silent))
                .as("no login form under SSO: %s", silent.uri())
                .isTrue();
        JsonNode tokens = webApp.exchange(silent);
        String activeGroupToken = tokens.get("access_token").asText();
        assertThat(scopes(activeGroupToken)).contains("active-group");

        HttpJson.Answer put = activeGroup(activeGroupToken, "PUT", "{\"group\": \"" + OFFICE + "\"}");
        assertThat(put.status()).as("PUT: %s", put.body()).isEqualTo(200);
        assertThat(put.body().at("/active_group/path").asText()).isEqualTo(OFFICE);

        String refreshed = webApp.refresh(tokens.get("refresh_token").asText())
                .get("access_token")
                .asText();
        assertThat(scopes(refreshed)).as("the refresh keeps the granted scope").contains("active-group");
        assertThat(activeGroup(refreshed, "DELETE", null).status()).isEqualTo(204);
        assertThat(send(ordinaryToken, "GET", null).statusCode())
                .as("the ordinary token still may not")
                .isEqualTo(403);
    }

    @Test
    void thePartnerPortalCannotAskForTheActiveGroupScope() {
        LoginPages.Page answer = partnerPortal().authorize("openid active-group", null);

        assertThat(answer.uri().toString()).startsWith(PARTNER_PORTAL_URL + "/callback?error=invalid_scope");
    }

    @Test
    void thePartnerPortalMayNeitherReadNorMoveNorClearTheActiveGroupWithOrWithoutPartnerAuthorization() {
        String username = newUser();
        AuthorizationCodeLogin webApp = webAppA();
        String webAppToken = webApp.exchange(webApp.signIn("openid active-group", null, username, PASSWORD))
                .get("access_token")
                .asText();
        assertThat(activeGroup(webAppToken, "PUT", "{\"group\": \"" + OFFICE + "\"}")
                        .status())
                .isEqualTo(200);

        for (String scope : List.of("openid", "openid partner-authorization")) {
            String portalToken = partnerPortalToken(scope, username);
            assertThat(scopes(portalToken)).doesNotContain("active-group");
            for (String method : List.of("GET", "PUT", "DELETE")) {
                HttpResponse<String> answer =
                        send(portalToken, method, method.equals("PUT") ? "{\"group\": \"" + OFFICE + "\"}" : null);
                assertThat(answer.statusCode())
                        .as("%s with scope %s: %s", method, scope, answer.body())
                        .isEqualTo(403);
                assertThat(answer.body()).contains("\"error\":\"insufficient_scope\"", "partner-portal");
                assertThat(answer.headers().firstValue("WWW-Authenticate"))
                        .get()
                        .asString()
                        .startsWith("Bearer")
                        .contains("error=\"insufficient_scope\"", "scope=\"active-group\"");
            }
        }
        assertThat(activeGroup(webAppToken, "GET", null)
                        .body()
                        .at("/active_group/path")
                        .asText())
                .as("the portal changed nothing")
                .isEqualTo(OFFICE);
    }

    @Test
    void withoutConsentToPartnerAuthorizationThePortalsTokenLacksGroupsRolesPoliciesAndTheApiServerAudience() {
        String username = newUser();
        AuthorizationCodeLogin portal = partnerPortal();

        LoginPages.Page consent = portal.signIn("openid", null, username, PASSWORD);
        assertThat(AuthorizationCodeLogin.isConsentPage(consent)).isTrue();
        assertThat(AuthorizationCodeLogin.consentTexts(consent))
                .doesNotContain(PARTNER_CONSENT_EN)
                .doesNotContainIgnoringCase("groups")
                .doesNotContainIgnoringCase("roles");
        JsonNode tokens = portal.exchange(portal.accept(consent));

        for (JsonNode claims : List.of(
                HttpJson.jwtPayload(tokens.get("access_token").asText()),
                HttpJson.jwtPayload(tokens.get("id_token").asText()))) {
            assertThat(claims.has("groups")).as("groups in %s", claims).isFalse();
            assertThat(claims.has("policies")).isFalse();
            assertThat(claims.has("roles")).isFalse();
            assertThat(claims.has("realm_access")).isFalse();
            assertThat(claims.has("resource_access")).isFalse();
            assertThat(claims.path("aud").toString()).doesNotContain("api-server");
        }
    }

    @Test
    void afterConsentToPartnerAuthorizationThePortalsTokenCarriesThem() {
        String username = newUser();
        AuthorizationCodeLogin portal = partnerPortal();

        LoginPages.Page consent = portal.signIn("openid partner-authorization", null, username, PASSWORD);
        assertThat(AuthorizationCodeLogin.consentTexts(consent)).contains(PARTNER_CONSENT_EN);
        JsonNode claims = HttpJson.jwtPayload(
                portal.exchange(portal.accept(consent)).get("access_token").asText());

        assertThat(scopes(claims)).contains("partner-authorization").doesNotContain("active-group");
        assertThat(claims.get("groups").toString()).contains(OFFICE);
        assertThat(claims.get("roles").toString()).contains("api-server:reader", "employee");
        assertThat(claims.get("policies").toString()).contains("api:read");
        assertThat(claims.get("aud").toString()).contains("api-server");
    }

    @Test
    void theConsentScreenNamesPartnerAuthorizationInGerman() {
        LoginPages.Page consent = partnerPortal().signIn("openid partner-authorization", "de", newUser(), PASSWORD);

        assertThat(AuthorizationCodeLogin.consentTexts(consent)).contains(PARTNER_CONSENT_DE);
    }

    /** A user of the tenant in /staff/office holding api-server's reader role. */
    private static String newUser() {
        String username = "app-" + UUID.randomUUID().toString().substring(0, 8);
        String id = tenant.createUser(username, PASSWORD);
        UserResource user = tenant.admin().users().get(id);
        user.joinGroup(tenant.admin().getGroupByPath(OFFICE).getId());
        ClientRepresentation apiServer =
                tenant.admin().clients().findByClientId("api-server").get(0);
        user.roles()
                .clientLevel(apiServer.getId())
                .add(List.of(tenant.admin()
                        .clients()
                        .get(apiServer.getId())
                        .roles()
                        .get("reader")
                        .toRepresentation()));
        return username;
    }

    /** The portal's access token for {@code scope}, consenting when Keycloak asks (it asks only for new scopes). */
    private static String partnerPortalToken(String scope, String username) {
        AuthorizationCodeLogin portal = partnerPortal();
        LoginPages.Page page = portal.signIn(scope, null, username, PASSWORD);
        if (AuthorizationCodeLogin.isConsentPage(page)) {
            page = portal.accept(page);
        }
        return portal.exchange(page).get("access_token").asText();
    }

    private static AuthorizationCodeLogin webAppA() {
        return new AuthorizationCodeLogin(tenant.issuer(), "webapp-a", WEBAPP_A_URL);
    }

    private static AuthorizationCodeLogin partnerPortal() {
        return new AuthorizationCodeLogin(tenant.issuer(), "partner-portal", PARTNER_PORTAL_URL);
    }

    private static List<String> scopes(String accessToken) {
        return scopes(HttpJson.jwtPayload(accessToken));
    }

    private static List<String> scopes(JsonNode claims) {
        return List.of(claims.path("scope").asText().split(" "));
    }

    private static HttpJson.Answer activeGroup(String accessToken, String method, String body) {
        return HttpJson.send(request(accessToken, method, body));
    }

    private static HttpResponse<String> send(String accessToken, String method, String body) {
        try {
            return HttpClient.newHttpClient()
                    .send(request(accessToken, method, body).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.Builder request(String accessToken, String method, String body) {
        return HttpRequest.newBuilder(URI.create(tenant.issuer() + "/active-group"))
                .header("Authorization", "Bearer " + accessToken)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    }
}
