package dev.kcbundle.arangodb.testserver.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.arangodb.ArangoCollection;
import com.arangodb.ArangoDB;
import com.arangodb.ArangoDatabase;
import com.arangodb.entity.Permissions;
import com.arangodb.entity.UserEntity;
import com.arangodb.model.UserCreateOptions;
import com.arangodb.model.UserUpdateOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Users and per-database permissions ({@code /_api/user}): only administrators manage users and databases; a user
 * reaches only the databases it was granted, read-only users cannot write. Statuses and errorNums are ArangoDB
 * 3.12's: 401 / 11 for a database without access (also one that does not exist), 403 / 1004 for a write with
 * {@code ro}, 403 / 11 for a forbidden change, 403 / 403 for a forbidden user listing.
 */
abstract class UserPermissionConformance extends Conformance {

    UserPermissionConformance(ConformanceSuite suite) {
        super(suite);
    }

    private static final int UNAUTHORIZED = 401;
    private static final int FORBIDDEN = 403;
    private static final int ERROR_FORBIDDEN = 11;
    private static final int ERROR_READ_ONLY = 1004;
    private static final int ERROR_USER_DUPLICATE = 1702;
    private static final int ERROR_USER_NOT_FOUND = 1703;

    /** Runs {@code body} with a fresh user (and its own connection), deleted afterwards. */
    private void withUser(Consumer<String> body) {
        String name = unique("u");
        arango.createUser(name, "pw-" + name);
        try {
            body.accept(name);
        } finally {
            arango.deleteUser(name);
        }
    }

    private ArangoDB as(String user) {
        return target.driver(user, "pw-" + user);
    }

    @Test
    void createsReadsListsAndDeletesUsers() {
        String name = unique("u");
        UserEntity created = arango.createUser(name, "secret", new UserCreateOptions().extra(Map.of("team", "a")));
        assertThat(created.getUser()).isEqualTo(name);
        assertThat(created.getActive()).isTrue();
        assertThat(arango.getUser(name).getExtra()).containsEntry("team", "a");
        assertThat(arango.getUsers()).extracting(UserEntity::getUser).contains(name, "root");
        expectError(409, ERROR_USER_DUPLICATE, () -> arango.createUser(name, "other"));
        arango.deleteUser(name);
        expectError(404, ERROR_USER_NOT_FOUND, () -> arango.getUser(name));
        expectError(404, ERROR_USER_NOT_FOUND, () -> arango.deleteUser(name));
    }

    @Test
    void aUserWithoutAGrantIsUnauthorizedInEveryDatabase() {
        ArangoCollection collection = newCollection();
        collection.insertDocument(Map.of("_key", "k"));
        withUser(user -> {
            ArangoDB stranger = as(user);
            try {
                ArangoDatabase theirs = stranger.db(db.name());
                expectError(UNAUTHORIZED, ERROR_FORBIDDEN, theirs::getVersion);
                expectError(UNAUTHORIZED, ERROR_FORBIDDEN, theirs::getInfo);
                expectError(UNAUTHORIZED, ERROR_FORBIDDEN, () -> theirs.query("RETURN 1", Integer.class));
                expectError(
                        UNAUTHORIZED,
                        ERROR_FORBIDDEN,
                        () -> theirs.collection(collection.name()).getDocument("k", Map.class));
                expectError(UNAUTHORIZED, ERROR_FORBIDDEN, theirs::getCollections);
                expectError(
                        UNAUTHORIZED,
                        ERROR_FORBIDDEN,
                        () -> stranger.db(unique("missing")).getInfo());
                expectError(UNAUTHORIZED, ERROR_FORBIDDEN, stranger::getVersion); // _system too
                expectError(UNAUTHORIZED, ERROR_FORBIDDEN, () -> stranger.createDatabase(unique("db")));
                assertThat(arango.getAccessibleDatabasesFor(user)).isEmpty();
            } finally {
                stranger.shutdown();
            }
        });
    }

    @Test
    void readWriteOnOneDatabaseReachesThatDatabaseOnly() {
        ArangoCollection collection = newCollection();
        String other = unique("db");
        arango.createDatabase(other);
        try {
            withUser(user -> {
                db.grantAccess(user, Permissions.RW);
                assertThat(db.getPermissions(user)).isEqualTo(Permissions.RW);
                assertThat(arango.db(other).getPermissions(user)).isEqualTo(Permissions.NONE);
                assertThat(arango.getAccessibleDatabasesFor(user)).containsExactly(db.name());
                ArangoDB tenant = as(user);
                try {
                    ArangoDatabase own = tenant.db(db.name());
                    assertThat(own.getVersion().getServer()).isEqualTo("arango");
                    assertThat(own.getInfo().getName()).isEqualTo(db.name());
                    own.collection(collection.name()).insertDocument(Map.of("_key", "mine"));
                    assertThat(own.query("FOR d IN @@c RETURN d._key", String.class, Map.of("@c", collection.name()))
                                    .asListRemaining())
                            .containsExactly("mine");
                    String created = unique("c");
                    own.createCollection(created);
                    assertThat(own.collection(created).exists()).isTrue();
                    expectError(
                            UNAUTHORIZED,
                            ERROR_FORBIDDEN,
                            () -> tenant.db(other).getInfo());
                    expectError(
                            UNAUTHORIZED,
                            ERROR_FORBIDDEN,
                            () -> tenant.db(other).query("RETURN 1", Integer.class));
                } finally {
                    tenant.shutdown();
                }
            });
        } finally {
            arango.db(other).drop();
        }
    }

