package dev.kcbundle.it.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kcbundle.it.KeycloakTestServer;
import dev.kcbundle.it.TestRealm;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.storage.UserStorageProvider.EditMode;

/**
 * A federation whose "ArangoDB hosts" lists two coordinators, the first of them gone (nothing listens there): saving
 * the settings, creating users and every login still work, the requests moving on to the coordinator that answers.
 * Against the stand-in or a real ArangoDB alike.
 */
class ArangoCoordinatorsIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.blank("coordinators").withArangoUsers(EditMode.WRITABLE);

    @BeforeAll
    static void createRealmWithADeadCoordinatorFirst() {
        realm.updateFederation(Map.of(
                "hosts",
                KeycloakTestServer.UNREACHABLE_ARANGO_HOST + ","
                        + realm.server().arango().hosts(),
                "password",
                realm.arangoAccount().password()));
    }

    @Test
    void theSettingsAreSavedWithBothCoordinators() {
        assertThat(realm.federation().getConfig().getFirst("hosts"))
                .startsWith(KeycloakTestServer.UNREACHABLE_ARANGO_HOST + ",");
    }

    @Test
    void usersAreCreatedAndSignInWhileOneCoordinatorIsGone() {
        for (int i = 0; i < 3; i++) {
            realm.createUser("ava" + i, "ava" + i + "@example.org", "Ava-pass-" + i);
        }

        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 3; i++) {
                realm.admin().clearUserCache();
                assertThat(realm.passwordGrant("ava" + i, "Ava-pass-" + i).status())
                        .as("login of ava%d", i)
                        .isEqualTo(200);
            }
        }
        assertThat(realm.document("ava2")).as("stored in ArangoDB").isNotNull();
    }
}
