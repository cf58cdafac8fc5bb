package dev.kcbundle.userstorage.arango;

import java.util.List;

import com.arangodb.ArangoCollection;
import com.arangodb.ArangoDB;
import com.arangodb.ArangoDBException;
import com.arangodb.ArangoDatabase;
import com.arangodb.model.PersistentIndexOptions;
import dev.kcbundle.userstorage.ArangoStorageConfig;
import dev.kcbundle.userstorage.document.UserDocument;
import org.jboss.logging.Logger;

/**
 * Makes the users collection and its indexes, idempotently: the database and collection when missing, a unique
 * persistent index on {@code usernameLower} and a unique sparse persistent index on {@code emailLower}
 * (ArangoDB's ensure-index returns the existing index when it is already there).
 */
final class UserSchema {

    private static final Logger LOG = Logger.getLogger(UserSchema.class);
    static final String USERNAME_INDEX = "kc_username_unique";
    static final String EMAIL_INDEX = "kc_email_unique";

    private final ArangoDB arango;
    private final ArangoStorageConfig config;

    UserSchema(ArangoDB arango, ArangoStorageConfig config) {
        this.arango = arango;
        this.config = config;
    }

    void ensure() {
        try {
            ArangoDatabase database = arango.db(config.database());
            if (!database.exists()) {
                createDatabase(database);
            }
            ArangoCollection users = database.collection(config.usersCollection());
            if (!users.exists()) {
                createCollection(users);
            }
            users.ensurePersistentIndex(List.of(UserDocument.USERNAME_LOWER),
                    new PersistentIndexOptions().name(USERNAME_INDEX).unique(true).sparse(false));
            users.ensurePersistentIndex(List.of(UserDocument.EMAIL_LOWER),
                    new PersistentIndexOptions().name(EMAIL_INDEX).unique(true).sparse(true));
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
