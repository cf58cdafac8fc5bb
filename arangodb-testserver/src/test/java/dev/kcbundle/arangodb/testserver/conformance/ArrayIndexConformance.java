package dev.kcbundle.arangodb.testserver.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.arangodb.ArangoCollection;
import com.arangodb.ArangoCursor;
import com.arangodb.entity.IndexEntity;
import com.arangodb.model.PersistentIndexOptions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Persistent array indexes ({@code field[*]}) and the {@code value IN doc.field[*]} lookups they serve, checked
 * against what a scan of the same collection finds.
 */
abstract class ArrayIndexConformance extends Conformance {

    ArrayIndexConformance(ConformanceSuite suite) {
        super(suite);
    }

    private static final String BY_TAG = "FOR d IN @@c FILTER @tag IN d.tags[*] SORT d._key RETURN d._key";

    @Test
    void anArrayIndexIsListedWithItsExpansionAndEnsuredIdempotently() {
        ArangoCollection c = newCollection();

        IndexEntity created = c.ensurePersistentIndex(List.of("tags[*]"), new PersistentIndexOptions().name("by_tag"));
        IndexEntity again = c.ensurePersistentIndex(List.of("tags[*]"), new PersistentIndexOptions().name("by_tag"));
        IndexEntity nested = c.ensurePersistentIndex(
                List.of("meta.codes[*]"),
                new PersistentIndexOptions().name("by_code").unique(true).sparse(true));

        assertThat(created.getIsNewlyCreated()).isTrue();
        assertThat(again.getIsNewlyCreated()).isFalse();
        assertThat(again.getId()).isEqualTo(created.getId());
        assertThat(nested.getIsNewlyCreated()).isTrue();
        assertThat(c.getIndexes())
                .anySatisfy(index -> {
                    assertThat(index.getName()).isEqualTo("by_tag");
                    assertThat(index.getFields()).containsExactly("tags[*]");
                    assertThat(index.getDeduplicate()).isTrue();
                    assertThat(index.getUnique()).isFalse();
                    assertThat(index.getSparse()).isFalse();
                })
                .anySatisfy(index -> {
                    assertThat(index.getName()).isEqualTo("by_code");
                    assertThat(index.getFields()).containsExactly("meta.codes[*]");
                    assertThat(index.getDeduplicate()).isTrue();
                    assertThat(index.getUnique()).isTrue();
                    assertThat(index.getSparse()).isTrue();
                });
    }

    @Test
    void eachElementFindsItsDocumentsOnceThroughTheIndexOnly() {
        ArangoCollection c = newCollection();
        ArangoCollection unindexed = newCollection();
        c.ensurePersistentIndex(List.of("tags[*]"), new PersistentIndexOptions());
        for (ArangoCollection each : List.of(c, unindexed)) {
            each.insertDocument(Map.of("_key", "a", "tags", List.of("red", "blue", "red")));
            each.insertDocument(Map.of("_key", "b", "tags", List.of("blue")));
            each.insertDocument(Map.of("_key", "c", "tags", "blue"));
            each.insertDocument(Map.of("_key", "d", "tags", Map.of("blue", true)));
            each.insertDocument(Map.of("_key", "e"));
            each.insertDocument(Map.of("_key", "f", "tags", List.of()));
        }

        ArangoCursor<String> blue = db.query(BY_TAG, String.class, Map.of("@c", c.name(), "tag", "blue"));
        ArangoCursor<String> red = db.query(BY_TAG, String.class, Map.of("@c", c.name(), "tag", "red"));

        assertThat(blue.asListRemaining()).containsExactly("a", "b");
        assertThat(blue.getStats().getScannedFull()).isZero();
        assertThat(blue.getStats().getScannedIndex()).isEqualTo(2L);
        assertThat(red.asListRemaining()).containsExactly("a");
        assertThat(red.getStats().getScannedIndex()).isEqualTo(1L);
        for (String tag : List.of("blue", "red", "green")) {
            ArangoCursor<String> scan = db.query(BY_TAG, String.class, Map.of("@c", unindexed.name(), "tag", tag));
            assertThat(indexed(c, tag)).as(tag).isEqualTo(scan.asListRemaining());
            assertThat(scan.getStats().getScannedFull()).isEqualTo(6L);
        }

        ArangoCursor<Long> count = db.query(
                "FOR d IN @@c FILTER @tag IN d.tags[*] COLLECT WITH COUNT INTO n RETURN n",
                Long.class,
                Map.of("@c", c.name(), "tag", "blue"));
        assertThat(count.asListRemaining()).containsExactly(2L);
        assertThat(count.getStats().getScannedFull()).isZero();
    }

