package dev.kcbundle.arangodb.testserver.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kcbundle.arangodb.testserver.http.ApiHandler;
import dev.kcbundle.arangodb.testserver.http.ApiRequest;
import dev.kcbundle.arangodb.testserver.http.ApiResponse;
import dev.kcbundle.arangodb.testserver.store.Json;

/** {@code GET /_api/version} and {@code GET /_api/engine}. */
public final class VersionApi implements ApiHandler {

    /** The ArangoDB release whose HTTP API this stand-in follows. */
    public static final String VERSION = "3.12.4";

    private final boolean engine;

    private VersionApi(boolean engine) {
        this.engine = engine;
    }

    public static VersionApi version() {
        return new VersionApi(false);
    }

    public static VersionApi engine() {
        return new VersionApi(true);
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        if (!request.method().equals("GET") || request.segmentCount() != 2) {
            throw request.methodNotAllowed();
        }
        ObjectNode body = Json.object();
        if (engine) {
            body.put("name", "rocksdb");
            body.putObject("supports").put("dfdb", false);
            return ApiResponse.of(200, body);
        }
        body.put("server", "arango");
        body.put("license", "community");
        body.put("version", VERSION);
        if (request.flag("details", false)) {
            ObjectNode details = body.putObject("details");
            details.put("mode", "server");
            details.put("role", "SINGLE");
            details.put("engine", "rocksdb");
            details.put("stand-in", "in-memory ArangoDB stand-in (dev.kcbundle arangodb-testserver)");
        }
        return ApiResponse.of(200, body);
    }
}
