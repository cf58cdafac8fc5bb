package dev.kcbundle.userstorage.arango;

import com.arangodb.ArangoDB;
import com.arangodb.entity.LoadBalancingStrategy;
import dev.kcbundle.userstorage.document.DocumentMapping;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * One ArangoDB driver client per user federation component, shared by all Keycloak sessions. A client is replaced
 * when its component's configuration changes and closed when the component is updated or removed, or Keycloak stops.
 */
public final class ArangoClients implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ArangoClients.class);

    private final Map<String, ComponentClient> clients = new ConcurrentHashMap<>();
    private final boolean createDatabase;
    private final MeterRegistry registry;

    /**
     * {@code createDatabase}: whether a component's missing database is created on first use (operator option);
     * {@code registry}: where request metrics go (Keycloak's: {@code Metrics.globalRegistry}).
     */
    public ArangoClients(boolean createDatabase, MeterRegistry registry) {
        this.createDatabase = createDatabase;
        this.registry = registry;
    }

    /** The store of a WRITABLE component whose documents have the provider's own shape. */
    public ArangoUserStore store(String componentId, ArangoConnection connection, String realm, String component) {
        return store(componentId, connection, DocumentMapping.DEFAULT, true, realm, component);
    }

    /**
     * The store of a component, creating (or, after a config change, replacing) its client. {@code mapping} and
     * {@code writable} are the federation's ({@link UserSchema} prepares the collection by them); {@code realm} and
     * {@code component} (names) tag the component's request metrics and log lines ({@link ComponentMonitor}).
     */
    public ArangoUserStore store(
            String componentId,
            ArangoConnection connection,
            DocumentMapping mapping,
            boolean writable,
            String realm,
            String component) {
        ComponentClient client = clients.compute(componentId, (id, existing) -> {
            if (existing != null
                    && existing.connection.equals(connection)
                    && existing.mapping.equals(mapping)
                    && existing.writable == writable
                    && existing.monitor.names(realm, component)) {
                return existing;
            }
            if (existing != null) {
                existing.close();
            }
            LOG.debugf("ArangoDB client for component %s: %s", id, connection);
            return new ComponentClient(
                    connection,
                    mapping,
                    writable,
                    open(connection),
                    createDatabase,
                    new ComponentMonitor(registry, realm, component, connection.hosts()));
        });
        client.ensureSchema();
        return new ArangoUserStore(
                client.arango.db(connection.database()), connection.usersCollection(), mapping, client.monitor);
    }

    /** Closes the component's client (component updated or removed). */
    public void release(String componentId) {
        ComponentClient client = clients.remove(componentId);
        if (client != null) {
            client.close();
        }
    }

    @Override
    public void close() {
        clients.keySet().forEach(this::release);
    }

    /**
     * A new driver client, speaking the connection's protocol, for a connection; the caller closes it. Several
     * hosts (the coordinators of an ArangoDB cluster) share the requests in turn (round robin); a host that refuses
     * the connection or answers 503 is skipped and the request goes to the next one, so one coordinator going away costs no request. Only the
     * configured hosts are used (no host list acquired from the cluster): the operator's allowed hosts cover every
     * host a request can reach. Every wait ends after the connection's {@code timeoutMillis}: the driver's
     * {@code timeout} is the TCP connect timeout, the idle timeout of a connection (so also a TLS handshake nobody
     * answers) and the response timeout of a request.
     */
    public static ArangoDB open(ArangoConnection connection) {
        ArangoDB.Builder builder = new ArangoDB.Builder()
                .protocol(connection.protocol())
                .loadBalancingStrategy(LoadBalancingStrategy.ROUND_ROBIN)
                .acquireHostList(false)
                .useSsl(connection.useTls())
                .user(connection.user())
                .password(connection.password())
                .timeout(connection.timeoutMillis());
        connection.hosts().forEach(host -> builder.host(host.host(), host.port()));
        return builder.build();
    }

    private static final class ComponentClient {
        private final ArangoConnection connection;
        private final DocumentMapping mapping;
        private final boolean writable;
        private final ArangoDB arango;
        private final boolean createDatabase;
        private final ComponentMonitor monitor;
        private volatile boolean schemaReady;

        ComponentClient(
                ArangoConnection connection,
                DocumentMapping mapping,
                boolean writable,
                ArangoDB arango,
                boolean createDatabase,
                ComponentMonitor monitor) {
            this.connection = connection;
            this.mapping = mapping;
            this.writable = writable;
            this.arango = arango;
            this.createDatabase = createDatabase;
            this.monitor = monitor;
        }

        /** Made once per client; retried on the next use when ArangoDB was unreachable. */
        void ensureSchema() {
            if (schemaReady) {
                return;
            }
            synchronized (this) {
                if (!schemaReady) {
                    monitor.measure("prepare schema", () -> {
                        new UserSchema(arango, connection, createDatabase, mapping, writable).ensure();
                        return null;
                    });
                    schemaReady = true;
                }
            }
        }

        void close() {
            try {
                arango.shutdown();
            } catch (RuntimeException e) {
                LOG.debugf(e, "Closing the ArangoDB client of %s", connection.database());
            }
        }
    }
}
