package dev.kcbundle.it.e2e;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * A company web app as the tests need one: a public OIDC client (authorization code + PKCE S256) written with the
 * Nimbus OAuth 2.0 / OIDC SDK, served on a loopback port. It signs one browser in, validates the ID token and the
 * access token signature against the realm's JWKS, and shows the access token's claims. Pages:
 * {@code /} (signed-in user and claims, or a sign-in link), {@code /login}, {@code /callback}, {@code /logout}.
 */
final class OidcWebApp implements AutoCloseable {

    private final HttpServer server;
    private final ClientID clientId;
    private final Scope scope;
    private volatile OIDCProviderMetadata provider;
    private volatile State state;
    private volatile Nonce nonce;
    private volatile CodeVerifier codeVerifier;
    private volatile OIDCTokens tokens;
    private volatile JWTClaimsSet accessTokenClaims;
    private volatile String lastError;

    private OidcWebApp(HttpServer server, String clientId, Scope scope) {
        this.server = server;
        this.clientId = new ClientID(clientId);
        this.scope = scope;
    }

    /** Starts the app on a free port; {@link #connect} points it at a realm once that exists. */
    static OidcWebApp start(String clientId) {
        return start(clientId, "openid");
    }

    /** The same, asking for {@code scope} (space separated, e.g. "openid partner-authorization") at sign-in. */
    static OidcWebApp start(String clientId, String scope) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            OidcWebApp app = new OidcWebApp(server, clientId, Scope.parse(scope));
            server.createContext("/", app::handle);
            server.start();
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The app's URL, as registered in the realm ({@code WEBAPP_A_URL}, ...). */
    String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** OIDC discovery of the realm: the app learns every endpoint from the issuer's metadata. */
    OidcWebApp connect(String issuer) {
        try {
            provider = OIDCProviderMetadata.resolve(new Issuer(issuer));
            return this;
        } catch (Exception e) {
            throw new IllegalStateException("OIDC discovery failed for " + issuer, e);
        }
    }

    OIDCProviderMetadata provider() {
        return provider;
    }

    OIDCTokens tokens() {
        return tokens;
    }

    /** The access token's claims, after its signature was checked against the realm's JWKS. */
    JWTClaimsSet accessTokenClaims() {
        return accessTokenClaims;
    }

    /** Renews the tokens with the refresh token ("renew token"); null on success, else the OAuth error code. */
    String refresh() {
        return exchange(new RefreshTokenGrant(tokens.getRefreshToken()), null);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            switch (exchange.getRequestURI().getPath()) {
                case "/login" -> redirect(exchange, authenticationRequest());
                case "/callback" -> {
                    lastError = callback(exchange.getRequestURI());
                    redirect(exchange, URI.create(baseUrl() + "/"));
                }
                case "/logout" -> {
                    URI endSession = new LogoutRequest(
                                    provider.getEndSessionEndpointURI(),
                                    tokens.getIDToken(),
                                    URI.create(baseUrl() + "/"),
                                    new State())
                            .toURI();
                    tokens = null;
                    accessTokenClaims = null;
                    redirect(exchange, endSession);
                }
                default -> page(exchange);
            }
        } catch (RuntimeException e) {
            lastError = e.toString();
            throw e;
        }
    }

    private URI authenticationRequest() {
        state = new State();
        nonce = new Nonce();
        codeVerifier = new CodeVerifier();
        return new AuthenticationRequest.Builder(
                        new ResponseType(ResponseType.Value.CODE), scope, clientId, URI.create(baseUrl() + "/callback"))
                .endpointURI(provider.getAuthorizationEndpointURI())
                .state(state)
                .nonce(nonce)
                .codeChallenge(codeVerifier, CodeChallengeMethod.S256)
                .build()
                .toURI();
    }

    /** Handles the authorization response; null when signed in, else what went wrong. */
    private String callback(URI callback) {
        try {
            AuthenticationResponse response = AuthenticationResponseParser.parse(
                    URI.create(baseUrl() + callback.getRawPath() + "?" + callback.getRawQuery()));
            if (!response.indicatesSuccess()) {
                return response.toErrorResponse().getErrorObject().getCode();
            }
            if (!state.equals(response.getState())) {
                return "state mismatch";
            }
            return exchange(
                    new AuthorizationCodeGrant(
                            response.toSuccessResponse().getAuthorizationCode(),
                            URI.create(baseUrl() + "/callback"),
                            codeVerifier),
                    nonce);
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** Token request with a grant; validates and keeps the tokens. Null on success, else the OAuth error code. */
    private String exchange(AuthorizationGrant grant, Nonce expectedNonce) {
        try {
            TokenResponse response =
                    OIDCTokenResponseParser.parse(new TokenRequest(provider.getTokenEndpointURI(), clientId, grant)
                            .toHTTPRequest()
                            .send());
            if (!response.indicatesSuccess()) {
                return response.toErrorResponse().getErrorObject().getCode();
            }
            OIDCTokens received = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens();
            URL jwks = provider.getJWKSetURI().toURL();
            new IDTokenValidator(provider.getIssuer(), clientId, JWSAlgorithm.RS256, jwks)
                    .validate(received.getIDToken(), expectedNonce);
            accessTokenClaims = verifiedAccessToken(received.getAccessToken().getValue(), jwks);
            tokens = received;
            return null;
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** Checks the access token's RS256 signature with the realm's published keys ("get public key"). */
    static JWTClaimsSet verifiedAccessToken(String accessToken, URL jwks) throws Exception {
        JWKSource<SecurityContext> keys =
                JWKSourceBuilder.create(jwks).retrying(true).build();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        return processor.process(accessToken, null);
    }

    private void page(HttpExchange exchange) throws IOException {
        String body = accessTokenClaims == null
                ? "<a id=\"login\" href=\"/login\">Sign in</a>"
                        + (lastError == null ? "" : "<p id=\"error\">" + escape(lastError) + "</p>")
                : "<h1 id=\"signed-in\">Signed in as " + escape(accessTokenClaims.getClaim("preferred_username") + "")
                        + "</h1><pre id=\"claims\">" + escape(accessTokenClaims.toString()) + "</pre>"
                        + "<a id=\"logout\" href=\"/logout\">Sign out</a>";
        byte[] html = ("<!doctype html><html><head><title>" + clientId + "</title></head><body>" + body
                        + "</body></html>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, html.length);
        exchange.getResponseBody().write(html);
    }

    private static void redirect(HttpExchange exchange, URI location) throws IOException {
        exchange.getResponseHeaders().set("Location", location.toString());
        exchange.sendResponseHeaders(302, -1);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