    @Test
    void nullElementsAreIndexedEvenWhenSparse() {
        ArangoCollection c = newCollection();
        c.ensurePersistentIndex(List.of("tags[*]"), new PersistentIndexOptions().sparse(true));
        c.insertDocument(Map.of("_key", "a", "tags", Arrays.asList("x", null)));
        c.insertDocument(Map.of("_key", "b", "tags", List.of("x")));
        c.insertDocument(Map.of("_key", "c"));

        ArangoCursor<String> found = db.query(
                "FOR d IN @@c FILTER null IN d.tags[*] SORT d._key RETURN d._key",
                String.class,
                Map.of("@c", c.name()));

        assertThat(found.asListRemaining()).containsExactly("a");
        assertThat(found.getStats().getScannedFull()).isZero();
    }

    @Test
    void withoutTheExpansionTheArrayIndexAnswersTooButNeverAnEquality() {
        ArangoCollection c = newCollection();
        c.ensurePersistentIndex(List.of("tags[*]"), new PersistentIndexOptions());
        c.insertDocument(Map.of("_key", "a", "tags", List.of("x")));
        c.insertDocument(Map.of("_key", "b", "tags", List.of("y")));
        c.insertDocument(Map.of("_key", "c", "tags", "x"));

        ArangoCursor<String> withoutExpansion = db.query(
                "FOR d IN @@c FILTER @tag IN d.tags SORT d._key RETURN d._key",
                String.class,
                Map.of("@c", c.name(), "tag", "x"));
        ArangoCursor<String> equality = db.query(
                "FOR d IN @@c FILTER d.tags == @tag SORT d._key RETURN d._key",
                String.class,
                Map.of("@c", c.name(), "tag", "x"));

        assertThat(withoutExpansion.asListRemaining()).containsExactly("a");
        assertThat(withoutExpansion.getStats().getScannedFull()).isZero();
        assertThat(equality.asListRemaining()).containsExactly("c");
        assertThat(equality.getStats().getScannedFull()).isEqualTo(3L);
    }

    @Test
    void aPlainIndexOnTheArrayDoesNotAnswerIn() {
        ArangoCollection c = newCollection();
        c.ensurePersistentIndex(List.of("tags"), new PersistentIndexOptions());
        c.insertDocument(Map.of("_key", "a", "tags", List.of("x")));
        c.insertDocument(Map.of("_key", "b", "tags", List.of("y")));

        ArangoCursor<String> scannedIn = db.query(BY_TAG, String.class, Map.of("@c", c.name(), "tag", "x"));

        assertThat(scannedIn.asListRemaining()).containsExactly("a");
        assertThat(scannedIn.getStats().getScannedFull()).isEqualTo(2L);
    }

    @Test
    void eitherOfTwoElementsIsAnsweredByTheUnionOfTwoLookups() {
        ArangoCollection c = newCollection();
        c.ensurePersistentIndex(List.of("tags[*]"), new PersistentIndexOptions());
        c.insertDocument(Map.of("_key", "a", "tags", List.of("x", "y")));
        c.insertDocument(Map.of("_key", "b", "tags", List.of("y")));
        c.insertDocument(Map.of("_key", "c", "tags", List.of("z")));

        ArangoCursor<String> either = db.query(
                "FOR d IN @@c FILTER @t1 IN d.tags[*] OR @t2 IN d.tags[*] " + "SORT d._key RETURN d._key",
                String.class,
                Map.of("@c", c.name(), "t1", "x", "t2", "y"));

        assertThat(either.asListRemaining()).containsExactly("a", "b");
        assertThat(either.getStats().getScannedFull()).isZero();
        assertThat(either.getStats().getScannedIndex()).isPositive();

        ArangoCursor<String> partlyUnindexed = db.query(
                "FOR d IN @@c FILTER @t1 IN d.tags[*] OR d._rev == @rev " + "SORT d._key RETURN d._key",
                String.class,
                Map.of(
                        "@c",
                        c.name(),
                        "t1",
                        "x",
                        "rev",
                        c.getDocument("c", Map.class).get("_rev")));
        assertThat(partlyUnindexed.asListRemaining()).containsExactly("a", "c");
        assertThat(partlyUnindexed.getStats().getScannedFull()).isEqualTo(3L);
    }

