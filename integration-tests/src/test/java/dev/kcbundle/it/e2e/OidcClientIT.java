package dev.kcbundle.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.Token;
import dev.kcbundle.it.TestRealm;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * Keycloak's OIDC as a third-party client library sees it (Nimbus OAuth 2.0 SDK): discovery, authorization code with
 * PKCE, access token signature against the JWKS, refresh, introspection by the api-server, revocation, logout.
 * Ordered: revocation and logout end the tokens the earlier steps use.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OidcClientIT {

    private static final OidcWebApp app = OidcWebApp.start("webapp-a");

    @RegisterExtension
    static final TestRealm tenant = TestRealm.fromTemplate("oidc", Map.of("WEBAPP_A_URL", app.baseUrl()));

    private static String username;

    @BeforeAll
    static void signedInWebApp() {
        app.connect(tenant.issuer());
        username = "oidc-" + UUID.randomUUID().toString().substring(0, 8);
        tenant.createUser(username, "a-long-secret-1");
        try (Browser browser = Browser.start()) {
            signIn(browser);
        }
    }

    private static void signIn(Browser browser) {
        browser.open(app.baseUrl() + "/login")
                .type(By.id("username"), username)
                .type(By.id("password"), "a-long-secret-1")
                .click(By.id("kc-login"));
        assertThat(browser.text(By.id("signed-in"))).isEqualTo("Signed in as " + username);
    }

    @AfterAll
    static void closeWebApp() {
        app.close();
    }

    @Test
    @Order(1)
    void discoveryNamesTheRealmsEndpointsAndPkce() {
        var provider = app.provider();
        assertThat(provider.getIssuer().getValue()).isEqualTo(tenant.issuer());
        assertThat(provider.getJWKSetURI()).hasToString(tenant.issuer() + "/protocol/openid-connect/certs");
        assertThat(provider.getCodeChallengeMethods())
                .extracting(Object::toString)
                .contains("S256");
        assertThat(provider.getIntrospectionEndpointURI()).isNotNull();
        assertThat(provider.getRevocationEndpointURI()).isNotNull();
        assertThat(provider.getEndSessionEndpointURI()).isNotNull();
    }

    @Test
    @Order(2)
    void accessTokenIsSignedByTheRealmsPublishedKeyAndLivesThirtyMinutes() throws Exception {
        JWTClaimsSet claims = OidcWebApp.verifiedAccessToken(
                app.tokens().getAccessToken().getValue(),
                app.provider().getJWKSetURI().toURL());

        assertThat(claims.getIssuer()).isEqualTo(tenant.issuer());
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo(username);
        long lifetimeSeconds =
                (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000;
        assertThat(lifetimeSeconds).isEqualTo(1800);
    }

    @Test
    @Order(3)
    void refreshRenewsTheAccessToken() {
        String before = app.tokens().getAccessToken().getValue();
        assertThat(app.refresh()).isNull();
        assertThat(app.tokens().getAccessToken().getValue()).isNotEqualTo(before);
    }

    @Test
    @Order(4)
    void apiServerValidatesTokensByIntrospection() throws Exception {
        TokenIntrospectionSuccessResponse introspection =
                introspect(app.tokens().getAccessToken());

        assertThat(introspection.isActive()).isTrue();
        assertThat(introspection.getUsername()).isEqualTo(username);
        assertThat(introspection.getClientID().getValue()).isEqualTo("webapp-a");
    }

    @Test
    @Order(5)
    void revokingTheRefreshTokenEndsTheAppsTokens() throws Exception {
        Token accessToken = app.tokens().getAccessToken();
        assertThat(introspect(accessToken).isActive()).isTrue();

        var revocation = new TokenRevocationRequest(
                        app.provider().getRevocationEndpointURI(),
                        new ClientID("webapp-a"),
                        app.tokens().getRefreshToken())
                .toHTTPRequest()
                .send();

        assertThat(revocation.getStatusCode()).isEqualTo(200);
        assertThat(app.refresh()).isEqualTo("invalid_grant");
        assertThat(introspect(accessToken).isActive())
                .as("access token of the revoked grant")
                .isFalse();
    }

    @Test
    @Order(6)
    void logoutEndsTheSessionAndItsTokens() throws Exception {
        try (Browser browser = Browser.start()) {
            signIn(browser);
            Token accessToken = app.tokens().getAccessToken();
            assertThat(introspect(accessToken).isActive()).isTrue();

            browser.open(app.baseUrl() + "/logout");
            browser.waitFor(By.id("login"));

            assertThat(introspect(accessToken).isActive())
                    .as("access token of the ended session")
                    .isFalse();
        }
    }

    private static TokenIntrospectionSuccessResponse introspect(Token token) throws Exception {
        var response = TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                        app.provider().getIntrospectionEndpointURI(),
                        new ClientSecretBasic(
                                new ClientID("api-server"), new Secret(tenant.clientSecret("api-server"))),
                        token)
                .toHTTPRequest()
                .send());
        assertThat(response.indicatesSuccess()).as("api-server may introspect").isTrue();
        return response.toSuccessResponse();
    }
}
