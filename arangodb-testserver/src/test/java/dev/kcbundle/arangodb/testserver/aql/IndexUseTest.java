package dev.kcbundle.arangodb.testserver.aql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcbundle.arangodb.testserver.store.ArangoError;
import dev.kcbundle.arangodb.testserver.store.AttributePath;
import dev.kcbundle.arangodb.testserver.store.Database;
import dev.kcbundle.arangodb.testserver.store.DocumentCollection;
import dev.kcbundle.arangodb.testserver.store.Json;
import dev.kcbundle.arangodb.testserver.store.PersistentIndex;
import dev.kcbundle.arangodb.testserver.store.Storage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Index-answered FILTERs and SORTs give exactly what a full scan of an unindexed copy ({@code scan}) gives, also after
 * writes and rollbacks.
 */
class IndexUseTest {

    private final QueryEngine engine = new QueryEngine();
    private Database database;
    private DocumentCollection users;
    private DocumentCollection scan;

    @BeforeEach
    void fill() {
        database = new Storage().database(Storage.SYSTEM);
        users = database.createCollection("users");
        users.addIndex(new PersistentIndex(1, "byName", AttributePath.of("name"), false, false));
        users.addIndex(new PersistentIndex(2, "byMail", AttributePath.of("mail"), true, true));
        String[] names = {
            "\"bob\"",
            "\"Alice\"",
            "null",
            "3",
            "\"alice\"",
            "\"Émile\"",
            "\"emil\"",
            "[1]",
            "true",
            "\"zed\"",
            "1.5",
            "\"Bob\""
        };
        for (int i = 0; i < names.length; i++) {
            String mail = i % 3 == 0 ? "" : ", \"mail\": \"m" + i + "@example.org\"";
            users.insert(json("{\"_key\": \"k" + i + "\", \"name\": " + names[i] + mail + "}"), null);
        }
        users.insert(json("{\"_key\": \"noName\"}"), null);
        scan = database.createCollection("scan");
        users.all().forEach(document -> scan.insert(document, null));
    }

    private static JsonNode json(String text) {
        return Json.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private List<JsonNode> run(String query) {
        return engine.execute(database, query, null).values();
    }

    /** The query over {@code users} (indexed) and over {@code scan} (no index) gives the same. */
    private void assertSameAsScan(String query) {
        assertThat(run(query)).as(query).isEqualTo(run(query.replace(" IN users", " IN scan")));
    }

    /** A write applied to both collections. */
    private void write(String query) {
        run(query);
        run(query.replace(" IN users", " IN scan"));
    }

    private void assertIndexAgreesWithScan() {
        for (String order : List.of("ASC", "DESC")) {
            for (String limit : List.of("LIMIT 5", "LIMIT 2, 6", "LIMIT 0, 100")) {
                assertSameAsScan("FOR u IN users SORT u.name " + order + " " + limit + " RETURN u._key");
                assertSameAsScan(
                        "FOR u IN users FILTER u.mail != null SORT u.name " + order + " " + limit + " RETURN u._key");
            }
        }
        for (String value : List.of("'alice'", "'Alice'", "null", "3", "1.5", "[1]", "true", "'nobody'")) {
            assertSameAsScan("FOR u IN users FILTER u.name == " + value + " SORT u._key RETURN u._key");
        }
        assertSameAsScan("FOR u IN users FILTER u.mail == null SORT u._key RETURN u._key");
    }

    @Test
    void sortAndEqualityThroughIndexesMatchAScan() {
        assertThat(run("FOR u IN users SORT u.name LIMIT 4 RETURN u._key"))
                .extracting(JsonNode::textValue)
                .containsExactly("k2", "noName", "k8", "k10");
        assertIndexAgreesWithScan();
    }

    @Test
    void indexesFollowWritesAndRollbacks() {
        write("FOR u IN users FILTER u._key == 'k0' UPDATE u WITH {name: 'aaa'} IN users");
        for (DocumentCollection collection : List.of(users, scan)) {
            collection.remove("k1", null);
            collection.insert(json("{\"_key\": \"new\", \"name\": \"Bob\"}"), null);
        }
        assertIndexAgreesWithScan();
        assertThatThrownBy(() -> run("FOR u IN users FILTER u._key IN ['k3', 'k4'] "
                        + "UPDATE u WITH {name: 'changed', mail: 'same@example.org'} IN users"))
                .isInstanceOf(ArangoError.class);
        assertThat(run("FOR u IN users FILTER u.name == 'changed' RETURN u")).isEmpty();
        assertIndexAgreesWithScan();
    }
}
