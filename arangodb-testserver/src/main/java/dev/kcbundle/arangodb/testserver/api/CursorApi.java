package dev.kcbundle.arangodb.testserver.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kcbundle.arangodb.testserver.aql.QueryEngine;
import dev.kcbundle.arangodb.testserver.http.ApiHandler;
import dev.kcbundle.arangodb.testserver.http.ApiRequest;
import dev.kcbundle.arangodb.testserver.http.ApiResponse;
import dev.kcbundle.arangodb.testserver.store.ArangoError;
import dev.kcbundle.arangodb.testserver.store.Json;
import dev.kcbundle.arangodb.testserver.store.Ticks;
import dev.kcbundle.arangodb.testserver.store.Users;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code /_api/cursor}: runs a query and serves its results in batches ({@code hasMore}, {@code id}, next batch by
 * {@code POST /_api/cursor/<id>}, {@code DELETE}), with {@code count}. {@code options.fullCount} and
 * {@code options.allowRetry} are refused (501): no product query asks for them.
 */
public final class CursorApi implements ApiHandler {

    private static final int DEFAULT_BATCH_SIZE = 1000;
    private static final double DEFAULT_TTL_SECONDS = 30;

    private final QueryEngine engine = new QueryEngine();
    private final Ticks ticks;
    private final Map<String, OpenCursor> cursors = new ConcurrentHashMap<>();

    public CursorApi(Ticks ticks) {
        this.ticks = ticks;
    }

    /** Results not yet sent. */
    private static final class OpenCursor {
        final String database;
        final List<JsonNode> values;
        final int batchSize;
        final Integer count;
        final ObjectNode extra;
        final long ttlMillis;
        int sent;
        volatile long expiresAt;

        OpenCursor(
                String database,
                List<JsonNode> values,
                int batchSize,
                Integer count,
                ObjectNode extra,
                long ttlMillis) {
            this.database = database;
            this.values = values;
            this.batchSize = batchSize;
            this.count = count;
            this.extra = extra;
            this.ttlMillis = ttlMillis;
            touch();
        }

        void touch() {
            expiresAt = System.currentTimeMillis() + ttlMillis;
        }
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        expireOld();
        String id = request.segment(2);
        switch (request.method()) {
            case "POST":
                return id == null ? create(request) : nextBatch(request, id);
            case "DELETE":
                if (id == null) {
                    throw ArangoError.badParameter("expecting DELETE /_api/cursor/<cursor-id>");
                }
                if (cursors.remove(id) == null) {
                    throw cursorNotFound();
                }
                ObjectNode body = Json.object();
                body.put("id", id);
                return ApiResponse.envelope(202, body);
            default:
                throw request.methodNotAllowed();
        }
    }

    private ApiResponse create(ApiRequest request) {
        JsonNode body = request.requiredJson();
        if (!body.isObject()) {
            throw ArangoError.badParameter("expecting an object with a query");
        }
        JsonNode query = body.get("query");
        if (query == null || !query.isTextual()) {
            throw ArangoError.badParameter("expecting attribute 'query'");
        }
        JsonNode bindVars = body.get("bindVars");
        if (bindVars != null && !bindVars.isNull() && !bindVars.isObject()) {
            throw ArangoError.badParameter("expecting object for 'bindVars'");
        }
        int batchSize = DEFAULT_BATCH_SIZE;
        JsonNode batch = body.get("batchSize");
        if (batch != null && !batch.isNull()) {
            if (!batch.isNumber() || batch.asInt() < 1) {
                throw ArangoError.badParameter("expecting non-zero value for 'batchSize'");
            }
            batchSize = batch.asInt();
        }
        for (String option : List.of("fullCount", "allowRetry")) {
            if (body.path("options").path(option).asBoolean(false)) {
                throw ArangoError.notImplemented("cursor option " + option);
            }
        }
        QueryEngine.Result result = engine.execute(
                request.database(),
                query.textValue(),
                bindVars == null || bindVars.isNull() ? null : (ObjectNode) bindVars,
                request.level() == Users.Level.RW);
        Integer count = body.path("count").asBoolean(false) ? result.values().size() : null;
        double ttl = body.path("ttl").asDouble(DEFAULT_TTL_SECONDS);
        OpenCursor cursor =
                new OpenCursor(request.database().name(), result.values(), batchSize, count, result.extra(), (long)
                        ((ttl > 0 ? ttl : DEFAULT_TTL_SECONDS) * 1000));
        String id = Long.toString(ticks.next());
        ApiResponse response = batch(cursor, id, 201);
        if (cursor.sent < cursor.values.size()) {
            cursors.put(id, cursor);
        }
        return response;
    }

    /** The next batch; a cursor is gone after its last batch. */
    private ApiResponse nextBatch(ApiRequest request, String id) {
        OpenCursor cursor = cursors.get(id);
        if (cursor == null || !cursor.database.equals(request.database().name())) {
            throw cursorNotFound();
        }
        synchronized (cursor) {
            cursor.touch();
            ApiResponse response = batch(cursor, id, 200);
            if (cursor.sent >= cursor.values.size()) {
                cursors.remove(id);
            }
            return response;
        }
    }

    private static ApiResponse batch(OpenCursor cursor, String id, int status) {
        ObjectNode body = Json.object();
        ArrayNode result = body.putArray("result");
        int end = Math.min(cursor.sent + cursor.batchSize, cursor.values.size());
        for (int i = cursor.sent; i < end; i++) {
            result.add(cursor.values.get(i));
        }
        cursor.sent = end;
        boolean hasMore = end < cursor.values.size();
        body.put("hasMore", hasMore);
        if (hasMore) {
            body.put("id", id);
        }
        if (cursor.count != null) {
            body.put("count", cursor.count);
        }
        body.set("extra", cursor.extra);
        body.put("cached", false);
        return ApiResponse.envelope(status, body);
    }

    private void expireOld() {
        long now = System.currentTimeMillis();
        cursors.values().removeIf(cursor -> cursor.expiresAt < now);
    }

    private static ArangoError cursorNotFound() {
        return new ArangoError(404, ArangoError.CURSOR_NOT_FOUND, "cursor not found");
    }
}
