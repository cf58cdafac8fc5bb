package dev.kcbundle.arangodb.testserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Status, JSON body (null for none) and extra headers of one answer. */
public final class ApiResponse {

    private final int status;
    private final JsonNode body;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private ApiResponse(int status, JsonNode body) {
        this.status = status;
        this.body = body;
    }

    public static ApiResponse of(int status, JsonNode body) {
        return new ApiResponse(status, body);
    }

    /** An object body with ArangoDB's {@code "error": false, "code": status} envelope fields added. */
    public static ApiResponse envelope(int status, ObjectNode body) {
        body.put("error", false);
        body.put("code", status);
        return new ApiResponse(status, body);
    }

    public ApiResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public JsonNode body() {
        return body;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
