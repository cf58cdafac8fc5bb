package dev.kcbundle.it;

import dev.kcbundle.launcher.KeycloakCluster;
import dev.kcbundle.launcher.KeycloakDistribution;
import dev.kcbundle.launcher.LocalPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Assumptions;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.opentest4j.TestAbortedException;

/**
 * The two-node Keycloak cluster of the cluster suite ({@code *ClusterIT}), booted once per test run: a PostgreSQL of
 * its own ({@link LocalPostgres}), the same ArangoDB choice as the single-node suite (ARANGODB_HOSTS or the in-memory
 * stand-in), and two production-mode nodes built from a second unpacked distribution ({@value ClusterSuiteCondition#CLUSTER_HOME})
 * with the bundle and the acme realm (imported by node 1). Both nodes name node 1's URL as the public hostname, so
 * every token carries one issuer. Skipped (JUnit "aborted") on a machine without PostgreSQL binaries.
 */
public final class KeycloakClusterTestServer {

    private static final Logger LOG = Logger.getLogger(KeycloakClusterTestServer.class);
    public static final int NODES = 2;

    private static KeycloakClusterTestServer shared;
    private static RuntimeException bootFailure;

    private final KeycloakCluster cluster;
    private final KeycloakTestServer.ArangoConnection arango;
    private final String adminPassword;
    private final Map<Integer, Keycloak> admins = new HashMap<>();

    private KeycloakClusterTestServer(
            KeycloakCluster cluster, KeycloakTestServer.ArangoConnection arango, String adminPassword) {
        this.cluster = cluster;
        this.arango = arango;
        this.adminPassword = adminPassword;
    }

    /** The cluster of this test run; the first call boots it (or marks the caller skipped, see class comment). */
    public static synchronized KeycloakClusterTestServer shared() {
        if (bootFailure != null) {
            throw new IllegalStateException(
                    "The Keycloak cluster failed to start earlier in this test run", bootFailure);
        }
        if (shared == null) {
            try {
                shared = boot();
            } catch (TestAbortedException skipped) {
                throw skipped;
            } catch (RuntimeException e) {
                bootFailure = e;
                throw e;
            }
        }
        return shared;
    }

    /** Node {@code number}'s own address (1-based): where a test sends its requests. */
    public String nodeUrl(int number) {
        return cluster.node(number).baseUrl();
    }

    /** A realm's URL on node {@code number}. */
    public String realmUrl(int number, String realm) {
        return nodeUrl(number) + "/realms/" + realm;
    }

    /** The issuer in every token of {@code realm}, whichever node issued it: the public URL (node 1's). */
    public String issuer(String realm) {
        return cluster.publicUrl() + "/realms/" + realm;
    }

    /** An admin client of the master realm talking to node {@code number} only. */
    public synchronized Keycloak admin(int number) {
        return admins.computeIfAbsent(
                number,
                node -> KeycloakBuilder.builder()
                        .serverUrl(nodeUrl(node))
                        .realm("master")
                        .clientId("admin-cli")
                        .username(KeycloakTestServer.ADMIN_USER)
                        .password(adminPassword)
                        .build());
    }

    public KeycloakTestServer.ArangoConnection arango() {
        return arango;
    }

    /** Stops node {@code number} as an operator would (SIGTERM, graceful shutdown). */
    public void stopNode(int number) {
        cluster.node(number).close();
    }

    private static KeycloakClusterTestServer boot() {
        Assumptions.assumeTrue(
                LocalPostgres.findBinaries().isPresent(),
                "No PostgreSQL binaries in /usr/lib/postgresql/*/bin or on the PATH: the cluster tests are skipped "
                        + "(apt-get install postgresql; .ci/run does it)");
        Instant start = Instant.now();
        KeycloakDistribution distribution =
                new KeycloakDistribution(Path.of(System.getProperty(ClusterSuiteCondition.CLUSTER_HOME)));
        distribution.addProvider(Path.of(System.getProperty("bundle.jar")));
        distribution.addRealmImport(
                KeycloakTestServer.projectFile("realm-export.json"), KeycloakTestServer.REALM_TEMPLATE + "-realm.json");
        String adminPassword = UUID.randomUUID().toString();
        KeycloakTestServer.ArangoConnection arango = KeycloakTestServer.startArangoDb();
        KeycloakTestServer.TenantAccount acme = arango.tenantAccount(KeycloakTestServer.REALM_TEMPLATE);
        LocalPostgres postgres =
                LocalPostgres.start("keycloak", UUID.randomUUID().toString(), "keycloak");
        KeycloakCluster cluster;
        try {
            cluster = KeycloakCluster.start(
                    distribution,
                    Collections.nCopies(NODES, 0),
                    postgres,
                    List.of("--metrics-enabled=true"),
                    KeycloakTestServer.keycloakEnvironment(adminPassword, arango, acme),
                    distribution.home());
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cluster.close();
            postgres.close();
        }));
        LOG.infof(
                "Keycloak cluster of %d nodes up in %d s: %s and %s, public URL %s; logs in %s",
                NODES,
                Duration.between(start, Instant.now()).toSeconds(),
                cluster.node(1).baseUrl(),
                cluster.node(2).baseUrl(),
                cluster.publicUrl(),
                distribution.home());
        return new KeycloakClusterTestServer(cluster, arango, adminPassword);
    }
}
