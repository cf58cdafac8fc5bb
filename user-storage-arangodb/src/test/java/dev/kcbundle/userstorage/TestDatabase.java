package dev.kcbundle.userstorage;

import static dev.kcbundle.arangodb.testserver.ArangoTestServer.DRIVER_PROTOCOL;

import com.arangodb.ArangoDB;
import com.arangodb.ArangoDatabase;
import dev.kcbundle.arangodb.testserver.ArangoTarget;
import dev.kcbundle.userstorage.arango.ArangoClients;
import dev.kcbundle.userstorage.arango.ArangoConnection;
import dev.kcbundle.userstorage.arango.ArangoUserStore;
import dev.kcbundle.userstorage.document.DocumentMapping;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.UUID;

/**
 * A fresh ArangoDB database for one storage test class: on a real ArangoDB when {@code ARANGODB_HOSTS} is set
 * ({@code ARANGODB_USER}, default root, and {@code ARANGODB_PASSWORD}), otherwise on the in-memory stand-in.
 * Gives the provider's store for a collection in it (made on first use, like the provider does) and the driver's view
 * of the database for looking at what was written; {@link #close()} drops the database.
 */
final class TestDatabase implements AutoCloseable {

    private final ArangoTarget target = ArangoTarget.fromEnvironment();
    private final ArangoClients clients =
            new ArangoClients(true, new SimpleMeterRegistry()); // the test makes its own database on first use
    private final ArangoDB arango = target.driver();
    private final ArangoDatabase database;

    private TestDatabase(String namePrefix) {
        database = arango.db(
                namePrefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
    }

    static TestDatabase create(String namePrefix) {
        return new TestDatabase(namePrefix);
    }

    /** The provider's store of {@code collection} in this database, as component {@code componentId} would use it. */
    ArangoUserStore store(String componentId, String collection) {
        return clients.store(componentId, connection(collection), "test", componentId);
    }

    /** The store of a federation reading {@code collection} through {@code mapping}, WRITABLE or READ_ONLY. */
    ArangoUserStore store(String componentId, String collection, DocumentMapping mapping, boolean writable) {
        return clients.store(componentId, connection(collection), mapping, writable, "test", componentId);
    }

    /** How a federation reaches {@code collection} in this database. */
    ArangoConnection connection(String collection) {
        return ArangoStorageConfig.from(
                        target.hosts(),
                        "false",
                        DRIVER_PROTOCOL,
                        target.user(),
                        target.password(),
                        database.name(),
                        collection,
                        "WRITABLE")
                .connection();
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
        target.close();
    }
}
