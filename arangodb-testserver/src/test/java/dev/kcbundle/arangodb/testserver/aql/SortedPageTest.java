package dev.kcbundle.arangodb.testserver.aql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kcbundle.arangodb.testserver.store.AttributePath;
import dev.kcbundle.arangodb.testserver.store.Database;
import dev.kcbundle.arangodb.testserver.store.DocumentCollection;
import dev.kcbundle.arangodb.testserver.store.Json;
import dev.kcbundle.arangodb.testserver.store.PersistentIndex;
import dev.kcbundle.arangodb.testserver.store.Storage;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin console's sorted pages ({@code FOR u IN users FILTER @k IN u.lookupKeys[*] ... SORT u.usernameLower
 * LIMIT offset, count}) read the sort index in order and stop early when that pays, and give exactly the page a scan
 * of an unindexed copy gives, for dense, sparse, clustered and empty matches, both directions, ties included.
 */
class SortedPageTest {

    private static final int USERS = 2_000;

    private final QueryEngine engine = new QueryEngine();
    private Database database;

    @BeforeEach
    void fill() {
        database = new Storage().database(Storage.SYSTEM);
        DocumentCollection users = database.createCollection("users");
        users.addIndex(new PersistentIndex(1, "name", AttributePath.of("usernameLower"), true, false));
        users.addIndex(new PersistentIndex(2, "level", AttributePath.of("level"), false, false));
        users.addIndex(new PersistentIndex(3, "keys", AttributePath.of("lookupKeys[*]"), false, false));
        DocumentCollection scan = database.createCollection("scan");
        for (int i = 0; i < USERS; i++) {
            ObjectNode user = Json.object();
            user.put("_key", "k" + i);
            user.put("usernameLower", String.format("user%05d", (i * 7919) % USERS));
            user.put("level", i % 7);
            user.put("enabled", i % 3 != 0);
            var keys = user.putArray("lookupKeys").add("g:all");
            if (i % 2 == 0) {
                keys.add("g:half");
            }
            if (i % 50 == 0) {
                keys.add("g:fiftieth");
            }
            if ((i * 7919) % USERS >= USERS - 3) {
                keys.add("g:last-three");
            }
            users.insert(user, null);
            scan.insert(user, null);
        }
    }

    private QueryEngine.Result run(String query, String group) {
        ObjectNode vars = Json.object().put("k", group);
        return engine.execute(database, query, vars);
    }

    @Test
    void pagesEqualThoseOfAScanForEveryGroupOffsetAndOrder() {
        for (String group : List.of("g:all", "g:half", "g:fiftieth", "g:last-three", "g:nobody")) {
            for (String sort : List.of("u.usernameLower", "u.usernameLower DESC", "u.level", "u.level DESC")) {
                for (String limit : List.of("0, 20", "40, 20", "1990, 20", "5000, 20")) {
                    String query = "FOR u IN users FILTER @k IN u.lookupKeys[*] FILTER u.enabled != false SORT " + sort
                            + " LIMIT " + limit + " RETURN u._key";
                    List<JsonNode> page = run(query, group).values();
                    assertThat(page)
                            .as(query + " " + group)
                            .isEqualTo(run(query.replace(" IN users", " IN scan"), group)
                                    .values());
                }
            }
        }
    }

    @Test
    void aDenseGroupsFirstPageReadsOnlyTheIndexEntriesBeforeIt() {
        String query = "FOR u IN users FILTER @k IN u.lookupKeys[*] SORT u.usernameLower LIMIT 20, 20 RETURN u";

        QueryEngine.Result page = run(query, "g:all");

        assertThat(page.values())
                .extracting(user -> user.get("usernameLower").textValue())
                .containsExactly(java.util.stream.IntStream.range(20, 40)
                        .mapToObj(n -> String.format("user%05d", n))
                        .toArray(String[]::new));
        assertThat(page.extra().path("stats").path("scannedIndex").asLong()).isEqualTo(40);
        assertThat(page.extra().path("stats").path("scannedFull").asLong()).isZero();
    }

    @Test
    void aSmallGroupIsSortedFromItsCandidatesInstead() {
        String query = "FOR u IN users FILTER @k IN u.lookupKeys[*] SORT u.usernameLower LIMIT 0, 2 RETURN u._key";

        QueryEngine.Result page = run(query, "g:last-three");

        assertThat(page.values()).hasSize(2);
        assertThat(page.extra().path("stats").path("scannedIndex").asLong()).isEqualTo(3);
    }
}
