package dev.kcbundle.arangodb.testserver.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.arangodb.ArangoCollection;
import com.arangodb.entity.BaseDocument;
import com.arangodb.entity.DocumentCreateEntity;
import com.arangodb.entity.DocumentUpdateEntity;
import com.arangodb.entity.ErrorEntity;
import com.arangodb.entity.IndexEntity;
import com.arangodb.entity.MultiDocumentEntity;
import com.arangodb.model.DocumentCreateOptions;
import com.arangodb.model.DocumentReplaceOptions;
import com.arangodb.model.DocumentUpdateOptions;
import com.arangodb.model.OverwriteMode;
import com.arangodb.model.PersistentIndexOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Multi-document requests (the import and the benchmark's seeder write in batches), overwrite modes, revision checks
 * per document, index listing, truncate.
 */
abstract class BulkConformance extends Conformance {

    BulkConformance(ConformanceSuite suite) {
        super(suite);
    }

    @Test
    void insertManyReportsErrorsPerDocument() {
        ArangoCollection c = newCollection();
        c.ensurePersistentIndex(List.of("email"), new PersistentIndexOptions().unique(true));
        MultiDocumentEntity<DocumentCreateEntity<Void>> result = c.insertDocuments(List.of(
                Map.of("_key", "a", "email", "a@example.org"),
                Map.of("_key", "b", "email", "a@example.org"),
                Map.of("_key", "c", "email", "c@example.org")));
        assertThat(result.getDocuments())
                .extracting(DocumentCreateEntity::getKey)
                .containsExactly("a", "c");
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
        expectError(
                409,
                1210,
                () -> c.insertDocument(
                        Map.of("_key", "o"), new DocumentCreateOptions().overwriteMode(OverwriteMode.conflict)));
    }

    @Test
    void replaceManyChecksEachRevisionWhenAsked() {
        ArangoCollection c = newCollection();
        String first = c.insertDocument(Map.of("_key", "a", "v", 1)).getRev();
        c.updateDocument("a", Map.of("v", 2));
        String current = c.insertDocument(Map.of("_key", "b", "v", 1)).getRev();
        MultiDocumentEntity<DocumentUpdateEntity<Void>> result = c.replaceDocuments(
                List.of(Map.of("_key", "a", "_rev", first, "v", 3), Map.of("_key", "b", "_rev", current, "v", 3)),
                new DocumentReplaceOptions().ignoreRevs(false));
        assertThat(result.getDocuments())
                .extracting(DocumentUpdateEntity::getKey)
                .containsExactly("b");
        assertThat(result.getErrors()).extracting(ErrorEntity::getErrorNum).containsExactly(1200);
        assertThat(c.getDocument("a", Map.class)).containsEntry("v", 2);
        assertThat(c.getDocument("b", Map.class)).containsEntry("v", 3);
        c.updateDocuments(
                List.of(Map.of("_key", "a", "w", 1), Map.of("_key", "missing", "w", 1)),
                new DocumentUpdateOptions().silent(true));
        assertThat(c.getDocument("a", Map.class)).containsEntry("v", 2).containsEntry("w", 1);
    }

    @Test
    void indexesAreListedWithThePrimaryIndex() {
        ArangoCollection c = newCollection();
        IndexEntity index = c.ensurePersistentIndex(List.of("x"), new PersistentIndexOptions().unique(true));
        assertThat(c.getIndexes()).extracting(IndexEntity::getName).contains("primary", index.getName());
        assertThat(c.getIndexes())
                .filteredOn(listed -> listed.getId().equals(index.getId()))
                .singleElement()
                .satisfies(listed -> assertThat(listed.getFields()).containsExactly("x"));
    }

    @Test
    void creatingAUniqueIndexOverDuplicatesFails() {
        ArangoCollection c = newCollection();
        c.insertDocument(Map.of("x", 1));
        c.insertDocument(Map.of("x", 1));
        expectError(409, 1210, () -> c.ensurePersistentIndex(List.of("x"), new PersistentIndexOptions().unique(true)));
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
