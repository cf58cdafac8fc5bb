package dev.kcbundle.arangodb.testserver.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kcbundle.arangodb.testserver.http.ApiHandler;
import dev.kcbundle.arangodb.testserver.http.ApiRequest;
import dev.kcbundle.arangodb.testserver.http.ApiResponse;
import dev.kcbundle.arangodb.testserver.store.ArangoError;
import dev.kcbundle.arangodb.testserver.store.AttributePath;
import dev.kcbundle.arangodb.testserver.store.Database;
import dev.kcbundle.arangodb.testserver.store.DocumentCollection;
import dev.kcbundle.arangodb.testserver.store.Json;
import dev.kcbundle.arangodb.testserver.store.PersistentIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /_api/index}: list and create single-field persistent indexes (also array indexes on {@code field[*]}).
 */
public final class IndexApi implements ApiHandler {

    private static final String PRIMARY_ID = "0";

    @Override
    public ApiResponse handle(ApiRequest request) {
        Database database = request.database();
        switch (request.method()) {
            case "GET":
                if (request.segmentCount() != 2) {
                    throw request.unknownPath();
                }
                return database.read(() -> list(database.collection(requiredCollection(request))));
            case "POST":
                if (request.segmentCount() != 2) {
                    throw request.unknownPath();
                }
                request.requireDatabaseWrite();
                return create(database, requiredCollection(request), request.requiredJson());
            default:
                throw request.methodNotAllowed();
        }
    }

    private static String requiredCollection(ApiRequest request) {
        String collection = request.query().get("collection");
        if (collection == null || collection.isEmpty()) {
            throw ArangoError.badParameter("expecting collection name");
        }
        return collection;
    }

    private static ApiResponse list(DocumentCollection collection) {
        ObjectNode body = Json.object();
        ArrayNode indexes = body.putArray("indexes");
        ObjectNode identifiers = body.putObject("identifiers");
        List<ObjectNode> all = new ArrayList<>();
        all.add(primary(collection));
        collection.indexes().forEach(index -> all.add(index.describe(collection.name(), false)));
        for (ObjectNode index : all) {
            indexes.add(index);
            identifiers.set(index.get("id").textValue(), index);
        }
        return ApiResponse.envelope(200, body);
    }

    private static ObjectNode primary(DocumentCollection collection) {
        ObjectNode node = Json.object();
        node.putArray("fields").add("_key");
        node.put("id", collection.name() + "/" + PRIMARY_ID);
        node.put("name", "primary");
        node.put("selectivityEstimate", 1);
        node.put("sparse", false);
        node.put("type", "primary");
        node.put("unique", true);
        return node;
    }

    private static ApiResponse create(Database database, String collectionName, JsonNode body) {
        String type = body.path("type").asText("");
        if (!type.equals("persistent")) {
            throw ArangoError.notImplemented("index type '" + type + "' (only persistent indexes are supported)");
        }
        JsonNode fieldsNode = body.get("fields");
        if (fieldsNode == null
                || !fieldsNode.isArray()
                || fieldsNode.size() == 0
                || !fieldsNode.get(0).isTextual()) {
            throw ArangoError.badParameter("invalid index description: fields must be a non-empty array of strings");
        }
        if (fieldsNode.size() > 1) {
            throw ArangoError.notImplemented("index over several fields");
        }
        AttributePath field = AttributePath.of(fieldsNode.get(0).textValue());
        boolean unique = body.path("unique").asBoolean(false);
        boolean sparse = body.path("sparse").asBoolean(false);
        if (!body.path("deduplicate").asBoolean(true)) {
            throw ArangoError.notImplemented("index option deduplicate: false");
        }
        return database.write(() -> {
            DocumentCollection collection = database.collection(collectionName);
            for (PersistentIndex existing : collection.indexes()) {
                if (existing.sameDefinition(field.text(), unique, sparse)) {
                    ObjectNode described = existing.describe(collection.name(), false);
                    described.put("isNewlyCreated", false);
                    return ApiResponse.envelope(200, described);
                }
            }
            long id = database.ticks().next();
            JsonNode givenName = body.get("name");
            String name = givenName != null && givenName.isTextual() ? givenName.textValue() : "idx_" + id;
            if (collection.indexes().stream().anyMatch(index -> index.name().equals(name))) {
                throw new ArangoError(
                        ArangoError.HTTP_CONFLICT,
                        ArangoError.DUPLICATE_NAME,
                        "duplicate value: an index named '" + name + "' already exists");
            }
            PersistentIndex index = new PersistentIndex(id, name, field, unique, sparse);
            collection.addIndex(index);
            return ApiResponse.envelope(201, index.describe(collection.name(), true));
        });
    }
}
