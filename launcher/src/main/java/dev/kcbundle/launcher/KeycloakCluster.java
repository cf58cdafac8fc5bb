package dev.kcbundle.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Keycloak nodes in production mode on one machine, forming one Infinispan cluster: the distribution is built once
 * ({@code kc.sh build --db=postgres --cache=ispn ...}), then every node runs {@code kc.sh start --optimized} from it
 * with its own HTTP, management and cluster-transport ports and its own transaction log. They share one PostgreSQL,
 * through which they also find each other (Keycloak's default {@code jdbc-ping} stack), and one public URL
 * ({@code --hostname}, the first node's), so a token issued by any node names the same issuer and every node accepts
 * it. Node 1 imports the realms in {@code data/import}.
 */
public final class KeycloakCluster implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KeycloakCluster.class);
    /** Build options of every node; callers add their own (metrics, features) to {@link #start}'s list. */
    public static final List<String> BUILD_OPTIONS = List.of("--db=postgres", "--cache=ispn", "--health-enabled=true");

    private static final Duration CLUSTER_VIEW_TIMEOUT = Duration.ofSeconds(90);

    private final KeycloakDistribution distribution;
    private final List<RunningKeycloak> nodes = new ArrayList<>();

    /** One node's ports and options. */
    private record NodeSettings(
            int number,
            int httpPort,
            int managementPort,
            List<String> options,
            Map<String, String> environment,
            Path log) {}

    private KeycloakCluster(KeycloakDistribution distribution) {
        this.distribution = distribution;
    }

    /**
     * Builds the distribution and starts one node per HTTP port, one after the other, then waits until each reports a
     * cluster view of all of them.
     *
     * @param httpPorts    the nodes' HTTP ports, node 1's first; 0 takes a free port
     * @param buildOptions build options beyond {@link #BUILD_OPTIONS} (e.g. {@code --metrics-enabled=true})
     * @param environment  environment of every node (bootstrap admin, ArangoDB connection, SPI options); the
     *                     database credentials are added here, never on a command line
     * @param logDirectory where {@code kc-build.log} and {@code kc-node-<n>.log} go
     */
    public static KeycloakCluster start(
            KeycloakDistribution distribution,
            List<Integer> httpPorts,
            LocalPostgres database,
            List<String> buildOptions,
            Map<String, String> environment,
            Path logDirectory) {
        List<String> build = new ArrayList<>(BUILD_OPTIONS);
        build.addAll(buildOptions);
        distribution.build(build, logDirectory.resolve("kc-build.log"));

        Map<String, String> shared = new HashMap<>(environment);
        shared.put("KC_DB_URL", database.jdbcUrl());
        shared.put("KC_DB_USERNAME", database.user());
        shared.put("KC_DB_PASSWORD", database.password());
        List<NodeSettings> settings = new ArrayList<>();
        String publicUrl = null;
        for (int number = 1; number <= httpPorts.size(); number++) {
            int httpPort = httpPorts.get(number - 1) == 0 ? FreePort.next() : httpPorts.get(number - 1);
            if (publicUrl == null) {
                publicUrl = "http://localhost:" + httpPort;
            }
            List<String> options = new ArrayList<>(List.of(
                    "--hostname=" + publicUrl,
                    "--cache-embedded-network-bind-address=127.0.0.1",
                    "--cache-embedded-network-bind-port=" + FreePort.next()));
            if (number == 1) {
                options.add("--import-realm");
            }
            Map<String, String> nodeEnvironment = new HashMap<>(shared);
            nodeEnvironment.put(
                    "JAVA_OPTS_APPEND",
                    (System.getenv().getOrDefault("JAVA_OPTS_APPEND", "")
                                    + " -Dquarkus.transaction-manager.object-store.directory="
                                    + distribution.home().resolve("data/transaction-logs/node-" + number))
                            .trim());
            settings.add(new NodeSettings(
                    number,
                    httpPort,
                    FreePort.next(),
                    List.copyOf(options),
                    nodeEnvironment,
                    logDirectory.resolve("kc-node-" + number + ".log")));
        }
        KeycloakCluster cluster = new KeycloakCluster(distribution);
        try {
            settings.forEach(node -> cluster.nodes.add(cluster.startNode(node)));
            cluster.awaitClusterView(httpPorts.size());
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** Node {@code number} (1-based). */
    public RunningKeycloak node(int number) {
        return nodes.get(number - 1);
    }

    /** The URL every node puts into tokens and pages ({@code --hostname}): node 1's. */
    public String publicUrl() {
        return node(1).baseUrl();
    }

    private RunningKeycloak startNode(NodeSettings node) {
        LOG.infof("Starting Keycloak cluster node %d on port %d (log: %s)", node.number(), node.httpPort(), node.log());
        return distribution.startOptimized(
                node.httpPort(), node.managementPort(), node.options(), node.environment(), node.log());
    }

    /** Every node logs Infinispan's cluster view with {@code size} members (ISPN000094). */
    private void awaitClusterView(int size) {
        Pattern view = Pattern.compile("ISPN000094: .* \\(" + size + "\\) \\[");
        for (RunningKeycloak node : nodes) {
            LOG.infof("Cluster view of %s: %s", node.baseUrl(), node.awaitLogLine(view, CLUSTER_VIEW_TIMEOUT));
        }
    }

    @Override
    public void close() {
        nodes.forEach(RunningKeycloak::close);
    }
}
