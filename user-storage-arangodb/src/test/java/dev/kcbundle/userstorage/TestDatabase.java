package dev.kcbundle.userstorage;

import static dev.kcbundle.arangodb.testserver.ArangoTestServer.DRIVER_PROTOCOL;

import java.util.UUID;

import com.arangodb.ArangoDB;
import com.arangodb.ArangoDatabase;
import com.arangodb.Protocol;
import dev.kcbundle.arangodb.testserver.ArangoTestServer;
import dev.kcbundle.userstorage.arango.ArangoClients;
import dev.kcbundle.userstorage.arango.ArangoUserStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A fresh ArangoDB database for one storage test class: on a real ArangoDB when {@code ARANGODB_HOSTS} is set
 * ({@code ARANGODB_USER}, default root, and {@code ARANGODB_PASSWORD}), otherwise on the in-memory stand-in.
 * Gives the provider's store for a collection in it (made on first use, like the provider does) and the driver's view
 * of the database for looking at what was written; {@link #close()} drops the database.
 */
final class TestDatabase implements AutoCloseable {

    private final ArangoTestServer inMemory;
    private final String hosts;
    private final String user;
    private final String password;
    private final ArangoClients clients = new ArangoClients(true, new SimpleMeterRegistry()); // the test makes its own database on first use
    private final ArangoDB arango;
    private final ArangoDatabase database;

    private TestDatabase(String namePrefix) {
        String configuredHosts = System.getenv("ARANGODB_HOSTS");
        if (configuredHosts == null || configuredHosts.isBlank()) {
            password = UUID.randomUUID().toString();
            inMemory = ArangoTestServer.start(0, password);
            hosts = inMemory.hosts();
            user = "root";
        } else {
            inMemory = null;
            hosts = configuredHosts;
            user = System.getenv().getOrDefault("ARANGODB_USER", "root");
            password = System.getenv().getOrDefault("ARANGODB_PASSWORD", "");
        }
        String first = hosts.split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        arango = new ArangoDB.Builder().protocol(Protocol.HTTP_JSON)
                .host(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)))
                .user(user).password(password).build();
        database = arango.db(namePrefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
    }

    static TestDatabase create(String namePrefix) {
        return new TestDatabase(namePrefix);
    }

    /** The provider's store of {@code collection} in this database, as component {@code componentId} would use it. */
    ArangoUserStore store(String componentId, String collection) {
        return clients.store(componentId, ArangoStorageConfig.from(hosts, "false", DRIVER_PROTOCOL, user, password,
                database.name(), collection, "WRITABLE"), "test", componentId);
    }

    /** The database itself, through the driver, to look at or write documents behind the provider's back. */
    ArangoDatabase database() {
        return database;
    }

    @Override
    public void close() {
        if (database.exists()) {
            database.drop();
        }
        arango.shutdown();
        clients.close();
        if (inMemory != null) {
            inMemory.close();
        }
    }
}
