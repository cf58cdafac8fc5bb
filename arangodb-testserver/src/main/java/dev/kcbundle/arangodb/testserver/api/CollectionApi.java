package dev.kcbundle.arangodb.testserver.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kcbundle.arangodb.testserver.http.ApiHandler;
import dev.kcbundle.arangodb.testserver.http.ApiRequest;
import dev.kcbundle.arangodb.testserver.http.ApiResponse;
import dev.kcbundle.arangodb.testserver.store.ArangoError;
import dev.kcbundle.arangodb.testserver.store.Database;
import dev.kcbundle.arangodb.testserver.store.DocumentCollection;
import dev.kcbundle.arangodb.testserver.store.Json;

/** {@code /_api/collection}: create (document collections), info, properties, count, truncate, drop. */
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
                    throw request.methodNotAllowed();
                }
                return database.read(() -> read(request, database.collection(name), sub));
            case "POST":
                if (name != null) {
                    throw request.unknownPath();
                }
                request.requireDatabaseWrite();
                return create(database, request.requiredJson());
            case "PUT":
                if (name == null || !"truncate".equals(sub)) {
                    throw request.methodNotAllowed();
                }
                request.requireCollectionWrite();
                return database.write(() -> {
                    DocumentCollection collection = database.collection(name);
                    collection.truncate();
                    return ApiResponse.envelope(200, collection.describe());
                });
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
            default:
                throw request.unknownPath();
        }
    }

    private static ApiResponse create(Database database, JsonNode body) {
        JsonNode name = body.get("name");
        JsonNode type = body.get("type");
        if (type != null && !type.isNull() && type.asInt() != DocumentCollection.TYPE_DOCUMENT) {
            throw ArangoError.notImplemented("collection type " + type + " (only document collections, type 2)");
        }
        DocumentCollection collection = database.createCollection(name == null ? null : name.asText(null));
        return ApiResponse.envelope(200, collection.properties());
    }
}
