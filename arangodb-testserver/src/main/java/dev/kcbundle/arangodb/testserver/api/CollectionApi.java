package dev.kcbundle.arangodb.testserver.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kcbundle.arangodb.testserver.http.ApiHandler;
import dev.kcbundle.arangodb.testserver.http.ApiRequest;
import dev.kcbundle.arangodb.testserver.http.ApiResponse;
import dev.kcbundle.arangodb.testserver.store.Database;
import dev.kcbundle.arangodb.testserver.store.DocumentCollection;
import dev.kcbundle.arangodb.testserver.store.Json;

/** {@code /_api/collection}: list, create, info, properties, count, truncate, drop. */
public final class CollectionApi implements ApiHandler {

    @Override
    public ApiResponse handle(ApiRequest request) {
        Database database = request.database();
        String name = request.segment(2);
        String sub = request.segment(3);
        if (request.segmentCount() > 4) {
            throw request.unknownPath();
        }
        switch (request.method()) {
            case "GET":
                if (name == null) {
                    return list(database, request.flag("excludeSystem", false));
                }
                return database.read(() -> read(request, database.collection(name), sub));
            case "POST":
                if (name != null) {
                    throw request.unknownPath();
                }
                request.requireDatabaseWrite();
                return create(database, request.requiredJson());
            case "PUT":
                if (name == null || sub == null) {
                    throw request.methodNotAllowed();
                }
                if (sub.equals("truncate")) {
                    request.requireCollectionWrite();
                } else {
                    request.requireDatabaseWrite();
                }
                return change(request, database, name, sub);
            case "DELETE":
                if (name == null || sub != null) {
                    throw request.methodNotAllowed();
                }
                request.requireDatabaseWrite();
                DocumentCollection dropped = database.dropCollection(name);
                ObjectNode body = Json.object();
                body.put("id", Long.toString(dropped.id()));
                return ApiResponse.envelope(200, body);
            default:
                throw request.methodNotAllowed();
        }
    }

    private static ApiResponse list(Database database, boolean excludeSystem) {
        ObjectNode body = Json.object();
        ArrayNode result = body.putArray("result");
        database.collections().stream()
                .filter(c -> !excludeSystem || !c.name().startsWith("_"))
                .forEach(c -> result.add(c.describe()));
        return ApiResponse.envelope(200, body);
    }

    private static ApiResponse read(ApiRequest request, DocumentCollection collection, String sub) {
        if (sub == null) {
            return ApiResponse.envelope(200, collection.describe());
        }
        switch (sub) {
            case "properties":
                return ApiResponse.envelope(200, collection.properties());
            case "count":
                ObjectNode counted = collection.properties();
                counted.put("count", collection.count());
                return ApiResponse.envelope(200, counted);
            case "revision":
                ObjectNode revision = collection.properties();
                revision.put("revision", "0");
                return ApiResponse.envelope(200, revision);
            default:
                throw request.unknownPath();
        }
    }

    private static ApiResponse create(Database database, JsonNode body) {
        JsonNode name = body.get("name");
        JsonNode type = body.get("type");
        DocumentCollection collection = database.createCollection(name == null ? null : name.asText(null),
                type == null || type.isNull() ? DocumentCollection.TYPE_DOCUMENT : type.asInt());
        return ApiResponse.envelope(200, collection.properties());
    }

    private static ApiResponse change(ApiRequest request, Database database, String name, String sub) {
        return database.write(() -> {
            DocumentCollection collection = database.collection(name);
            switch (sub) {
                case "truncate":
                    collection.truncate();
                    return ApiResponse.envelope(200, collection.describe());
                case "properties":
                case "load":
                case "unload":
                case "loadIndexesIntoMemory":
                    return ApiResponse.envelope(200, collection.properties());
                default:
                    throw request.unknownPath();
            }
        });
    }
}
