package dev.kcbundle.userstorage;

import static dev.kcbundle.arangodb.testserver.ArangoTestServer.DRIVER_PROTOCOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arangodb.ArangoDB;
import com.arangodb.entity.Permissions;
import dev.kcbundle.arangodb.testserver.ArangoTestServer;
import dev.kcbundle.arangodb.testserver.FaultyServer;
import dev.kcbundle.userstorage.arango.ArangoClients;
import dev.kcbundle.userstorage.arango.ArangoConnection;
import dev.kcbundle.userstorage.arango.ArangoUnavailableException;
import dev.kcbundle.userstorage.arango.ConfigProblem;
import dev.kcbundle.userstorage.arango.ConnectionCheck;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What saving a component reports (in English, as the admin API answers without a locale) for each fault, against
 * the stand-in and ports that are not a working ArangoDB; that saving never creates a database, and first use does
 * only when the operator allows it.
 */
class ConnectionCheckTest {

    private static final String PASSWORD = UUID.randomUUID().toString();
    private static ArangoTestServer server;
    private static ArangoDB root;

    @BeforeAll
    static void start() {
        server = ArangoTestServer.start(0, PASSWORD);
        root = ArangoClients.open(config(uniqueName(), PASSWORD));
    }

    @AfterAll
    static void stop() {
        root.shutdown();
        server.close();
    }

    @Test
    void anExistingDatabaseIsFine() {
        String name = uniqueName();
        root.createDatabase(name);

        assertThat(new ConnectionCheck(config(name, PASSWORD), false).problem()).isNull();
    }

    @Test
    void aMissingDatabaseIsNamedUnlessTheOperatorAllowsCreatingItAndTheCheckNeverCreatesIt() {
        String name = uniqueName();

        assertThat(problem(config(name, PASSWORD)))
                .isEqualTo("Database \"" + name + "\" does not exist in ArangoDB at " + server.hosts()
                        + "; this Keycloak server does not create databases, ask its operator to create it.");
        assertThat(root.db(name).exists()).isFalse();

        assertThat(new ConnectionCheck(config(name, PASSWORD), true).problem()).isNull();
        assertThat(root.db(name).exists())
                .as("created on first use, not by the check")
                .isFalse();
    }

    @Test
    void rejectedCredentialsAreNamedWithoutThePassword() {
        String name = uniqueName();
        root.createDatabase(name);

        assertThat(problem(config(name, "not-the-password")))
                .isEqualTo("ArangoDB at " + server.hosts() + " rejected user \"root\": wrong user or password.");
    }

    @Test
    void anAccountWithoutPermissionOnTheDatabaseIsNamed() {
        String name = uniqueName();
        root.createDatabase(name);
        String user = "kc_" + name;
        root.createUser(user, "tenant-password");
        root.db(name).grantAccess(user, Permissions.NONE);

        assertThat(problem(ArangoStorageConfig.from(
                        server.hosts(), "false", DRIVER_PROTOCOL, user, "tenant-password", name, null, null)))
                .isEqualTo("ArangoDB user \"" + user + "\" has no access to database \"" + name + "\" at "
                        + server.hosts() + ", or that database does not exist.");
    }

    @Test
    void anUnknownHostIsNamed() {
        assertThat(problem(at("arangodb.invalid:8529", false)))
                .isEqualTo(
                        "Unknown host \"arangodb.invalid\" (arangodb.invalid:8529): the name does not resolve to an address. "
                                + "Check its spelling.");
    }

    @Test
    void aRefusedConnectionIsNamed() {
        assertThat(problem(at("127.0.0.1:1", false)))
                .isEqualTo("ArangoDB at 127.0.0.1:1 refused the connection: "
                        + "nothing listens on that port. Check the port and that ArangoDB is running.");
    }

    @Test
    void aServerThatNeverAnswersIsNamedAfterTheTimeout() throws UnknownHostException {
        try (FaultyServer silent = FaultyServer.silent(InetAddress.getLoopbackAddress())) {
            assertThat(problem(at(silent.hostAndPort(), false)))
                    .isEqualTo("ArangoDB at " + silent.hostAndPort() + " did not answer within 3 seconds.");
            assertThat(problem(at(silent.hostAndPort(), true)))
                    .isEqualTo("ArangoDB at " + silent.hostAndPort() + " did not answer within 3 seconds.");
        }
    }

