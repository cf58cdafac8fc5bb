package dev.kcbundle.arangodb.testserver.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kcbundle.arangodb.testserver.http.ApiHandler;
import dev.kcbundle.arangodb.testserver.http.ApiRequest;
import dev.kcbundle.arangodb.testserver.http.ApiResponse;
import dev.kcbundle.arangodb.testserver.store.Json;

/** {@code GET /_api/version}. */
public final class VersionApi implements ApiHandler {

    /** The ArangoDB release whose HTTP API this stand-in follows. */
    public static final String VERSION = "3.12.4";

    @Override
    public ApiResponse handle(ApiRequest request) {
        if (!request.method().equals("GET") || request.segmentCount() != 2) {
            throw request.methodNotAllowed();
        }
        ObjectNode body = Json.object();
        body.put("server", "arango");
        body.put("license", "community");
        body.put("version", VERSION);
        return ApiResponse.of(200, body);
    }
}
