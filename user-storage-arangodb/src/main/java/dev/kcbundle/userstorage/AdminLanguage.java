package dev.kcbundle.userstorage;

import java.util.Locale;
import org.keycloak.locale.LocaleSelectorProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.IDToken;

/**
 * The language of the admin whose request is being served, as Keycloak chooses it for the admin console (the user's
 * {@code locale}, else the browser's languages, else the realm's default). Keycloak's component endpoint would
 * translate a validation error with the {@code locale} claim of the admin's access token, but the console's and
 * admin-cli's tokens are lightweight (no such claim) in Keycloak 26, so it always answers in English; this finds the
 * admin through the token's session instead.
 */
final class AdminLanguage {

    private AdminLanguage() {}

    /** English when no signed-in admin is behind the request (a realm import at start-up, for example). */
    static Locale of(KeycloakSession session) {
        if (!(session.getContext().getBearerToken() instanceof IDToken token)
                || token.getSessionId() == null
                || token.getIssuer() == null) {
            return Locale.ENGLISH;
        }
        String issuer = token.getIssuer();
        RealmModel adminRealm = session.realms().getRealmByName(issuer.substring(issuer.lastIndexOf('/') + 1));
        UserSessionModel admin =
                adminRealm == null ? null : session.sessions().getUserSession(adminRealm, token.getSessionId());
        if (admin == null) {
            return Locale.ENGLISH;
        }
        return session.getProvider(LocaleSelectorProvider.class).resolveLocale(adminRealm, admin.getUser());
    }
}