    @Test
    void updatesReplacesAndRemovesKeepTheIndexRight() {
        ArangoCollection c = newCollection();
        c.ensurePersistentIndex(List.of("meta.tags[*]"), new PersistentIndexOptions());
        c.insertDocument(Map.of("_key", "a", "meta", Map.of("tags", List.of("old"))));
        c.insertDocument(Map.of("_key", "b", "meta", Map.of("tags", List.of("old", "kept"))));
        c.insertDocument(Map.of("_key", "c", "meta", Map.of("tags", List.of("kept"))));

        c.updateDocument("a", Map.of("meta", Map.of("tags", List.of("new"))));
        c.replaceDocument("b", Map.of("meta", Map.of("tags", List.of("kept"))));
        db.query(
                "FOR d IN @@c FILTER d._key == 'a' UPDATE d WITH {meta: {tags: ['newer']}} IN @@c",
                Void.class,
                Map.of("@c", c.name()));
        c.updateDocument("c", Map.of("meta", "no longer an object"));

        String nested = "FOR d IN @@c FILTER @tag IN d.meta.tags[*] SORT d._key RETURN d._key";
        assertThat(db.query(nested, String.class, Map.of("@c", c.name(), "tag", "old"))
                        .asListRemaining())
                .isEmpty();
        assertThat(db.query(nested, String.class, Map.of("@c", c.name(), "tag", "newer"))
                        .asListRemaining())
                .containsExactly("a");
        assertThat(db.query(nested, String.class, Map.of("@c", c.name(), "tag", "kept"))
                        .asListRemaining())
                .containsExactly("b");
        c.deleteDocument("b");
        ArangoCursor<String> kept = db.query(nested, String.class, Map.of("@c", c.name(), "tag", "kept"));
        assertThat(kept.asListRemaining()).isEmpty();
        assertThat(kept.getStats().getScannedFull()).isZero();
    }

    @Test
    void truncateAndFailedQueriesLeaveNoStaleEntries() {
        ArangoCollection c = newCollection();
        c.ensurePersistentIndex(List.of("tags[*]"), new PersistentIndexOptions());
        c.ensurePersistentIndex(
                List.of("code"), new PersistentIndexOptions().unique(true).sparse(true));
        c.insertDocument(Map.of("_key", "a", "tags", List.of("before"), "code", 1));
        c.insertDocument(Map.of("_key", "b", "tags", List.of("before")));

        expectError(
                409,
                1210,
                () -> db.query(
                        "FOR d IN @@c SORT d._key " + "UPDATE d WITH {tags: ['during'], code: 2} IN @@c",
                        Void.class,
                        Map.of("@c", c.name())));
        c.insertDocuments(List.of(
                Map.of("_key", "x", "tags", List.of("inserted")), Map.of("_key", "a", "tags", List.of("inserted"))));
        c.deleteDocument("x");

        assertThat(indexed(c, "before")).containsExactly("a", "b");
        assertThat(indexed(c, "during")).isEmpty();
        assertThat(indexed(c, "inserted")).isEmpty();

        c.truncate();
        assertThat(indexed(c, "before")).isEmpty();
        c.insertDocument(Map.of("_key", "c", "tags", List.of("before")));
        assertThat(indexed(c, "before")).containsExactly("c");
    }

    @Test
    void aUniqueArrayIndexRefusesAnElementAnotherDocumentHas() {
        ArangoCollection c = newCollection();
        c.ensurePersistentIndex(List.of("tags[*]"), new PersistentIndexOptions().unique(true));
        c.insertDocument(Map.of("_key", "a", "tags", List.of("one", "one", "two")));
        c.insertDocument(Map.of("_key", "b", "tags", List.of("three")));

        expectError(409, 1210, () -> c.insertDocument(Map.of("_key", "x", "tags", List.of("four", "two"))));
        expectError(409, 1210, () -> c.updateDocument("b", Map.of("tags", List.of("three", "one"))));
        c.updateDocument("a", Map.of("tags", List.of("two", "one")));

        assertThat(c.documentExists("x")).isFalse();
        assertThat(indexed(c, "four")).isEmpty();
        assertThat(indexed(c, "one")).containsExactly("a");
        assertThat(indexed(c, "three")).containsExactly("b");
    }

    private List<String> indexed(ArangoCollection c, String tag) {
        return db.query(BY_TAG, String.class, Map.of("@c", c.name(), "tag", tag))
                .asListRemaining();
    }
}
