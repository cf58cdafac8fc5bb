package dev.kcbundle.userstorage.arango;

import com.arangodb.ArangoCollection;
import com.arangodb.ArangoCursor;
import com.arangodb.ArangoDBException;
import com.arangodb.ArangoDatabase;
import com.arangodb.model.AqlQueryOptions;
import com.arangodb.model.DocumentUpdateOptions;
import dev.kcbundle.userstorage.document.DocumentMapping;
import dev.kcbundle.userstorage.document.MappedField;
import dev.kcbundle.userstorage.document.UserDocument;
import dev.kcbundle.userstorage.document.UserPatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Every ArangoDB request of the provider: one method, one request. Lookups by key (or the mapped id attribute),
 * normalized username and normalized email are served by the primary index (or the id's unique index,
 * {@link UserIndexes}) and the two unique persistent indexes. Documents are read through the federation's
 * {@link DocumentMapping}.
 */
public class ArangoUserStore {

    private static final Logger LOG = Logger.getLogger(ArangoUserStore.class);

    /** Two at most: a second match means the value names no one user. */
    private static final String BY_FIELD = "FOR u IN @@col FILTER %s LIMIT 2 RETURN u";

    private static final String EVERY_DOCUMENT = "FOR u IN @@col RETURN u";
    /** Documents one batch of {@link #forEach} holds: the collection is read batch by batch, never all at once. */
    static final int SCAN_BATCH = 500;
    /** Removes fields: the stored document without them, replaced only if it still has the revision read. */
    private static final String REPLACE_WITHOUT = "FOR u IN @@col FILTER u._key == @key"
            + " REPLACE MERGE(UNSET(u, @removed), @set, {_rev: @rev}) IN @@col OPTIONS {ignoreRevs: false}"
            + " RETURN NEW._rev";

    private final ArangoDatabase database;
    private final String collectionName;
    private final DocumentMapping mapping;
    private final ComponentMonitor monitor;

    /** {@code monitor}: times every request and logs when ArangoDB cannot be used (see {@link ComponentMonitor}). */
    public ArangoUserStore(
            ArangoDatabase database, String collectionName, DocumentMapping mapping, ComponentMonitor monitor) {
        this.database = database;
        this.collectionName = collectionName;
        this.mapping = mapping;
        this.monitor = monitor;
    }

    public DocumentMapping mapping() {
        return mapping;
    }

    public UserDocument findByKey(String key) {
        return read("read user", () -> toDocument(collection().getDocument(key, Map.class)));
    }

    /**
     * The user with this id ({@link UserDocument#id()}): by key, or, when the mapping keeps the id in another
     * attribute, by one query on that attribute's unique index, matching the id as a string and (when it is one) as
     * a number.
     */
    public UserDocument findById(String id) {
        return idIsKey() ? findByKey(id) : findOne(mapping.attribute(MappedField.ID), idValues(id));
    }

    /** The document key of the user with this id; null when there is none (no request when the id is the key). */
    public String keyOf(String id) {
        if (idIsKey()) {
            return id;
        }
        UserDocument document = findById(id);
        return document == null ? null : document.key();
    }

    private boolean idIsKey() {
        return UserDocument.KEY.equals(mapping.attribute(MappedField.ID));
    }

    /** The id as stored: a string, and a whole number written without sign or leading zeros also as that number. */
    static List<Object> idValues(String id) {
        if (id == null || id.isEmpty()) {
            return List.of();
        }
        if (id.matches("[1-9][0-9]{0,17}|0")) {
            return List.of(id, Long.parseLong(id));
        }
        return List.of(id);
    }

    public UserDocument findByUsername(String username) {
        return findOne(UserDocument.USERNAME_LOWER, nonEmpty(UserDocument.normalize(username)));
    }

    public UserDocument findByEmail(String email) {
        return findOne(UserDocument.EMAIL_LOWER, nonEmpty(UserDocument.normalize(email)));
    }

    public List<UserDocument> find(UserQuery query, Integer first, Integer max) {
        UserQuery.Aql aql = query.select(first, max);
        return read("search users", () -> {
            try (ArangoCursor<Map> cursor = database.query(aql.text(), Map.class, aql.bindVars(), pageOptions(max))) {
                return cursor.asListRemaining().stream().map(this::toDocument).toList();
            } catch (IOException e) {
                throw new ArangoDBException(e);
            }
        });
    }

    /**
     * Hands every document of the collection to {@code action}, read through one streaming cursor in batches of
     * {@value #SCAN_BATCH} (so a large tenant is never held in memory at once).
     */
    public void forEach(Consumer<UserDocument> action) {
        AqlQueryOptions streamed = new AqlQueryOptions().batchSize(SCAN_BATCH).stream(true);
        call("read all users", () -> {
            try (ArangoCursor<Map> cursor = database.query(
                    EVERY_DOCUMENT, Map.class, Map.of(UserQuery.COLLECTION_PARAM, collectionName), streamed)) {
                cursor.forEach(raw -> action.accept(toDocument(raw)));
                return null;
            } catch (IOException e) {
                throw new ArangoDBException(e);
            }
        });
    }

    /**
     * Gives documents without the derived fields their fields ({@link DerivedFields}, WRITABLE federations only); one
     * index-served query when none lacks them.
     */
    public void addMissingDerivedFields() {
        call("add derived fields", () -> {
            DerivedFields.addWhereMissing(database, collection(), mapping);
            return null;
        });
    }

