package dev.kcbundle.userstorage.arango;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.arangodb.ArangoDB;
import com.arangodb.Protocol;
import dev.kcbundle.userstorage.ArangoStorageConfig;
import org.jboss.logging.Logger;

/**
 * One ArangoDB driver client per user federation component, shared by all Keycloak sessions. A client is replaced
 * when its component's configuration changes and closed when the component is updated or removed, or Keycloak stops.
 */
public final class ArangoClients implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ArangoClients.class);
    private static final int REQUEST_TIMEOUT_MILLIS = 10_000;

    private final Map<String, ComponentClient> clients = new ConcurrentHashMap<>();
    private final boolean createDatabase;

    /** {@code createDatabase}: whether a component's missing database is created on first use (operator option). */
    public ArangoClients(boolean createDatabase) {
        this.createDatabase = createDatabase;
    }

    /** The store of a component, creating (or, after a config change, replacing) its client. */
    public ArangoUserStore store(String componentId, ArangoStorageConfig config) {
        ComponentClient client = clients.compute(componentId, (id, existing) -> {
            if (existing != null && existing.config.equals(config)) {
                return existing;
            }
            if (existing != null) {
                existing.close();
            }
            LOG.debugf("ArangoDB client for component %s: %s", id, config);
            return new ComponentClient(config, open(config), createDatabase);
        });
        client.ensureSchema();
        return new ArangoUserStore(client.arango.db(config.database()), config.usersCollection());
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

    /** A new driver client (HTTP/1.1 JSON) for a configuration; the caller closes it. */
    public static ArangoDB open(ArangoStorageConfig config) {
        return open(config, REQUEST_TIMEOUT_MILLIS);
    }

    /**
     * A new driver client whose every wait ends after {@code timeoutMillis}: the driver's {@code timeout} is the TCP
     * connect timeout, the idle timeout of a connection (so also a TLS handshake nobody answers) and the response
     * timeout of a request.
     */
    static ArangoDB open(ArangoStorageConfig config, int timeoutMillis) {
        ArangoDB.Builder builder = new ArangoDB.Builder()
                .protocol(Protocol.HTTP_JSON)
                .useSsl(config.useTls())
                .user(config.user())
                .password(config.password())
                .timeout(timeoutMillis);
        config.hosts().forEach(host -> builder.host(host.host(), host.port()));
        return builder.build();
    }

    private static final class ComponentClient {
        private final ArangoStorageConfig config;
        private final ArangoDB arango;
        private final boolean createDatabase;
        private volatile boolean schemaReady;

        ComponentClient(ArangoStorageConfig config, ArangoDB arango, boolean createDatabase) {
            this.config = config;
            this.arango = arango;
            this.createDatabase = createDatabase;
        }

        /** Made once per client; retried on the next use when ArangoDB was unreachable. */
        void ensureSchema() {
            if (schemaReady) {
                return;
            }
            synchronized (this) {
                if (!schemaReady) {
                    new UserSchema(arango, config, createDatabase).ensure();
                    schemaReady = true;
                }
            }
        }

        void close() {
            try {
                arango.shutdown();
            } catch (RuntimeException e) {
                LOG.debugf(e, "Closing the ArangoDB client of %s", config.database());
            }
        }
    }
}
