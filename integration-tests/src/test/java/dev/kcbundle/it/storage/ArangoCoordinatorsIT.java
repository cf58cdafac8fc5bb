package dev.kcbundle.it.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.kcbundle.it.KeycloakTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A federation whose "ArangoDB hosts" lists two coordinators, the first of them gone (nothing listens there): saving
 * the settings, creating users and every login still work, the requests moving on to the coordinator that answers.
 * Against the stand-in or a real ArangoDB alike.
 */
class ArangoCoordinatorsIT {

    private static StorageRealm realm;

    @BeforeAll
    static void createRealmWithADeadCoordinatorFirst() {
        realm = StorageRealm.create("coordinators", "WRITABLE");
        realm.updateComponent(Map.of(
                "hosts", KeycloakTestServer.UNREACHABLE_ARANGO_HOST + "," + realm.server.arango().hosts(),
                "password", realm.account.password()));
    }

    @AfterAll
    static void removeRealm() {
        if (realm != null) {
            realm.close();
        }
    }

    @Test
    void theSettingsAreSavedWithBothCoordinators() {
        assertThat(realm.admin().components().component(realm.componentId).toRepresentation().getConfig()
                .getFirst("hosts")).startsWith(KeycloakTestServer.UNREACHABLE_ARANGO_HOST + ",");
    }

    @Test
    void usersAreCreatedAndSignInWhileOneCoordinatorIsGone() {
        for (int i = 0; i < 3; i++) {
            realm.createUser("ava" + i, "ava" + i + "@example.org", "Ava-pass-" + i);
        }

        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 3; i++) {
                realm.clearUserCache();
                assertThat(realm.passwordGrant("ava" + i, "Ava-pass-" + i).status()).as("login of ava%d", i)
                        .isEqualTo(200);
            }
        }
        assertThat(realm.document("ava2")).as("stored in ArangoDB").isNotNull();
    }
}
