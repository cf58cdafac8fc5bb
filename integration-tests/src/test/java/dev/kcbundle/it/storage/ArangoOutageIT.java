package dev.kcbundle.it.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kcbundle.arangodb.testserver.ArangoTestServer;
import dev.kcbundle.it.HttpJson;
import dev.kcbundle.it.KeycloakTestServer;
import dev.kcbundle.it.TestRealm;
import dev.kcbundle.it.TokenEndpoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.storage.UserStorageProvider.EditMode;

/** ArangoDB down, then up again (the in-memory stand-in's outage switch: connections refused, data kept). */
class ArangoOutageIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.blank("outage").withArangoUsers(EditMode.WRITABLE);

    private static ArangoTestServer arango;
    private static String userId;

    @BeforeAll
    static void setUpRealm() {
        arango = KeycloakTestServer.shared().arango().inMemoryOrSkip();
        userId = realm.createUser("liam", "liam@example.org", "Liam-pass-1");
    }

    @AfterAll
    static void resumeArangoDb() {
        if (arango != null) {
            arango.resume();
        }
    }

    @Test
    void arangoDbUsersGetKeycloaksErrorWhileOthersLogInAndEverythingRecovers() {
        assertThat(realm.passwordGrant("liam", "Liam-pass-1").status()).isEqualTo(200);
        realm.admin().clearUserCache();
        Map<String, Object> before = realm.document("liam");

        arango.suspend();
        try {
            // the master realm's admin is stored elsewhere and still signs in
            assertThat(adminToken().status()).isEqualTo(200);

            HttpJson.Answer token = realm.passwordGrant("liam", "Liam-pass-1");
            assertThat(token.status()).isGreaterThanOrEqualTo(400);
            assertThat(token.body().toString()).doesNotContain("Exception").doesNotContain("at org.");

            LoginPages browser = new LoginPages();
            LoginPages.Page login = browser.open(realm.authUrl());
            LoginPages.Page answer =
                    browser.submit(login, "#kc-form-login", Map.of("username", "liam", "password", "Liam-pass-1"));
            assertThat(LoginPages.reachedCallback(answer)).isFalse();
            assertThat(answer.html())
                    .contains("<html")
                    .doesNotContain("Exception")
                    .doesNotContain("at org.keycloak");

            UserRepresentation update = new UserRepresentation();
            update.setFirstName("Never");
            assertThatThrownBy(() -> realm.user(userId).update(update)).isInstanceOf(Exception.class);
        } finally {
            arango.resume();
        }

        assertThat(realm.document("liam")).as("nothing half-written").isEqualTo(before);
        assertThat(realm.passwordGrant("liam", "Liam-pass-1").status())
                .as("recovered by itself")
                .isEqualTo(200);
        List<EventRepresentation> errors =
                realm.admin().getEvents(List.of("LOGIN_ERROR"), null, null, null, null, null, 0, 100);
        assertThat(errors).as("the failed logins are error events").isNotEmpty();
    }

    private static HttpJson.Answer adminToken() {
        KeycloakTestServer server = realm.server();
        return new TokenEndpoint(server.realmUrl("master"))
                .passwordGrant("admin-cli", "admin", server.adminPassword(), "openid");
    }
}
