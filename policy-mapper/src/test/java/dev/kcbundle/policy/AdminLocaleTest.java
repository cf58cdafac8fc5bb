package dev.kcbundle.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.keycloak.locale.LocaleSelectorProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;

/** The console's language for the admin behind a lightweight token: found through the token's session. */
class AdminLocaleTest {

    private final KeycloakSession session = mock(KeycloakSession.class, RETURNS_DEEP_STUBS);
    private final RealmModel master = mock(RealmModel.class);

    @Test
    void theLanguageKeycloakResolvesForTheAdminInTheRealmTheySignedInTo() {
        UserModel admin = mock(UserModel.class);
        UserSessionModel adminSession = mock(UserSessionModel.class);
        when(adminSession.getRealm()).thenReturn(master);
        when(adminSession.getUser()).thenReturn(admin);
        bearer("https://sso.example.org/realms/master", "sid-1");
        when(session.realms().getRealmByName("master")).thenReturn(master);
        when(session.sessions().getUserSession(master, "sid-1")).thenReturn(adminSession);
        LocaleSelectorProvider selector = mock(LocaleSelectorProvider.class);
        when(selector.resolveLocale(master, admin)).thenReturn(Locale.GERMAN);
        doReturn(selector).when(session).getProvider(LocaleSelectorProvider.class);

        assertThat(AdminLocale.of(session)).isEqualTo(Locale.GERMAN);
    }

    @Test
    void englishWithoutABearerTokenOrWithoutItsSession() {
        when(session.getContext().getBearerToken()).thenReturn(null);
        assertThat(AdminLocale.of(session)).isEqualTo(Locale.ENGLISH);

        bearer("https://sso.example.org/realms/master", "expired");
        when(session.realms().getRealmByName("master")).thenReturn(master);
        when(session.sessions().getUserSession(master, "expired")).thenReturn(null);
        assertThat(AdminLocale.of(session)).isEqualTo(Locale.ENGLISH);
    }

    private void bearer(String issuer, String sessionId) {
        AccessToken token = new AccessToken();
        token.issuer(issuer);
        token.setSessionId(sessionId);
        when(session.getContext().getBearerToken()).thenReturn(token);
    }
}
