package dev.kcbundle.userimport;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

import com.arangodb.ArangoCollection;
import com.arangodb.ArangoCursor;
import com.arangodb.ArangoDatabase;
import com.arangodb.model.AqlQueryOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kcbundle.userstorage.document.UserDocument;

/**
 * A user collection of the application this bundle replaces, read from ArangoDB: documents with {@code id},
 * {@code username}, {@code email}, {@code password} (that application's hash), {@code groupid} and {@code roleid}
 * (one value or an array; ids, paths or names of groups and roles, written as references). The source's {@code id}
 * (or else its {@code _key}) is the user's id; other fields are ignored.
 */
public final class LegacyCollectionSource implements UserSource {

    public static final String LEGACY_ID = "id";
    public static final String LEGACY_PASSWORD = "password";
    public static final String LEGACY_GROUPS = "groupid";
    public static final String LEGACY_ROLES = "roleid";
    private static final String EVERY_DOCUMENT = "FOR u IN @@col RETURN u";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ArangoCollection collection;
    private final ArangoCursor<Map> cursor;
    private final Iterator<Map> documents;

    public LegacyCollectionSource(ArangoDatabase database, String collectionName) {
        this.collection = database.collection(collectionName);
        if (!collection.exists()) {
            throw new IllegalArgumentException("ArangoDB collection " + database.name() + "/" + collectionName
                    + " does not exist");
        }
        this.cursor = database.query(EVERY_DOCUMENT, Map.class, Map.of("@col", collectionName),
                new AqlQueryOptions().stream(true).batchSize(1000));
        this.documents = cursor;
    }

    @Override
    public UserRow next() throws RowException {
        if (!documents.hasNext()) {
            return null;
        }
        JsonNode legacy = JSON.valueToTree(documents.next());
        String where = collection.name() + "/" + legacy.path("_key").asText();
        return UserJson.read(where, toJson(legacy));
    }

    /** The legacy document in the JSON form the other sources read. */
    static ObjectNode toJson(JsonNode legacy) {
        ObjectNode user = JSON.createObjectNode();
        JsonNode id = legacy.hasNonNull(LEGACY_ID) ? legacy.get(LEGACY_ID) : legacy.get("_key");
        user.set(UserJson.ID, id);
        user.set(UserDocument.USERNAME, legacy.get(UserDocument.USERNAME));
        user.set(UserDocument.EMAIL, legacy.get(UserDocument.EMAIL));
        user.set(UserJson.PASSWORD, legacy.get(LEGACY_PASSWORD));
        user.set(UserDocument.GROUPS, legacy.get(LEGACY_GROUPS));
        user.set(UserDocument.ROLES, legacy.get(LEGACY_ROLES));
        return user;
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
