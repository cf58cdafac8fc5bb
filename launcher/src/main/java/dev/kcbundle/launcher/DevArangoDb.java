package dev.kcbundle.launcher;

import dev.kcbundle.arangodb.testserver.ArangoTarget;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The ArangoDB of the run command and the operator's admin credential for it: {@code ARANGODB_HOSTS} when set (it
 * must answer, or the run stops: a mistyped host must not silently lose data), otherwise the in-memory stand-in
 * (port 8529 when free), whose data is lost when the process stops.
 */
public final class DevArangoDb {

    private static final Logger LOG = Logger.getLogger(DevArangoDb.class);
    /** The bundle's operator option {@code allowed-hosts} (see user-storage-arangodb's README). */
    static final String ALLOWED_HOSTS_ENV = "KC_SPI_STORAGE__ARANGODB__ALLOWED_HOSTS";

    private DevArangoDb() {}

    /**
     * {@link ArangoTarget#from}, a stand-in on port 8529 when free; the caller closes it.
     *
     * @param env ARANGODB_HOSTS, ARANGODB_USER (default root), ARANGODB_PASSWORD
     * @throws IllegalStateException when ARANGODB_HOSTS is set and nothing answers at its first host
     */
    public static ArangoTarget open(Map<String, String> env) {
        ArangoTarget target = ArangoTarget.from(env, ArangoTarget.DEFAULT_PORT);
        if (target.isStandIn()) {
            LOG.warnf(
                    "ARANGODB_HOSTS is not set: started the IN-MEMORY ArangoDB stand-in on %s. Its data is lost "
                            + "when this process stops; set ARANGODB_HOSTS for a real server.",
                    target.hosts());
        } else if (!target.answers()) {
            throw new IllegalStateException("ARANGODB_HOSTS is set to '" + env.get(ArangoTarget.HOSTS_VARIABLE)
                    + "' but no ArangoDB answers at " + target.first() + ". Start that ArangoDB or correct "
                    + "ARANGODB_HOSTS (unset it to run with the in-memory stand-in, whose data is lost on exit).");
        }
        return target;
    }

    static String randomSecret() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The ArangoDB hosts the run command's Keycloak lets realm federations use: the operator's own
     * {@value #ALLOWED_HOSTS_ENV} when set, otherwise exactly the hosts of this ArangoDB (Keycloak's default allows only
     * port 8529 on loopback, so the acme realm's import would refuse a configured ArangoDB on another machine, and the
     * in-memory stand-in when it had to take a free port).
     */
    public static String allowedHosts(ArangoTarget arango, Map<String, String> env) {
        String configured = env.get(ALLOWED_HOSTS_ENV);
        return configured == null || configured.isBlank() ? arango.hosts() : configured;
    }
}
