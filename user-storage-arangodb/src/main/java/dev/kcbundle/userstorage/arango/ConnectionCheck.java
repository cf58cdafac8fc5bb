package dev.kcbundle.userstorage.arango;

import java.util.Objects;

import com.arangodb.ArangoDB;
import com.arangodb.ArangoDBException;
import com.arangodb.ArangoDatabase;
import dev.kcbundle.userstorage.arango.ArangoConnection.HostAndPort;
import org.jboss.logging.Logger;

/**
 * Connects to each host of a configuration in turn and names what is wrong there: an unknown host, a refused
 * connection, a TLS mismatch or untrusted certificate, no answer in time ({@link ConnectionFailure}), rejected
 * credentials, no access to the database, or a missing database. No wait lasts longer than {@link #TIMEOUT_MILLIS},
 * so saving the form answers within seconds. It opens the configured database, not {@code _system} (a tenant's own
 * ArangoDB account has no access there); only reading the account's own user record after a 401
 * ({@link #credentialsAccepted}) and creating a missing database (only when the operator allows it) go through
 * {@code _system}, as ArangoDB's user and database APIs do.
 */
public final class ConnectionCheck {

    private static final Logger LOG = Logger.getLogger(ConnectionCheck.class);

    /** Connect, TLS handshake and answer, each: a working ArangoDB answers in milliseconds. */
    static final int TIMEOUT_MILLIS = 3_000;

    private final ArangoConnection connection;
    private final boolean createDatabase;

    public ConnectionCheck(ArangoConnection connection, boolean createDatabase) {
        this.connection = connection;
        this.createDatabase = createDatabase;
    }

    /**
     * Null when the hosts answer, accept the credentials and have the database (or created it, when allowed). A
     * coordinator that is down (refused, no answer) while another one answers is no reason to refuse the settings:
     * the driver fails over to the others ({@code ArangoClients}); it is logged. Every other fault of any host (unknown
     * name, TLS mismatch, credentials, database) refuses them, as does no host answering at all.
     */
    public ConfigProblem problem() {
        ConfigProblem firstOutage = null;
        boolean oneAnswered = false;
        for (HostAndPort host : connection.hosts()) {
            ConfigProblem problem = problem(host);
            if (problem == null) {
                oneAnswered = true;
            } else if (ConnectionFailure.isOutage(problem)) {
                firstOutage = Objects.requireNonNullElse(firstOutage, problem);
            } else {
                return problem;
            }
        }
        if (oneAnswered && firstOutage != null) {
            LOG.warnf("Saving an ArangoDB federation although a coordinator is down: %s", firstOutage.english());
            return null;
        }
        return firstOutage;
    }

    private ConfigProblem problem(HostAndPort host) {
        ConfigProblem unknown = ConnectionFailure.unknownHost(host);
        if (unknown != null) {
            return unknown;
        }
        ArangoDB arango = ArangoClients.open(connection.withHost(host).withTimeout(TIMEOUT_MILLIS));
        try {
            ArangoDatabase database = arango.db(connection.database());
            try {
                database.getInfo();
                return null;
            } catch (ArangoDBException e) {
                if (databaseNotFound(e)) {
                    return createDatabase ? create(arango, database, host)
                            : ConfigProblem.of("arangodb-error-database-missing", connection.database(), host);
                }
                return describe(arango, host, e);
            }
        } finally {
            arango.shutdown();
        }
    }

    private ConfigProblem create(ArangoDB arango, ArangoDatabase database, HostAndPort host) {
        try {
            database.create();
            return null;
        } catch (ArangoDBException e) {
            Integer status = e.getResponseCode();
            if (status != null && (status == 401 || status == 403)) {
                return ConfigProblem.of("arangodb-error-database-not-creatable", connection.database(), host, connection.user());
            }
            return describe(arango, host, e);
        }
    }

    private ConfigProblem describe(ArangoDB arango, HostAndPort host, ArangoDBException e) {
        Integer status = e.getResponseCode();
        if (status == null) {
            return ConnectionFailure.describe(host, connection.useTls(), TIMEOUT_MILLIS, e);
        }
        if (status == 403) {
            return noAccess(host);
        }
        if (status == 401) {
            Boolean accepted = credentialsAccepted(arango);
            if (Boolean.TRUE.equals(accepted)) {
                return noAccess(host);
            }
            return accepted == null
                    ? ConfigProblem.of("arangodb-error-credentials-or-access", host, connection.user(), connection.database())
                    : ConfigProblem.of("arangodb-error-credentials", host, connection.user());
        }
        return ConfigProblem.of("arangodb-error-http", host, connection.database(), status,
                Objects.requireNonNullElse(e.getErrorMessage(), ""));
    }

    private ConfigProblem noAccess(HostAndPort host) {
        return ConfigProblem.of("arangodb-error-no-access", connection.user(), connection.database(), host);
    }

    /**
     * Whether ArangoDB accepts the user and password at all: ArangoDB answers 401 alike for a wrong password and for a
     * database the user may not access, but lets every signed-in user read their own user record
     * ({@code /_api/user/<name>}) without database access. Null when that gives no clear answer.
     */
    private Boolean credentialsAccepted(ArangoDB arango) {
        try {
            arango.getUser(connection.user());
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
