package dev.kcbundle.arangodb.testserver.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kcbundle.arangodb.testserver.http.ApiHandler;
import dev.kcbundle.arangodb.testserver.http.ApiRequest;
import dev.kcbundle.arangodb.testserver.http.ApiResponse;
import dev.kcbundle.arangodb.testserver.store.ArangoError;
import dev.kcbundle.arangodb.testserver.store.Database;
import dev.kcbundle.arangodb.testserver.store.DocumentCollection;
import dev.kcbundle.arangodb.testserver.store.Json;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /_api/document}: single documents (insert, read, replace, update, remove, HEAD) with {@code returnNew},
 * {@code returnOld}, {@code silent}, {@code overwriteMode} replace/update, {@code keepNull}, {@code mergeObjects},
 * {@code ignoreRevs} and {@code If-Match} on writes; arrays of documents for insert, replace, update and read
 * ({@code onlyget}).
 */
public final class DocumentApi implements ApiHandler {

    private static final String CONFLICT_MESSAGE = "conflict, _rev values do not match";

    @Override
    public ApiResponse handle(ApiRequest request) {
        Database database = request.database();
        String collectionName = request.segment(2);
        if (collectionName == null) {
            throw request.unknownPath();
        }
        String key = request.segment(3);
        if (request.segmentCount() > 4) {
            throw request.unknownPath();
        }
        String method = request.method();
        if (!method.equals("GET") && !method.equals("HEAD") && !request.flag("onlyget", false)) {
            request.requireCollectionWrite();
        }
        if (key == null) {
            if (method.equals("POST")) {
                return database.write(() -> insert(request, database.collection(collectionName)));
            }
            if (method.equals("PUT") && request.flag("onlyget", false)) {
                return database.read(() -> readMany(database.collection(collectionName), request.requiredJson()));
            }
            if (method.equals("PUT") || method.equals("PATCH")) {
                return database.write(() -> changeMany(request, database.collection(collectionName)));
            }
            throw request.methodNotAllowed();
        }
        switch (method) {
            case "GET":
            case "HEAD":
                return database.read(() -> read(database.collection(collectionName), key));
            case "PUT":
            case "PATCH":
            case "DELETE":
                return database.write(() -> {
                    DocumentCollection collection = database.collection(collectionName);
                    return single(request, collection, key, request.json());
                });
            default:
                throw request.methodNotAllowed();
        }
    }

    private static ApiResponse read(DocumentCollection collection, String key) {
        ObjectNode document = collection.get(key);
        if (document == null) {
            throw ArangoError.documentNotFound();
        }
        return ApiResponse.of(200, document)
                .header("Etag", quote(document.get("_rev").textValue()));
    }

    private static ApiResponse readMany(DocumentCollection collection, JsonNode keys) {
        if (!keys.isArray()) {
            throw ArangoError.badParameter("expecting an array of keys");
        }
        ArrayNode result = Json.array();
        Map<String, Integer> errors = new TreeMap<>();
        for (JsonNode item : keys) {
            String key = item.isObject() ? item.path("_key").asText(null) : item.asText(null);
            ObjectNode document = key == null ? null : collection.get(key);
            if (document == null) {
                result.add(errorItem(ArangoError.documentNotFound(), errors));
            } else {
                result.add(document);
            }
        }
        return withErrorCodes(ApiResponse.of(200, result), errors);
    }

    private static ApiResponse insert(ApiRequest request, DocumentCollection collection) {
        JsonNode body = request.requiredJson();
        if (!body.isArray()) {
            return ApiResponse.of(status(request), insertOne(request, collection, body));
        }
        ArrayNode results = Json.array();
        Map<String, Integer> errors = new TreeMap<>();
        for (JsonNode item : body) {
            try {
                results.add(insertOne(request, collection, item));
            } catch (ArangoError e) {
                results.add(errorItem(e, errors));
            }
        }
        return withErrorCodes(ApiResponse.of(status(request), results), errors);
    }

    private static ObjectNode insertOne(ApiRequest request, DocumentCollection collection, JsonNode body) {
        String overwriteMode = request.query()
                .getOrDefault("overwriteMode", request.flag("overwrite", false) ? "replace" : "conflict");
        JsonNode givenKey = body.isObject() ? body.get("_key") : null;
        ObjectNode existing = givenKey != null && givenKey.isTextual() ? collection.get(givenKey.textValue()) : null;
        if (existing != null && !overwriteMode.equals("conflict")) {
            String key = givenKey.textValue();
            switch (overwriteMode) {
                case "replace":
                    return written(collection.replace(key, body, null), existing, request, true);
                case "update":
                    return written(
                            collection.update(
                                    key,
                                    body,
                                    request.flag("keepNull", true),
                                    request.flag("mergeObjects", true),
                                    null),
                            existing,
                            request,
                            true);
                default:
                    throw ArangoError.notImplemented("overwriteMode " + overwriteMode);
            }
        }
        ObjectNode stored = collection.insert(body, null);
        return written(stored, null, request, false);
    }

