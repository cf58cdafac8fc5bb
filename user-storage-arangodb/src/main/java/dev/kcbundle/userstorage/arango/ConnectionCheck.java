package dev.kcbundle.userstorage.arango;

import com.arangodb.ArangoDB;
import com.arangodb.ArangoDBException;
import com.arangodb.ArangoDatabase;
import dev.kcbundle.userstorage.ArangoStorageConfig;

/** Connects once with a configuration and names what is wrong: host, credentials or database. */
public final class ConnectionCheck {

    private final ArangoStorageConfig config;

    public ConnectionCheck(ArangoStorageConfig config) {
        this.config = config;
    }

    /** Null when ArangoDB answers, accepts the credentials and has (or lets us create) the database. */
    public String problem() {
        ArangoDB arango = ArangoClients.open(config);
        try {
            try {
                arango.getVersion();
            } catch (ArangoDBException e) {
                return describe(e, "reach ArangoDB");
            }
            ArangoDatabase database = arango.db(config.database());
            try {
                if (!database.exists()) {
                    database.create();
                }
            } catch (ArangoDBException e) {
                return "Database '" + config.database() + "' does not exist and user '" + config.user()
                        + "' cannot create it (" + describe(e, "create it") + ")";
            }
            return null;
        } finally {
            arango.shutdown();
        }
    }

    private String describe(ArangoDBException e, String action) {
        Integer status = e.getResponseCode();
        if (status == null) {
            return "Cannot connect to ArangoDB at " + config.hosts() + (config.useTls() ? " (TLS)" : "")
                    + ": host unreachable or not speaking ArangoDB's HTTP API";
        }
        if (status == 401) {
            return "ArangoDB at " + config.hosts() + " rejected user '" + config.user() + "': wrong user or password";
        }
        if (status == 403) {
            return "ArangoDB user '" + config.user() + "' is not allowed to " + action;
        }
        return "ArangoDB could not " + action + ": HTTP " + status + " " + e.getErrorMessage();
    }
}
