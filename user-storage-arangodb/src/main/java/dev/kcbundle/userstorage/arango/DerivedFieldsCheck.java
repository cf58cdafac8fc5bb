package dev.kcbundle.userstorage.arango;

import com.arangodb.ArangoCollection;
import com.arangodb.ArangoDB;
import com.arangodb.ArangoDBException;
import com.arangodb.ArangoDatabase;
import dev.kcbundle.userstorage.document.UserDocument;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Saving a READ_ONLY federation: whether its collection holds documents without the provider's derived fields
 * (documents another application wrote, read in place through a document mapping). A READ_ONLY federation writes
 * nothing, so it could never add them and would not find those users; the admin is told how to get them added. One
 * count query, served by the username index once the collection has it. Only checks.
 */
public final class DerivedFieldsCheck {

    private static final Logger LOG = Logger.getLogger(DerivedFieldsCheck.class);
    private static final String WITHOUT_USERNAME_LOWER =
            "FOR u IN @@col FILTER u." + UserDocument.USERNAME_LOWER + " == null COLLECT WITH COUNT INTO n RETURN n";
    static final String FIELDS = String.join(
            ", ",
            UserDocument.USERNAME_LOWER,
            UserDocument.EMAIL_LOWER,
            UserDocument.SEARCH_PREFIXES,
            UserDocument.SEARCH_GRAMS,
            UserDocument.LOOKUP_KEYS);

    private final ArangoConnection connection;

    public DerivedFieldsCheck(ArangoConnection connection) {
        this.connection = connection;
    }

    /** Null when every document has the derived fields (or there is no collection yet). */
    public ConfigProblem problem() {
        ArangoDB arango = ArangoClients.open(connection.withTimeout(ConnectionCheck.TIMEOUT_MILLIS));
        try {
            ArangoDatabase database = arango.db(connection.database());
            ArangoCollection users = database.collection(connection.usersCollection());
            if (!database.exists() || !users.exists()) {
                return null;
            }
            List<Number> count = database.query(
                            WITHOUT_USERNAME_LOWER, Number.class, Map.of("@col", connection.usersCollection()))
                    .asListRemaining();
            long missing = count.isEmpty() ? 0 : count.get(0).longValue();
            return missing == 0
                    ? null
                    : ConfigProblem.of(
                            "arangodb-error-derived-fields-missing", missing, connection.usersCollection(), FIELDS);
        } catch (ArangoDBException e) {
            // the connection check passed a moment ago; a failure now is no reason to refuse the settings
            LOG.warnf("Could not check the documents of %s for the derived fields: %s", connection, e.getMessage());
            return null;
        } finally {
            arango.shutdown();
        }
    }
}
