package dev.kcbundle.arangodb.testserver.conformance;

import com.arangodb.ArangoCollection;
import com.arangodb.ArangoDB;
import com.arangodb.ArangoDBException;
import com.arangodb.ArangoDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** One target and one fresh database per test class, dropped afterwards. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConformanceTestBase {

    protected ConformanceTarget target;
    protected ArangoDB arango;
    protected ArangoDatabase db;

    @BeforeAll
    void connect() {
        target = ConformanceTarget.start();
        arango = target.connect();
        String name = "conformance_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        arango.createDatabase(name);
        db = arango.db(name);
    }

    @AfterAll
    void disconnect() {
        try {
            if (db != null && db.exists()) {
                db.drop();
            }
        } finally {
            arango.shutdown();
            target.close();
        }
    }

    protected static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** A new, empty document collection of this class's database. */
    protected ArangoCollection newCollection() {
        String name = unique("c");
        db.createCollection(name);
        return db.collection(name);
    }

    /** Runs {@code call}, expects ArangoDB's error with this HTTP status and errorNum, returns it. */
    protected static ArangoDBException expectError(int status, int errorNum, Executable call) {
        ArangoDBException e = assertThrows(ArangoDBException.class, call);
        assertThat(e.getResponseCode()).as("HTTP status of %s", e.getMessage()).isEqualTo(status);
        assertThat(e.getErrorNum()).as("errorNum of %s", e.getMessage()).isEqualTo(errorNum);
        return e;
    }
}
