package dev.kcbundle.arangodb.testserver.conformance;

import com.arangodb.ArangoCollection;
import com.arangodb.entity.BaseDocument;
import com.arangodb.entity.CollectionType;
import com.arangodb.entity.DocumentCreateEntity;
import com.arangodb.entity.ErrorEntity;
import com.arangodb.entity.IndexEntity;
import com.arangodb.entity.MultiDocumentEntity;
import com.arangodb.model.CollectionCreateOptions;
import com.arangodb.model.DocumentCreateOptions;
import com.arangodb.model.DocumentReadOptions;
import com.arangodb.model.OverwriteMode;
import com.arangodb.model.PersistentIndexOptions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Edge documents, multi-document requests, overwrite modes, conditional reads, index removal, truncate. */
class EdgeAndBulkConformanceTest extends ConformanceTestBase {

    @Test
    void edgesNeedFromAndTo() {
        String name = unique("edges");
        db.createCollection(name, new CollectionCreateOptions().type(CollectionType.EDGES));
        ArangoCollection edges = db.collection(name);
        DocumentCreateEntity<Map> created = edges.insertDocument(Map.of("_from", "users/a", "_to", "groups/b"),
                new DocumentCreateOptions().returnNew(true));
        assertThat(created.getNew()).containsEntry("_from", "users/a").containsEntry("_to", "groups/b");
        expectError(400, 1233, () -> edges.insertDocument(Map.of("_from", "users/a")));
        expectError(400, 1233, () -> edges.insertDocument(Map.of("_from", "no-slash", "_to", "groups/b")));
    }

    @Test
    void insertManyReportsErrorsPerDocument() {
        ArangoCollection c = newCollection();
        c.ensurePersistentIndex(List.of("email"), new PersistentIndexOptions().unique(true));
        MultiDocumentEntity<DocumentCreateEntity<Void>> result = c.insertDocuments(List.of(
                Map.of("_key", "a", "email", "a@example.org"),
                Map.of("_key", "b", "email", "a@example.org"),
                Map.of("_key", "c", "email", "c@example.org")));
        assertThat(result.getDocuments()).extracting(DocumentCreateEntity::getKey).containsExactly("a", "c");
        assertThat(result.getErrors()).extracting(ErrorEntity::getErrorNum).containsExactly(1210);
        assertThat(c.count().getCount()).isEqualTo(2L);

        MultiDocumentEntity<BaseDocument> read = c.getDocuments(List.of("a", "missing", "c"), BaseDocument.class);
        assertThat(read.getDocuments()).extracting(BaseDocument::getKey).containsExactly("a", "c");
        assertThat(read.getErrors()).extracting(ErrorEntity::getErrorNum).containsExactly(1202);
    }

    @Test
    void overwriteModes() {
        ArangoCollection c = newCollection();
        c.insertDocument(Map.of("_key", "o", "a", 1, "b", 1));
        c.insertDocument(Map.of("_key", "o", "a", 2), new DocumentCreateOptions().overwriteMode(OverwriteMode.update));
        assertThat(c.getDocument("o", Map.class)).containsEntry("a", 2).containsEntry("b", 1);
        c.insertDocument(Map.of("_key", "o", "a", 3), new DocumentCreateOptions().overwriteMode(OverwriteMode.replace));
        assertThat(c.getDocument("o", Map.class)).containsEntry("a", 3).doesNotContainKey("b");
        c.insertDocument(Map.of("_key", "o", "a", 4), new DocumentCreateOptions().overwriteMode(OverwriteMode.ignore));
        assertThat(c.getDocument("o", Map.class)).containsEntry("a", 3);
        expectError(409, 1210, () -> c.insertDocument(Map.of("_key", "o"),
                new DocumentCreateOptions().overwriteMode(OverwriteMode.conflict)));
    }

    @Test
    void conditionalReads() {
        ArangoCollection c = newCollection();
        String rev = c.insertDocument(Map.of("_key", "r", "v", 1)).getRev();
        assertThat(c.getDocument("r", Map.class, new DocumentReadOptions().ifNoneMatch(rev))).isNull();
        assertThat(c.getDocument("r", Map.class, new DocumentReadOptions().ifMatch(rev))).containsEntry("v", 1);
        c.updateDocument("r", Map.of("v", 2));
        assertThat(c.getDocument("r", Map.class, new DocumentReadOptions().ifMatch(rev))).isNull();
        assertThat(c.getDocument("r", Map.class, new DocumentReadOptions().ifNoneMatch(rev))).containsEntry("v", 2);
    }

    @Test
    void indexesCanBeDropped() {
        ArangoCollection c = newCollection();
        IndexEntity index = c.ensurePersistentIndex(List.of("x"), new PersistentIndexOptions().unique(true));
        assertThat(c.getIndex(index.getId()).getFields()).containsExactly("x");
        assertThat(c.getIndexes()).extracting(IndexEntity::getName).contains("primary");
        c.deleteIndex(index.getId());
        assertThat(c.getIndexes()).extracting(IndexEntity::getId).doesNotContain(index.getId());
        expectError(404, 1212, () -> c.deleteIndex(index.getId()));
        c.insertDocument(Map.of("x", 1));
        c.insertDocument(Map.of("x", 1));
        assertThat(c.count().getCount()).isEqualTo(2L);
    }

    @Test
    void creatingAUniqueIndexOverDuplicatesFails() {
        ArangoCollection c = newCollection();
        c.insertDocument(Map.of("x", 1));
        c.insertDocument(Map.of("x", 1));
        expectError(409, 1210, () -> c.ensurePersistentIndex(List.of("x"),
                new PersistentIndexOptions().unique(true)));
    }

    @Test
    void truncateEmptiesUniqueIndexesToo() {
        ArangoCollection c = newCollection();
        c.ensurePersistentIndex(List.of("email"), new PersistentIndexOptions().unique(true));
        c.insertDocument(Map.of("email", "a@example.org"));
        c.truncate();
        c.insertDocument(Map.of("email", "a@example.org"));
        assertThat(c.count().getCount()).isEqualTo(1L);
    }
}
