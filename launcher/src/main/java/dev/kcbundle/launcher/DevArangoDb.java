package dev.kcbundle.launcher;

import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import dev.kcbundle.arangodb.testserver.ArangoTestServer;
import org.jboss.logging.Logger;

/**
 * The ArangoDB of the run command and the operator's admin credential for it: {@code ARANGODB_HOSTS} when set (it
 * must answer, or the run stops: a mistyped host must not silently lose data), otherwise the in-memory stand-in
 * (port 8529 when free), whose data is lost when the process stops.
 */
public final class DevArangoDb implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DevArangoDb.class);
    private static final int DEFAULT_PORT = 8529;
    /** The bundle's operator option {@code allowed-hosts} (see user-storage-arangodb's README). */
    static final String ALLOWED_HOSTS_ENV = "KC_SPI_STORAGE__ARANGODB__ALLOWED_HOSTS";

    private final String hosts;
    private final String adminUser;
    private final String adminPassword;
    private final ArangoTestServer inMemory;

    private DevArangoDb(String hosts, String adminUser, String adminPassword, ArangoTestServer inMemory) {
        this.hosts = hosts;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
        this.inMemory = inMemory;
    }

    /**
     * @param env ARANGODB_HOSTS, ARANGODB_USER (default root), ARANGODB_PASSWORD
     * @throws IllegalStateException when ARANGODB_HOSTS is set and nothing answers at its first host
     */
    public static DevArangoDb open(Map<String, String> env) {
        String hosts = env.get("ARANGODB_HOSTS");
        String password = env.get("ARANGODB_PASSWORD");
        if (hosts == null || hosts.isBlank()) {
            String rootPassword = password == null || password.isEmpty() ? randomSecret() : password;
            ArangoTestServer server = startInMemory(rootPassword);
            LOG.warnf("ARANGODB_HOSTS is not set: started the IN-MEMORY ArangoDB stand-in on %s. "
                    + "Its data is lost when this process stops; set ARANGODB_HOSTS for a real server.", server.hosts());
            return new DevArangoDb(server.hosts(), "root", rootPassword, server);
        }
        ArangoEndpoint endpoint = ArangoEndpoint.firstOf(hosts);
        if (!endpoint.answers()) {
            throw new IllegalStateException("ARANGODB_HOSTS is set to '" + hosts + "' but no ArangoDB answers at "
                    + endpoint.host() + ":" + endpoint.port() + ". Start that ArangoDB or correct ARANGODB_HOSTS "
                    + "(unset it to run with the in-memory stand-in, whose data is lost on exit).");
        }
        String user = env.get("ARANGODB_USER");
        return new DevArangoDb(hosts, user == null || user.isBlank() ? "root" : user,
                password == null ? "" : password, null);
    }

    private static ArangoTestServer startInMemory(String rootPassword) {
        try {
            return ArangoTestServer.start(DEFAULT_PORT, rootPassword);
        } catch (UncheckedIOException portTaken) {
            return ArangoTestServer.start(0, rootPassword);
        }
    }

    static String randomSecret() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String hosts() {
        return hosts;
    }

    /**
     * The ArangoDB hosts the run command's Keycloak lets realm federations use: the operator's own
     * {@value #ALLOWED_HOSTS_ENV} when set, otherwise exactly the hosts of this ArangoDB (Keycloak's default allows only
     * port 8529 on loopback, so the acme realm's import would refuse a configured ArangoDB on another machine, and the
     * in-memory stand-in when it had to take a free port).
     */
    public String allowedHosts(Map<String, String> env) {
        String configured = env.get(ALLOWED_HOSTS_ENV);
        return configured == null || configured.isBlank() ? hosts : configured;
    }

    public String adminUser() {
        return adminUser;
    }

    public String adminPassword() {
        return adminPassword;
    }

    /** Whether this is the in-memory stand-in started by {@link #open}. */
    public boolean isInMemory() {
        return inMemory != null;
    }

    @Override
    public void close() {
        if (inMemory != null) {
            inMemory.close();
        }
    }
}
