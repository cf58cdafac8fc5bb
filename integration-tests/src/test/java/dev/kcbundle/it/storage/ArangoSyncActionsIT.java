package dev.kcbundle.it.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcbundle.arangodb.testserver.ArangoTestServer;
import dev.kcbundle.it.HttpJson;
import dev.kcbundle.it.KeycloakTestServer;
import dev.kcbundle.it.TestRealm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.storage.UserStorageProvider.EditMode;

/**
 * The federation's "Sync all users" and "Sync changed users" console actions, through the admin REST endpoint the
 * console calls ({@code POST /user-storage/{id}/sync}): nothing is imported and the answer says so; a full sync checks
 * every ArangoDB document and counts those the provider cannot serve; both make changes written into ArangoDB visible
 * at once.
 */
class ArangoSyncActionsIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.blank("sync").withArangoUsers(EditMode.WRITABLE);

    @BeforeAll
    static void createRealmWithTwoUsersAndOneBrokenDocument() {
        realm.createUser("anna", "anna@example.org", "Anna-pass-1");
        realm.createUser("ben", "ben@example.org", "Ben-pass-1");
        // written by another tool: the lower-case copy the username index finds users by does not match
        realm.documents()
                .insert(List.of(
                        Map.of("_key", "broken-1", "username", "Carla", "usernameLower", "karla", "enabled", true)));
    }

    @Test
    void syncAllUsersChecksEveryDocumentAndSaysNothingWasImported() {
        JsonNode result = sync("triggerFullSync");

        assertThat(result.path("ignored").asBoolean())
                .as("the console shows the status text itself")
                .isTrue();
        assertThat(result.path("added").asInt()).isZero();
        assertThat(result.path("updated").asInt()).isZero();
        assertThat(result.path("removed").asInt()).isZero();
        assertThat(result.path("failed").asInt()).as("users with problems").isEqualTo(1);
        assertThat(result.path("status").asText())
                .startsWith("Nothing imported: ArangoDB users are used where they are, never copied into Keycloak.")
                .contains("Checked 3 users in ArangoDB (database " + realm.database() + ", collection users)")
                .contains("1 with problems, listed in Keycloak's server log")
                .doesNotContain("already in progress");
    }

    @Test
    void syncChangedUsersMakesChangesWrittenIntoArangoDbVisibleAtOnce() {
        String id = realm.admin().users().search("anna", true).get(0).getId();
        realm.user(id).toRepresentation(); // now in Keycloak's user cache
        String key = (String) realm.document("anna").get("_key");
        realm.documents().update(key, Map.of("emailVerified", false)); // by another tool, behind Keycloak's back
        assertThat(realm.user(id).toRepresentation().isEmailVerified())
                .as("still the cached copy")
                .isTrue();

        JsonNode result = sync("triggerChangedUsersSync");

        assertThat(result.path("ignored").asBoolean()).isTrue();
        assertThat(result.path("status").asText())
                .isEqualTo("Nothing imported: ArangoDB users are used where they "
                        + "are, never copied into Keycloak. Keycloak's cached copies of this realm's users were dropped, so "
                        + "changes made in ArangoDB apply from the next request");
        assertThat(realm.user(id).toRepresentation().isEmailVerified()).isFalse();
    }

    @Test
    void whenArangoDbIsDownTheAnswerSaysNothingWasChecked() {
        ArangoTestServer arango = KeycloakTestServer.shared().arango().inMemoryOrSkip();
        arango.suspend();
        try {
            JsonNode result = sync("triggerFullSync");

            assertThat(result.path("ignored").asBoolean()).isTrue();
            assertThat(result.path("status").asText())
                    .startsWith("Nothing imported or checked: ArangoDB is unreachable");
        } finally {
            arango.resume();
        }
    }

    /** What the console's action calls. */
    private static JsonNode sync(String action) {
        HttpJson.Answer answer =
                realm.adminCall("POST", "/user-storage/" + realm.federationId() + "/sync?action=" + action, null);
        assertThat(answer.status()).isEqualTo(200);
        return answer.body();
    }
}
