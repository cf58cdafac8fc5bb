package dev.kcbundle.arangodb.testserver.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.arangodb.ArangoCollection;
import com.arangodb.ArangoDB;
import com.arangodb.ArangoDBException;
import com.arangodb.ArangoDatabase;
import com.arangodb.model.PersistentIndexOptions;
import dev.kcbundle.arangodb.testserver.ArangoTarget;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

/**
 * One group of checks of the {@link ConformanceSuite}, run as its {@code @Nested} class: the suite's target,
 * connection and database (one per suite run, dropped afterwards), and helpers. Uses only the driver's public API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class Conformance {

    protected final ArangoTarget target;
    protected final ArangoDB arango;
    protected final ArangoDatabase db;

    Conformance(ConformanceSuite suite) {
        this.target = suite.target;
        this.arango = suite.arango;
        this.db = suite.db;
    }

    protected static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** A new, empty document collection of the suite's database. */
    protected ArangoCollection newCollection() {
        String name = unique("c");
        db.createCollection(name);
        return db.collection(name);
    }

    /**
     * A new collection indexed like the provider's users: unique {@code usernameLower}, sparse unique
     * {@code emailLower}.
     */
    protected ArangoCollection newUsersCollection() {
        ArangoCollection users = newCollection();
        users.ensurePersistentIndex(List.of("usernameLower"), new PersistentIndexOptions().unique(true));
        users.ensurePersistentIndex(
                List.of("emailLower"), new PersistentIndexOptions().unique(true).sparse(true));
        return users;
    }

    /** Runs {@code call}, expects ArangoDB's error with this HTTP status and errorNum, returns it. */
    protected static ArangoDBException expectError(int status, int errorNum, Executable call) {
        ArangoDBException e = assertThrows(ArangoDBException.class, call);
        assertThat(e.getResponseCode()).as("HTTP status of %s", e.getMessage()).isEqualTo(status);
        assertThat(e.getErrorNum()).as("errorNum of %s", e.getMessage()).isEqualTo(errorNum);
        return e;
    }
}
