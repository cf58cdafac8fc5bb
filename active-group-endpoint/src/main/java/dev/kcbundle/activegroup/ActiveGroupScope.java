package dev.kcbundle.activegroup;

import org.keycloak.util.TokenUtil;

/**
 * Which tokens may use the endpoint: only access tokens whose {@code scope} claim contains the client scope
 * {@value #NAME}. A realm grants it to the clients it trusts to act on the user's active group (in the acme template
 * an optional client scope of the company web apps, not available to the third-party {@code partner-portal}): the apps
 * request it only for the token they use here, so a token issued to any other client of the realm, or an app's
 * ordinary token handed to a resource server, is refused with 403 {@code insufficient_scope}. The client scope must
 * have "Include in token scope" on.
 */
final class ActiveGroupScope {

    /** Name of the client scope a token must carry. */
    static final String NAME = "active-group";

    private ActiveGroupScope() {}

    static void require(Caller caller) {
        if (!TokenUtil.hasScope(caller.token().getScope(), NAME)) {
            throw ApiError.insufficientScope("The access token of client " + caller.clientId() + " lacks the scope "
                    + NAME + " that reading or changing the active group requires");
        }
    }
}
