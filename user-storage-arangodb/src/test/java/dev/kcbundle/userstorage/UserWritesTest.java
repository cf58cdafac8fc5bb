package dev.kcbundle.userstorage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.kcbundle.userstorage.arango.ArangoUserStore;
import dev.kcbundle.userstorage.document.UserDocument;
import dev.kcbundle.userstorage.document.UserPatch;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakTransactionManager;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;

/**
 * Users created by a Keycloak transaction leave ArangoDB again when it rolls back, and a created user whose next write
 * fails leaves at once (Keycloak's login-flow forms answer that with an error page and no rollback). Against the
 * in-memory stand-in, or a real ArangoDB when {@code ARANGODB_HOSTS} is set.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserWritesTest {

    private TestDatabase arangoDb;
    private ArangoUserStore store;
    private KeycloakTransactionManager transactions;
    private RealmModel realm;
    private UserWrites writes;

    @BeforeAll
    void connect() {
        arangoDb = TestDatabase.create("created_");
        store = arangoDb.store("writes-test", "users");
    }

    @AfterAll
    void drop() {
        arangoDb.close();
    }

    @BeforeEach
    void newTransaction() {
        KeycloakSession session = mock(KeycloakSession.class);
        transactions = mock(KeycloakTransactionManager.class);
        when(session.getTransactionManager()).thenReturn(transactions);
        when(session.getContext()).thenReturn(mock(KeycloakContext.class));
        realm = mock(RealmModel.class);
        when(realm.getDefaultGroupsStream()).thenAnswer(call -> Stream.empty());
        writes = new UserWrites(session, store, true);
        writes.begin();
    }

    @Test
    void aRollbackRemovesTheUsersTheTransactionCreated() {
        UserDocument created = writes.create(realm, "rolled-back");
        verify(transactions).enlistAfterCompletion(writes);
        assertThat(store.findByKey(created.key())).isNotNull();

        writes.rollback();

        assertThat(store.findByKey(created.key())).isNull();
    }

    @Test
    void aCommitKeepsThem() {
        UserDocument created = writes.create(realm, "committed");

        writes.commit();

        assertThat(store.findByKey(created.key()).username()).isEqualTo("committed");
    }

    @Test
    void aCreatedUserWhoseNextWriteFailsIsRemovedAtOnce() {
        UserDocument created = writes.create(realm, "half-created");
        UserWrites.LoadedUser user = new UserWrites.LoadedUser(created, document -> UserPatch.NONE);

        assertThatThrownBy(() -> writes.write(user, document -> {
                    throw new ModelException("refused");
                }))
                .hasMessage("refused");

        assertThat(store.findByKey(created.key())).isNull();
    }

    @Test
    void aFailedWriteOfAnExistingUserRemovesNothing() {
        UserDocument existing = UserDocument.newUser("existing-" + System.nanoTime(), "existing", 1L);
        store.insert(existing);
        UserWrites.LoadedUser user = new UserWrites.LoadedUser(existing, document -> UserPatch.NONE);

        assertThatThrownBy(() -> writes.write(user, document -> {
                    throw new ModelException("refused");
                }))
                .hasMessage("refused");
        writes.write(user, document -> document.setGroupIds(List.of("g-1")));

        assertThat(store.findByKey(existing.key()).groupIds()).containsExactly("g-1");
    }
}
