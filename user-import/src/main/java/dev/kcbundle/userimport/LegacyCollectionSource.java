package dev.kcbundle.userimport;

import com.arangodb.ArangoCollection;
import com.arangodb.ArangoCursor;
import com.arangodb.ArangoDatabase;
import com.arangodb.model.AqlQueryOptions;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;

/**
 * A user collection of the application this bundle replaces, read from ArangoDB: documents with {@code id},
 * {@code username}, {@code email}, {@code password} (that application's hash), {@code groupid} and {@code roleid}
 * (one value or an array; ids, paths or names of groups and roles, written as references), read as {@link UserJson}
 * reads them. The source's {@code id} (or else its {@code _key}) is the user's id.
 */
public final class LegacyCollectionSource implements UserSource {

    private static final String EVERY_DOCUMENT = "FOR u IN @@col RETURN u";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ArangoCollection collection;
    private final ArangoCursor<Map> cursor;

    public LegacyCollectionSource(ArangoDatabase database, String collectionName) {
        this.collection = database.collection(collectionName);
        if (!collection.exists()) {
            throw new IllegalArgumentException(
                    "ArangoDB collection " + database.name() + "/" + collectionName + " does not exist");
        }
        this.cursor = database.query(
                EVERY_DOCUMENT,
                Map.class,
                Map.of("@col", collectionName),
                new AqlQueryOptions().stream(true).batchSize(1000));
    }

    @Override
    public UserRow next() throws RowException {
        if (!cursor.hasNext()) {
            return null;
        }
        ObjectNode legacy = JSON.valueToTree(cursor.next());
        String where = collection.name() + "/" + legacy.path("_key").asText();
        if (!legacy.hasNonNull(UserJson.ID)) {
            legacy.set(UserJson.ID, legacy.get("_key"));
        }
        return UserJson.read(where, legacy);
    }

    @Override
    public long size() {
        Long count = collection.count().getCount();
        return count == null ? -1 : count;
    }

    @Override
    public String describe() {
        return "ArangoDB " + collection.db().name() + "/" + collection.name();
    }

    @Override
    public void close() throws IOException {
        cursor.close();
    }
}
