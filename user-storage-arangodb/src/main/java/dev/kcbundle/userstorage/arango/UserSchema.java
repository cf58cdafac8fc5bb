package dev.kcbundle.userstorage.arango;

import com.arangodb.ArangoCollection;
import com.arangodb.ArangoDB;
import com.arangodb.ArangoDBException;
import com.arangodb.ArangoDatabase;
import dev.kcbundle.userstorage.ArangoStorageConfig;
import org.jboss.logging.Logger;

/**
 * Makes the users collection and its indexes, idempotently: the collection when missing (and the database, when the
 * operator lets this server create databases; otherwise a missing database is an error naming it), then the indexes
 * ({@link UserIndexes}).
 */
final class UserSchema {

    private static final Logger LOG = Logger.getLogger(UserSchema.class);

    private final ArangoDB arango;
    private final ArangoStorageConfig config;
    private final boolean createDatabase;

    UserSchema(ArangoDB arango, ArangoStorageConfig config, boolean createDatabase) {
        this.arango = arango;
        this.config = config;
        this.createDatabase = createDatabase;
    }

    void ensure() {
        try {
            ArangoDatabase database = arango.db(config.database());
            if (!database.exists()) {
                if (!createDatabase) {
                    throw new ArangoUnavailableException("ArangoDB database \"" + config.database()
                            + "\" does not exist and this Keycloak server does not create databases", null);
                }
                createDatabase(database);
            }
            ArangoCollection users = database.collection(config.usersCollection());
            if (!users.exists()) {
                createCollection(users);
            }
            UserIndexes.ensure(database, users);
        } catch (ArangoDBException e) {
            throw ArangoErrors.translate("prepare collection " + config.database() + "/" + config.usersCollection(), e);
        }
    }

    private void createDatabase(ArangoDatabase database) {
        try {
            database.create();
            LOG.infof("Created ArangoDB database %s", config.database());
        } catch (ArangoDBException e) {
            if (e.getErrorNum() == null || e.getErrorNum() != ArangoErrors.DUPLICATE_NAME) {
                throw e;
            }
        }
    }

    private void createCollection(ArangoCollection users) {
        try {
            users.create();
            LOG.infof("Created ArangoDB collection %s/%s", config.database(), config.usersCollection());
        } catch (ArangoDBException e) {
            if (e.getErrorNum() == null || e.getErrorNum() != ArangoErrors.DUPLICATE_NAME) {
                throw e;
            }
        }
    }
}
