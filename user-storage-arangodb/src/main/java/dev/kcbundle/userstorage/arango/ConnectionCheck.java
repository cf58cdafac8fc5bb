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
            ArangoDatabase database = arango.db(config.database());
            try {
                // the configured database, not _system: a tenant's account may access its own database only
                database.getVersion();
            } catch (ArangoDBException e) {
                if (!isDatabaseNotFound(e)) {
                    return e.getResponseCode() != null && e.getResponseCode() == 401 && signsIn(arango)
                            ? "ArangoDB user \"" + config.user() + "\" has no access to database \""
                            + config.database() + "\" (or it does not exist)"
                            : describe(e, "reach ArangoDB");
                }
            }
            try {
                if (!database.exists()) {
                    database.create();
                }
            } catch (ArangoDBException e) {
                return "Database \"" + config.database() + "\" does not exist and user \"" + config.user()
                        + "\" cannot create it (" + describe(e, "create it") + ")";
            }
            return null;
        } finally {
            arango.shutdown();
        }
    }

    private static boolean isDatabaseNotFound(ArangoDBException e) {
        return e.getErrorNum() != null && e.getErrorNum() == ArangoErrors.DATABASE_NOT_FOUND;
    }

    /**
     * ArangoDB answers 401 alike for a wrong password and for a database the user may not access; reading its own
     * user record ({@code /_api/user/<name>}, open to every authenticated user) tells the two apart.
     */
    private boolean signsIn(ArangoDB arango) {
        try {
            arango.getUser(config.user());
            return true;
        } catch (ArangoDBException e) {
            return false;
        }
    }

    private String describe(ArangoDBException e, String action) {
        Integer status = e.getResponseCode();
        if (status == null) {
            return "Cannot connect to ArangoDB at " + config.hosts() + (config.useTls() ? " (TLS)" : "")
                    + ": host unreachable or not speaking the ArangoDB HTTP API";
        }
        if (status == 401) {
            return "ArangoDB at " + config.hosts() + " rejected user \"" + config.user() + "\": wrong user or password";
        }
        if (status == 403) {
            return "ArangoDB user \"" + config.user() + "\" is not allowed to " + action;
        }
        return "ArangoDB could not " + action + ": HTTP " + status + " " + e.getErrorMessage();
    }
}
