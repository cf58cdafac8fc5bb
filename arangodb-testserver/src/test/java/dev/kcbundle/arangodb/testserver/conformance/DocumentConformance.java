package dev.kcbundle.arangodb.testserver.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.arangodb.ArangoCollection;
import com.arangodb.entity.BaseDocument;
import com.arangodb.entity.CollectionEntity;
import com.arangodb.entity.CollectionType;
import com.arangodb.entity.DocumentCreateEntity;
import com.arangodb.entity.DocumentDeleteEntity;
import com.arangodb.entity.DocumentUpdateEntity;
import com.arangodb.entity.IndexEntity;
import com.arangodb.model.DocumentCreateOptions;
import com.arangodb.model.DocumentDeleteOptions;
import com.arangodb.model.DocumentReplaceOptions;
import com.arangodb.model.DocumentUpdateOptions;
import com.arangodb.model.PersistentIndexOptions;
import com.arangodb.util.RawJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

abstract class DocumentConformance extends Conformance {

    DocumentConformance(ConformanceSuite suite) {
        super(suite);
    }

    @Test
    void createsReadsAndDropsDocumentCollections() {
        String name = unique("docs");
        CollectionEntity created = db.createCollection(name);
        assertThat(created.getName()).isEqualTo(name);
        assertThat(created.getType()).isEqualTo(CollectionType.DOCUMENT);
        assertThat(db.collection(name).exists()).isTrue();
        assertThat(db.collection(name).getInfo().getName()).isEqualTo(name);
        assertThat(db.collection(name).getProperties().getName()).isEqualTo(name);
        expectError(409, 1207, () -> db.createCollection(name));
        db.collection(name).drop();
        assertThat(db.collection(name).exists()).isFalse();
    }

    @Test
    void missingCollectionIs1203() {
        String name = unique("missing");
        assertThat(db.collection(name).exists()).isFalse();
        expectError(404, 1203, () -> db.collection(name).count());
        expectError(404, 1203, () -> db.collection(name).insertDocument(Map.of("a", 1)));
        expectError(404, 1203, () -> db.collection(name).drop());
    }

    @Test
    void countsAndTruncates() {
        ArangoCollection c = newCollection();
        c.insertDocument(Map.of("a", 1));
        c.insertDocument(Map.of("a", 2));
        assertThat(c.count().getCount()).isEqualTo(2L);
        c.truncate();
        assertThat(c.count().getCount()).isZero();
    }

    @Test
    void insertsWithAndWithoutKeyAndReadsBack() {
        ArangoCollection c = newCollection();
        DocumentCreateEntity<Void> generated = c.insertDocument(Map.of("name", "alice"));
        assertThat(generated.getKey()).isNotBlank();
        assertThat(generated.getId()).isEqualTo(c.name() + "/" + generated.getKey());
        assertThat(generated.getRev()).isNotBlank();
        DocumentCreateEntity<Void> given = c.insertDocument(Map.of("_key", "bob", "name", "bob", "n", 3));
        assertThat(given.getKey()).isEqualTo("bob");
        BaseDocument bob = c.getDocument("bob", BaseDocument.class);
        assertThat(bob.getKey()).isEqualTo("bob");
        assertThat(bob.getRevision()).isEqualTo(given.getRev());
        assertThat(bob.getAttribute("name")).isEqualTo("bob");
        assertThat(((Number) bob.getAttribute("n")).intValue()).isEqualTo(3);
        assertThat(c.documentExists("bob")).isTrue();
        assertThat(c.documentExists("nobody")).isFalse();
        assertThat(c.getDocument("nobody", BaseDocument.class)).isNull();
    }

    @Test
    void returnNewOnInsert() {
        ArangoCollection c = newCollection();
        DocumentCreateEntity<Map> created =
                c.insertDocument(Map.of("x", "y"), new DocumentCreateOptions().returnNew(true));
        assertThat(created.getNew()).containsEntry("x", "y").containsEntry("_key", created.getKey());
    }

    @Test
    void duplicateKeyIsAUniqueConstraintViolation() {
        ArangoCollection c = newCollection();
        c.insertDocument(Map.of("_key", "k1"));
        expectError(409, 1210, () -> c.insertDocument(Map.of("_key", "k1")));
    }

    @Test
    void illegalKeyIs1221() {
        ArangoCollection c = newCollection();
        expectError(400, 1221, () -> c.insertDocument(Map.of("_key", "has space")));
    }

    @Test
    void replacesUpdatesAndDeletesWithReturnNewAndOld() {
        ArangoCollection c = newCollection();
        c.insertDocument(Map.of("_key", "u1", "name", "alice", "profile", Map.of("city", "Köln", "zip", "50667")));

        DocumentUpdateEntity<Map> updated = c.updateDocument(
                "u1",
                Map.of("profile", Map.of("zip", "50668"), "age", 30),
                new DocumentUpdateOptions().returnNew(true).returnOld(true));
        assertThat(updated.getOldRev()).isNotEqualTo(updated.getRev());
        assertThat((Map<String, Object>) updated.getNew().get("profile"))
                .containsEntry("city", "Köln")
                .containsEntry("zip", "50668");
        assertThat(updated.getOld()).containsEntry("name", "alice").doesNotContainKey("age");

        DocumentUpdateEntity<Map> replaced =
                c.replaceDocument("u1", Map.of("name", "alicia"), new DocumentReplaceOptions().returnNew(true));
        assertThat(replaced.getNew())
                .containsEntry("name", "alicia")
                .doesNotContainKey("profile")
                .containsEntry("_key", "u1");

        DocumentDeleteEntity<Map> deleted =
                c.deleteDocument("u1", new DocumentDeleteOptions().returnOld(true), Map.class);
        assertThat(deleted.getOld()).containsEntry("name", "alicia");
        assertThat(c.documentExists("u1")).isFalse();
        expectError(404, 1202, () -> c.deleteDocument("u1"));
        expectError(404, 1202, () -> c.updateDocument("u1", Map.of("a", 1)));
        expectError(404, 1202, () -> c.replaceDocument("u1", Map.of("a", 1)));
    }

