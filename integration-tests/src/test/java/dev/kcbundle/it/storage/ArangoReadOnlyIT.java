package dev.kcbundle.it.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kcbundle.it.AdminUsers;
import dev.kcbundle.it.TestRealm;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.storage.UserStorageProvider.EditMode;

/** READ_ONLY: ArangoDB is never written; Keycloak's lockout and required actions still work. */
class ArangoReadOnlyIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.blank("readonly").withArangoUsers(EditMode.WRITABLE);

    private static String userId;

    @BeforeAll
    static void createRealmWithAUserThenSwitchToReadOnly() {
        userId = realm.createUser("kim", "kim@example.org", "Kim-pass-1");
        realm.updateFederation(Map.of("editMode", "READ_ONLY"));
    }

    @Test
    void usersStillLogIn() {
        assertThat(realm.passwordGrant("kim", "Kim-pass-1").status()).isEqualTo(200);
        assertThat(realm.passwordGrant("kim@example.org", "Kim-pass-1").status())
                .isEqualTo(200);
    }

    @Test
    void profileEditsAreRejectedWithAClearErrorAndArangoDbIsUnchanged() {
        Map<String, Object> before = realm.document("kim");
        UserRepresentation update = realm.user(userId).toRepresentation();
        update.setFirstName("Changed");

        assertThatThrownBy(() -> realm.user(userId).update(update))
                .isInstanceOf(WebApplicationException.class)
                .satisfies(e -> assertThat(
                                ((WebApplicationException) e).getResponse().getStatus())
                        .isEqualTo(400))
                .satisfies(e -> assertThat(
                                ((WebApplicationException) e).getResponse().readEntity(String.class))
                        .contains("read-only"));
        assertThat(realm.document("kim")).isEqualTo(before);
    }

    @Test
    void passwordResetIsRejected() {
        Map<String, Object> before = realm.document("kim");
        CredentialRepresentation password = AdminUsers.password("Kim-pass-2");

        assertThatThrownBy(() -> realm.user(userId).resetPassword(password))
                .isInstanceOf(WebApplicationException.class);
        assertThat(realm.document("kim")).isEqualTo(before);
        assertThat(realm.passwordGrant("kim", "Kim-pass-1").status()).isEqualTo(200);
    }

    @Test
    void requiredActionsAndBruteForceLockoutWorkWithoutWritingArangoDb() {
        String id = userId;
        Map<String, Object> before = realm.document("kim");

        UserRepresentation withAction = realm.user(id).toRepresentation();
        withAction.setRequiredActions(List.of("UPDATE_PASSWORD"));
        realm.user(id).update(withAction);
        assertThat(realm.user(id).toRepresentation().getRequiredActions()).containsExactly("UPDATE_PASSWORD");
        withAction.setRequiredActions(List.of());
        realm.user(id).update(withAction);

        RealmRepresentation settings = realm.admin().toRepresentation();
        settings.setBruteForceProtected(true);
        settings.setPermanentLockout(true);
        settings.setMaxTemporaryLockouts(0);
        settings.setFailureFactor(2);
        realm.admin().update(settings);
        try {
            realm.passwordGrant("kim", "wrong-1");
            realm.passwordGrant("kim", "wrong-2");
            realm.passwordGrant("kim", "wrong-3");

            assertThat(realm.passwordGrant("kim", "Kim-pass-1").status())
                    .as("locked out")
                    .isNotEqualTo(200);
            assertThat(realm.user(id).toRepresentation().isEnabled()).isFalse();
            assertThat(realm.document("kim"))
                    .as("lockout is kept by Keycloak, not written to ArangoDB")
                    .isEqualTo(before);

            UserRepresentation unlock = realm.user(id).toRepresentation();
            unlock.setEnabled(true);
            realm.user(id).update(unlock);
            realm.admin().attackDetection().clearBruteForceForUser(id);
            assertThat(realm.passwordGrant("kim", "Kim-pass-1").status()).isEqualTo(200);
        } finally {
            settings.setBruteForceProtected(false);
            realm.admin().update(settings);
        }
    }

    @Test
    void adminCreateUserDoesNotWriteArangoDb() {
        long before = realm.documents().count();
        UserRepresentation user = new UserRepresentation();
        user.setUsername("local-only");
        user.setEnabled(true);
        realm.admin().users().create(user).close();

        assertThat(realm.documents().count()).isEqualTo(before);
        assertThat(realm.document("local-only")).isNull();
    }
}
