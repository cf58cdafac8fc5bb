package dev.kcbundle.userstorage.arango;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import com.arangodb.ArangoCollection;
import com.arangodb.ArangoCursor;
import com.arangodb.ArangoDBException;
import com.arangodb.ArangoDatabase;
import com.arangodb.model.AqlQueryOptions;
import com.arangodb.model.DocumentUpdateOptions;
import dev.kcbundle.userstorage.document.UserDocument;

/**
 * Every ArangoDB request of the provider: one method, one request. Lookups by key, normalized username and normalized
 * email are served by the primary index and the two unique persistent indexes.
 */
public class ArangoUserStore {

    private static final String BY_FIELD = "FOR u IN @@col FILTER u.%s == @value LIMIT 1 RETURN u";
    private static final String REPLACE_WITHOUT =
            "FOR u IN @@col FILTER u._key == @key REPLACE u WITH MERGE(UNSET(u, @removed), @set) IN @@col";

    private final ArangoDatabase database;
    private final String collectionName;

    public ArangoUserStore(ArangoDatabase database, String collectionName) {
        this.database = database;
        this.collectionName = collectionName;
    }

    public UserDocument findByKey(String key) {
        return call("read user", () -> toDocument(collection().getDocument(key, Map.class)));
    }

    public UserDocument findByUsername(String username) {
        return findOne(UserDocument.USERNAME_LOWER, UserDocument.normalize(username));
    }

    public UserDocument findByEmail(String email) {
        return findOne(UserDocument.EMAIL_LOWER, UserDocument.normalize(email));
    }

    public List<UserDocument> find(UserQuery query, Integer first, Integer max) {
        UserQuery.Aql aql = query.select(first, max);
        return call("search users", () -> {
            try (ArangoCursor<Map> cursor = database.query(aql.text(), Map.class, aql.bindVars(), pageOptions(max))) {
                return cursor.asListRemaining().stream().map(ArangoUserStore::toDocument).toList();
            } catch (java.io.IOException e) {
                throw new ArangoDBException(e);
            }
        });
    }

    /** Without filters this is the collection's document count (no documents are read). */
    public int count(UserQuery query) {
        if (!query.hasFilters()) {
            return call("count users", () -> collection().count().getCount().intValue());
        }
        UserQuery.Aql aql = query.count();
        return call("count users", () -> {
            List<Number> result = database.query(aql.text(), Number.class, aql.bindVars()).asListRemaining();
            return result.isEmpty() ? 0 : result.get(0).intValue();
        });
    }

    public void insert(UserDocument document) {
        call("create user", () -> collection().insertDocument(document.fields()));
    }

    /**
     * Sets the given top-level fields in one request; null values remove the field, objects are replaced (not merged).
     * The driver leaves null map entries out of what it sends, so removals go through an AQL REPLACE that UNSETs them.
     */
    public void update(String key, Map<String, Object> fields) {
        if (fields.isEmpty()) {
            return;
        }
        Map<String, Object> set = new HashMap<>(fields);
        set.values().removeIf(Objects::isNull);
        List<String> removed = fields.keySet().stream().filter(field -> fields.get(field) == null).toList();
        if (removed.isEmpty()) {
            call("update user", () -> collection().updateDocument(key, set,
                    new DocumentUpdateOptions().mergeObjects(false)));
            return;
        }
        call("update user", () -> database.query(REPLACE_WITHOUT, Void.class,
                Map.of("@col", collectionName, "key", key, "removed", removed, "set", set)));
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

    private UserDocument findOne(String field, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        String aql = String.format(BY_FIELD, field);
        return call("find user", () -> {
            List<Map> result = database.query(aql, Map.class,
                    Map.of("@col", collectionName, "value", value)).asListRemaining();
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
    private static UserDocument toDocument(Map raw) {
        return raw == null ? null : UserDocument.of((Map<String, Object>) raw);
    }

    private static <T> T call(String action, Supplier<T> request) {
        try {
            return request.get();
        } catch (ArangoDBException e) {
            throw ArangoErrors.translate(action, e);
        }
    }
}