    @Test
    void updateRemovesNullsUnlessKeepNull() {
        ArangoCollection c = newCollection();
        c.insertDocument(Map.of("_key", "n", "a", 1, "b", 2));
        c.updateDocument("n", RawJson.of("{\"a\": null}"), new DocumentUpdateOptions().keepNull(false));
        assertThat(c.getDocument("n", Map.class)).doesNotContainKey("a").containsKey("b");
        c.updateDocument("n", RawJson.of("{\"b\": null}"));
        assertThat(c.getDocument("n", Map.class)).containsKey("b");
        assertThat(c.getDocument("n", Map.class).get("b")).isNull();
    }

    /**
     * A pitfall of the driver, not of the server: its serializer leaves null entries of a Map out of the request
     * body, so a Map with nulls cannot remove attributes (send RawJson, or UNSET in AQL, instead).
     */
    @Test
    void theDriverDropsNullMapEntriesSoTheyRemoveNothing() {
        ArangoCollection c = newCollection();
        c.insertDocument(Map.of("_key", "m", "a", 1));
        Map<String, Object> nullA = new java.util.HashMap<>();
        nullA.put("a", null);
        c.updateDocument("m", nullA, new DocumentUpdateOptions().keepNull(false).mergeObjects(false));
        assertThat(c.getDocument("m", Map.class)).containsEntry("a", 1);
        c.updateDocument("m", RawJson.of("{\"a\": null}"), new DocumentUpdateOptions().keepNull(false));
        assertThat(c.getDocument("m", Map.class)).doesNotContainKey("a");
    }

    @Test
    void ifMatchWithAStaleRevisionIsAConflict() {
        ArangoCollection c = newCollection();
        String firstRev = c.insertDocument(Map.of("_key", "r", "v", 1)).getRev();
        c.updateDocument("r", Map.of("v", 2));
        expectError(
                412, 1200, () -> c.updateDocument("r", Map.of("v", 3), new DocumentUpdateOptions().ifMatch(firstRev)));
        expectError(
                412,
                1200,
                () -> c.replaceDocument("r", Map.of("v", 3), new DocumentReplaceOptions().ifMatch(firstRev)));
        expectError(412, 1200, () -> c.deleteDocument("r", new DocumentDeleteOptions().ifMatch(firstRev)));
        String current = c.getDocument("r", BaseDocument.class).getRevision();
        assertThat(c.updateDocument("r", Map.of("v", 4), new DocumentUpdateOptions().ifMatch(current))
                        .getRev())
                .isNotEqualTo(current);
    }

    @Test
    void persistentIndexesAreIdempotentAndEnforceUniqueness() {
        ArangoCollection c = newCollection();
        IndexEntity created = c.ensurePersistentIndex(
                List.of("emailLower"), new PersistentIndexOptions().unique(true).sparse(true));
        assertThat(created.getIsNewlyCreated()).isTrue();
        assertThat(created.getUnique()).isTrue();
        assertThat(created.getSparse()).isTrue();
        IndexEntity again = c.ensurePersistentIndex(
                List.of("emailLower"), new PersistentIndexOptions().unique(true).sparse(true));
        assertThat(again.getIsNewlyCreated()).isFalse();
        assertThat(again.getId()).isEqualTo(created.getId());
        assertThat(c.getIndexes()).extracting(IndexEntity::getId).contains(created.getId());

        c.insertDocument(Map.of("emailLower", "a@example.org"));
        expectError(409, 1210, () -> c.insertDocument(Map.of("emailLower", "a@example.org")));
        c.insertDocument(Map.of("other", 1));
        c.insertDocument(Map.of("other", 2));
        assertThat(c.count().getCount()).isEqualTo(3L);
    }

    @Test
    void nonSparseUniqueIndexTreatsMissingAttributesAsNull() {
        ArangoCollection c = newCollection();
        c.ensurePersistentIndex(List.of("usernameLower"), new PersistentIndexOptions().unique(true));
        c.insertDocument(Map.of("x", 1));
        expectError(409, 1210, () -> c.insertDocument(Map.of("x", 2)));
    }

    @Test
    void updateIntoAUniqueValueOfAnotherDocumentFailsAndKeepsTheDocument() {
        ArangoCollection c = newCollection();
        c.ensurePersistentIndex(List.of("u"), new PersistentIndexOptions().unique(true));
        c.insertDocument(Map.of("_key", "a", "u", "alice"));
        c.insertDocument(Map.of("_key", "b", "u", "bob"));
        expectError(409, 1210, () -> c.updateDocument("b", Map.of("u", "alice")));
        assertThat(c.getDocument("b", Map.class)).containsEntry("u", "bob");
    }
}
