package dev.kcbundle.arangodb.testserver.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.arangodb.ArangoCollection;
import com.arangodb.ArangoCursor;
import com.arangodb.model.AqlQueryOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cursors: batches, count, index-served equality and sorted pages, closing. */
abstract class CursorConformance extends Conformance {

    CursorConformance(ConformanceSuite suite) {
        super(suite);
    }

    private String users;

    @BeforeAll
    void fill() {
        ArangoCollection c = newUsersCollection();
        users = c.name();
        for (int i = 0; i < 25; i++) {
            c.insertDocument(Map.of("_key", "u" + i, "usernameLower", "user" + i, "n", i, "even", i % 2 == 0));
        }
    }

    @Test
    void findsOneByIndexedAttributeWithBindParameters() {
        ArangoCursor<Map> cursor = db.query(
                "FOR u IN @@c FILTER u.usernameLower == @v LIMIT 1 RETURN u",
                Map.class,
                Map.of("@c", users, "v", "user7"));
        List<Map> found = cursor.asListRemaining();
        assertThat(found).hasSize(1);
        assertThat(found.get(0)).containsEntry("_key", "u7");
    }

    @Test
    void servesSeveralBatchesWithCount() {
        ArangoCursor<Map> cursor = db.query(
                "FOR u IN @@c SORT u.n RETURN u",
                Map.class,
                Map.of("@c", users),
                new AqlQueryOptions().batchSize(10).count(true));
        assertThat(cursor.getCount()).isEqualTo(25);
        assertThat(cursor.getId()).isNotNull();
        List<Integer> seen = new ArrayList<>();
        cursor.forEach(u -> seen.add(((Number) u.get("n")).intValue()));
        assertThat(seen).hasSize(25).isSorted();
    }

    @Test
    void sortWithASmallLimitPagesCorrectly() {
        ArangoCursor<Object> cursor = db.query(
                "FOR u IN @@c SORT u.n DESC LIMIT @offset, @count RETURN u.n",
                Object.class,
                Map.of("@c", users, "offset", 2, "count", 3));
        assertThat(cursor.asListRemaining()).isEqualTo(List.of(22, 21, 20));
        List<Object> evenFirst = db.query(
                        "FOR u IN @@c SORT u.even DESC, u.n LIMIT 3 RETURN u.n", Object.class, Map.of("@c", users))
                .asListRemaining();
        assertThat(evenFirst).isEqualTo(List.of(0, 2, 4));
    }

    @Test
    void sortOnAnIndexedAttributeWithLimitReadsTheIndexInOrder() {
        for (String direction : List.of("ASC", "DESC")) {
            ArangoCursor<Object> indexed = db.query(
                    "FOR u IN @@c SORT u.usernameLower " + direction + " LIMIT 3, 4 RETURN u.usernameLower",
                    Object.class,
                    Map.of("@c", users));
            List<Object> fromIndex = indexed.asListRemaining();
            List<Object> scanned = db.query(
                            "FOR u IN @@c FILTER true SORT u.usernameLower " + direction
                                    + " LIMIT 3, 4 RETURN u.usernameLower",
                            Object.class,
                            Map.of("@c", users))
                    .asListRemaining();
            assertThat(fromIndex).hasSize(4).isEqualTo(scanned);
            assertThat(indexed.getStats().getScannedFull()).isZero();
        }
        assertThat(db.query(
                                "FOR u IN @@c SORT u.usernameLower LIMIT 2 RETURN u.usernameLower",
                                Object.class,
                                Map.of("@c", users))
                        .asListRemaining())
                .isEqualTo(List.of("user0", "user1"));
        assertThat(db.query(
                                "FOR u IN @@c SORT u.usernameLower DESC LIMIT 2 RETURN u.usernameLower",
                                Object.class,
                                Map.of("@c", users))
                        .asListRemaining())
                .isEqualTo(List.of("user9", "user8"));
    }

    @Test
    void indexedEqualityDoesNotScanTheCollection() {
        ArangoCursor<Map> indexed = db.query(
                "FOR u IN @@c FILTER u.usernameLower == @v RETURN u", Map.class, Map.of("@c", users, "v", "user3"));
        assertThat(indexed.asListRemaining()).hasSize(1);
        assertThat(indexed.getStats().getScannedFull()).isZero();
        assertThat(indexed.getStats().getScannedIndex()).isPositive();

        ArangoCursor<Map> scanned = db.query("FOR u IN @@c FILTER u.n == 3 RETURN u", Map.class, Map.of("@c", users));
        assertThat(scanned.asListRemaining()).hasSize(1);
        assertThat(scanned.getStats().getScannedFull()).isEqualTo(25L);
    }

    @Test
    void withoutCountTheCountIsAbsentAndSmallResultsNeedNoCursorId() {
        ArangoCursor<Map> cursor = db.query("FOR u IN @@c LIMIT 3 RETURN u", Map.class, Map.of("@c", users));
        assertThat(cursor.getCount()).isNull();
        assertThat(cursor.getId()).isNull();
        assertThat(cursor.asListRemaining()).hasSize(3);
    }
}
