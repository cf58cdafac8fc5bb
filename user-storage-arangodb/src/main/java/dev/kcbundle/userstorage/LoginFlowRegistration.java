package dev.kcbundle.userstorage;

import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.AuthenticationFlowException;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.UserModel;
import org.keycloak.services.messages.Messages;

/**
 * Users created by a login-flow form (the registration page, first broker login) when two of them race: both pass the
 * form's duplicate check before either is written, ArangoDB's unique index lets one win. Keycloak shows the loser
 * "Unexpected error" for any exception except an authentication flow error, and its user profile wraps every exception
 * thrown while it sets attributes. So such a user is inserted together with the email typed into the form (one write,
 * before the user profile runs), and a duplicate becomes Keycloak's own "Email already exists." or "Username already
 * exists." page. Outside login flows (admin and account REST APIs) the {@link ModelDuplicateException} stays, which
 * Keycloak answers with 409 Conflict.
 */
final class LoginFlowRegistration {

    private LoginFlowRegistration() {
    }

    /** The email of the login-flow form being submitted, or null outside a login flow or without one. */
    static String formEmail(KeycloakSession session) {
        HttpRequest request = session.getContext().getHttpRequest();
        if (session.getContext().getAuthenticationSession() == null || request == null
                || !"POST".equals(request.getHttpMethod())) {
            return null;
        }
        String email = request.getDecodedFormParameters().getFirst(UserModel.EMAIL);
        return email == null || email.isBlank() ? null : email;
    }

    /** The error a racing duplicate is shown as: Keycloak's message inside a login flow, else the duplicate itself. */
    static RuntimeException duplicate(KeycloakSession session, ModelDuplicateException e) {
        if (session.getContext().getAuthenticationSession() == null) {
            return e;
        }
        boolean email = UserModel.EMAIL.equals(e.getDuplicateFieldName());
        AuthenticationFlowException flowError = new AuthenticationFlowException(
                AuthenticationFlowError.GENERIC_AUTHENTICATION_ERROR,
                email ? "email already in use" : "username already in use",
                email ? Messages.EMAIL_EXISTS : Messages.USERNAME_EXISTS);
        flowError.initCause(e);
        return flowError;
    }
}
