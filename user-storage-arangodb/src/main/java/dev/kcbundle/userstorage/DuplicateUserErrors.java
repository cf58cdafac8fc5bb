package dev.kcbundle.userstorage;

import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.AuthenticationFlowException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.services.messages.Messages;

/**
 * A duplicate username or email that got past the registration form's own check (two registrations racing: both
 * validated before either was written) is refused by ArangoDB's unique index. Keycloak's login flows show any other
 * exception as "Unexpected error", so inside a login flow the duplicate becomes a flow error carrying Keycloak's own
 * "Email already exists." / "Username already exists." message. Elsewhere (admin and account REST APIs) the
 * {@link ModelDuplicateException} stays, which Keycloak answers with 409 Conflict.
 */
final class DuplicateUserErrors {

    private DuplicateUserErrors() {
    }

    static RuntimeException emailTaken(KeycloakSession session, ModelDuplicateException e) {
        return inLoginFlow(session, e, "email already in use", Messages.EMAIL_EXISTS);
    }

    static RuntimeException usernameTaken(KeycloakSession session, ModelDuplicateException e) {
        return inLoginFlow(session, e, "username already in use", Messages.USERNAME_EXISTS);
    }

    private static RuntimeException inLoginFlow(KeycloakSession session, ModelDuplicateException e, String detail,
                                                String message) {
        if (session.getContext().getAuthenticationSession() == null) {
            return e;
        }
        AuthenticationFlowException flowError =
                new AuthenticationFlowException(AuthenticationFlowError.GENERIC_AUTHENTICATION_ERROR, detail, message);
        flowError.initCause(e);
        return flowError;
    }
}