    @Test
    void aReadOnlyUserReadsButCannotWrite() {
        ArangoCollection collection = newCollection();
        collection.insertDocument(Map.of("_key", "k", "v", 1));
        withUser(user -> {
            db.grantAccess(user, Permissions.RO);
            ArangoDB reader = as(user);
            try {
                ArangoDatabase own = reader.db(db.name());
                ArangoCollection readOnly = own.collection(collection.name());
                assertThat(readOnly.getDocument("k", Map.class)).containsEntry("v", 1);
                assertThat(own.query("FOR d IN @@c RETURN d.v", Integer.class, Map.of("@c", collection.name()))
                                .asListRemaining())
                        .containsExactly(1);
                expectError(FORBIDDEN, ERROR_READ_ONLY, () -> readOnly.insertDocument(Map.of("v", 2)));
                expectError(FORBIDDEN, ERROR_READ_ONLY, () -> readOnly.updateDocument("k", Map.of("v", 3)));
                expectError(FORBIDDEN, ERROR_READ_ONLY, () -> readOnly.deleteDocument("k"));
                expectError(
                        FORBIDDEN,
                        ERROR_READ_ONLY,
                        () -> own.query(
                                "FOR d IN @@c UPDATE d WITH {v: 5} IN @@c",
                                Void.class,
                                Map.of("@c", collection.name())));
                expectError(FORBIDDEN, ERROR_FORBIDDEN, () -> own.createCollection(unique("c")));
            } finally {
                reader.shutdown();
            }
            assertThat(collection.count().getCount()).isEqualTo(1);
            assertThat(collection.getDocument("k", Map.class)).containsEntry("v", 1);
        });
    }

    @Test
    void onlyAdministratorsManageUsersAndDatabases() {
        withUser(user -> {
            db.grantAccess(user, Permissions.RW);
            ArangoDB tenant = as(user);
            List<String> leftovers = new ArrayList<>();
            try {
                String victim = unique("u");
                leftovers.add(victim);
                expectError(FORBIDDEN, ERROR_FORBIDDEN, () -> tenant.createUser(victim, "x"));
                expectError(FORBIDDEN, 403, tenant::getUsers);
                expectError(FORBIDDEN, 403, () -> tenant.getUser("root"));
                expectError(
                        FORBIDDEN, ERROR_FORBIDDEN, () -> tenant.db(db.name()).grantAccess(user, Permissions.RW));
                expectError(
                        FORBIDDEN,
                        ERROR_FORBIDDEN,
                        () -> tenant.updateUser("root", new UserUpdateOptions().passwd("taken")));
                expectError(FORBIDDEN, ERROR_FORBIDDEN, () -> tenant.deleteUser("root"));
                assertThat(tenant.getUser(user).getUser()).isEqualTo(user); // itself
            } finally {
                tenant.shutdown();
            }
            assertThat(arango.getUsers()).extracting(UserEntity::getUser).doesNotContainAnyElementsOf(leftovers);
        });
    }

    @Test
    void readWriteOnSystemMakesAnAdministratorReachingDatabasesWithoutAGrantOfTheirOwn() {
        withUser(user -> {
            arango.db("_system").grantAccess(user, Permissions.RW);
            ArangoDB admin = as(user);
            String created = unique("db");
            try {
                assertThat(admin.createDatabase(created)).isTrue();
                assertThat(admin.db(created).getInfo().getName()).isEqualTo(created);
                assertThat(admin.db(db.name()).getInfo().getName())
                        .as("falls back to its _system level")
                        .isEqualTo(db.name());
                assertThat(admin.getUsers()).extracting(UserEntity::getUser).contains(user, "root");
                db.grantAccess(user, Permissions.NONE);
                expectError(
                        UNAUTHORIZED, ERROR_FORBIDDEN, () -> admin.db(db.name()).getInfo());
            } finally {
                admin.shutdown();
                arango.db(created).drop();
            }
        });
    }

    @Test
    void passwordChangesRevokeAndResetTakeEffect() {
        withUser(user -> {
            db.grantAccess(user, Permissions.RW);
            arango.updateUser(user, new UserUpdateOptions().passwd("changed"));
            ArangoDB old = as(user);
            ArangoDB changed = target.driver(user, "changed");
            try {
                expectError(
                        UNAUTHORIZED, ERROR_FORBIDDEN, () -> old.db(db.name()).getInfo());
                assertThat(changed.db(db.name()).getInfo().getName()).isEqualTo(db.name());
                arango.updateUser(user, new UserUpdateOptions().active(false));
                expectError(
                        UNAUTHORIZED,
                        ERROR_FORBIDDEN,
                        () -> changed.db(db.name()).getInfo());
                arango.replaceUser(user, new UserUpdateOptions().passwd("pw-" + user));
                assertThat(old.db(db.name()).getInfo().getName()).isEqualTo(db.name());
                db.revokeAccess(user);
                expectError(
                        UNAUTHORIZED, ERROR_FORBIDDEN, () -> old.db(db.name()).getInfo());
                db.grantAccess(user, Permissions.RO);
                assertThat(db.getPermissions(user)).isEqualTo(Permissions.RO);
                db.resetAccess(user);
                assertThat(db.getPermissions(user)).isEqualTo(Permissions.NONE);
                expectError(
                        UNAUTHORIZED, ERROR_FORBIDDEN, () -> old.db(db.name()).getInfo());
            } finally {
                old.shutdown();
                changed.shutdown();
            }
        });
    }
}
