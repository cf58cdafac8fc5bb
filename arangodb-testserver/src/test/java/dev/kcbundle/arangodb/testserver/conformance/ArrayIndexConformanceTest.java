package dev.kcbundle.arangodb.testserver.conformance;

import com.arangodb.ArangoCollection;
import com.arangodb.ArangoCursor;
import com.arangodb.entity.IndexEntity;
import com.arangodb.model.PersistentIndexOptions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Persistent array indexes ({@code field[*]}) and the {@code value IN doc.field[*]} lookups they serve. */
class ArrayIndexConformanceTest extends ConformanceTestBase {

    private static final String BY_TAG = "FOR d IN @@c FILTER @tag IN d.tags[*] SORT d._key RETURN d._key";

    @Test
    void anArrayIndexIsListedWithItsExpansionAndEnsuredIdempotently() {
        ArangoCollection c = newCollection();

        IndexEntity created = c.ensurePersistentIndex(List.of("tags[*]"), new PersistentIndexOptions().name("by_tag"));
        IndexEntity again = c.ensurePersistentIndex(List.of("tags[*]"), new PersistentIndexOptions().name("by_tag"));

        assertThat(created.getIsNewlyCreated()).isTrue();
        assertThat(again.getIsNewlyCreated()).isFalse();
        assertThat(again.getId()).isEqualTo(created.getId());
        assertThat(c.getIndexes()).anySatisfy(index -> {
            assertThat(index.getName()).isEqualTo("by_tag");
            assertThat(index.getFields()).containsExactly("tags[*]");
        });
    }

    @Test
    void eachElementFindsItsDocumentsThroughTheIndexOnly() {
        ArangoCollection c = newCollection();
        c.ensurePersistentIndex(List.of("tags[*]"), new PersistentIndexOptions());
        c.insertDocument(Map.of("_key", "a", "tags", List.of("red", "blue", "red")));
        c.insertDocument(Map.of("_key", "b", "tags", List.of("blue")));
        c.insertDocument(Map.of("_key", "c", "tags", "blue"));
        c.insertDocument(Map.of("_key", "d"));

        ArangoCursor<String> blue = db.query(BY_TAG, String.class, Map.of("@c", c.name(), "tag", "blue"));

        assertThat(blue.asListRemaining()).containsExactly("a", "b");
        assertThat(blue.getStats().getScannedFull()).isZero();
        assertThat(blue.getStats().getScannedIndex()).isEqualTo(2L);
        assertThat(query(c, "red")).containsExactly("a");
        assertThat(query(c, "green")).isEmpty();

        ArangoCursor<Long> count = db.query("FOR d IN @@c FILTER @tag IN d.tags[*] COLLECT WITH COUNT INTO n RETURN n",
                Long.class, Map.of("@c", c.name(), "tag", "blue"));
        assertThat(count.asListRemaining()).containsExactly(2L);
        assertThat(count.getStats().getScannedFull()).isZero();
    }

    @Test
    void withoutTheExpansionTheSameFilterScansButFindsTheSame() {
        ArangoCollection c = newCollection();
        c.ensurePersistentIndex(List.of("tags[*]"), new PersistentIndexOptions());
        c.insertDocument(Map.of("_key", "a", "tags", List.of("x")));
        c.insertDocument(Map.of("_key", "b", "tags", List.of("y")));

        ArangoCursor<String> scanned = db.query("FOR d IN @@c FILTER @tag IN d.tags SORT d._key RETURN d._key",
                String.class, Map.of("@c", c.name(), "tag", "x"));

        assertThat(scanned.asListRemaining()).containsExactly("a");
        assertThat(scanned.getStats().getScannedFull()).isEqualTo(2L);
    }

    @Test
    void updatesReplacesAndRemovesKeepTheIndexRight() {
        ArangoCollection c = newCollection();
        c.ensurePersistentIndex(List.of("meta.tags[*]"), new PersistentIndexOptions());
        c.insertDocument(Map.of("_key", "a", "meta", Map.of("tags", List.of("old"))));
        c.insertDocument(Map.of("_key", "b", "meta", Map.of("tags", List.of("old", "kept"))));

        c.updateDocument("a", Map.of("meta", Map.of("tags", List.of("new"))));
        c.replaceDocument("b", Map.of("meta", Map.of("tags", List.of("kept"))));
        db.query("FOR d IN @@c FILTER d._key == 'a' UPDATE d WITH {meta: {tags: ['newer']}} IN @@c", Void.class,
                Map.of("@c", c.name()));

        String nested = "FOR d IN @@c FILTER @tag IN d.meta.tags[*] SORT d._key RETURN d._key";
        assertThat(db.query(nested, String.class, Map.of("@c", c.name(), "tag", "old")).asListRemaining()).isEmpty();
        assertThat(db.query(nested, String.class, Map.of("@c", c.name(), "tag", "newer")).asListRemaining())
                .containsExactly("a");
        c.deleteDocument("b");
        ArangoCursor<String> kept = db.query(nested, String.class, Map.of("@c", c.name(), "tag", "kept"));
        assertThat(kept.asListRemaining()).isEmpty();
        assertThat(kept.getStats().getScannedFull()).isZero();
    }

    @Test
    void aUniqueArrayIndexRefusesAnElementAnotherDocumentHas() {
        ArangoCollection c = newCollection();
        c.ensurePersistentIndex(List.of("tags[*]"), new PersistentIndexOptions().unique(true));
        c.insertDocument(Map.of("_key", "a", "tags", List.of("one", "one", "two")));

        expectError(409, 1210, () -> c.insertDocument(Map.of("_key", "b", "tags", List.of("three", "two"))));

        assertThat(c.documentExists("b")).isFalse();
        assertThat(query(c, "three")).isEmpty();
    }

    private List<String> query(ArangoCollection c, String tag) {
        return db.query(BY_TAG, String.class, Map.of("@c", c.name(), "tag", tag)).asListRemaining();
    }
}
