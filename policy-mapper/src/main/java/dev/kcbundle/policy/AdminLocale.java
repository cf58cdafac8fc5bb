package dev.kcbundle.policy;

import java.util.Locale;
import java.util.Optional;
import org.keycloak.locale.LocaleSelectorProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.IDToken;

/**
 * The language the admin console speaks to the admin behind this request. The console takes it from its
 * {@code whoami} endpoint: Keycloak's locale selector for the admin in the realm the admin signed in to (the user's
 * {@code locale}, else the browser's Accept-Language among that realm's languages, else its default). The admin is found
 * through the session of the bearer token: the console's and admin-cli's tokens are lightweight, without a
 * {@code locale} claim.
 */
final class AdminLocale {

    private AdminLocale() {}

    /** English when no signed-in admin is behind the request. */
    static Locale of(KeycloakSession session) {
        return adminSession(session)
                .map(admin -> session.getProvider(LocaleSelectorProvider.class)
                        .resolveLocale(admin.getRealm(), admin.getUser()))
                .orElse(Locale.ENGLISH);
    }

    private static Optional<UserSessionModel> adminSession(KeycloakSession session) {
        if (!(session.getContext().getBearerToken() instanceof IDToken token)
                || token.getIssuer() == null
                || token.getSessionId() == null) {
            return Optional.empty();
        }
        String realmName = token.getIssuer().substring(token.getIssuer().lastIndexOf('/') + 1);
        RealmModel realm = session.realms().getRealmByName(realmName);
        return Optional.ofNullable(
                realm == null ? null : session.sessions().getUserSession(realm, token.getSessionId()));
    }
}
