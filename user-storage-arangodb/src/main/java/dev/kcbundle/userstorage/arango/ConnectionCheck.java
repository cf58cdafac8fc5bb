package dev.kcbundle.userstorage.arango;

import com.arangodb.ArangoDB;
import com.arangodb.ArangoDBException;
import dev.kcbundle.userstorage.arango.ArangoConnection.HostAndPort;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Connects to each host of a configuration in turn and names what is wrong there ({@link ArangoErrors#problem}): an
 * unknown host, a refused connection, a TLS mismatch or untrusted certificate, no answer in time, rejected
 * credentials, no access to the database, or a missing database. No wait lasts longer than {@link #TIMEOUT_MILLIS},
 * so saving the form answers within seconds. It only checks, it never creates anything: a missing database is no
 * problem when the operator lets this server create databases, and is created on first use ({@link UserSchema}). It
 * opens the configured database, not {@code _system} (a tenant's own ArangoDB account has no access there); only
 * reading the account's own user record after a 401 ({@link #credentialsAccepted}) goes through {@code _system}, as
 * ArangoDB's user API does.
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
     * Null when the hosts answer, accept the credentials and have the database (or may create it on first use). A
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
            } else if (ArangoErrors.isOutage(problem)) {
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
        ConfigProblem unknown = ArangoErrors.unknownHost(host);
        if (unknown != null) {
            return unknown;
        }
        ArangoDB arango = ArangoClients.open(connection.withHost(host).withTimeout(TIMEOUT_MILLIS));
        try {
            arango.db(connection.database()).getInfo();
            return null;
        } catch (ArangoDBException e) {
            if (createDatabase && ArangoErrors.isDatabaseNotFound(e)) {
                LOG.infof(
                        "ArangoDB database %s does not exist at %s yet: it is created on first use",
                        connection.database(), host);
                return null;
            }
            return ArangoErrors.problem(connection, host, TIMEOUT_MILLIS, e, () -> credentialsAccepted(arango));
        } finally {
            arango.shutdown();
        }
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
}
