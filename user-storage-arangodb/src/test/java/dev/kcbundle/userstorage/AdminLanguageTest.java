package dev.kcbundle.userstorage;

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

/** Whose language a refusal is told in: the admin behind the (lightweight) bearer token, found through its session. */
class AdminLanguageTest {

    private final KeycloakSession session = mock(KeycloakSession.class, RETURNS_DEEP_STUBS);
    private final RealmModel tenant = mock(RealmModel.class);
    private final UserModel admin = mock(UserModel.class);

    @Test
    void theAdminsOwnLanguageAsKeycloakResolvesIt() {
        signedIn("http://localhost:8080/realms/acme", "session-1");
        UserSessionModel userSession = mock(UserSessionModel.class);
        when(userSession.getUser()).thenReturn(admin);
        when(session.realms().getRealmByName("acme")).thenReturn(tenant);
        when(session.sessions().getUserSession(tenant, "session-1")).thenReturn(userSession);
        LocaleSelectorProvider selector = mock(LocaleSelectorProvider.class);
        when(selector.resolveLocale(tenant, admin)).thenReturn(Locale.GERMAN);
        doReturn(selector).when(session).getProvider(LocaleSelectorProvider.class);

        assertThat(AdminLanguage.of(session)).isEqualTo(Locale.GERMAN);
    }

    @Test
    void englishWithoutASignedInAdmin() {
        when(session.getContext().getBearerToken()).thenReturn(null);
        assertThat(AdminLanguage.of(session)).isEqualTo(Locale.ENGLISH);

        signedIn("http://localhost:8080/realms/acme", "gone");
        when(session.realms().getRealmByName("acme")).thenReturn(tenant);
        when(session.sessions().getUserSession(tenant, "gone")).thenReturn(null);
        assertThat(AdminLanguage.of(session)).isEqualTo(Locale.ENGLISH);
    }

    private void signedIn(String issuer, String sessionId) {
        AccessToken token = new AccessToken();
        token.issuer(issuer);
        token.setSessionId(sessionId);
        when(session.getContext().getBearerToken()).thenReturn(token);
    }
}