    /** Without filters this is the collection's document count (no documents are read). */
    public int count(UserQuery query) {
        if (!query.hasFilters()) {
            return read("count users", () -> collection().count().getCount().intValue());
        }
        UserQuery.Aql aql = query.count();
        return read("count users", () -> {
            List<Number> result =
                    database.query(aql.text(), Number.class, aql.bindVars()).asListRemaining();
            return result.isEmpty() ? 0 : result.get(0).intValue();
        });
    }

    /** Inserts a new document and records its first revision in it. */
    public void insert(UserDocument document) {
        String rev = call(
                "create user",
                () -> collection().insertDocument(document.fields()).getRev());
        document.setRev(rev);
    }

    /**
     * Writes the patch in one request, only if the stored document still has revision {@code rev}; objects are
     * replaced (not merged). Returns the document's new revision. The driver leaves null map entries out of what it
     * sends, so removals go through an AQL REPLACE that UNSETs them.
     *
     * @throws RevisionConflictException when the document was changed since it was read with {@code rev}
     * @throws UserGoneException when the document no longer exists
     */
    public String update(String key, String rev, UserPatch patch) {
        if (rev == null) {
            throw new IllegalArgumentException("a document write needs the revision it was read with");
        }
        Map<String, Object> set = patch.values();
        set.remove(UserDocument.KEY);
        set.remove(UserDocument.REV);
        List<String> removed = List.copyOf(patch.removed());
        return call("update user", () -> {
            try {
                if (removed.isEmpty()) {
                    return collection()
                            .updateDocument(
                                    key,
                                    set,
                                    new DocumentUpdateOptions()
                                            .mergeObjects(false)
                                            .ifMatch(rev))
                            .getRev();
                }
                List<String> revs = database.query(
                                REPLACE_WITHOUT,
                                String.class,
                                Map.of("@col", collectionName, "key", key, "removed", removed, "set", set, "rev", rev))
                        .asListRemaining();
                if (revs.isEmpty()) {
                    throw new UserGoneException(key);
                }
                return revs.get(0);
            } catch (ArangoDBException e) {
                if (ArangoErrors.isRevisionConflict(e)) {
                    throw new RevisionConflictException(key, e);
                }
                if (ArangoErrors.isDocumentNotFound(e)) {
                    throw new UserGoneException(key);
                }
                throw e;
            }
        });
    }

    /**
     * Runs one statement that removes a reference from every document holding it (see {@link ReferenceRemoval});
     * returns the number of documents changed.
     */
    public long removeReferences(UserQuery.Aql removal) {
        return call("remove references", () -> {
            try (ArangoCursor<Void> cursor = database.query(removal.text(), Void.class, removal.bindVars())) {
                Long writes =
                        cursor.getStats() == null ? null : cursor.getStats().getWritesExecuted();
                return writes == null ? 0L : writes;
            } catch (IOException e) {
                throw new ArangoDBException(e);
            }
        });
    }

    /** True when a document was removed. */
    public boolean remove(String key) {
        return call("delete user", () -> {
            try {
                collection().deleteDocument(key);
                return true;
            } catch (ArangoDBException e) {
                if (e.getResponseCode() != null && e.getResponseCode() == 404) {
                    return false;
                }
                throw e;
            }
        });
    }

    private static List<Object> nonEmpty(String value) {
        return value == null || value.isEmpty() ? List.of() : List.of(value);
    }

    /**
     * The document whose {@code field} equals one of the values (at most two: one index lookup each); null when none
     * does, and when several do (an id stored once as a string and once as a number, say): signing in as either would
     * be a guess.
     */
    private UserDocument findOne(String field, List<Object> values) {
        if (values.isEmpty()) {
            return null;
        }
        Map<String, Object> bindVars = new LinkedHashMap<>();
        bindVars.put("@col", collectionName);
        List<String> conditions = new ArrayList<>();
        for (Object value : values) {
            String name = "value" + conditions.size();
            bindVars.put(name, value);
            conditions.add("u." + field + " == @" + name);
        }
        String aql = String.format(BY_FIELD, String.join(" OR ", conditions));
        return read("find user", () -> {
            List<Map> result = database.query(aql, Map.class, bindVars).asListRemaining();
            if (result.size() > 1) {
                LOG.warnf(
                        "Several ArangoDB users in %s have %s %s: none of them is used", collectionName, field, values);
                return null;
            }
            return result.isEmpty() ? null : toDocument(result.get(0));
        });
    }

    private static AqlQueryOptions pageOptions(Integer max) {
        // One round trip for a page: the whole page fits into the first batch.
        return new AqlQueryOptions().batchSize(Math.max(1, UserQuery.pageSize(max)));
    }

    private ArangoCollection collection() {
        return database.collection(collectionName);
    }

    @SuppressWarnings("unchecked")
    private UserDocument toDocument(Map raw) {
        return raw == null ? null : UserDocument.of((Map<String, Object>) raw, mapping);
    }

    /**
     * A request that changes nothing: sent once more when its connection was closed under it (a coordinator went away),
     * so the driver picks a live connection or host and a login does not fail for a stale pooled connection.
     */
    private <T> T read(String action, Supplier<T> request) {
        return call(action, () -> {
            try {
                return request.get();
            } catch (ArangoDBException e) {
                if (!ArangoErrors.isClosedConnection(e)) {
                    throw e;
                }
                return request.get();
            }
        });
    }

    private <T> T call(String action, Supplier<T> request) {
        return monitor.measure(action, () -> {
            try {
                return request.get();
            } catch (ArangoDBException e) {
                throw ArangoErrors.translate(action, e);
            }
        });
    }
}
