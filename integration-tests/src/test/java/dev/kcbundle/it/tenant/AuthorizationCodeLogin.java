package dev.kcbundle.it.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcbundle.it.TokenEndpoint;
import dev.kcbundle.it.storage.LoginPages;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * One sign-in of a public client of a tenant realm, the authorization code + PKCE S256 way a browser app does it, over
 * HTTP without a browser: the login form, the consent screen when Keycloak shows one, the code exchange.
 * The client's redirect URI must be {@code <appUrl>/callback} with an app URL without a port (where the pages stop).
 */
final class AuthorizationCodeLogin {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String issuer;
    private final String clientId;
    private final String redirectUri;
    private final String codeVerifier;
    private final LoginPages pages = new LoginPages();

    AuthorizationCodeLogin(String issuer, String clientId, String appUrl) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.redirectUri = appUrl + "/callback";
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        this.codeVerifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Opens the authorization endpoint asking for {@code scope}, signs in; the consent page or the callback. */
    LoginPages.Page signIn(String scope, String uiLocale, String username, String password) {
        LoginPages.Page login = authorize(scope, uiLocale);
        return pages.submit(login, "#kc-form-login", Map.of("username", username, "password", password));
    }

    /** Opens the authorization endpoint asking for {@code scope}: the login page, or the callback with an error. */
    LoginPages.Page authorize(String scope, String uiLocale) {
        String url = issuer + "/protocol/openid-connect/auth?response_type=code&client_id=" + encode(clientId)
                + "&redirect_uri=" + encode(redirectUri) + "&scope=" + encode(scope)
                + "&state=" + UUID.randomUUID() + "&code_challenge=" + challenge() + "&code_challenge_method=S256"
                + (uiLocale == null ? "" : "&ui_locales=" + uiLocale);
        return pages.open(url);
    }

    /** Submits a form of a page the sign-in stopped at (a required action, such as Keycloak's profile form). */
    LoginPages.Page submit(LoginPages.Page page, String formSelector, Map<String, String> values) {
        return pages.submit(page, formSelector, values);
    }

    static boolean isConsentPage(LoginPages.Page page) {
        return page.document().selectFirst("#kc-oauth") != null;
    }

    /** The texts the consent screen lists, one per client scope. */
    static String consentTexts(LoginPages.Page page) {
        return page.document().select("#kc-oauth li").text();
    }

    /** Presses "Yes" on the consent screen. */
    LoginPages.Page accept(LoginPages.Page consentPage) {
        return pages.submit(consentPage, "#kc-oauth form", Map.of("accept", "Yes"));
    }

    /** Exchanges the code of the callback for the token response (access, refresh and ID token). */
    JsonNode exchange(LoginPages.Page callback) {
        if (!LoginPages.reachedCallback(callback)) {
            throw new IllegalStateException(
                    "Sign-in did not reach the callback: " + callback.uri() + " " + callback.messages());
        }
        String code = callback.uri().getQuery().replaceAll("^.*\\bcode=([^&]+).*$", "$1");
        return new TokenEndpoint(issuer).authorizationCode(clientId, code, redirectUri, codeVerifier);
    }

    /** The token response of a refresh token grant with {@code refreshToken}, as the app would send it. */
    JsonNode refresh(String refreshToken) {
        return new TokenEndpoint(issuer).refresh(clientId, refreshToken);
    }

    private String challenge() {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(codeVerifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
