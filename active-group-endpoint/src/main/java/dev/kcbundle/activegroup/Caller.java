package dev.kcbundle.activegroup;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

/**
 * The user behind the request's own bearer access token, verified for the realm of the URL the way Keycloak's account
 * REST API does it: signature, expiry, issuer (so another realm's token fails), token type, active user session.
 *
 * @param user          the caller
 * @param token         the verified access token
 * @param userSessionId the token's user session, for events
 */
record Caller(UserModel user, AccessToken token, String userSessionId) {

    static Caller authenticate(KeycloakSession session) {
        AuthResult result = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        if (result == null) {
            throw ApiError.unauthorized("A valid bearer access token of this realm is required");
        }
        return new Caller(
                result.user(),
                result.token(),
                result.session() == null ? null : result.session().getId());
    }

    /** The client the token was issued for. */
    String clientId() {
        return token.getIssuedFor();
    }
}
