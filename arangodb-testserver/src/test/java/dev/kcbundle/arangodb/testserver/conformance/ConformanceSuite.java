package dev.kcbundle.arangodb.testserver.conformance;

import com.arangodb.ArangoDB;
import com.arangodb.ArangoDatabase;
import dev.kcbundle.arangodb.testserver.ArangoTarget;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * The conformance suite: everything of ArangoDB 3.12 that the product (the user storage provider, the launcher's
 * tenant provisioning, the benchmark's seeder, the bulk import) and the official Java driver rely on, checked through
 * the driver's public API (HTTP/1.1 JSON) in one fresh database that is dropped afterwards. Runs unchanged against
 * each target: {@link InMemoryConformanceTest} (the stand-in, always) and {@link RealArangoDbConformanceTest} (a real
 * ArangoDB named by {@code ARANGODB_HOSTS}, skipped without it). A feature of the stand-in without a check here does
 * not belong in it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConformanceSuite {

    ArangoTarget target;
    ArangoDB arango;
    ArangoDatabase db;

    /** The ArangoDB to check (started if needed); closed after the suite. */
    protected abstract ArangoTarget startTarget();

    @BeforeAll
    void connect() {
        target = startTarget();
        arango = target.driver();
        String name =
                "conformance_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        arango.createDatabase(name);
        db = arango.db(name);
    }

    @AfterAll
    void disconnect() {
        if (target == null) {
            return;
        }
        try {
            if (db != null && db.exists()) {
                db.drop();
            }
        } finally {
            arango.shutdown();
            target.close();
        }
    }

    @Nested
    class ServerAndDatabases extends ServerAndDatabaseConformance {
        ServerAndDatabases() {
            super(ConformanceSuite.this);
        }
    }

    @Nested
    class Users extends UserPermissionConformance {
        Users() {
            super(ConformanceSuite.this);
        }
    }

    @Nested
    class Documents extends DocumentConformance {
        Documents() {
            super(ConformanceSuite.this);
        }
    }

    @Nested
    class BulkDocuments extends BulkConformance {
        BulkDocuments() {
            super(ConformanceSuite.this);
        }
    }

    @Nested
    class ArrayIndexes extends ArrayIndexConformance {
        ArrayIndexes() {
            super(ConformanceSuite.this);
        }
    }

    @Nested
    class Aql extends AqlConformance {
        Aql() {
            super(ConformanceSuite.this);
        }
    }

    @Nested
    class Cursors extends CursorConformance {
        Cursors() {
            super(ConformanceSuite.this);
        }
    }

    @Nested
    class ProviderQueries extends ProviderQueriesConformance {
        ProviderQueries() {
            super(ConformanceSuite.this);
        }
    }

    @Nested
    class ProviderArrayIndexQueries extends ProviderArrayIndexQueriesConformance {
        ProviderArrayIndexQueries() {
            super(ConformanceSuite.this);
        }
    }

    @Nested
    class Concurrency extends ConcurrencyConformance {
        Concurrency() {
            super(ConformanceSuite.this);
        }
    }
}
