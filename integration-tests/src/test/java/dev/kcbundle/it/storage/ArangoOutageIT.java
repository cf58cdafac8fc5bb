package dev.kcbundle.it.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

import dev.kcbundle.arangodb.testserver.ArangoTestServer;
import dev.kcbundle.it.HttpJson;
import dev.kcbundle.it.KeycloakTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** ArangoDB down, then up again (the in-memory stand-in's outage switch: connections refused, data kept). */
class ArangoOutageIT {

    private static StorageRealm realm;
    private static ArangoTestServer arango;
    private static String userId;

    @BeforeAll
    static void createRealm() {
        arango = KeycloakTestServer.shared().arango().inMemoryOrSkip();
        realm = StorageRealm.create("outage", "WRITABLE");
        userId = realm.createUser("liam", "liam@example.org", "Liam-pass-1");
    }

    @AfterAll
    static void removeRealm() {
        if (arango != null) {
            arango.resume();
        }
        if (realm != null) {
            realm.close();
        }
    }

    @Test
    void arangoDbUsersGetKeycloaksErrorWhileOthersLogInAndEverythingRecovers() {
        assertThat(realm.passwordGrant("liam", "Liam-pass-1").status()).isEqualTo(200);
        realm.clearUserCache();
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
            LoginPages.Page answer = browser.submit(login, "#kc-form-login",
                    Map.of("username", "liam", "password", "Liam-pass-1"));
            assertThat(LoginPages.reachedCallback(answer)).isFalse();
            assertThat(answer.html()).contains("<html").doesNotContain("Exception").doesNotContain("at org.keycloak");

            UserRepresentation update = new UserRepresentation();
            update.setFirstName("Never");
            assertThatThrownBy(() -> realm.user(userId).update(update)).isInstanceOf(Exception.class);
        } finally {
            arango.resume();
        }

        assertThat(realm.document("liam")).as("nothing half-written").isEqualTo(before);
        assertThat(realm.passwordGrant("liam", "Liam-pass-1").status()).as("recovered by itself").isEqualTo(200);
        List<EventRepresentation> errors = realm.admin().getEvents(List.of("LOGIN_ERROR"), null, null, null, null,
                null, 0, 100);
        assertThat(errors).as("the failed logins are error events").isNotEmpty();
    }

    private static HttpJson.Answer adminToken() {
        KeycloakTestServer server = KeycloakTestServer.shared();
        String form = "grant_type=password&client_id=admin-cli&username=admin&password=" + server.adminPassword();
        return HttpJson.send(HttpRequest.newBuilder(URI.create(server.realmUrl("master") + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }
}
