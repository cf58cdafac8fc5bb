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
 * {@code /_api/index}: list, create (persistent, also array indexes on {@code field[*]}; hash and skiplist are its
 * aliases), read, drop.
 */
public final class IndexApi implements ApiHandler {

    private static final String PRIMARY_ID = "0";
    private static final String EDGE_ID = "2";

    @Override
    public ApiResponse handle(ApiRequest request) {
        Database database = request.database();
        switch (request.method()) {
            case "GET":
                if (request.segmentCount() == 2) {
                    return database.read(() -> list(database.collection(requiredCollection(request))));
                }
                if (request.segmentCount() == 4) {
                    return database.read(() -> one(database.collection(request.segment(2)), request.segment(3)));
                }
                throw request.unknownPath();
            case "POST":
                if (request.segmentCount() != 2) {
                    throw request.unknownPath();
                }
                request.requireDatabaseWrite();
                return create(database, requiredCollection(request), request.requiredJson());
            case "DELETE":
                if (request.segmentCount() != 4) {
                    throw request.unknownPath();
                }
                request.requireDatabaseWrite();
                return drop(database, request.segment(2), request.segment(3));
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
        for (ObjectNode index : describeAll(collection)) {
            indexes.add(index);
            identifiers.set(index.get("id").textValue(), index);
        }
        return ApiResponse.envelope(200, body);
    }

    private static List<ObjectNode> describeAll(DocumentCollection collection) {
        List<ObjectNode> all = new ArrayList<>();
        all.add(builtIn(collection, PRIMARY_ID, "primary", "primary", List.of("_key")));
        if (collection.type() == DocumentCollection.TYPE_EDGE) {
            all.add(builtIn(collection, EDGE_ID, "edge", "edge", List.of("_from", "_to")));
        }
        collection.indexes().forEach(index -> all.add(index.describe(collection.name(), false)));
        return all;
    }

    private static ObjectNode builtIn(DocumentCollection collection, String id, String name, String type,
                                      List<String> fields) {
        ObjectNode node = Json.object();
        ArrayNode fieldArray = node.putArray("fields");
        fields.forEach(fieldArray::add);
        node.put("id", collection.name() + "/" + id);
        node.put("name", name);
        node.put("selectivityEstimate", 1);
        node.put("sparse", false);
        node.put("type", type);
        node.put("unique", type.equals("primary"));
        return node;
    }

    private static ApiResponse one(DocumentCollection collection, String indexId) {
        for (ObjectNode index : describeAll(collection)) {
            if (index.get("id").textValue().equals(collection.name() + "/" + indexId)
                    || index.get("name").textValue().equals(indexId)) {
                return ApiResponse.envelope(200, index);
            }
        }
        throw indexNotFound();
    }

    private static ApiResponse create(Database database, String collectionName, JsonNode body) {
        String type = body.path("type").asText("");
        if (!type.equals("persistent") && !type.equals("hash") && !type.equals("skiplist")) {
            throw ArangoError.notImplemented("index type '" + type + "' (only persistent indexes are supported)");
        }
        JsonNode fieldsNode = body.get("fields");
        if (fieldsNode == null || !fieldsNode.isArray() || fieldsNode.size() == 0) {
            throw ArangoError.badParameter("invalid index description: fields must be a non-empty array");
        }
        List<String> fields = new ArrayList<>();
        List<AttributePath> paths = new ArrayList<>();
        for (JsonNode field : fieldsNode) {
            if (!field.isTextual()) {
                throw ArangoError.badParameter("invalid index description: fields must be strings");
            }
            fields.add(field.textValue());
            paths.add(AttributePath.of(field.textValue()));
        }
        if (paths.size() > 1 && paths.stream().anyMatch(AttributePath::expanded)) {
            throw ArangoError.notImplemented("array index over several fields");
        }
        boolean unique = body.path("unique").asBoolean(false);
        boolean sparse = body.path("sparse").asBoolean(false);
        boolean deduplicate = body.path("deduplicate").asBoolean(true);
        return database.write(() -> {
            DocumentCollection collection = database.collection(collectionName);
            for (PersistentIndex existing : collection.indexes()) {
                if (existing.sameDefinition(fields, unique, sparse)) {
                    ObjectNode described = existing.describe(collection.name(), false);
                    described.put("isNewlyCreated", false);
                    return ApiResponse.envelope(200, described);
                }
            }
            long id = database.ticks().next();
            JsonNode givenName = body.get("name");
            String name = givenName != null && givenName.isTextual() ? givenName.textValue() : "idx_" + id;
            if (collection.indexes().stream().anyMatch(index -> index.name().equals(name))) {
                throw new ArangoError(ArangoError.HTTP_CONFLICT, ArangoError.DUPLICATE_NAME,
                        "duplicate value: an index named '" + name + "' already exists");
            }
            PersistentIndex index = new PersistentIndex(id, name, paths, unique, sparse, deduplicate);
            collection.addIndex(index);
            return ApiResponse.envelope(201, index.describe(collection.name(), true));
        });
    }

    private static ApiResponse drop(Database database, String collectionName, String indexId) {
        return database.write(() -> {
            DocumentCollection collection = database.collection(collectionName);
            if (indexId.equals(PRIMARY_ID) || indexId.equals(EDGE_ID)) {
                throw new ArangoError(403, 11, "cannot drop a built-in index");
            }
            long id;
            try {
                id = Long.parseLong(indexId);
            } catch (NumberFormatException e) {
                id = collection.indexes().stream().filter(index -> index.name().equals(indexId))
                        .mapToLong(PersistentIndex::id).findFirst().orElse(-1);
            }
            if (!collection.dropIndex(id)) {
                throw indexNotFound();
            }
            ObjectNode body = Json.object();
            body.put("id", collection.name() + "/" + id);
            return ApiResponse.envelope(200, body);
        });
    }

    private static ArangoError indexNotFound() {
        return new ArangoError(404, ArangoError.INDEX_NOT_FOUND, "index not found");
    }
}
