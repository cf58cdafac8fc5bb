package dev.kcbundle.userstorage.arango;

import com.arangodb.ArangoDB;
import com.arangodb.ArangoDBException;
import com.arangodb.ArangoDatabase;
import dev.kcbundle.userstorage.ArangoStorageConfig;

/**
 * Connects once with a configuration and names what is wrong: unreachable host, rejected credentials, no access to
 * the database, or a missing database. It opens the configured database, not {@code _system} (a tenant's own
 * ArangoDB account has no access there); only reading the account's own user record after a 401
 * ({@link #credentialsAccepted}) and creating a missing database (only when the operator allows it) go through
 * {@code _system}, as ArangoDB's user and database APIs do.
 */
public final class ConnectionCheck {

    private final ArangoStorageConfig config;
    private final boolean createDatabase;

    public ConnectionCheck(ArangoStorageConfig config, boolean createDatabase) {
        this.config = config;
        this.createDatabase = createDatabase;
    }

    /** Null when ArangoDB answers, accepts the credentials and has the database (or created it, when allowed). */
    public String problem() {
        ArangoDB arango = ArangoClients.open(config);
        try {
            ArangoDatabase database = arango.db(config.database());
            try {
                database.getInfo();
                return null;
            } catch (ArangoDBException e) {
                if (databaseNotFound(e)) {
                    return createDatabase ? create(arango, database) : missingDatabase();
                }
                return describe(arango, e);
            }
        } finally {
            arango.shutdown();
        }
    }

    private String create(ArangoDB arango, ArangoDatabase database) {
        try {
            database.create();
            return null;
        } catch (ArangoDBException e) {
            Integer status = e.getResponseCode();
            if (status != null && (status == 401 || status == 403)) {
                return "Database \"" + config.database() + "\" does not exist and ArangoDB user \"" + config.user()
                        + "\" may not create it";
            }
            return describe(arango, e);
        }
    }

    private String missingDatabase() {
        return "Database \"" + config.database() + "\" does not exist in ArangoDB at " + config.hosts()
                + "; this Keycloak server does not create databases, ask its operator to create it";
    }

    private String describe(ArangoDB arango, ArangoDBException e) {
        Integer status = e.getResponseCode();
        if (status == null) {
            return "Cannot connect to ArangoDB at " + config.hosts() + (config.useTls() ? " (TLS)" : "")
                    + ": host unreachable or not speaking the ArangoDB HTTP API";
        }
        if (status == 403) {
            return noAccess();
        }
        if (status == 401) {
            Boolean accepted = credentialsAccepted(arango);
            if (Boolean.TRUE.equals(accepted)) {
                return noAccess();
            }
            return "ArangoDB at " + config.hosts() + " rejected user \"" + config.user() + "\": wrong user or password"
                    + (accepted == null ? ", or the user has no access to database \"" + config.database() + "\"" : "");
        }
        return "ArangoDB could not open database \"" + config.database() + "\": HTTP " + status + " "
                + e.getErrorMessage();
    }

    private String noAccess() {
        return "ArangoDB user \"" + config.user() + "\" has no access to database \"" + config.database() + "\"";
    }

    /**
     * Whether ArangoDB accepts the user and password at all: ArangoDB answers 401 alike for a wrong password and for a
     * database the user may not access, but lets every signed-in user read their own user record
     * ({@code /_api/user/<name>}) without database access. Null when that gives no clear answer.
     */
    private Boolean credentialsAccepted(ArangoDB arango) {
        try {
            arango.getUser(config.user());
            return true;
        } catch (ArangoDBException e) {
            Integer status = e.getResponseCode();
            return status != null && status == 401 ? false : null;
        }
    }

    private static boolean databaseNotFound(ArangoDBException e) {
        Integer errorNum = e.getErrorNum();
        return errorNum != null && errorNum == ArangoErrors.DATABASE_NOT_FOUND;
    }
}
