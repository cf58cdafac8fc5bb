package dev.kcbundle.userstorage.arango;

import com.arangodb.ArangoCollection;
import com.arangodb.ArangoDB;
import com.arangodb.ArangoDBException;
import com.arangodb.ArangoDatabase;
import dev.kcbundle.userstorage.document.DocumentMapping;
import org.jboss.logging.Logger;

/**
 * Prepares a federation's collection on its first use (the one step that creates anything in ArangoDB; saving the
 * federation only checks): the database when missing and the operator lets this server create databases (otherwise
 * a missing database is an error naming it), then idempotently the collection when missing and its indexes
 * ({@link UserIndexes}; a WRITABLE federation adds the derived fields they need to documents lacking them).
 */
final class UserSchema {

    private static final Logger LOG = Logger.getLogger(UserSchema.class);

    private final ArangoDB arango;
    private final ArangoConnection connection;
    private final boolean createDatabase;
    private final DocumentMapping mapping;
    private final boolean writable;

    /** {@code mapping} and {@code writable}: the federation's, see {@link UserIndexes#ensure}. */
    UserSchema(
            ArangoDB arango,
            ArangoConnection connection,
            boolean createDatabase,
            DocumentMapping mapping,
            boolean writable) {
        this.arango = arango;
        this.connection = connection;
        this.createDatabase = createDatabase;
        this.mapping = mapping;
        this.writable = writable;
    }

    void ensure() {
        try {
            ArangoDatabase database = arango.db(connection.database());
            if (!database.exists()) {
                if (!createDatabase) {
                    throw new ArangoUnavailableException(
                            "ArangoDB database \"" + connection.database()
                                    + "\" does not exist and this Keycloak server does not create databases",
                            null);
                }
                createDatabase(database);
            }
            ArangoCollection users = database.collection(connection.usersCollection());
            if (!users.exists()) {
                createCollection(users);
            }
            UserIndexes.ensure(database, users, mapping, writable);
        } catch (UserIndexes.DuplicateIdsException e) {
            throw new ArangoUnavailableException(e.getMessage(), e);
        } catch (ArangoDBException e) {
            throw ArangoErrors.translate(
                    "prepare collection " + connection.database() + "/" + connection.usersCollection(), e);
        }
    }

    private void createDatabase(ArangoDatabase database) {
        try {
            database.create();
            LOG.infof("Created ArangoDB database %s", connection.database());
        } catch (ArangoDBException e) {
            Integer status = e.getResponseCode();
            if (status != null && (status == 401 || status == 403)) {
                throw new ArangoUnavailableException(
                        ConfigProblem.of(
                                        "arangodb-error-database-not-creatable",
                                        connection.database(),
                                        connection.hosts(),
                                        connection.user())
                                .english(),
                        e);
            }
            if (!ArangoErrors.isDuplicateName(e)) {
                throw e;
            }
        }
    }

    private void createCollection(ArangoCollection users) {
        try {
            users.create();
            LOG.infof("Created ArangoDB collection %s/%s", connection.database(), connection.usersCollection());
        } catch (ArangoDBException e) {
            if (!ArangoErrors.isDuplicateName(e)) {
                throw e;
            }
        }
    }
}