    @Test
    void tlsAgainstAPlainHttpPortIsNamed() {
        assertThat(problem(at(server.hosts(), true)))
                .isEqualTo(
                        "TLS handshake with " + server.hosts()
                                + " failed: that port speaks plain HTTP. Turn off \"Use TLS\", or enter the TLS port of ArangoDB.");
    }

    @Test
    void plainHttpAgainstATlsPortIsNamed() {
        try (FaultyServer tls = FaultyServer.tlsOnly(InetAddress.getLoopbackAddress())) {
            assertThat(problem(at(tls.hostAndPort(), false)))
                    .isEqualTo(tls.hostAndPort() + " expects TLS (HTTPS): turn on \"Use TLS\".");
        }
    }

    @Test
    void anUntrustedCertificateIsNamed() {
        try (FaultyServer tls = FaultyServer.tlsOnly(InetAddress.getLoopbackAddress())) {
            assertThat(problem(at(tls.hostAndPort(), true)))
                    .isEqualTo("TLS handshake with " + tls.hostAndPort()
                            + " failed: the server certificate is not trusted by this Keycloak server or does not name the "
                            + "host. Ask the operator to add its CA to Keycloak's truststore.");
        }
    }

    @Test
    void aCoordinatorThatIsDownBesideOneThatAnswersDoesNotRefuseTheSettings() {
        String name = uniqueName();
        root.createDatabase(name);

        assertThat(problem(ArangoStorageConfig.from(
                        server.hosts() + ",127.0.0.1:1", "false", DRIVER_PROTOCOL, "root", PASSWORD, name, null, null)))
                .as("the driver fails over to the coordinator that answers")
                .isNull();
        assertThat(problem(ArangoStorageConfig.from(
                        "127.0.0.1:1,127.0.0.1:2", "false", DRIVER_PROTOCOL, "root", PASSWORD, name, null, null)))
                .as("no coordinator answers")
                .startsWith("ArangoDB at 127.0.0.1:1 refused the connection");
    }

    @Test
    void everyHostIsCheckedAndAMisconfiguredOneNamed() {
        String name = uniqueName();
        root.createDatabase(name);

        assertThat(problem(ArangoStorageConfig.from(
                        server.hosts() + ",arangodb.invalid:8529",
                        "false",
                        DRIVER_PROTOCOL,
                        "root",
                        PASSWORD,
                        name,
                        null,
                        null)))
                .startsWith("Unknown host \"arangodb.invalid\"");
    }

    @Test
    void firstUseCreatesAMissingDatabaseOnlyWhenAllowed() {
        String name = uniqueName();
        try (ArangoClients strict = new ArangoClients(false, new SimpleMeterRegistry())) {
            assertThatThrownBy(() -> strict.store("c1", config(name, PASSWORD), "test", "c1"))
                    .isInstanceOf(ArangoUnavailableException.class)
                    .hasMessageContaining("\"" + name + "\" does not exist");
        }
        assertThat(root.db(name).exists()).isFalse();

        try (ArangoClients creating = new ArangoClients(true, new SimpleMeterRegistry())) {
            creating.store("c2", config(name, PASSWORD), "test", "c2");
        }
        assertThat(root.db(name).collection("users").exists()).isTrue();
    }

    private static String problem(ArangoStorageConfig config) {
        return problem(config.connection());
    }

    private static String problem(ArangoConnection config) {
        ConfigProblem problem = new ConnectionCheck(config, false).problem();
        return problem == null ? null : problem.english();
    }

    private static ArangoConnection at(String hosts, boolean tls) {
        return ArangoStorageConfig.from(
                        hosts, Boolean.toString(tls), DRIVER_PROTOCOL, "root", PASSWORD, "acme", null, null)
                .connection();
    }

    private static ArangoConnection config(String database, String password) {
        return ArangoStorageConfig.from(
                        server.hosts(), "false", DRIVER_PROTOCOL, "root", password, database, null, null)
                .connection();
    }

    private static String uniqueName() {
        return "check_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