    private static ApiResponse changeMany(ApiRequest request, DocumentCollection collection) {
        JsonNode body = request.requiredJson();
        if (!body.isArray()) {
            throw ArangoError.badParameter("expecting an array of documents");
        }
        ArrayNode results = Json.array();
        Map<String, Integer> errors = new TreeMap<>();
        for (JsonNode item : body) {
            try {
                String key = item.isObject() ? item.path("_key").asText(null) : item.asText(null);
                if (key == null) {
                    throw new ArangoError(ArangoError.HTTP_BAD, 1227, "invalid document type");
                }
                ObjectNode current = collection.get(key);
                if (current == null) {
                    throw ArangoError.documentNotFound();
                }
                if (!request.flag("ignoreRevs", true)
                        && item.isObject()
                        && item.hasNonNull("_rev")
                        && !item.get("_rev").asText().equals(current.get("_rev").textValue())) {
                    throw conflict(current);
                }
                results.add(change(request, collection, key, item));
            } catch (ArangoError e) {
                results.add(errorItem(e, errors));
            }
        }
        return withErrorCodes(ApiResponse.of(status(request), results), errors);
    }

    private static ApiResponse single(ApiRequest request, DocumentCollection collection, String key, JsonNode body) {
        ObjectNode current = collection.get(key);
        if (current == null) {
            throw ArangoError.documentNotFound();
        }
        String rev = current.get("_rev").textValue();
        String ifMatch = unquote(request.header("If-Match"));
        if (ifMatch != null && !ifMatch.equals(rev)) {
            throw conflict(current);
        }
        if (!request.flag("ignoreRevs", true)
                && body != null
                && body.isObject()
                && body.hasNonNull("_rev")
                && !body.get("_rev").asText().equals(rev)) {
            throw conflict(current);
        }
        ObjectNode result = change(request, collection, key, body);
        ApiResponse response = ApiResponse.of(status(request), result);
        if (result != null && result.has("_rev")) {
            response.header("Etag", quote(result.get("_rev").textValue()));
        }
        return response;
    }

    private static ObjectNode change(ApiRequest request, DocumentCollection collection, String key, JsonNode body) {
        ObjectNode old = collection.get(key);
        switch (request.method()) {
            case "PUT":
                return written(collection.replace(key, body, null), old, request, true);
            case "PATCH":
                return written(
                        collection.update(
                                key, body, request.flag("keepNull", true), request.flag("mergeObjects", true), null),
                        old,
                        request,
                        true);
            default:
                collection.remove(key, null);
                ObjectNode result = header(old);
                if (request.flag("returnOld", false)) {
                    result.set("old", old);
                }
                return request.flag("silent", false) ? Json.object() : result;
        }
    }

    /** The answer for a written document: {@code _id}, {@code _key}, {@code _rev}, {@code _oldRev}, new, old. */
    private static ObjectNode written(ObjectNode stored, ObjectNode old, ApiRequest request, boolean withOldRev) {
        if (request.flag("silent", false)) {
            return Json.object();
        }
        ObjectNode result = header(stored);
        if (withOldRev && old != null) {
            result.put("_oldRev", old.get("_rev").textValue());
        }
        if (request.flag("returnNew", false)) {
            result.set("new", stored);
        }
        if (request.flag("returnOld", false) && old != null) {
            result.set("old", old);
        }
        return result;
    }

    private static ObjectNode header(ObjectNode document) {
        ObjectNode result = Json.object();
        result.set("_id", document.get("_id"));
        result.set("_key", document.get("_key"));
        result.set("_rev", document.get("_rev"));
        return result;
    }

    private static ArangoError conflict(ObjectNode current) {
        return new ArangoError(
                ArangoError.HTTP_PRECONDITION_FAILED, ArangoError.CONFLICT, CONFLICT_MESSAGE, header(current));
    }

    /**
     * One failed item of a multi-document request: error, errorNum, errorMessage only. (The driver counts an item
     * carrying {@code _id}, {@code _key} or {@code _rev} as a document, so a conflict's current revision is left out.)
     */
    private static ObjectNode errorItem(ArangoError e, Map<String, Integer> errors) {
        errors.merge(Integer.toString(e.errorNum()), 1, Integer::sum);
        ObjectNode item = Json.object();
        item.put("error", true);
        item.put("errorNum", e.errorNum());
        item.put("errorMessage", e.getMessage());
        return item;
    }

    private static ApiResponse withErrorCodes(ApiResponse response, Map<String, Integer> errors) {
        if (!errors.isEmpty()) {
            ObjectNode codes = Json.object();
            errors.forEach(codes::put);
            response.header("X-Arango-Error-Codes", Json.text(codes));
        }
        return response;
    }

    private static int status(ApiRequest request) {
        return request.flag("waitForSync", false) ? 201 : 202;
    }

    private static String quote(String rev) {
        return "\"" + rev + "\"";
    }

    private static String unquote(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
            return trimmed.substring(1, trimmed.length() - 1);
        }
        return trimmed;
    }
}
